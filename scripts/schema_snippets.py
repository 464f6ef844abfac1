"""Write the completion snippets (``defaultSnippets``) into the input schemas.

Run after changing an input schema: ``python scripts/schema_snippets.py``. The snippets
are derived from the schemas themselves (see ``answer_center.scaffold.with_snippets``);
``tests/test_editor_schemas.py`` fails while a schema's snippets are out of date.
"""

from __future__ import annotations

import json
from pathlib import Path

from answer_center.kinds import ENTRY_KINDS, SITE_SCHEMA
from answer_center.scaffold import scaffold_words, with_snippets
from answer_center.validate.schema import COMMON_SCHEMA
from answer_center.words import vocabulary

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
LANGUAGE = "zh-CN"
"""The language of the input schemas' descriptions, and so of their snippets."""


def expected() -> dict[str, str]:
    """Every input schema's file name and its text with current snippets."""
    w = vocabulary(LANGUAGE)
    common = json.loads((SCHEMAS / COMMON_SCHEMA).read_text(encoding="utf-8"))
    labels: dict[str, str | None] = {
        kind.schema_file: w("new.snippet_label", kind=w(f"kinds.{kind.name}.one"))
        for kind in ENTRY_KINDS
    }
    labels.update({SITE_SCHEMA: None, COMMON_SCHEMA: None})
    texts = {}
    for name, label in labels.items():
        raw = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
        schema = with_snippets(raw, common, scaffold_words(w), label)
        texts[name] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return texts


def main() -> None:
    """Rewrite the input schemas whose snippets changed."""
    for name, text in expected().items():
        path = SCHEMAS / name
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"updated schemas/{name}")


if __name__ == "__main__":
    main()
