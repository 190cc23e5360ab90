"""User text: identifiers people can see, and text a terminal shows as text.

Ids (team, project, goal ids, skill and stage names, multiplier keys) are
compared after trimming and Unicode NFC normalisation, so ``café`` typed on
two keyboards is one id. Characters nobody can see (zero-width spaces,
bidirectional controls, other format and control characters, non-breaking
and other odd spaces) are refused in ids: two ids that look the same must be
the same. :func:`escaped` shows them, so a message can say which one
(``sdr\\u200b``).

Display names and notes may hold any text; wherever they are printed on a
terminal, :func:`escaped` keeps a name from driving it.
"""

from __future__ import annotations

import unicodedata

#: Unicode categories nobody sees: controls, format (zero-width, bidi, BOM, soft
#: hyphen), line/paragraph separators and lone surrogates. (Unassigned code points
#: stay allowed: an emoji newer than this Python's Unicode tables is still visible.)
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def _is_invisible(char: str) -> bool:
    category = unicodedata.category(char)
    if category in _INVISIBLE_CATEGORIES:
        return True
    # Spaces other than the plain one (no-break, thin, ideographic...) look like it.
    return category == "Zs" and char != " "


def invisible_characters(text: str) -> list[str]:
    """The characters of ``text`` nobody can see (or that pass for a plain space)."""
    return [char for char in text if _is_invisible(char)]


def escaped(text: str) -> str:
    """``text`` with every invisible or control character written as an escape.

    ``"sdr\\u200b"`` for a zero-width space, ``"\\x1b[31m"`` for a terminal
    colour code, ``"a\\nb"`` for a line break. Everything else stays exact.
    """
    out = []
    for char in text:
        if not _is_invisible(char):
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


def identifier(text: str) -> str:
    """An id as compared: trimmed and NFC-normalised."""
    return unicodedata.normalize("NFC", text.strip())


def identifier_problem(text: str, what: str = "id") -> str | None:
    """Why ``text`` cannot be an id (it holds characters nobody sees), or None."""
    hidden = invisible_characters(identifier(text))
    if not hidden:
        return None
    names = ", ".join(
        dict.fromkeys(f"{escaped(c)} ({unicodedata.name(c, 'control')})" for c in hidden)
    )
    return f"the {what} '{escaped(identifier(text))}' holds characters nobody can see: {names}."


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
    return "".join(out).replace("  ", " \u00a0")


#: How to fix an id that holds invisible characters.
IDENTIFIER_FIX = "Retype the id with visible characters only (no zero-width or control characters)."

__all__ = [
    "IDENTIFIER_FIX",
    "escaped",
    "identifier",
    "identifier_problem",
    "invisible_characters",
    "markdown_literal",
]
