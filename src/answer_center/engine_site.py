"""The site engine's output, kept between builds, so a build runs the engine on what changed.

A page's HTML depends on its own Markdown and on what every page shares: the engine's
configuration (navigation included), the theme overrides, the static files and the engine
itself. Those shared inputs make one fingerprint, the *stamp*. While the stamp is the one
``build/.engine-site/`` was built with, only pages whose Markdown changed are rebuilt:
the engine builds a partial tree of those pages plus the pages the navigation names (so
the navigation resolves as in a full build), and their HTML replaces the old. Links
between pages are final URLs (see :mod:`answer_center.urls`), so a page built among a few
is byte for byte the page built among all; the tests compare both. Any change to the stamp
rebuilds every page.

A build of many pages runs one engine process per core, each on a partial tree of its
share: MkDocs builds in one process, and on two cores two shares take about half as long
as the whole tree.

The same partial build makes shards: ``build --shard I/N`` builds a deterministic share
of the pages, and ``merge`` assembles the shares into ``.engine-site`` (checking they were
built from the same generated tree) before the site-wide outputs are written.

Files under ``.engine-site`` are never rewritten in place (new files replace them by
rename), so staging sites can hard-link them instead of copying.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import shutil
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from answer_center.engine import EngineResult, run_mkdocs
from answer_center.publish import link_or_copy, write_tree
from answer_center.render.engine_config import DOCS_FOLDER
from answer_center.render.site_tree import ENGINE_CONFIG_FILE

ENGINE_SITE = ".engine-site"
"""The engine's output for the current generated tree, under ``build/``."""
PARTIAL_TREE = ".engine-partial"
"""Where partial trees are written and built (one folder per engine process), under
``build/``."""
PAGES_PER_PROCESS = 200
"""The fewest pages worth an engine process of their own: each process pays the engine's
start (about 2 s) and builds the navigation's pages again."""
STATE_FILE = ".engine-state.json"
"""What ``.engine-site`` was built from: the stamp and each page's digest."""
SHARD_MANIFEST = "shard.json"
SHARDS = ".shards"
"""Where ``build --shard`` writes its share by default, under ``build/`` (a dot folder:
regenerating the tree leaves it alone)."""
ENGINES = ("mkdocs", "mkdocs-material")
"""Packages whose versions are part of the stamp."""


@dataclass(frozen=True)
class EngineInputs:
    """What the engine builds from, as fingerprints."""

    stamp: str
    """Digest of every shared input (configuration, overrides, static files, engine)."""
    pages: Mapping[str, str]
    """Digest of each page's Markdown, by path under ``docs/``."""
    nav_pages: frozenset[str]
    """Pages the navigation names: every partial tree holds them."""

    @classmethod
    def of(cls, tree: Mapping[str, bytes]) -> EngineInputs:
        """The fingerprints of a generated tree (see :func:`render.site_tree.engine_tree`)."""
        shared = hashlib.sha256()
        for name in ENGINES:
            shared.update(f"{name}=={importlib.metadata.version(name)}\n".encode())
        pages: dict[str, str] = {}
        for path in sorted(tree):
            page = _page_of(path)
            if page is None:
                shared.update(f"{path}\n{len(tree[path])}\n".encode() + tree[path])
            else:
                pages[page] = hashlib.sha256(tree[path]).hexdigest()
        config = yaml.safe_load(tree[ENGINE_CONFIG_FILE])
        return cls(shared.hexdigest(), pages, frozenset(_nav_pages(config.get("nav"))))

    def to_json(self) -> dict[str, Any]:
        """The fingerprints as stored in the state file and shard manifests."""
        return {"stamp": self.stamp, "pages": dict(sorted(self.pages.items()))}


@dataclass(frozen=True)
class Plan:
    """What the engine must do to bring ``.engine-site`` up to date."""

    full: bool
    build: tuple[str, ...]
    """Pages to build (every page when ``full``)."""
    remove: tuple[str, ...]
    """Pages whose HTML goes: they are no longer generated."""

    @property
    def nothing(self) -> bool:
        """True when the engine has nothing to do."""
        return not self.full and not self.build and not self.remove


def plan(previous: Mapping[str, Any] | None, current: EngineInputs) -> Plan:
    """Compare the stored state with the current inputs."""
    if previous is None or previous.get("stamp") != current.stamp:
        return Plan(True, tuple(sorted(current.pages)), ())
    before: Mapping[str, str] = previous.get("pages", {})
    changed = tuple(
        page for page, digest in sorted(current.pages.items()) if before.get(page) != digest
    )
    removed = tuple(sorted(set(before) - set(current.pages)))
    return Plan(False, changed, removed)


