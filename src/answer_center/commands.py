"""The pipeline commands the CLI and the tests call: validate, build, serve, diff, fix, and
the commands that read a built site as agents do: eval (the retrieval check) and mcp."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

import yaml

from answer_center import (
    dates,
    engine_site,
    indexnow,
    preview,
    preview_errors,
    retrieval,
    revisions,
    search_bundle,
    site_diff,
)
from answer_center import report as editors_report
from answer_center.bounds import BOUNDS, Bounds
from answer_center.cache import ResultCache, fingerprint
from answer_center.content import display_path, read_content
from answer_center.diagnostic_words import catalog
from answer_center.diagnostics import Diagnostic, error, format_text, has_errors
from answer_center.engine import EngineResult
from answer_center.fix import fix_document
from answer_center.forked import run_forked
from answer_center.kinds import SITE_SCHEMA
from answer_center.load import DEFAULT_LIMITS
from answer_center.model import Catalog, build_catalog, build_site
from answer_center.pool import collector_paused
from answer_center.progress import QUIET, Progress
from answer_center.project import Project
from answer_center.publish import (
    FilesOnDisk,
    build_lock,
    discard,
    link_tree,
    new_staging,
    swap_in,
    sync_files,
    sync_tree,
    update_files,
)
from answer_center.published_site import PublishedSite, UnreadableSiteError, read_site
from answer_center.render.budget import over_budget, oversized_files
from answer_center.render.engine_config import DOCS_FOLDER, REPLACED_PLUGINS, UNSAFE_FEATURES
from answer_center.render.hosting import deployment_files
from answer_center.render.outputs import parsed_schemas, published_outputs
from answer_center.render.search import SearchRecord, search_language, search_records
from answer_center.render.site_pages import html_pages
from answer_center.render.site_tree import engine_tree
from answer_center.render.views import Views
from answer_center.site_reader import PublishedSite as ReadSite
from answer_center.site_reader import SiteError
from answer_center.validate import FileChecker, Validation
from answer_center.validate import validate as validate_tree
from answer_center.validate.allowlist import AllowlistError, load_allowlist
from answer_center.validate.schema import SchemaSet
from answer_center.words import vocabulary


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


def _after_errors(project: Project, key: str) -> str:
    """The line printed after the diagnostics that stopped a command, in their language."""
    return catalog().sentence(key, project.diagnostics_language()) + "\n"


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


def fix(project: Project, paths: Sequence[Path], out: TextIO, err: TextIO) -> int:
    """Rewrite the typography of the text fields in place (every content file, or those
    under ``paths``); 0 when every correction was written, 1 when a file could not be read
    or a value has to be edited by hand (each is reported where it is)."""
    tree = read_content(project.root, project.content_dir)
    chosen = [path.resolve() for path in paths]
    documents = [(source.document, source.kind.schema_file) for source in tree.sources]
    if tree.site is not None:
        documents.append((tree.site, SITE_SCHEMA))

    def wanted(shown: str) -> bool:
        where = (project.root / shown).resolve()
        return not chosen or any(where == p or p in where.parents for p in chosen)

    found = [d for d in tree.diagnostics if wanted(d.path)]
    known = {document.path for document, _ in documents} | {d.path for d in tree.diagnostics}
    for path in chosen:
        shown = display_path(path, project.root)
        if path.is_file() and shown not in known:
            found.append(error(shown, 1, 1, "fix/not-content"))
    schemas = SchemaSet(project.schemas_dir)
    words, language = catalog(), project.diagnostics_language()
    rewritten = files = 0
    for document, schema_file in sorted(documents, key=lambda pair: pair[0].path):
        if not wanted(document.path):
            continue
        fixed = fix_document(document, schemas.markup_paths(schema_file))
        found.extend(fixed.refused)
        if fixed.rewritten:
            _replace_file(project.root / document.path, fixed.text.encode("utf-8"))
            values = words.counted("value", len(fixed.rewritten), language)
            out.write(words.sentence("fix_file", language, path=document.path, values=values))
            out.write("\n")
            rewritten += len(fixed.rewritten)
            files += 1
    if found:
        err.write(format_text(found, len(documents), project.diagnostics_language()))
    total = words.sentence(
        "fix_total",
        language,
        values=words.counted("value", rewritten, language),
        files=words.counted("file", files, language),
    )
    out.write(f"{total}\n")
    return 1 if has_errors(found) else 0


def report(
    project: Project,
    today: dt.date,
    limits: editors_report.Limits,
    output: str,
    out: TextIO,
    err: TextIO,
    *,
    strict: bool = False,
) -> int:
    """Print the editors' report (see :mod:`answer_center.report`) in ``output`` format;
    0 unless content has errors, or ``strict`` and something needs attention."""
    checked = validate(project)
    if checked.failed:
        err.write(
            format_text(checked.diagnostics, checked.files_checked, project.diagnostics_language())
        )
        err.write(_after_errors(project, "report_failed"))
        return 1
    found = editors_report.findings(
        checked.validation.site,
        checked.validation.sources,
        SchemaSet(project.schemas_dir),
        today,
        limits,
    )
    out.write(editors_report.FORMATS[output](found, today, project.diagnostics_language()))
    return 1 if strict and found else 0


def _replace_file(path: Path, data: bytes) -> None:
    """Write ``data`` over ``path`` in one rename, so an editor's file is never half
    written; its permissions are kept."""
    temporary = path.with_name(f".{path.name}.fix-{os.getpid()}")
    try:
        temporary.write_bytes(data)
        shutil.copymode(path, temporary)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


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


PUBLISHED = ".published"
"""The machine outputs of the last build, under ``build/``: what the site links."""


class BuildError(Exception):
    """A build stage failed; the message says which and why."""


@dataclass(frozen=True)
class Generated:
    """The outcome of regenerating the engine tree from valid content."""

    catalog: Catalog
    tree: dict[str, bytes]
    """The engine tree (what build/ holds), by path."""
    published: dict[str, int]
    """The size of each machine-readable file the build adds to site/, by path."""
    deployment: dict[str, bytes]
    """Files for the server's configuration, written into build/ once site/ is published
    (``nginx.conf``), by path."""
    pages: int
    written: int
    removed: int

    @property
    def last_change(self) -> dt.date:
        """The newest date of the content: the engine's build date."""
        newest = dates.newest(self.catalog)
        assert newest is not None  # validation requires something published
        return newest

    def site_inputs(self, build_dir: Path) -> SiteInputs:
        """What the engine and publishing need, reading the tree back from ``build_dir``
        (where :func:`generate` wrote it)."""
        return SiteInputs(
            tree=FilesOnDisk(build_dir, tuple(self.tree)),
            last_change=self.last_change,
            entries=len(self.catalog.entries),
            page_paths=tuple(page.path for page in html_pages(self.catalog)),
            file_bytes=self.catalog.bounds.file_bytes,
            search_records=search_records(self.catalog),
            search_language=search_language(self.catalog),
            published=self.published,
            deployment=self.deployment,
            pages=self.pages,
            written=self.written,
            removed=self.removed,
        )


