"""Built copies of the sample answer center for the machine-readable output tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from answer_center import commands
from answer_center.model import Catalog, build_catalog
from answer_center.project import Project
from sample_site import REPO, copy_project, run_build

CHANGED_ANSWER = "team-ai-api-cost-control"
"""An answer whose summary the changed build edits."""
DEPRECATED_ANSWER = "openai-sdk-base-url"
SUCCESSOR_ANSWER = "openai-compatible-api-gateway"
OLD_ANSWER_ID = "stream-429-troubleshooting"
"""An id renamed to REDIRECT_TARGET in the changed build's site.yaml."""
REDIRECT_TARGET = "ai-api-stream-429-timeout"
CHANGED_PAGE_SIZE = 2

JSONFEED_DIR = REPO.parent / "shared" / "schemas" / "jsonfeed-1.1"
"""The JSON Feed 1.1 schema beside the repository (CI clones main with ../shared)."""


@dataclass(frozen=True)
class BuiltSite:
    """A project copy that was built: its site/ folder and the Catalog it was built from."""

    project: Project
    catalog: Catalog

    @property
    def site(self) -> Path:
        """The published site/ folder."""
        return self.project.site_dir

    @property
    def base_url(self) -> str:
        """The site's base URL (every absolute URL starts with it)."""
        return self.catalog.site.base_url

    def file_of(self, url: str) -> Path:
        """The file in site/ that serves an absolute URL of the site (index.html for a folder)."""
        assert url.startswith(self.base_url), url
        path = url[len(self.base_url) :].split("#")[0]
        if path == "" or path.endswith("/"):
            path += "index.html"
        return self.site / path

    def text(self, path: str) -> str:
        """A published file's text."""
        return (self.site / path).read_text(encoding="utf-8")

    def json(self, path: str) -> Any:
        """A published JSON file."""
        return json.loads(self.text(path))


def build_copy(root: Path, edit: Callable[[Project], None] | None = None) -> BuiltSite:
    """Copy the repository's content, schemas and mkdocs.yml to ``root``, edit, build."""
    project = copy_project(root)
    if edit is not None:
        edit(project)
    status, _, err = run_build(project)
    assert status == 0, err
    report = commands.validate(project)
    assert report.validation.site is not None
    return BuiltSite(project, build_catalog(report.validation.site, report.validation.sources))


def edit_sample(project: Project) -> None:
    """Edit one answer, deprecate another, rename an id, and page the feed by two."""
    content = project.content_dir
    changed = content / "answers" / "team-cost" / f"{CHANGED_ANSWER}.yaml"
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("summary: ", "summary: 已修订。", 1), encoding="utf-8")
    old = content / "answers" / "api-access" / f"{DEPRECATED_ANSWER}.yaml"
    text = old.read_text(encoding="utf-8").replace(
        "status: published", f"status: deprecated\nsuperseded_by: {SUCCESSOR_ANSWER}"
    )
    old.write_text(text, encoding="utf-8")
    site = content / "site.yaml"
    text = site.read_text(encoding="utf-8")
    assert "  page_size: 100\n" in text
    text = text.replace("  page_size: 100\n", f"  page_size: {CHANGED_PAGE_SIZE}\n")
    text += f"redirects:\n  - from: {OLD_ANSWER_ID}\n    to: {REDIRECT_TARGET}\n    kind: answer\n"
    site.write_text(text, encoding="utf-8")


def schema_registry(schemas_dir: Path = REPO / "schemas") -> Registry:
    """Every JSON Schema of schemas/, registered under its (relative) ``$id``."""
    resources = []
    for path in sorted(schemas_dir.glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        resources.append((contents["$id"], resource))
    return Registry().with_resources(resources)


def strict(schema: Any) -> Any:
    """A copy of a schema that also rejects properties it does not list.

    The published schemas let v1 grow (consumers ignore unknown properties); the tests
    hold the outputs to exactly what the schemas document.
    """
    if isinstance(schema, dict):
        copy = {key: strict(value) for key, value in schema.items()}
        if copy.get("type") == "object" and "properties" in copy:
            copy.setdefault("additionalProperties", False)
        return copy
    if isinstance(schema, list):
        return [strict(item) for item in schema]
    return schema
