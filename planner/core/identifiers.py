"""Identifiers people can see, and text shown as typed.

Ids (team, project, goal ids, skill and stage names, multiplier keys) are
compared after trimming and Unicode NFC normalisation (:func:`identifier`), so
``café`` typed on two keyboards is one id. Characters nobody can see (zero-width
spaces, bidirectional controls, other format and control characters, non-breaking
and other odd spaces) are refused in ids (:func:`identifier_problem`): two ids that
look the same must be the same. :func:`escaped` shows them, so a message can say
which one (``sdr\\u200b``); :func:`id_key` and :func:`name_key` tell ids and names
apart as a reader does, to name the one meant.

Display names and notes may hold any text; wherever they are printed on a
terminal, :func:`escaped` keeps a name from driving it, and on a page
:func:`markdown_literal` keeps it from being Markdown.
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from collections.abc import Collection, Iterable

from planner.core.unseen import (
    PRESENTATION,
    RIGHT_TO_LEFT_OVERRIDE,
    as_ordered,
    hidden_at,
    is_ignorable,
    reordering_controls,
    right_to_left_isolated,
    shown_as_typed,
)

#: How alike an unknown id and a known one are spelled (difflib's ratio, capitals aside)
#: to ask whether one was meant: 'AW-02' and 'AW-2' are 0.89, 'AW-02' and 'BR-9' 0.22.
LIKENESS = 0.75


def closest_id(ident: str, ids: Iterable[str]) -> str | None:
    """The one of ``ids`` spelled closest to ``ident``, at least :data:`LIKENESS` alike
    and closer than any other; ``None`` when none is, or two are as close. One that is
    ``ident`` with other leading zeros comes first ('001' for '1').

    The quick upper bounds come first (as :func:`difflib.get_close_matches`'s do), so
    10,000 ids are searched in milliseconds.
    """
    ids = ids if isinstance(ids, Collection) else list(ids)
    if (same := same_numbers(ident, ids)) is not None:
        return same
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(ident.casefold())
    best, second, found = 0.0, 0.0, None
    for known in ids:
        matcher.set_seq1(known.casefold())
        if matcher.real_quick_ratio() < LIKENESS or matcher.quick_ratio() < LIKENESS:
            continue
        ratio = matcher.ratio()
        if ratio > best:
            best, second, found = ratio, best, known
        elif ratio > second:
            second = ratio
    if found is None or best < LIKENESS or second == best:
        return None
    return found


_DIGITS = re.compile(r"[0-9]+")
_NO_DIGITS = str.maketrans("", "", "0123456789")


def _numbers_key(text: str) -> str:
    """``text`` case-folded with each run of digits read as its number: 'AW-2', 'aw-02' and
    'AW-002' are one key, as are '1' and '001'."""
    # Zeros stripped, not int(): a run of 5,000 digits is past what int() reads.
    return _DIGITS.sub(lambda found: found.group().lstrip("0") or "0", text.casefold())


def same_numbers(ident: str, ids: Iterable[str]) -> str | None:
    """The one of ``ids`` that is ``ident`` with its numbers written with other leading
    zeros ('001' for '1', 'AW-02' for 'AW-2'); None when none is, or two are. Spelling
    alone missed them: '1' and '001' are 0.5 alike, and 'AW-2' as close to 'AW-20'."""
    if not any(c.isdigit() for c in ident):
        return None
    key, letters = _numbers_key(ident), ident.casefold().translate(_NO_DIGITS)
    found = [
        known
        for known in ids
        if known != ident
        and known.casefold().translate(_NO_DIGITS) == letters
        and _numbers_key(known) == key
    ]
    return found[0] if len(found) == 1 else None


def near_ids(ident: str, ids: Collection[str], n: int = 3) -> list[str]:
    """Up to ``n`` of ``ids`` a reference ``ident`` may have meant, for "Did you mean ...?":
    the one with other leading zeros alone ('001' for '1'), else the closest spelled
    (:func:`difflib.get_close_matches`), whatever their case: 'lg-02x' offered nothing
    for LG-02, difflib reading 'l' and 'L' as two letters."""
    if (same := same_numbers(ident, ids)) is not None:
        return [same]
    folded: dict[str, str] = {}
    for i in ids:
        folded.setdefault(i.casefold(), i)
    return [folded[k] for k in difflib.get_close_matches(ident.casefold(), list(folded), n=n)]


#: How to fix an id that holds invisible characters.
IDENTIFIER_FIX = "Retype the id with visible characters only (no zero-width or control characters)."


def invisible_characters(text: str) -> list[str]:
    """The characters of ``text`` nobody can see (or that pass for a plain space)."""
    if text.isascii() and text.isprintable():
        return []  # an id as most are written: no character to look at one by one
    return [char for index, char in enumerate(text) if hidden_at(text, index)]


def escaped(text: str) -> str:
    """``text`` with every invisible or control character written as an escape.

    ``"sdr\\u200b"`` for a zero-width space, ``"\\x1b[31m"`` for a terminal
    colour code, ``"a\\nb"`` for a line break. Everything else stays exact.
    """
    if text.isascii() and text.isprintable():
        return text  # the usual sentence: nothing to escape
    out = []
    for index, char in enumerate(text):
        # Printable is never invisible (those categories do not print); a mark may be.
        if (char.isprintable() and not is_ignorable(char)) or not hidden_at(text, index):
            out.append(char)
        elif char in "\t\n\r":
            out.append(char.encode("unicode_escape").decode("ascii"))
        else:
            code = ord(char)
            if code < 0x100:
                out.append(f"\\x{code:02x}")
            elif code < 0x10000:
                out.append(f"\\u{code:04x}")
            else:
                out.append(f"\\U{code:08x}")
    return "".join(out)


def undecodable(text: str) -> list[str]:
    """The bytes of ``text`` that were not UTF-8, as Python reads them from a command line
    (a byte 0xE9 of a Latin-1 terminal is the lone surrogate ``\\udce9``): text no file or
    database can hold."""
    return [char for char in text if "\ud800" <= char <= "\udfff"]


def utf8_typed(text: str) -> str:
    """``text`` as the UTF-8 it is, when a command line handed it over as escaped bytes.

    Python reads its command line in the locale's encoding: under an ASCII locale
    (``LC_ALL=C`` with ``PYTHONUTF8=0``, as a cron job or a service may run it) the
    'Café' a UTF-8 terminal typed arrives as ``Caf\\udcc3\\udca9``. A scenario name was
    refused as "a byte that is not UTF-8 text ... Retype it in a terminal set to UTF-8" of
    the UTF-8 it was, a saved 'Café' and a goal id 'churn-savéd' were not found. Bytes
    that are not UTF-8 (a Latin-1 terminal's lone 0xE9) stay escaped, told as before; text
    read from a file (decoded as UTF-8 already) is returned as it is."""
    if not undecodable(text):
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8")
    except UnicodeError:
        return text


#: What a spreadsheet reads as the start of a formula; a tab or a line break too.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def runs_as_formula(text: str) -> bool:
    """Whether a spreadsheet would run ``text`` as a formula (``=SUM(A1)``, ``+1``, ``@x``).

    SPEC "Spreadsheets": text cells are formula-safe, so every writer of a
    spreadsheet (plan.csv, the ``.xlsx`` workbooks) asks this of each text cell.
    """
    return text.startswith(_FORMULA_STARTS)


def identifier(text: str) -> str:
    """An id as compared: trimmed and NFC-normalised, without the apostrophe a spreadsheet
    user types before it to keep the cell as text (``'AW-02``), which the cell does not
    show: a rule naming 'AW-02 was told "did you rename ''AW-02' to 'AW-02'?". One before a
    formula or another apostrophe (``'=x``, as plan.csv guards a cell) is kept, so that
    such an id is written and read back as itself."""
    trimmed = utf8_typed(text).strip()
    rest = trimmed[1:].strip()
    if trimmed.startswith("'") and rest and not (runs_as_formula(rest) or rest[0] == "'"):
        trimmed = rest
    return unicodedata.normalize("NFC", trimmed)


def name_key(text: str) -> str:
    """A display name as a reader sees it, for telling two names apart.

    NFC-normalised, characters nobody sees dropped (other spaces and line
    breaks read as a plain space), trimmed: ``café`` typed on two keyboards,
    ``Q3`` with a zero-width space and ``Q3`` are one name; characters after a
    right-to-left override read in the order they are shown. The joiners and tags
    that draw one emoji are kept: the flags of Scotland and England are two names. Names are stored
    as given; only their comparison uses this.
    """
    if text.isascii() and text.isprintable():
        return text.strip()  # NFC already, nothing hidden, no space but the plain one
    seen = []
    shown = unicodedata.normalize("NFC", as_ordered(text))
    for index, char in enumerate(shown):
        if char.isspace():
            seen.append(" ")
        elif char.isprintable() and not is_ignorable(char):
            seen.append(char)
        elif char not in PRESENTATION and not hidden_at(shown, index):
            seen.append(char)  # a joiner or tag drawing an emoji; an unassigned code point
    return unicodedata.normalize("NFC", "".join(seen)).strip()


def id_key(text: str) -> str:
    """An id as a reader tells it apart, for naming the id meant by one typed otherwise.

    :func:`name_key`, then NFKC and case-folded: ``aw-01``, ``ＡＷ-01`` (typed with an East
    Asian input method in full-width mode) and ``AW-01`` are one key. Ids still compare
    exactly (SPEC); only the words naming a near twin use this. The four i's of Turkish
    are one letter here: case folding alone turns 'İ' into 'i' with a dot above and keeps
    'ı', so 'İstanbul' was not 'istanbul' in any case, and 'ISTANBUL' (the capitals of
    'ıstanbul' to a Turkish reader) was 'istanbul' alone.
    """
    folded = unicodedata.normalize("NFKC", name_key(text)).casefold()
    return folded.replace("i\u0307", "i").replace("\u0131", "i")


#: What a leader puts between ids listed in one value: a comma, a semicolon, a bar, spaces,
#: and the full-width comma, semicolon and bar and the ideographic comma an East Asian input
#: method types for them.
_ID_SEPARATORS = re.compile(r"[,;|\s\uff0c\uff1b\uff5c\u3001]+")


def ids_run_together(text: str, known: Collection[str]) -> list[str] | None:
    """The ids ``text`` holds when it is two or more ``known`` ids written as one value
    (``"AW-02,LG-01"``, ``"AW-02 LG-01"`` quoted as one argument), else None. One id
    written twice (``"AW-02, AW-02"``) is not two: it read "1 project ids written as one"."""
    parts = [part for part in _ID_SEPARATORS.split(text.strip()) if part]
    distinct = list(dict.fromkeys(parts))
    if len(distinct) < 2 or not all(part in known for part in parts):
        return None
    return distinct


def _another_form(typed: str, meant: str) -> tuple[str, str] | None:
    """The first character of ``typed`` or ``meant`` written in another form of a plainer
    one (full-width 'Ａ', the ligature 'ﬁ', a superscript '²'), and that plainer one."""
    for char in typed + meant:
        plain = _TURKISH_I.get(char) or unicodedata.normalize("NFKC", char)
        if plain != char:
            return char, plain
    return None


#: The dotted capital and the dotless small i of Turkish, and the letters that read as
#: them in other languages (:func:`id_key` folds them into one).
_TURKISH_I = {"\u0130": "I", "\u0131": "i"}


def alike_by(typed: str, meant: str) -> str:
    """What alone tells two ids of one :func:`id_key` apart: ``"case"``, or the form of
    their characters, naming one (``ＡＷ-01`` and ``AW-01``: "full-width 'Ａ' is not 'A'";
    ``ﬁ-01`` and ``fi-01``, one in case folding: "'ﬁ' is not 'fi'")."""
    form = _another_form(typed, meant)
    if form is None:
        return "case"
    char, plain = form
    width = "full-width " if unicodedata.east_asian_width(char) == "F" else ""
    return f"the form of their characters ({width}'{escaped(char)}' is not '{escaped(plain)}')"


def look_alike(typed: str, meant: str) -> str:
    """What tells apart two ids of one length differing in one character, when either of
    the two is not plain ASCII ("'А' (CYRILLIC CAPITAL LETTER A) is not 'A' (LATIN CAPITAL
    LETTER A)"): 'АW-04' and 'AW-04' read alike; "" otherwise."""
    pairs = [(a, b) for a, b in zip(typed, meant, strict=False) if a != b]
    if len(typed) != len(meant) or len(pairs) != 1 or (pairs[0][0] + pairs[0][1]).isascii():
        return ""
    (a, b), name = pairs[0], unicodedata.name
    return f"'{escaped(a)}' ({name(a, 'control')}) is not '{escaped(b)}' ({name(b, 'control')})"


#: Letters of the Cyrillic and Greek alphabets drawn as a Latin letter is (casefolded:
#: the capitals 'А', 'Н', 'Ρ' fold to these): 'ѕdr' beside 'sdr' are two ids nobody can
#: tell apart. Only letters drawn alike in most fonts; 'д' or 'λ' read as letters of their own.
_DRAWN_AS_LATIN = str.maketrans(
    "аеорсухѕіјԁһԛԝӏкмтвнαβεζηικμνορτυχ",
    "aeopcyxsijdhqwlkmtbhabezhikmnoptyx",
)
#: Punctuation a finger adds after an id ('AW-01.', 'sdr,'), which nobody reads as the id.
_TRAILING_MARKS = ".,;:"


def read_alike_key(text: str) -> str:
    """An id as a reader tells it apart, looser than :func:`id_key`: letters of another
    alphabet drawn as Latin ones read as those, and a full stop, comma, semicolon or colon
    after it is not read. Two ids of one key are warned about, never merged."""
    return id_key(text).translate(_DRAWN_AS_LATIN).rstrip(_TRAILING_MARKS)


#: The marks :data:`_TRAILING_MARKS` holds, as a reader names them.
_MARK_NAMES = {".": "full stop", ",": "comma", ";": "semicolon", ":": "colon"}


def _marks_at_end(text: str) -> str:
    """The marks after an id ('.,' of 'AW-01.,'), full-width ones ('．') too."""
    end = len(text)
    while end and unicodedata.normalize("NFKC", text[end - 1]) in _TRAILING_MARKS:
        end -= 1
    return text[end:]


def _marks_named(marks: str) -> str:
    """Marks in words, in their order: "a full stop", "a full stop and a comma", "two
    colons", "a full-width full stop"."""
    names = []
    for mark, run in itertools.groupby(marks):
        plain = unicodedata.normalize("NFKC", mark)
        width = "full-width " if plain != mark else ""
        count = len(list(run))
        name = f"{width}{_MARK_NAMES[plain]}"
        names.append(f"a {name}" if count == 1 else f"{'two' if count == 2 else count} {name}s")
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def read_alike_by(typed: str, other: str) -> str:
    """What tells apart two ids of one :func:`read_alike_key` and two :func:`id_key`, in
    words: a letter of another alphabet ("read alike: 'ѕ' (CYRILLIC SMALL LETTER DZE) is
    not 's' (LATIN SMALL LETTER S)"), the marks after one or both ("differ only in a full
    stop and a comma ('.,') at the end of 'AW-01.,'"), and case or the characters' form when
    those differ too ("differ in a full stop ('.') at the end of 'AW-01.' and in case")."""
    for a, b in zip(typed, other, strict=False):
        if a.casefold() != b.casefold() and not (a + b).isascii():
            name = unicodedata.name
            letter = (
                f"read alike: '{escaped(a)}' ({name(a, 'control')}) is not "
                f"'{escaped(b)}' ({name(b, 'control')})"
            )
            marks = _ends_words(typed, other)
            return letter if marks is None else f"{letter}, and differ in {marks}"
    ends = _ends_words(typed, other)
    if ends is None:  # not met: ids of one read_alike_key and one id_key
        return f"differ only in {alike_by(typed, other)}"
    body, other_body = (text[: len(text) - len(_marks_at_end(text))] for text in (typed, other))
    if body == other_body:
        return f"differ only in {ends}"
    return f"differ in {ends} and in {alike_by(body, other_body)}"


def _ends_words(typed: str, other: str) -> str | None:
    """The marks at the ends of two ids, in words ("a full stop ('.') at the end of
    'AW-01.'", "the marks at their ends: a full stop ('.') in 'AW-01.', a comma (',') in
    'AW-01,'"); ``None`` when they end alike."""
    ends = {text: _marks_at_end(text) for text in (typed, other)}
    if ends[typed] == ends[other]:
        return None
    if not ends[typed] or not ends[other]:
        text = typed if ends[typed] else other
        marks = ends[text]
        return f"{_marks_named(marks)} ('{escaped(marks)}') at the end of '{escaped(text)}'"
    return "the marks at their ends: " + ", ".join(
        f"{_marks_named(ends[text])} ('{escaped(ends[text])}') in '{escaped(text)}'"
        for text in (typed, other)
    )


def form_alike(typed: str, meant: str) -> str | None:
    """The form of characters telling two ids of one :func:`id_key` apart, in a few words
    ("full-width characters", "the form of characters"); None when only case does."""
    form = _another_form(typed, meant)
    if form is None:
        return None
    if unicodedata.east_asian_width(form[0]) == "F":
        return "full-width characters"
    return "the form of characters"


def identifier_problem(text: str, what: str = "id") -> str | None:
    """Why ``text`` cannot be an id (it holds characters nobody sees), or None."""
    hidden = invisible_characters(identifier(text))
    if not hidden:
        return None
    names = ", ".join(
        dict.fromkeys(f"{escaped(c)} ({unicodedata.name(c, 'control')})" for c in hidden)
    )
    return f"the {what} '{escaped(identifier(text))}' holds characters nobody can see: {names}."


def reordering_problem(text: str) -> tuple[str, str] | None:
    """What a name holding :func:`reordering_controls` shows as, and the fix; or None: the
    pages, charts and plan.xlsx order its characters as the controls say, where the command
    line shows them escaped, so the name may read as another name or as figures."""
    controls = list(dict.fromkeys(reordering_controls(text)))
    if not controls or shown_as_typed(text, controls):
        return None
    them = "it" if len(controls) == 1 else "them"
    fix = (
        f"Retype the name without {them} (right-to-left text such as Arabic or Hebrew is "
        f"shown in its own order without {them})."
    )
    named = " and ".join(f"U+{ord(c):04X} ({unicodedata.name(c)})" for c in controls)
    held = f"the name '{escaped(text)}' holds {named}"
    if RIGHT_TO_LEFT_OVERRIDE not in controls:
        return (
            f"{held}, which change the order the pages, charts and plan.xlsx show its "
            "characters in.",
            fix,
        )
    after = "it" if len(controls) == 1 else "the override"
    shows = "shows" if len(controls) == 1 else "show"
    return (
        f"{held}, which {shows} the characters after {after} in reverse order: the pages, "
        f"charts and plan.xlsx show it as '{escaped(name_key(text))}'.",
        fix,
    )


#: Every ASCII punctuation character: CommonMark lets each be escaped with a backslash,
#: which is how Markdown, Streamlit's directives (``:red[...]``, ``:material/x:``,
#: emoji short codes), HTML (``<``, ``&``) and LaTeX (``$``) all lose their meaning.
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def markdown_literal(text: str) -> str:
    """``text`` as Markdown that shows exactly ``text``: never markup, a link, LaTeX or HTML.

    Every ASCII punctuation character is backslash-escaped, line breaks and
    other invisible characters are shown as escapes (a name cannot start a
    new paragraph, list or heading), and leading or repeated spaces stay
    visible as spaces.
    """
    shown = escaped(text)
    out = []
    for index, char in enumerate(shown):
        following = shown[index + 1 : index + 2]
        # '&' starts an HTML entity only before a letter or '#': "Brand & Comms" stays as is.
        if char in _PUNCTUATION and not (
            char == "&" and not (following.isalnum() or following == "#")
        ):
            out.append("\\" + char)
        else:
            out.append(char)
    # Markdown drops leading spaces and collapses runs; no-break spaces keep them.
    return right_to_left_isolated("".join(out).replace("  ", " \u00a0"))


__all__ = [
    "IDENTIFIER_FIX",
    "alike_by",
    "escaped",
    "form_alike",
    "id_key",
    "identifier",
    "identifier_problem",
    "ids_run_together",
    "invisible_characters",
    "markdown_literal",
    "name_key",
    "read_alike_by",
    "read_alike_key",
    "reordering_problem",
    "undecodable",
]