@dataclass(frozen=True)
class SiteInputs:
    """What the site engine and publishing need from a generation. It holds no catalog,
    so a generation run in a child process (see :mod:`answer_center.forked`) hands it
    back in a moment and the child's memory is freed before the engine starts."""

    tree: Mapping[str, bytes]
    """The engine tree, by path under build/."""
    last_change: dt.date
    entries: int
    page_paths: tuple[str, ...]
    """The site path of every HTML page the model declares."""
    file_bytes: int
    """The largest file the site may hold (``bounds.file_bytes``)."""
    search_records: tuple[SearchRecord, ...]
    search_language: str
    published: dict[str, int]
    deployment: dict[str, bytes]
    pages: int
    written: int
    removed: int


def _generate_apart(
    project: Project,
    *,
    use_cache: bool = True,
    bounds: Bounds = BOUNDS,
    site_url: str | None = None,
    progress: Progress = QUIET,
) -> tuple[str, SiteInputs | None]:
    """:func:`generate` for a build, in a child process: what it printed and, when the
    content is valid, the inputs of the engine and of publishing."""

    def step() -> tuple[str, SiteInputs | None]:
        printed = io.StringIO()
        generated = generate(
            project,
            printed,
            use_cache=use_cache,
            bounds=bounds,
            site_url=site_url,
            progress=progress,
            published_dir=project.build_dir / PUBLISHED,
        )
        inputs = None if generated is None else generated.site_inputs(project.build_dir)
        return printed.getvalue(), inputs

    return run_forked(step)


