"""Where a project keeps its inputs and outputs, relative to its root folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from answer_center.diagnostic_words import language_of_site
from answer_center.load import load_file


@dataclass(frozen=True)
class Project:
    """The folders of one answer center repository."""

    root: Path
    language: str | None = None
    """The language of diagnostics asked for (``--lang``); None: the site's (see
    :meth:`diagnostics_language`)."""

    def diagnostics_language(self) -> str:
        """The language to print diagnostics in: the one asked for, else the site's
        (Chinese when content/site.yaml cannot be read: see language_of_site)."""
        if self.language is not None:
            return self.language
        loaded = load_file(self.content_dir / "site.yaml", "site.yaml")
        data = loaded.document.data if loaded.document is not None else None
        return language_of_site(data.get("language") if isinstance(data, dict) else None)

    @property
    def content_dir(self) -> Path:
        """The YAML editors write."""
        return self.root / "content"

    @property
    def schemas_dir(self) -> Path:
        """JSON Schemas of the inputs and the published JSON."""
        return self.root / "schemas"

    @property
    def build_dir(self) -> Path:
        """The generated engine tree (git-ignored): mkdocs.yml, docs/, overrides/."""
        return self.root / "build"

    @property
    def cache_file(self) -> Path:
        """Per-file validation results kept between runs (see answer_center.cache)."""
        return self.build_dir / ".answer-center-cache" / "validation.marshal"

    @property
    def site_dir(self) -> Path:
        """The published site."""
        return self.root / "site"

    @property
    def mkdocs_file(self) -> Path:
        """The site engine's configuration."""
        return self.root / "mkdocs.yml"

    @property
    def allowlist_file(self) -> Path:
        """Placeholders the sensitive-data gate lets through (documentation only)."""
        return self.root / "allowlist.yaml"
