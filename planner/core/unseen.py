"""Which characters of a text nobody sees where they stand.

A zero-width space, a bidirectional control, a no-break space (it passes for a plain one),
a variation selector after a letter: :mod:`planner.core.shown_figures` refuses them in ids, shows
them escaped and drops them when names are compared. A presentation selector after a
symbol, the joiners and tags that draw one emoji (a family, a rainbow flag, the flag of
Scotland), and a joiner or non-joiner that shapes the letters beside it (Persian, Hindi)
change what is drawn, and are kept. The bidirectional controls that change the order
characters are shown in (:func:`reordering_controls`) are read here too: the order a page
shows a name in (:func:`as_ordered`), and when they change nothing (:func:`shown_as_typed`);
and a right-to-left name is set apart in a sentence (:func:`right_to_left_isolated`), so that
the figures after it keep their order.
"""

from __future__ import annotations

import unicodedata

#: Unicode categories nobody sees: controls, format (zero-width, bidi, BOM, soft
#: hyphen), line/paragraph separators and lone surrogates. (Unassigned code points
#: stay allowed: an emoji newer than this Python's Unicode tables is still visible.)
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def is_invisible(char: str) -> bool:
    """Whether ``char`` draws nothing a reader sees: a control, format or separator
    character, or a space other than the plain one."""
    category = unicodedata.category(char)
    if category in _INVISIBLE_CATEGORIES:
        return True
    # Spaces other than the plain one (no-break, thin, ideographic...) look like it.
    return category == "Zs" and char != " "


#: Characters with no look of their own that Unicode files as marks or letters, not as
#: format characters: the combining grapheme joiner, Hangul and Khmer fillers, Mongolian
#: variation selectors and the variation selectors ('sdr' + U+FE0F looked exactly like 'sdr').
_IGNORABLE_SINGLES = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0")
#: The text and emoji presentation selectors: after a symbol (U+2764 U+FE0F, a red heart) or
#: before a keycap (1 U+FE0F U+20E3) they choose how it is drawn, as a name means.
PRESENTATION = frozenset("\ufe0e\ufe0f")
#: Emoji drawn from a character Unicode files as punctuation, a maths symbol or a letter
#: rather than as a symbol ('‼', '↔', 'ℹ', '〰', '◻'): a presentation selector after one
#: draws it as an emoji, as after a symbol.
_EMOJI_NOT_SYMBOLS = frozenset(
    "\u203c\u2049\u2139\u2194\u2934\u2935\u3030\u303d\u25fb\u25fc\u25fd\u25fe"
)
_JOINER = "\u200d"
#: The black flag that tag characters (U+E0020 to U+E007F) turn into a region's flag:
#: Scotland's and England's differ only in their tags.
_TAGGED_FLAG = "\U0001f3f4"
_SKIN_TONES = range(0x1F3FB, 0x1F400)


def _emoji_part(char: str, ahead: bool) -> bool:
    """``char`` is part of an emoji a zero-width joiner joins: a symbol, or (before the
    joiner) a skin tone, a presentation selector or a tag sequence's end."""
    if unicodedata.category(char) == "So":
        return True
    return not ahead and (ord(char) in _SKIN_TONES or char in "\ufe0f\U000e007f")


def _in_emoji(text: str, index: int) -> bool:
    """``text[index]``, a zero-width joiner or a tag character, draws part of an emoji
    there: a joiner between two (a family, a rainbow flag), tags after the black flag."""
    char = text[index]
    if char == _JOINER:
        return (
            0 < index < len(text) - 1
            and _emoji_part(text[index - 1], ahead=False)
            and _emoji_part(text[index + 1], ahead=True)
        )
    start = index
    while start > 0 and "\U000e0020" <= text[start - 1] <= "\U000e007f":
        start -= 1
    return start > 0 and text[start - 1] == _TAGGED_FLAG


def is_ignorable(char: str) -> bool:
    """Whether ``char`` is a mark or letter with no look of its own (a filler, a variation
    selector), which :func:`is_invisible` does not count."""
    code = ord(char)
    if code < 0x034F:
        return False
    return (
        char in _IGNORABLE_SINGLES
        or 0xFE00 <= code <= 0xFE0F
        or 0x180B <= code <= 0x180F
        or 0xE0100 <= code <= 0xE01EF
    )


#: The zero-width joiner and non-joiner: between letters that join or form conjuncts they
#: change what is drawn.
_JOINERS = frozenset("\u200c\u200d")
#: Arabic-script letters that never join the letter after them (alef, dal, reh, waw...;
#: by the start of their Unicode names): a non-joiner after one changes nothing drawn.
_JOINS_NO_NEXT = tuple(
    f"ARABIC LETTER {letter}"
    for letter in (
        "ALEF", "DAL", "THAL", "DDAL", "REH", "RREH", "ZAIN", "JEH", "WAW",
        "TEH MARBUTA", "HAMZA", "YEH BARREE",
    )
)  # fmt: skip


