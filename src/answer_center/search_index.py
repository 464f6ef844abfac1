"""Pagefind, the search indexer, as a process of its own: records in, a chunked index out.

``python -m answer_center.search_index RECORDS OUTPUT`` reads the records
(:mod:`answer_center.render.search`, written as JSON by the build) and writes Pagefind's
bundle into OUTPUT. The build runs it like the site engine (:func:`engine.run_pagefind`),
so a killed build takes it down, and the indexer's service with it (its input closes).
"""

from __future__ import annotations

import asyncio
import json
import sys
from html import escape
from pathlib import Path
from typing import Any

from pagefind.index import PagefindIndex


def document(language: str, record: dict[str, Any]) -> str:
    """A record as the HTML Pagefind indexes: its title, its lines, its weight. Every text
    is escaped: the document is built here from the model, never taken from a page."""
    lines = "".join(f"<p>{escape(line)}</p>" for line in record["content"].splitlines())
    return (
        f'<html lang="{escape(language)}"><body>'
        f'<div data-pagefind-weight="{float(record["weight"])}">'
        f"<h1>{escape(record['title'])}</h1>{lines}</div></body></html>"
    )


async def write_index(language: str, records: list[dict[str, Any]], output: Path) -> None:
    """Index ``records`` (``url``, ``title``, ``content``, ``weight``) into ``output``."""
    async with PagefindIndex(config={"output_path": str(output)}) as index:
        for record in records:
            await index.add_html_file(url=record["url"], content=document(language, record))


def main(argv: list[str]) -> int:
    """Entry point: ``RECORDS OUTPUT``; 0 when the index was written."""
    source, output = Path(argv[0]), Path(argv[1])
    data: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    asyncio.run(write_index(data["language"], data["records"], output))
    if not (output / "pagefind-entry.json").is_file():
        print(f"the search indexer wrote no index into {output}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
