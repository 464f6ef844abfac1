"""Chinese typography of the text fields: spaces between Chinese and Latin letters or
digits, full-width punctuation in Chinese sentences.

The rules are autocorrect's (PyPI ``autocorrect-py``, the linter Chinese technical writers
use), so an editor's own tools and this check agree. Its findings are warnings: they never
change what a build publishes, and ``answer-center fix`` applies them (see
:mod:`answer_center.fix`). Only the text fields are read, the strings the schemas mark
``x-markup`` (:meth:`~answer_center.validate.schema.SchemaSet.markup_paths`): ids, URLs,
code samples and dates are never touched.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection

import autocorrect_py

from answer_center.diagnostics import Diagnostic, warning
from answer_center.load import Document, Where
from answer_center.markup import parse
from answer_center.validate.locate import TextLocator
from answer_center.validate.schema import markup_place

RULE = "style/typography"

_CJK = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
"""Ideographs, kana, hangul, CJK and full-width forms."""
_WIDE_PUNCTUATION = "\u2010-\u206f\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
_ASCII_PUNCTUATION = "!-/:-@\\[-`{-~"
_MAY_CHANGE = re.compile(
    "|".join(
        (
            "\u3000",
            f"[{_CJK}][!-~]",
            f"[!-~][{_CJK}]",
            "[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]",
            f"\\s[{_WIDE_PUNCTUATION}]",
            f"[{_WIDE_PUNCTUATION}]\\s",
            f"[{_CJK}{_WIDE_PUNCTUATION}][\\s{_ASCII_PUNCTUATION}]*[{_ASCII_PUNCTUATION}]",
            f"[{_ASCII_PUNCTUATION}][\\s{_ASCII_PUNCTUATION}]*[{_CJK}{_WIDE_PUNCTUATION}]",
        )
    )
)
"""Where autocorrect's rules can act: a CJK character or wide punctuation next to ASCII
(with at most spaces and ASCII punctuation between), a space next to wide punctuation, an
ideographic space, full-width letters and digits. Most text fields of a clean file hold
none of these, and autocorrect (about half a microsecond per character) is not called for
them; tests/test_typography.py checks on random text that autocorrect changes nothing
this pattern lets pass."""

_CONTEXT = 8
"""Characters shown before the first change in a message (twice as many after it)."""


def corrected(text: str) -> str:
    """The text with autocorrect's typography applied; the text itself when there is
    nothing to correct, or when the correction would touch code or a link target.

    Plain-text mode spaces inline code and links as Chinese style guides do; should it
    alter the markup itself, Markdown mode (which leaves code and links alone) is tried.
    """
    if not _MAY_CHANGE.search(text):
        return text
    for correct in (autocorrect_py.format, _markdown):
        new = correct(text)
        if new == text:
            return text
        if _markup(new) == _markup(text):
            return new
    return text


def _markdown(text: str) -> str:
    return autocorrect_py.format_for(text, "markdown")


def _markup(text: str) -> tuple[tuple[str, str, str], ...] | None:
    """What a correction must keep: the code and the link targets, in order (None when
    the markup cannot be read: then nothing may change it)."""
    parsed = parse(text)
    if parsed.errors:
        return None
    return tuple(
        (span.kind, span.text if span.kind == "code" else "", span.href)
        for span in parsed.spans
        if span.kind != "text"
    )


def changes(old: str, new: str) -> list[tuple[int, int, int, int]]:
    """The spans that differ: ``(old start, old end, new start, new end)``."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def check_typography(document: Document, text_fields: Collection[Where]) -> list[Diagnostic]:
    """One warning per text field whose typography autocorrect would change, at the first
    change, showing it before and after."""
    locator: TextLocator | None = None
    found = []
    for where, text in document.strings():
        if markup_place(where) not in text_fields:
            continue
        new = corrected(text)
        if new == text:
            continue
        # The first change is where the two part; what follows it is only shown, so the
        # whole diff (which `fix` needs) is not computed here.
        start = next(
            (i for i, (a, b) in enumerate(zip(text, new, strict=False)) if a != b),
            min(len(text), len(new)),
        )
        locator = locator or TextLocator(document)
        line, column = locator.locate(where, text, start, min(start + 1, len(text)))
        found.append(
            warning(
                document.path,
                line,
                column,
                RULE,
                wanted=_excerpt(new, start),
                written=_excerpt(text, start),
            )
        )
    return found


def _excerpt(text: str, start: int) -> str:
    begin, stop = max(0, start - _CONTEXT), min(len(text), start + 2 * _CONTEXT)
    shown = text[begin:stop].replace("\n", " ")
    return f"“{'…' if begin else ''}{shown}{'…' if stop < len(text) else ''}”"
