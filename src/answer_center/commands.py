"""The pipeline commands the CLI and the tests call: validate, build, serve, and the
commands that read a built site as agents do: eval (the retrieval check) and mcp."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import yaml

from answer_center import dates, engine_site, preview, retrieval, search_bundle
from answer_center.cache import ResultCache, fingerprint
from answer_center.content import read_content
from answer_center.diagnostics import Diagnostic, format_text, has_errors
from answer_center.engine import EngineResult
from answer_center.load import DEFAULT_LIMITS
from answer_center.model import Catalog, build_catalog, build_site
from answer_center.pool import collector_paused
from answer_center.project import Project
from answer_center.publish import (
    build_lock,
    discard,
    link_tree,
    new_staging,
    swap_in,
    sync_tree,
    write_tree,
)
from answer_center.published_site import PublishedSite, SiteError
from answer_center.render.budget import over_budget
from answer_center.render.engine_config import DOCS_FOLDER, REPLACED_PLUGINS, UNSAFE_FEATURES
from answer_center.render.outputs import published_files
from answer_center.render.site_pages import html_pages
from answer_center.render.site_tree import engine_tree
from answer_center.validate import FileChecker, Validation
from answer_center.validate import validate as validate_tree
from answer_center.validate.allowlist import AllowlistError, load_allowlist
from answer_center.validate.schema import SchemaSet


@dataclass(frozen=True)
class Report:
    """What validation found, and the validated content when there were no errors."""

    validation: Validation
    files_checked: int

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Every finding, sorted."""
        return self.validation.diagnostics

    @property
    def failed(self) -> bool:
        """True when any finding is an error."""
        return has_errors(self.validation.diagnostics)


def validate(project: Project, *, use_cache: bool = True) -> Report:
    """Load and check every content file.

    With ``use_cache``, files unchanged since the last run are not loaded or checked again
    (see :mod:`answer_center.cache`); cross-file checks always run.
    """
    try:
        allowlist = load_allowlist(project.allowlist_file, project.allowlist_file.name)
    except AllowlistError as exc:
        tree = read_content(project.root, project.content_dir)
        return Report(Validation(None, (), (exc.diagnostic,)), tree.files_read)
    check = FileChecker(SchemaSet(project.schemas_dir), allowlist)
    cache = None
    if use_cache:
        inputs = [*sorted(project.schemas_dir.glob("*.json")), project.allowlist_file]
        cache = ResultCache(project.cache_file, fingerprint(inputs, repr(DEFAULT_LIMITS)))
    # Loaded content is trees of dicts, lists and text, with no cycle for the collector to
    # find, yet each of its passes walks all of it again.
    with collector_paused():
        tree = read_content(project.root, project.content_dir, check=check, cache=cache)
        validation = validate_tree(tree, check)
    return Report(validation, tree.files_read)


