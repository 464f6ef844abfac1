"""Finding and loading the content tree: ``content/site.yaml`` and one file per entry."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from answer_center.diagnostics import Diagnostic, error
from answer_center.kinds import KINDS_BY_SECTION, SITE_FILE, Kind
from answer_center.load import DEFAULT_LIMITS, Document, Limits, load_file


@dataclass(frozen=True)
class Source:
    """A loaded entry file and the kind its location declares."""

    kind: Kind
    document: Document


@dataclass(frozen=True)
class ContentTree:
    """Everything read from ``content/``: what loaded, and what could not."""

    site: Document | None
    sources: tuple[Source, ...]
    diagnostics: tuple[Diagnostic, ...]
    files_read: int
    unreadable: tuple[str, ...] = ()
    """Display paths of entry files that could not be loaded."""


MAX_ENTRIES = 100_000


def display_path(path: Path, root: Path) -> str:
    """How diagnostics name a file: relative to the project root, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_content(root: Path, content_dir: Path, limits: Limits = DEFAULT_LIMITS) -> ContentTree:
    """Load every content file under ``content_dir``, in a stable order."""
    diagnostics: list[Diagnostic] = []
    sources: list[Source] = []
    site: Document | None = None
    site_path = content_dir / SITE_FILE
    if not site_path.is_file():
        diagnostics.append(
            error(
                display_path(site_path, root),
                1,
                1,
                "content/missing-site",
                "content/site.yaml is missing: it names the site, its base URL and language",
            )
        )
    files = sorted(p for p in content_dir.rglob("*") if p.is_file() or p.is_symlink())
    if len(files) > MAX_ENTRIES:
        shown = display_path(content_dir, root)
        diagnostics.append(
            error(shown, 1, 1, "content/too-many-files",
                  f"{len(files):,} files under {shown}; the limit is {MAX_ENTRIES:,}")
        )
        return ContentTree(None, (), tuple(diagnostics), 0)
    read = 0
    unreadable: list[str] = []
    for path in files:
        shown = display_path(path, root)
        kind, problem = _classify(path.relative_to(content_dir))
        if problem:
            diagnostics.append(error(shown, 1, 1, "content/unexpected-file", problem))
            continue
        if path.is_symlink():
            diagnostics.append(
                error(shown, 1, 1, "content/symlink", "symbolic links are not read; copy the file")
            )
            continue
        result = load_file(path, shown, limits)
        read += 1
        diagnostics.extend(result.diagnostics)
        if result.document is None:
            unreadable.append(shown)
            continue
        if kind is None:
            site = result.document
        else:
            sources.append(Source(kind, result.document))
    return ContentTree(site, tuple(sources), tuple(diagnostics), read, tuple(unreadable))


def _classify(relative: Path) -> tuple[Kind | None, str | None]:
    """The kind a content path declares, or why the file does not belong there."""
    parts = relative.parts
    if any(part.startswith(".") for part in parts):
        return None, "hidden files are not content; remove it or rename it without the dot"
    if relative.suffix == ".yml":
        return None, "content files end in .yaml, not .yml; rename it"
    if relative.suffix != ".yaml":
        return None, "only .yaml files belong under content/; move this file elsewhere"
    if parts == (SITE_FILE,):
        return None, None
    kind = KINDS_BY_SECTION.get(parts[0])
    if kind is None:
        sections = ", ".join(sorted(KINDS_BY_SECTION))
        return None, f"'{parts[0]}' is not a content folder; use one of: {sections}"
    depth = 3 if kind.nested else 2
    if len(parts) != depth:
        shape = "answers/<topic>/<id>.yaml" if kind.nested else f"{kind.section}/<id>.yaml"
        return None, f"a {kind.name} file lives at content/{shape}"
    return kind, None
