"""A built site as an answer engine reads it: the JSON API, the redirects, the sitemap and
llms.txt of a ``site/`` folder, never its HTML.

``answer-center diff`` compares two of these. Addresses are kept as site paths (the part
after the site's own address), so a site built for a preview address compares with one
built for ``base_url``.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from answer_center import urls

INDEXNOW_KEY = re.compile(r"[A-Za-z0-9-]{8,128}")
"""The protocol's key grammar (the site schema holds site.yaml to it)."""
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
REDIRECTS_FILE = "_redirects"


class UnreadableSiteError(Exception):
    """A folder that is not a built site, or one whose files do not parse."""


@dataclass(frozen=True)
class PublishedEntry:
    """One entry of the API: its index item and the fields of its own file."""

    id: str
    kind: str
    title: str
    status: str
    superseded_by: str | None
    content_hash: str
    path: str
    """The entry page's site path."""
    paths: tuple[str, ...]
    """Every site path the entry is published at (page, Markdown mirror, API file)."""
    fields: Mapping[str, Any]
    """The validated entry as its editor wrote it."""

    @property
    def lead(self) -> str:
        """What an engine quotes first: an answer's short answer, else the summary."""
        value = self.fields.get("short_answer", self.fields.get("summary", ""))
        return value if isinstance(value, str) else ""


@dataclass(frozen=True)
class PublishedRedirect:
    """An old id whose page now sends readers to another entry."""

    old_id: str
    target_id: str
    kind: str
    path: str
    target_path: str


@dataclass(frozen=True)
class PublishedSite:
    """What a built site publishes for machines."""

    base_url: str
    language: str
    entries: Mapping[str, PublishedEntry]
    redirects: Mapping[str, PublishedRedirect]
    redirected_paths: frozenset[str]
    """Every old site path a host answers with a redirect (``_redirects``)."""
    sitemap_paths: frozenset[str]
    llms_lines: tuple[str, ...]
    indexnow_key: str | None
    """The key of the IndexNow key file at the site root, if there is one."""

    def path_of(self, url: str) -> str:
        """The site path of one of this site's absolute URLs (the URL if it is not)."""
        if url.startswith(self.base_url):
            return "/" + url[len(self.base_url) :]
        return url

    def url_of(self, path: str) -> str:
        """The absolute URL of a site path."""
        return urls.absolute(self.base_url, path)

    @property
    def published_paths(self) -> frozenset[str]:
        """Every site path a reader or crawler can fetch: the sitemap's and the API's."""
        entry_paths = {p for e in self.entries.values() for p in e.paths}
        return self.sitemap_paths | entry_paths

    @property
    def answered_paths(self) -> frozenset[str]:
        """Published paths and the old paths that redirect."""
        moved = {r.path for r in self.redirects.values()}
        return self.published_paths | self.redirected_paths | moved


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UnreadableSiteError(f"{path}: cannot read it as JSON: {exc}") from None


def _sitemap_paths(site: Path, base_url: str, name: str) -> set[str]:
    try:
        root = ET.parse(site / name).getroot()
    except (OSError, ET.ParseError) as exc:
        raise UnreadableSiteError(f"{site / name}: cannot read the sitemap: {exc}") from None
    locs = [loc.text or "" for loc in root.iter(f"{SITEMAP_NS}loc")]
    if root.tag != f"{SITEMAP_NS}sitemapindex":
        return {"/" + loc[len(base_url) :] if loc.startswith(base_url) else loc for loc in locs}
    found: set[str] = set()
    for loc in locs:
        part = loc[len(base_url) :] if loc.startswith(base_url) else urlsplit(loc).path
        found |= _sitemap_paths(site, base_url, part.lstrip("/"))
    return found


def _redirected_paths(site: Path) -> frozenset[str]:
    file = site / REDIRECTS_FILE
    if not file.is_file():
        return frozenset()
    lines = file.read_text(encoding="utf-8").splitlines()
    return frozenset(line.split()[0] for line in lines if line.strip() and line[0] != "#")


def read_site(site: Path) -> PublishedSite:
    """Read a built ``site/`` folder; raises :class:`UnreadableSiteError`."""
    try:
        return _read(site)
    except (KeyError, TypeError, AttributeError) as exc:
        raise UnreadableSiteError(
            f"{site}: its API files are not those of an answer center ({exc!r} is missing "
            "or of another type); build it with this version of answer-center"
        ) from None


def _read(site: Path) -> PublishedSite:
    index_file = site / urls.API_INDEX.lstrip("/")
    if not index_file.is_file():
        raise UnreadableSiteError(
            f"{site}: not a built site (no {urls.API_INDEX.lstrip('/')}); "
            "run answer-center build first"
        )
    index = _json(index_file)
    base_url = index["site"]["url"]

    def path_of(url: str) -> str:
        return "/" + url[len(base_url) :] if url.startswith(base_url) else url

    entries = {}
    for item in index["entries"]:
        own = _json(site / path_of(item["json_url"]).lstrip("/"))
        entries[item["id"]] = PublishedEntry(
            id=item["id"],
            kind=item["kind"],
            title=item["title"],
            status=item["status"],
            superseded_by=item.get("superseded_by"),
            content_hash=item["content_hash"],
            path=path_of(item["url"]),
            paths=tuple(path_of(item[k]) for k in ("url", "markdown_url", "json_url")),
            fields=own["fields"],
        )
    redirects = {
        r["from"]: PublishedRedirect(
            r["from"], r["to"], r["kind"], path_of(r["url"]), path_of(r["target_url"])
        )
        for r in index.get("redirects", ())
    }
    llms = site / urls.LLMS.lstrip("/")
    try:
        llms_lines = tuple(llms.read_text(encoding="utf-8").splitlines())
    except OSError as exc:
        raise UnreadableSiteError(f"{llms}: cannot read it: {exc}") from None
    return PublishedSite(
        base_url=base_url,
        language=index["site"]["language"],
        entries=entries,
        redirects=redirects,
        redirected_paths=_redirected_paths(site),
        sitemap_paths=frozenset(_sitemap_paths(site, base_url, urls.SITEMAP.lstrip("/"))),
        llms_lines=llms_lines,
        indexnow_key=_indexnow_key(site),
    )


def _indexnow_key(site: Path) -> str | None:
    """The key whose file ``<key>.txt`` at the site root holds that key."""
    for file in sorted(site.glob("*.txt")):
        if INDEXNOW_KEY.fullmatch(file.stem) and file.read_bytes() == file.stem.encode():
            return file.stem
    return None