def page_output(page: str) -> str:
    """Where the engine writes a page (``answers/x.md`` -> ``answers/x/index.html``)."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return f"{stem.removesuffix('index')}index.html"
    return f"{stem}/index.html"


def share(pages: Iterable[str], number: int, count: int) -> tuple[str, ...]:
    """Shard ``number`` of ``count``'s pages: every ``count``-th page in sorted order, so
    the shares are deterministic, disjoint, cover every page and mix kinds evenly."""
    return tuple(page for i, page in enumerate(sorted(pages)) if i % count == number - 1)


@dataclass(frozen=True)
class EngineRun:
    """The outcome of bringing ``.engine-site`` up to date."""

    result: EngineResult | None
    """The engine's run, None when it had nothing to do."""
    plan: Plan
    processes: int = 1
    """How many engine processes built the pages at once."""


def update(
    build_dir: Path,
    tree: Mapping[str, bytes],
    last_change: dt.date,
    workers: int | None = None,
) -> EngineRun:
    """Bring ``build_dir/.engine-site`` up to date with ``tree``, running the engine on
    what changed only, in as many processes as :func:`engine_processes` says (one per
    core for a large build; ``workers`` caps them). On failure the state is gone, so the
    next build starts over."""
    inputs = EngineInputs.of(tree)
    site = build_dir / ENGINE_SITE
    state_file = build_dir / STATE_FILE
    previous = _read_json(state_file) if site.is_dir() else None
    todo = plan(previous, inputs)
    if todo.nothing:
        return EngineRun(None, todo)
    state_file.unlink(missing_ok=True)
    count = engine_processes(len(todo.build), workers)
    if todo.full and count == 1:
        fresh = build_dir / f"{ENGINE_SITE}.new"
        shutil.rmtree(fresh, ignore_errors=True)
        result = run_mkdocs(build_dir / ENGINE_CONFIG_FILE, fresh, last_change)
        if not result.ok:
            shutil.rmtree(fresh, ignore_errors=True)
            return EngineRun(result, todo)
        _replace_dir(fresh, site)
    elif todo.full:
        result = _build_shares(build_dir, tree, inputs, todo.build, last_change, count)
        if not result.ok:
            return EngineRun(result, todo)
        fresh = build_dir / f"{ENGINE_SITE}.new"
        shutil.rmtree(fresh, ignore_errors=True)
        # The first share also brings the engine's own files (theme assets, 404 page).
        (_partial_root(build_dir, 1) / "site").rename(fresh)
        _move_shares(build_dir, todo.build, count, fresh, first=2)
        _remove_partials(build_dir)
        _replace_dir(fresh, site)
    else:
        result = EngineResult(0, "")
        if todo.build:
            result = _build_shares(build_dir, tree, inputs, todo.build, last_change, count)
            if not result.ok:
                return EngineRun(result, todo)
            _move_shares(build_dir, todo.build, count, site)
        for page in todo.remove:
            _remove_page(site, page)
        _remove_partials(build_dir)
    _write_json(state_file, inputs.to_json())
    return EngineRun(result, todo, count)


def engine_processes(pages: int, workers: int | None = None) -> int:
    """How many engine processes build ``pages`` pages at once: ``workers`` when given
    (at most one per page), else one per core the command may use, each with at least
    :data:`PAGES_PER_PROCESS` pages."""
    if workers is not None:
        return max(1, min(workers, pages))
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, pages // PAGES_PER_PROCESS))


def _build_shares(
    build_dir: Path,
    tree: Mapping[str, bytes],
    inputs: EngineInputs,
    pages: tuple[str, ...],
    last_change: dt.date,
    count: int,
) -> EngineResult:
    """Build ``pages`` in ``count`` partial trees at once (each share as :func:`share`
    deals them), every one under :func:`_partial_root`; the first failure, if any."""
    _remove_partials(build_dir)

    def one(number: int) -> EngineResult:
        own = share(pages, number, count)
        return _build_partial(
            build_dir, tree, inputs, own, last_change, _partial_root(build_dir, number)
        )

    # Threads only wait: each engine is a process of its own.
    with ThreadPoolExecutor(max_workers=count) as running:
        results = list(running.map(one, range(1, count + 1)))
    failed = [result for result in results if not result.ok]
    if failed:
        _remove_partials(build_dir)
        return failed[0]
    return EngineResult(0, "".join(result.output for result in results))


def shard_folder(build_dir: Path, number: int, count: int) -> Path:
    """Where shard ``number`` of ``count`` goes by default."""
    return build_dir / SHARDS / f"{number}-of-{count}"


def build_shard(
    build_dir: Path,
    tree: Mapping[str, bytes],
    last_change: dt.date,
    number: int,
    count: int,
    out: Path,
) -> EngineResult:
    """Build shard ``number`` of ``count`` into ``out``: the HTML of its share of the
    pages, the engine's other files (theme assets, 404 page), and a manifest."""
    inputs = EngineInputs.of(tree)
    pages = share(inputs.pages, number, count)
    root = _partial_root(build_dir, 1)
    result = _build_partial(build_dir, tree, inputs, pages, last_change, root)
    shutil.rmtree(out, ignore_errors=True)
    if result.ok:
        built = root / "site"
        extra = {page_output(p) for p in inputs.nav_pages - set(pages)}
        for path in extra:
            (built / path).unlink()
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(built, out)
        manifest = {**inputs.to_json(), "shard": number, "of": count, "built": list(pages)}
        _write_json(out / SHARD_MANIFEST, manifest)
    _remove_partials(build_dir)
    return result