def _read_engine_config(project: Project) -> dict[str, Any]:
    try:
        data = yaml.safe_load(project.mkdocs_file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BuildError(
            f"{project.mkdocs_file.name}: cannot read the engine configuration: {exc}"
        ) from None
    if not isinstance(data, dict):
        raise BuildError(f"{project.mkdocs_file.name}: expected a mapping of settings")
    theme = data.get("theme")
    features = theme.get("features") if isinstance(theme, dict) else None
    for feature in features if isinstance(features, list) else []:
        if isinstance(feature, str) and feature in UNSAFE_FEATURES:
            raise BuildError(
                f"{project.mkdocs_file.name}: theme feature {feature} is not allowed: "
                f"{UNSAFE_FEATURES[feature]}; remove it from theme.features"
            )
    plugins = data.get("plugins")
    for plugin in plugins if isinstance(plugins, list) else []:
        name = next(iter(plugin), None) if isinstance(plugin, dict) else plugin
        if isinstance(name, str) and name.removeprefix("material/") in REPLACED_PLUGINS:
            raise BuildError(
                f"{project.mkdocs_file.name}: plugin {name} is not used: "
                f"{REPLACED_PLUGINS[name.removeprefix('material/')]}; remove it from plugins"
            )
    return data


class BuildError(Exception):
    """A build stage failed; the message says which and why."""


@dataclass(frozen=True)
class Generated:
    """The outcome of regenerating the engine tree from valid content."""

    catalog: Catalog
    tree: dict[str, bytes]
    """The engine tree (what build/ holds), by path."""
    published: dict[str, bytes]
    """The machine-readable files the build adds to site/, by path."""
    pages: int
    written: int
    removed: int

    @property
    def last_change(self) -> dt.date:
        """The newest date of the content: the engine's build date."""
        newest = dates.newest(self.catalog)
        assert newest is not None  # validation requires something published
        return newest


def generate(project: Project, err: TextIO, *, use_cache: bool = True) -> Generated | None:
    """Validate content and bring build/ up to date; None (after printing why) on errors.

    Unchanged generated files are not rewritten, so the engine's live reload stays cheap.
    """
    report = validate(project, use_cache=use_cache)
    if report.diagnostics:
        err.write(format_text(report.diagnostics, report.files_checked))
    if report.failed or report.validation.site is None:
        return None
    catalog = build_catalog(report.validation.site, report.validation.sources)
    schemas = {p.name: p.read_bytes() for p in sorted(project.schemas_dir.glob("*.json"))}
    try:
        tree = engine_tree(catalog, _read_engine_config(project), schemas)
    except BuildError as exc:
        err.write(f"{exc}\n")
        return None
    published = published_files(catalog, schemas)
    amplified = over_budget(catalog, (tree, published), DOCS_FOLDER)
    if amplified:
        err.write(format_text(amplified, report.files_checked))
        return None
    with build_lock(project.build_dir):
        written, removed = sync_tree(project.build_dir, tree)
    pages = sum(1 for path in tree if path.endswith(".md"))
    return Generated(catalog, tree, published, pages, written, removed)


def build(project: Project, out: TextIO, err: TextIO, *, use_cache: bool = True) -> int:
    """Validate, render and publish the site; 0 on success, 1 on errors.

    The engine runs on the pages whose Markdown changed since the last build (every page
    when what they share changed; none when nothing did), see :mod:`engine_site`. Nothing
    under site/ changes unless every stage succeeds.
    """
    started = time.perf_counter()
    generated = generate(project, err, use_cache=use_cache)
    if generated is None:
        err.write("build failed: fix the errors above; site/ was left unchanged\n")
        return 1
    with build_lock(project.build_dir):
        run = engine_site.update(project.build_dir, generated.tree, generated.last_change)
        if run.result is not None and not run.result.ok:
            err.write(_engine_failed(run.result))
            return 1
        if not _publish(project, generated, err):
            return 1
    seconds = time.perf_counter() - started
    out.write(
        f"built site/ from {len(generated.catalog.entries)} entries: {generated.pages} pages "
        f"({generated.written} generated files changed, {generated.removed} removed; "
        f"{_engine_work(run.plan, generated.pages)}) in {seconds:.1f} s\n"
    )
    return 0


def build_shard(
    project: Project, number: int, count: int, out_dir: Path | None, out: TextIO, err: TextIO
) -> int:
    """Build shard ``number`` of ``count``: the engine's HTML of a deterministic share of
    the pages, for :func:`merge` to assemble. 0 on success, 1 on errors."""
    started = time.perf_counter()
    generated = generate(project, err)
    if generated is None:
        err.write("shard failed: fix the errors above\n")
        return 1
    folder = out_dir or engine_site.shard_folder(project.build_dir, number, count)
    with build_lock(project.build_dir):
        result = engine_site.build_shard(
            project.build_dir, generated.tree, generated.last_change, number, count, folder
        )
    if not result.ok:
        err.write(_engine_failed(result).replace("site/ was left unchanged", "no shard written"))
        return 1
    pages = len(engine_site.share(engine_site.EngineInputs.of(generated.tree).pages, number, count))
    seconds = time.perf_counter() - started
    out.write(f"built shard {number}/{count} into {folder}: {pages} pages in {seconds:.1f} s\n")
    return 0


def merge(project: Project, shards: list[Path], out: TextIO, err: TextIO) -> int:
    """Assemble shard folders and publish the site, as ``build`` would have; 0 on success."""
    started = time.perf_counter()
    generated = generate(project, err)
    if generated is None:
        err.write("merge failed: fix the errors above; site/ was left unchanged\n")
        return 1
    folders = shards or sorted((project.build_dir / engine_site.SHARDS).glob("*-of-*"))
    with build_lock(project.build_dir):
        problem = engine_site.merge_shards(project.build_dir, generated.tree, folders)
        if problem is not None:
            err.write(f"merge failed: {problem}; site/ was left unchanged\n")
            return 1
        if not _publish(project, generated, err):
            return 1
    seconds = time.perf_counter() - started
    out.write(
        f"built site/ from {len(folders)} shards: {generated.pages} pages in {seconds:.1f} s\n"
    )
    return 0


def _publish(project: Project, generated: Generated, err: TextIO) -> bool:
    """Stage the engine's kept output, the machine outputs and the search index, then swap
    the staging folder in as site/. Call it holding the build lock."""
    pages = project.build_dir / engine_site.ENGINE_SITE
    # The engine may leave a page out without a warning (MkDocs skips folders it
    # reserves, such as templates/): every page the model declares must exist.
    missing = [
        page.path
        for page in html_pages(generated.catalog)
        if not (pages / page.path.lstrip("/") / "index.html").is_file()
    ]
    if missing:
        err.write(
            "build failed: the site engine built no page for "
            + ", ".join(missing)
            + "\nsite/ was left unchanged\n"
        )
        return False
    indexed = search_bundle.update(project.build_dir, generated.catalog)
    if indexed is not None and not indexed.ok:
        err.write(
            f"build failed: the search indexer reported:\n{indexed.report}\n"
            "site/ was left unchanged\n"
        )
        return False
    staging = new_staging(project.site_dir)
    # Whatever stops the build (Ctrl-C, a full disk), site/ is only ever touched by the
    # swap; the staging folder goes away unless it became site/.
    try:
        link_tree(pages, staging)
        write_tree(staging, generated.published)
        link_tree(search_bundle.bundle(project.build_dir), staging / search_bundle.BUNDLE)
        swap_in(staging, project.site_dir)
    finally:
        discard(staging)
    return True


def _engine_failed(result: EngineResult) -> str:
    return f"build failed: the site engine reported:\n{result.report}\nsite/ was left unchanged\n"


def _engine_work(plan: engine_site.Plan, pages: int) -> str:
    if plan.nothing:
        return "no page changed, the engine did not run"
    if plan.full:
        return f"the engine built all {pages} pages"
    return f"the engine rebuilt {len(plan.build)} of {pages} pages, removed {len(plan.remove)}"


def serve(project: Project, dev_addr: str, out: TextIO, err: TextIO) -> int:
    """Preview with live reload; see :mod:`answer_center.preview`."""
    shared: list[str] = []

    def regenerate() -> bool:
        generated = generate(project, err)
        if generated is None:
            return False
        # The preview's engine rebuilds the pages whose Markdown changed only: when what
        # every page shows changed (the navigation), every page must count as changed.
        stamp = engine_site.EngineInputs.of(generated.tree).stamp
        if shared and shared[0] != stamp:
            engine_site.mark_pages_changed(project.build_dir, generated.tree)
        shared[:] = [stamp]
        return True

    return preview.serve(project, dev_addr, regenerate, out, err)


def retrieval_check(
    project: Project, location: str | None, budget: int, fmt: str, out: TextIO, err: TextIO
) -> int:
    """Replay every answer's questions against a built site (``site/`` unless
    ``location`` names another folder or a URL), as :mod:`answer_center.retrieval`
    describes; 0 when the share reached meets ``site.yaml``'s threshold, 1 otherwise."""
    report = validate(project)
    if report.failed or report.validation.site is None:
        err.write(format_text(report.diagnostics, report.files_checked))
        err.write("eval: fix the errors above; the threshold is read from content/site.yaml\n")
        return 1
    threshold = build_site(report.validation.site).retrieval_threshold
    site = PublishedSite(location or str(project.site_dir))
    try:
        checked = retrieval.check(site, budget, threshold)
    except SiteError as exc:
        err.write(f"eval: {exc}\n")
        return 1
    out.write(retrieval.FORMATS[fmt](checked))
    return 0 if checked.passed else 1


def mcp(project: Project, location: str | None, http: tuple[str, int] | None, err: TextIO) -> int:
    """Serve a built site over MCP: on stdio, or on streamable HTTP at ``http`` (host,
    port; the endpoint is ``/mcp``). Returns when the transport closes."""
    # The SDK and its web stack load only for this command: every other command starts
    # without them.
    from answer_center import mcp_server

    site = PublishedSite(location or str(project.site_dir))
    try:
        app = mcp_server.server(site)
    except SiteError as exc:
        err.write(f"mcp: {exc}\n")
        return 1
    if http is None:
        app.run("stdio")
    else:
        host, port = http
        err.write(f"mcp: serving {site.location} at http://{host}:{port}/mcp\n")
        err.flush()
        app.run("streamable-http", host=host, port=port)
    return 0
