"""The search index, kept between builds under ``build/.search/`` and rebuilt only when its
records change (an edit to a page's body text leaves them alone)."""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict
from pathlib import Path

from answer_center.engine import EngineResult, run_search_indexer
from answer_center.model import Catalog
from answer_center.render.search import records_digest, search_language, search_records

SEARCH_FOLDER = ".search"
"""The kept index and what it was built from, under ``build/``."""
BUNDLE = "pagefind"
"""The bundle's folder, the same under ``.search`` and in the site."""
DIGEST_FILE = "records.sha256"


def update(build_dir: Path, catalog: Catalog) -> EngineResult | None:
    """Bring ``build/.search/pagefind`` up to date; the indexer's run, None when the
    records were those of the kept index."""
    records = search_records(catalog)
    language = search_language(catalog)
    digest = records_digest(records, language)
    folder = build_dir / SEARCH_FOLDER
    digest_file = folder / DIGEST_FILE
    if (folder / BUNDLE).is_dir() and _read(digest_file) == digest:
        return None
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    source = folder / "records.json"
    data = {"language": language, "records": [asdict(r) for r in records]}
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_search_indexer(source, folder / BUNDLE, build_dir)
    source.unlink()
    if result.ok:
        digest_file.write_text(digest, encoding="utf-8")
    else:
        shutil.rmtree(folder, ignore_errors=True)
    return result


def bundle(build_dir: Path) -> Path:
    """The kept bundle, to link into a staging site as ``pagefind/``."""
    return build_dir / SEARCH_FOLDER / BUNDLE


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None