def generate(
    project: Project,
    err: TextIO,
    *,
    use_cache: bool = True,
    bounds: Bounds = BOUNDS,
    site_url: str | None = None,
    found: list[Diagnostic] | None = None,
    progress: Progress = QUIET,
    published_dir: Path | None = None,
    machine_outputs: bool = True,
) -> Generated | None:
    """Validate content and bring build/ up to date; None (after printing why) on errors.

    Unchanged generated files are not rewritten, so the engine's live reload stays cheap.
    The machine outputs are written into ``published_dir`` as they are rendered (only
    measured without it); without ``machine_outputs`` (the preview, which serves pages
    only) they are not rendered, and their size limits are the build's to check.
    ``bounds`` say where growing outputs split and how large a file may be.
    ``site_url`` (checked by :func:`site_address.checked_site_url`) replaces ``base_url``.
    What was printed is also added to ``found`` (the preview shows it in the browser).
    """
    found = [] if found is None else found
    progress.stage("validating content")
    report = validate(project, use_cache=use_cache)
    if report.diagnostics:
        err.write(
            format_text(report.diagnostics, report.files_checked, project.diagnostics_language())
        )
        found.extend(report.diagnostics)
    if report.failed or report.validation.site is None:
        return None
    progress.stage("rendering", len(report.validation.sources), "entries")
    # The catalog, the views and the rendered files are millions of new objects with no
    # cycle among them: each collection would walk them all again (views took five times
    # as long with the collector running).
    with collector_paused():
        catalog = build_catalog(
            report.validation.site, report.validation.sources, bounds, base_url=site_url
        )
        schemas = {p.name: p.read_bytes() for p in sorted(project.schemas_dir.glob("*.json"))}
        # The pages and the machine outputs lay out the same views: built once for both.
        views = Views(catalog, parsed_schemas(schemas))
        try:
            tree = engine_tree(catalog, _read_engine_config(project), schemas, views)
        except BuildError as exc:
            err.write(f"{exc}\n")
            found.append(error(project.mkdocs_file.name, 1, 1, "engine/config", detail=str(exc)))
            return None
        outputs = published_outputs(catalog, schemas, views) if machine_outputs else iter(())
        deployment = deployment_files(catalog)
        if published_dir is None:
            published = {path: len(data) for path, data in outputs}
        else:
            # site/ links these files, and nothing rewrites them in place: a build that
            # fails from here on leaves site/ as it was.
            with build_lock(project.build_dir):
                published = sync_files(published_dir, outputs).sizes
        tree_sizes = {path: len(data) for path, data in tree.items()}
        amplified = over_budget(catalog, (tree_sizes, published), DOCS_FOLDER)
        sizes = {f"{project.build_dir.name}/{path}": size for path, size in tree_sizes.items()}
        sizes |= {f"{project.site_dir.name}/{path}": size for path, size in published.items()}
        amplified += oversized_files(sizes, bounds.file_bytes)
        if amplified:
            err.write(format_text(amplified, report.files_checked, project.diagnostics_language()))
            found.extend(amplified)
            return None
        with build_lock(project.build_dir):
            written, removed = sync_tree(project.build_dir, tree, keep=deployment)
        pages = sum(1 for path in tree if path.endswith(".md"))
        progress.stage("generated", len(tree) + len(published), "files")
        return Generated(catalog, tree, published, deployment, pages, written, removed)


