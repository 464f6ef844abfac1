"""Pagefind, the search indexer, as a process of its own: records in, a chunked index out.

``python -m answer_center.search_index RECORDS OUTPUT`` reads the records
(:mod:`answer_center.render.search`, written as JSON by the build) and writes Pagefind's
bundle into OUTPUT. The build runs it like the site engine (:func:`engine.run_search_indexer`),
so a killed build takes it down, and Pagefind's command with it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from html import escape
from pathlib import Path
from typing import Any

from answer_center.children import die_with_this_process


def document(language: str, record: dict[str, Any]) -> str:
    """A record as the HTML Pagefind indexes: its title, its lines, its weight. Every text
    is escaped: the document is built here from the model, never taken from a page."""
    lines = "".join(f"<p>{escape(line)}</p>" for line in record["content"].splitlines())
    return (
        f'<html lang="{escape(language)}"><body>'
        f'<div data-pagefind-weight="{float(record["weight"])}">'
        f"<h1>{escape(record['title'])}</h1>{lines}</div></body></html>"
    )


def document_path(url: str) -> str:
    """Where a record's document goes so that Pagefind derives ``url`` from it
    (``/answers/x/`` -> ``answers/x/index.html``): records' URLs are page folders."""
    if not url.startswith("/") or not url.endswith("/"):
        raise ValueError(f"a search record's URL must be a page folder, not {url!r}")
    return f"{url.lstrip('/')}index.html"


def write_index(language: str, records: list[dict[str, Any]], output: Path) -> int:
    """Index ``records`` (``url``, ``title``, ``content``, ``weight``) into ``output``;
    the number of pages Pagefind indexed.

    The documents go to a folder that Pagefind's own command indexes in one run. Its
    Python client is not used: it reads each reply after a 0.1 s pause (0.1 s per record
    when each was sent alone), and on closing it stops the indexer as soon as the write
    is acknowledged, which has cut a file of the bundle short (``pagefind-ui.js`` at
    64 KiB). The command exits when every file is written.
    """
    with tempfile.TemporaryDirectory(prefix="search-documents-") as folder:
        for record in records:
            target = Path(folder) / document_path(record["url"])
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(document(language, record), encoding="utf-8")
        # Pagefind's documented command; it runs the extended build's binary (Chinese words).
        command = [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            folder,
            "--output-path",
            str(output.resolve()),
            "--silent",
        ]
        completed = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=False,
            preexec_fn=die_with_this_process(),
        )
    if completed.returncode != 0:
        raise IndexerError(f"the search indexer failed:\n{completed.stdout}{completed.stderr}")
    entry_file = output / "pagefind-entry.json"
    if not entry_file.is_file():
        raise IndexerError(f"the search indexer wrote no index into {output}")
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    return sum(int(index["page_count"]) for index in entry["languages"].values())


class IndexerError(Exception):
    """Pagefind's command failed or wrote no index; the message says which."""


def main(argv: list[str]) -> int:
    """Entry point: ``RECORDS OUTPUT``; 0 when the index was written."""
    source, output = Path(argv[0]), Path(argv[1])
    data: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    try:
        indexed = write_index(data["language"], data["records"], output)
    except IndexerError as exc:
        print(exc, file=sys.stderr)
        return 1
    if indexed != len(data["records"]):
        print(
            f"the search indexer read {indexed} of {len(data['records'])} records", file=sys.stderr
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