def _shapes_letters(text: str, index: int) -> bool:
    """``text[index]``, a joiner or non-joiner, changes how the letters beside it are
    drawn: after a virama (Devanagari '्' and its kin: which conjunct is drawn), or, a
    non-joiner, between two Arabic-script letters the first of which joins the next
    (Persian 'برنامه‌ریزی', planning, is written with one). Python has no script or
    joining-type table; the characters' names stand in for them."""
    if not 0 < index < len(text) - 1:
        return False
    before = unicodedata.name(text[index - 1], "")
    after = text[index + 1]
    if not unicodedata.category(after).startswith(("L", "M")):
        return False
    if before.endswith("SIGN VIRAMA"):
        return True
    return (
        text[index] == "\u200c"  # two such letters join without a joiner
        and before.startswith("ARABIC LETTER")
        and not before.startswith(_JOINS_NO_NEXT)
        and unicodedata.name(after, "").startswith("ARABIC")
    )


def hidden_at(text: str, index: int) -> bool:
    """``text[index]`` is invisible, or a mark nobody sees where it stands."""
    char = text[index]
    if char in _JOINERS and _shapes_letters(text, index):
        return False
    if char == _JOINER or "\U000e0020" <= char <= "\U000e007f":
        return not _in_emoji(text, index)
    if is_invisible(char):
        return True
    if not is_ignorable(char):
        return False
    if char in PRESENTATION:
        before = text[index - 1] if index else ""
        after = text[index + 1 : index + 2]
        drawn = before and (unicodedata.category(before) == "So" or before in _EMOJI_NOT_SYMBOLS)
        return not (after == "\u20e3" or drawn)
    return True


#: The controls that change the order characters are shown in (the embeddings, overrides
#: and isolates of Unicode's bidirectional algorithm, "Trojan Source"): right-to-left text
#: (Arabic, Hebrew) shows in its own order without any of them.
_REORDERING = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
RIGHT_TO_LEFT_OVERRIDE = "\u202e"
_POP = frozenset("\u202c\u2069")


def reordering_controls(text: str) -> list[str]:
    """The characters of ``text`` that change the order the rest is shown in."""
    return [char for char in text if char in _REORDERING]


def as_ordered(text: str) -> str:
    """``text`` with each run after a right-to-left override (to its pop or the end)
    reversed, as a page or a spreadsheet shows it: U+202E 'sEA tekraM-diM' shows as
    'Mid-Market AEs'. Other controls are left for
    :func:`planner.core.identifiers.name_key` to drop."""
    if RIGHT_TO_LEFT_OVERRIDE not in text:
        return text
    out: list[str] = []
    run: list[str] | None = None
    for char in text:
        if char == RIGHT_TO_LEFT_OVERRIDE:
            if run is not None:
                out.extend(reversed(run))
            run = []
        elif char in _POP and run is not None:
            out.extend(reversed(run))
            run = None
        elif run is not None:
            run.append(char)
        else:
            out.append(char)
    if run is not None:
        out.extend(reversed(run))
    return "".join(out)


#: The controls that leave left-to-right text in the order it is typed: the left-to-right
#: embedding and isolate, the first-strong isolate (apps wrap a name they show in one) and
#: the pops.
_LEFT_TO_RIGHT_OR_POP = frozenset("\u202a\u202c\u2066\u2068\u2069")


def shown_as_typed(text: str, controls: list[str]) -> bool:
    """``controls`` change nothing a reader sees of ``text``: only
    :data:`_LEFT_TO_RIGHT_OR_POP`, and no right-to-left letter or Arabic digit they could
    move ('\u2068Ana García\u2069' shows as 'Ana García')."""
    return set(controls) <= _LEFT_TO_RIGHT_OR_POP and not any(
        unicodedata.bidirectional(c) in ("R", "AL", "AN") for c in text
    )


#: Unicode's right-to-left isolate and its end: text between them is laid out on its own.
_RIGHT_TO_LEFT_ISOLATE, _POP_ISOLATE = "\u2067", "\u2069"
#: The characters :func:`right_to_left_isolated` adds, for the page to take out of text a
#: leader copies (``pages.first_paint``): they are layout, not the name.
ADDED_ISOLATES = _RIGHT_TO_LEFT_ISOLATE + _POP_ISOLATE


def right_to_left_isolated(text: str) -> str:
    """``text`` with each run of right-to-left writing (Hebrew, Arabic: its words and the
    spaces between them) set apart by Unicode's isolates.

    A browser lays out a sentence's neutral characters and digits by the letters around
    them: "Low odds: לידים שיווקיים (3 %), ..." read "Low odds: (% 3) לידים שיווקיים", the
    figure reversed and before the goal it is of. Isolated, the name reads as typed and
    the sentence around it as written. Text without such letters is returned as it is.
    """
    if text.isascii():
        return text
    out: list[str] = []
    done = 0  # text before this index is in ``out``
    start = last = -1  # the open run's first and last right-to-left letter
    for index, char in enumerate(text):
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            start = index if start < 0 else start
            last = index
        elif start >= 0 and not (kind in ("NSM", "BN") or (char.isspace() and char != "\n")):
            out += [text[done:start], _RIGHT_TO_LEFT_ISOLATE, text[start : last + 1], _POP_ISOLATE]
            done, start = last + 1, -1
    if start >= 0:
        out += [text[done:start], _RIGHT_TO_LEFT_ISOLATE, text[start : last + 1], _POP_ISOLATE]
        done = last + 1
    return "".join(out) + text[done:]