def build(
    project: Project,
    out: TextIO,
    err: TextIO,
    *,
    use_cache: bool = True,
    bounds: Bounds = BOUNDS,
    site_url: str | None = None,
    progress: Progress = QUIET,
    jobs: int | None = None,
) -> int:
    """Validate, render and publish the site; 0 on success, 1 on errors.

    The engine runs on the pages whose Markdown changed since the last build (every page
    when what they share changed; none when nothing did), in ``jobs`` processes at once
    (default: one per core for a large build), see :mod:`engine_site`. Generation runs in
    a child process that ends before the engine starts. Nothing under site/ changes
    unless every stage succeeds. ``progress`` reports each stage.
    """
    started = time.perf_counter()
    printed, generated = _generate_apart(
        project, use_cache=use_cache, bounds=bounds, site_url=site_url, progress=progress
    )
    err.write(printed)
    if generated is None:
        err.write(_after_errors(project, "build_failed"))
        return 1
    with build_lock(project.build_dir):
        progress.stage("site engine", generated.pages, "pages")
        run = engine_site.update(
            project.build_dir, generated.tree, generated.last_change, workers=jobs
        )
        if run.result is not None and not run.result.ok:
            err.write(_engine_failed(run.result))
            return 1
        progress.stage(f"site engine done: {_engine_work(run, generated.pages)}")
        if not _publish(project, generated, err, progress):
            return 1
    seconds = time.perf_counter() - started
    out.write(
        f"built site/ from {generated.entries} entries: {generated.pages} pages "
        f"({generated.written} generated files changed, {generated.removed} removed; "
        f"{_engine_work(run, generated.pages)}) in {seconds:.1f} s\n"
    )
    return 0


def build_shard(
    project: Project,
    number: int,
    count: int,
    out_dir: Path | None,
    out: TextIO,
    err: TextIO,
    *,
    site_url: str | None = None,
) -> int:
    """Build shard ``number`` of ``count``: the engine's HTML of a deterministic share of
    the pages, for :func:`merge` to assemble. 0 on success, 1 on errors."""
    started = time.perf_counter()
    printed, generated = _generate_apart(project, site_url=site_url)
    err.write(printed)
    if generated is None:
        err.write(_after_errors(project, "shard_failed"))
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


def merge(
    project: Project,
    shards: list[Path],
    out: TextIO,
    err: TextIO,
    progress: Progress = QUIET,
    *,
    site_url: str | None = None,
) -> int:
    """Assemble shard folders and publish the site, as ``build`` would have; 0 on success."""
    started = time.perf_counter()
    printed, generated = _generate_apart(project, site_url=site_url, progress=progress)
    err.write(printed)
    if generated is None:
        err.write(_after_errors(project, "merge_failed"))
        return 1
    folders = shards or sorted((project.build_dir / engine_site.SHARDS).glob("*-of-*"))
    with build_lock(project.build_dir):
        problem = engine_site.merge_shards(project.build_dir, generated.tree, folders)
        if problem is not None:
            err.write(f"merge failed: {problem}; site/ was left unchanged\n")
            return 1
        if not _publish(project, generated, err, progress):
            return 1
    seconds = time.perf_counter() - started
    out.write(
        f"built site/ from {len(folders)} shards: {generated.pages} pages in {seconds:.1f} s\n"
    )
    return 0


def _publish(
    project: Project, generated: SiteInputs, err: TextIO, progress: Progress = QUIET
) -> bool:
    """Stage the engine's kept output, the machine outputs and the search index, then swap
    the staging folder in as site/. Call it holding the build lock."""
    # The catalog is still in memory: a collection would walk all of it to free little.
    with collector_paused():
        return _publish_paused(project, generated, err, progress)


def _publish_paused(
    project: Project, generated: SiteInputs, err: TextIO, progress: Progress
) -> bool:
    pages = project.build_dir / engine_site.ENGINE_SITE
    # The engine may leave a page out without a warning (MkDocs skips folders it
    # reserves, such as templates/): every page the model declares must exist.
    missing = [
        path
        for path in generated.page_paths
        if not (pages / path.lstrip("/") / "index.html").is_file()
    ]
    if missing:
        err.write(
            "build failed: the site engine built no page for "
            + ", ".join(missing)
            + "\nsite/ was left unchanged\n"
        )
        return False
    sizes = {
        f"{project.site_dir.name}/{path.relative_to(pages).as_posix()}": path.stat().st_size
        for path in pages.rglob("*")
        if path.is_file()
    }
    too_large = oversized_files(sizes, generated.file_bytes)
    if too_large:
        err.write(format_text(too_large, len(sizes), project.diagnostics_language()))
        err.write(_after_errors(project, "build_failed"))
        return False
    progress.stage("search index", generated.entries, "entries")
    indexed = search_bundle.update(
        project.build_dir, generated.search_records, generated.search_language
    )
    if indexed is not None and not indexed.ok:
        err.write(
            f"build failed: the search indexer reported:\n{indexed.report}\n"
            "site/ was left unchanged\n"
        )
        return False
    progress.stage("publishing site/", len(sizes) + len(generated.published), "files")
    # Kept between builds like the engine's output (written by generate): an unchanged
    # file keeps its inode, so the staging site links it and removing the previous site
    # frees only what changed (freeing thousands of rewritten files cost a 1,000-answer
    # build 10 s on this disk).
    published = project.build_dir / PUBLISHED
    staging = new_staging(project.site_dir)
    # Whatever stops the build (Ctrl-C, a full disk), site/ is only ever touched by the
    # swap; the staging folder goes away unless it became site/.
    try:
        link_tree(pages, staging)
        # After the engine's files: ours replace those of the same name (the sitemap).
        link_tree(published, staging)
        link_tree(search_bundle.bundle(project.build_dir), staging / search_bundle.BUNDLE)
        swap_in(staging, project.site_dir)
    finally:
        discard(staging)
    # After the swap: the configuration a server reloads always matches the site it serves.
    update_files(project.build_dir, generated.deployment)
    return True


