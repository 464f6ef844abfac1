"""What ``answer-center fix`` does to one content file: the typography corrections of its
text fields, spliced into the file's text (:mod:`answer_center.splice`), so comments,
quoting styles and the layout of everything else stay byte for byte as they were."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from answer_center.diagnostics import Diagnostic, error
from answer_center.load import Document, Where
from answer_center.splice import rewrite
from answer_center.validate.schema import markup_place
from answer_center.validate.typography import changes, corrected

REFUSED = "style/typography-manual"


@dataclass(frozen=True)
class Fixed:
    """A file's text after fixing, the values rewritten, and those left for the editor."""

    text: str
    rewritten: tuple[Where, ...]
    refused: tuple[Diagnostic, ...]


def fix_document(document: Document, text_fields: Collection[Where]) -> Fixed:
    """Apply the typography corrections to the text fields of a loaded document."""
    text = document.source.decode("utf-8")
    wanted: dict[Where, tuple[str, Sequence[tuple[int, int, int, int]]]] = {}
    for where, value in document.strings():
        if markup_place(where) in text_fields:
            new = corrected(value)
            if new != value:
                wanted[where] = (new, changes(value, new))
    if not wanted:
        return Fixed(text, (), ())
    new_text, refused = rewrite(text, document.path, document.data, wanted)
    refusals = []
    for where in refused:
        position = document.value_position(where)
        refusals.append(
            error(
                document.path,
                position.line,
                position.column,
                REFUSED,
                wanted=_shown(wanted[where][0]),
            )
        )
    done = tuple(where for where in wanted if where not in set(refused))
    return Fixed(new_text, done, tuple(refusals))


_SHOWN = 160


def _shown(value: str) -> str:
    value = value.replace("\n", " ")
    return f"“{value if len(value) <= _SHOWN else value[: _SHOWN - 1] + '…'}”"
