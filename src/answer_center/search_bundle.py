"""The search index, kept between builds under ``build/.search/`` and rebuilt only when its
records change (an edit to a page's body text leaves them alone)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from answer_center.engine import EngineResult, run_search_indexer
from answer_center.publish import sync_tree
from answer_center.render.search import SearchRecord, records_digest

SEARCH_FOLDER = ".search"
"""The kept index and what it was built from, under ``build/``."""
BUNDLE = "pagefind"
"""The bundle's folder, the same under ``.search`` and in the site."""
DIGEST_FILE = "records.sha256"
FRESH = ".fresh"
"""Where the indexer writes, under ``.search``, before the kept bundle takes its files."""


def update(build_dir: Path, records: Sequence[SearchRecord], language: str) -> EngineResult | None:
    """Bring ``build/.search/pagefind`` up to date with ``records`` (see
    :func:`render.search.search_records`) in ``language`` (:func:`render.search.search_language`);
    the indexer's run, None when the records were those of the kept index."""
    digest = records_digest(records, language)
    folder = build_dir / SEARCH_FOLDER
    digest_file = folder / DIGEST_FILE
    if (folder / BUNDLE).is_dir() and _read(digest_file) == digest:
        return None
    digest_file.unlink(missing_ok=True)
    fresh = folder / FRESH
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True)
    source = fresh / "records.json"
    data = {"language": language, "records": [asdict(r) for r in records]}
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_search_indexer(source, fresh / BUNDLE, build_dir)
    if result.ok:
        # Pagefind names most files by their content: after an edit, most are the same
        # bytes, and the kept ones stay (the site links them; see commands._publish).
        written = fresh / BUNDLE
        sync_tree(
            folder / BUNDLE,
            {
                path.relative_to(written).as_posix(): path.read_bytes()
                for path in sorted(written.rglob("*"))
                if path.is_file()
            },
        )
        digest_file.write_text(digest, encoding="utf-8")
    shutil.rmtree(fresh, ignore_errors=True)
    return result


def bundle(build_dir: Path) -> Path:
    """The kept bundle, to link into a staging site as ``pagefind/``."""
    return build_dir / SEARCH_FOLDER / BUNDLE


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None