def _engine_failed(result: EngineResult) -> str:
    return f"build failed: the site engine reported:\n{result.report}\nsite/ was left unchanged\n"


def _engine_work(run: engine_site.EngineRun, pages: int) -> str:
    plan = run.plan
    if plan.nothing:
        return "no page changed, the engine did not run"
    processes = f" in {run.processes} processes" if run.processes > 1 else ""
    if plan.full:
        return f"the engine built all {pages} pages{processes}"
    return (
        f"the engine rebuilt {len(plan.build)} of {pages} pages{processes}, "
        f"removed {len(plan.remove)}"
    )


DEFAULT_PREVIEW_LANGUAGE = "zh-CN"
"""The preview's words before content was ever valid (the project's default language)."""


def serve(project: Project, dev_addr: str, out: TextIO, err: TextIO) -> int:
    """Preview with live reload; see :mod:`answer_center.preview`. Invalid content is
    shown in the browser too (:mod:`answer_center.preview_errors`)."""
    shared: list[str] = []
    language = [DEFAULT_PREVIEW_LANGUAGE]

    def regenerate() -> bool:
        found: list[Diagnostic] = []
        # The preview serves the pages only: half the rendering of a build, after an edit.
        generated = generate(project, err, found=found, machine_outputs=False)
        if generated is None:
            # Shown in the browser over the last good pages (see preview_errors).
            # In the language of the messages it lists, which the terminal shows too.
            words = project.diagnostics_language()
            preview.show_errors(project, preview_errors.error_files(found, words))
            return False
        language[0] = generated.catalog.site.language
        preview.prepare(project)
        preview.show_errors(project, preview_errors.error_files((), language[0]))
        # The preview's engine rebuilds the pages whose Markdown changed only: when what
        # every page shows changed (the navigation), every page must count as changed.
        stamp = engine_site.EngineInputs.of(generated.tree).stamp
        if shared and shared[0] != stamp:
            engine_site.mark_pages_changed(project.build_dir, generated.tree)
        shared[:] = [stamp]
        return True

    return preview.serve(project, dev_addr, regenerate, out, err)


class DiffError(Exception):
    """A side of a diff that cannot be read or built; the message says which and why."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status
        """2 for a side that names no site or revision, 1 for one that does not build."""


def _built_side(
    project: Project, name: str, err: TextIO, site_url: str | None = None
) -> PublishedSite:
    """A built site folder, or a git revision built in a temporary work tree."""
    folder = Path(name)
    try:
        if folder.is_dir():
            return read_site(folder)
        if not revisions.is_revision(project.root, name):
            raise DiffError(f"{name!r} is neither a built site folder nor a git revision", 2)
        return revisions.built_revision(
            project.root, name, lambda tree: build(tree, err, err, site_url=site_url) == 0
        )
    except UnreadableSiteError as exc:
        raise DiffError(str(exc), 2) from None
    except revisions.RevisionError as exc:
        raise DiffError(str(exc), 1) from None


def published_change(
    project: Project, base: str, head: str | None, err: TextIO, site_url: str | None = None
) -> site_diff.SiteDiff:
    """What changes for answer engines from ``base`` to ``head`` (a built site folder or a
    git revision each); without ``head``, the working tree, built into site/ first.
    What is built is built for ``site_url`` when given. Raises :class:`DiffError`."""
    before = _built_side(project, base, err, site_url)
    if head is not None:
        after = _built_side(project, head, err, site_url)
        return site_diff.compare(before, after, base, head)
    after = _working_tree(project, err, site_url)
    label = vocabulary(after.language)("review.working_tree")
    return site_diff.compare(before, after, base, label)


def _working_tree(project: Project, err: TextIO, site_url: str | None) -> PublishedSite:
    """The working tree's site, built into site/ first."""
    if build(project, err, err, site_url=site_url) != 0:
        raise DiffError("the working tree does not build: fix the errors above", 1)
    try:
        return read_site(project.site_dir)
    except UnreadableSiteError as exc:
        raise DiffError(str(exc), 2) from None