def merge_shards(build_dir: Path, tree: Mapping[str, bytes], shards: Iterable[Path]) -> str | None:
    """Assemble shard folders into ``.engine-site``; the reason when they do not make up
    the generated tree (another commit, a missing or repeated share), else None."""
    inputs = EngineInputs.of(tree)
    manifests: dict[Path, Mapping[str, Any]] = {}
    for folder in sorted(shards):
        manifest = _read_json(folder / SHARD_MANIFEST)
        if manifest is None:
            return f"{folder} is not a shard (no {SHARD_MANIFEST})"
        if {key: manifest.get(key) for key in ("stamp", "pages")} != inputs.to_json():
            return f"{folder} was built from other content or another engine than this checkout"
        manifests[folder] = manifest
    counts = {manifest["of"] for manifest in manifests.values()}
    numbers = sorted(manifest["shard"] for manifest in manifests.values())
    if len(counts) != 1 or numbers != list(range(1, next(iter(counts), 0) + 1)):
        return f"the shards are {numbers} of {sorted(counts)}: each share 1 to N is needed once"
    (build_dir / STATE_FILE).unlink(missing_ok=True)
    fresh = build_dir / f"{ENGINE_SITE}.new"
    shutil.rmtree(fresh, ignore_errors=True)
    ordered = sorted(manifests.items(), key=lambda item: int(item[1]["shard"]))
    for position, (folder, shard) in enumerate(ordered):
        own = {page_output(page) for page in shard["built"]}
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder).as_posix()
            if path.is_dir() or relative == SHARD_MANIFEST:
                continue
            # Every shard holds the engine's own files (theme assets, 404 page): the first
            # shard's are kept, and all are identical since the stamps are.
            if position and relative not in own:
                continue
            link_or_copy(path, fresh / relative)
    _replace_dir(fresh, build_dir / ENGINE_SITE)
    _write_json(build_dir / STATE_FILE, inputs.to_json())
    return None


def mark_pages_changed(build_dir: Path, tree: Mapping[str, bytes]) -> None:
    """Give every page of the generated tree a new modification time, so an engine that
    rebuilds changed files only (the preview's) rebuilds them all."""
    for path in tree:
        if _page_of(path) is not None:
            (build_dir / path).touch()


def _partial_root(build_dir: Path, number: int) -> Path:
    return build_dir / PARTIAL_TREE / str(number)


def _remove_partials(build_dir: Path) -> None:
    shutil.rmtree(build_dir / PARTIAL_TREE, ignore_errors=True)


def _build_partial(
    build_dir: Path,
    tree: Mapping[str, bytes],
    inputs: EngineInputs,
    pages: Iterable[str],
    last_change: dt.date,
    root: Path,
) -> EngineResult:
    shutil.rmtree(root, ignore_errors=True)
    wanted = set(pages) | inputs.nav_pages
    files = {
        path: data
        for path, data in tree.items()
        if (page := _page_of(path)) is None or page in wanted
    }
    write_tree(root, files)
    return run_mkdocs(root / ENGINE_CONFIG_FILE, root / "site", last_change)


def _move_shares(
    build_dir: Path, pages: tuple[str, ...], count: int, site: Path, first: int = 1
) -> None:
    """Move each share's own pages, from share ``first`` on, out of its partial tree."""
    for number in range(first, count + 1):
        built = _partial_root(build_dir, number) / "site"
        _move_pages(built, site, share(pages, number, count))


def _move_pages(built: Path, site: Path, pages: Iterable[str]) -> None:
    for page in pages:
        output = page_output(page)
        target = site / output
        target.parent.mkdir(parents=True, exist_ok=True)
        (built / output).replace(target)


def _remove_page(site: Path, page: str) -> None:
    target = site / page_output(page)
    target.unlink(missing_ok=True)
    folder = target.parent
    while folder != site and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _replace_dir(fresh: Path, target: Path) -> None:
    old = target.with_name(f"{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _page_of(path: str) -> str | None:
    prefix = f"{DOCS_FOLDER}/"
    if path.startswith(prefix) and path.endswith(".md"):
        return path[len(prefix) :]
    return None


def _nav_pages(nav: Any) -> Iterable[str]:
    if isinstance(nav, str):
        if nav.endswith(".md"):
            yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_pages(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_pages(value)


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _write_json(path: Path, data: Mapping[str, Any]) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    temporary.replace(path)