DIFF_FORMATS = {"markdown": site_diff.as_markdown, "json": site_diff.as_json}
"""How ``answer-center diff`` prints: Markdown for people, JSON for tools."""


def diff(
    project: Project,
    base: str,
    head: str | None,
    fmt: str,
    out: TextIO,
    err: TextIO,
    *,
    site_url: str | None = None,
) -> int:
    """Print what changes for answer engines; 1 when published addresses disappear without
    a redirect or a side does not build, 2 when a side is neither a site nor a revision."""
    try:
        change = published_change(project, base, head, err, site_url)
    except DiffError as exc:
        err.write(f"diff: {exc}\n")
        return exc.status
    out.write(DIFF_FORMATS[fmt](change))
    return 1 if change.failed else 0


def ping(
    project: Project,
    base: str,
    endpoint: str,
    out: TextIO,
    err: TextIO,
    *,
    site_url: str | None = None,
) -> int:
    """Submit the entry pages changed since ``base`` (a built site folder or a git
    revision) to an IndexNow endpoint, for the working tree's site (built first, for
    ``site_url`` when given: the address the site is served from).
    0 when every submission is accepted (or nothing changed), 1 otherwise, 2 on usage
    errors."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        err.write(f"ping: --endpoint {endpoint!r} is not an http or https URL\n")
        return 2
    try:
        before = _built_side(project, base, err, site_url)
        after = _working_tree(project, err, site_url)
    except DiffError as exc:
        err.write(f"ping: {exc}\n")
        return exc.status
    if after.indexnow_key is None:
        err.write(
            "ping: the site publishes no IndexNow key: set indexnow_key in content/site.yaml "
            "(8 to 128 letters, digits or '-'), deploy, then ping\n"
        )
        return 1
    change = site_diff.compare(before, after, base, "HEAD")
    batches = indexnow.submissions(after.base_url, after.indexnow_key, change.changed_paths)
    if not batches:
        out.write(f"ping: nothing changed since {base}; nothing submitted\n")
        return 0
    sent = 0
    for batch in batches:
        try:
            status = indexnow.submit(endpoint, batch)
        except indexnow.IndexNowError as exc:
            err.write(f"ping: {exc}; {sent} of {len(change.changed_paths)} URLs submitted\n")
            return 1
        sent += batch.count
        out.write(f"ping: {endpoint} accepted {batch.count} URLs (HTTP {status})\n")
    out.write(f"ping: submitted {sent} URLs changed since {base} in {len(batches)} requests\n")
    return 0


def retrieval_check(
    project: Project, location: str | None, budget: int, fmt: str, out: TextIO, err: TextIO
) -> int:
    """Replay every answer's questions against a built site (``site/`` unless
    ``location`` names another folder or a URL), as :mod:`answer_center.retrieval`
    describes; 0 when the share reached meets ``site.yaml``'s threshold, 1 otherwise."""
    report = validate(project)
    if report.failed or report.validation.site is None:
        err.write(
            format_text(report.diagnostics, report.files_checked, project.diagnostics_language())
        )
        err.write("eval: fix the errors above; the threshold is read from content/site.yaml\n")
        return 1
    threshold = build_site(report.validation.site).retrieval_threshold
    site = ReadSite(location or str(project.site_dir))
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

    site = ReadSite(location or str(project.site_dir))
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
