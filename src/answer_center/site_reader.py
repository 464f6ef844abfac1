"""A built answer center read the way agents read it (the MCP server, the retrieval check):
from a ``site/`` folder or
from the web, through its published files only (llms.txt, the mirrors, the JSON API).

Links in published files are absolute URLs under the site's ``base_url``; a copy served
elsewhere (a local folder, a staging host) is read by mapping them onto its location. The
base URL is learned from the API index, whose ``json_url`` of each entry is the base URL
followed by the entry's API path (:func:`answer_center.urls.api_file`).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from answer_center import urls
from answer_center.kinds import KINDS_BY_NAME

TIMEOUT_SECONDS = 30
USER_AGENT = "answer-center (+https://llmstxt.org/)"


class SiteError(Exception):
    """The site cannot be read: the message says which file and why."""


def is_url(location: str) -> bool:
    """True when ``location`` names a site on the web rather than a folder."""
    return location.startswith(("http://", "https://"))


@dataclass
class PublishedSite:
    """A built site at a folder or URL; files are read on demand and the index once."""

    location: str
    """A folder (``site``) or the URL the site is served at (``https://host/``)."""
    _index: list[Mapping[str, Any]] | None = field(default=None, init=False, repr=False)
    _entries: dict[str, Mapping[str, Any]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        if is_url(self.location) and not self.location.endswith("/"):
            self.location += "/"

    def read(self, path: str, limit: int | None = None) -> bytes:
        """The bytes of the file at site path ``path`` (``llms.txt``, ``/answers/x.md``),
        at most ``limit`` of them, as a fetch tool that truncates would return them."""
        relative = path.lstrip("/")
        if any(part in ("", ".", "..") for part in relative.split("/")):
            raise SiteError(f"{path}: not a file path of the site")
        if is_url(self.location):
            return _fetch(self.location + urllib.parse.quote(relative), limit)
        if not Path(self.location).is_dir():
            raise SiteError(
                f"{self.location}: no such folder; build the site first (answer-center build)"
                " or name its folder with --site or its address with --url"
            )
        file = Path(self.location) / relative
        try:
            with file.open("rb") as stream:
                return stream.read() if limit is None else stream.read(limit)
        except OSError as exc:
            raise SiteError(
                f"{file}: cannot read it ({exc.strerror}); is this a built site?"
            ) from None

    def text(self, path: str, limit: int | None = None) -> str:
        """A file's text; a cut inside a character (from ``limit``) drops that character."""
        return self.read(path, limit).decode("utf-8", errors="ignore")

    def json(self, path: str) -> Any:
        """A JSON file of the site, decoded."""
        try:
            return json.loads(self.read(path))
        except ValueError as exc:
            raise SiteError(f"{path}: not valid JSON ({exc})") from None

    @property
    def index(self) -> Sequence[Mapping[str, Any]]:
        """The entries of the API index (``/api/v1/index.json``), in its order."""
        if self._index is None:
            data = self.json(urls.API_INDEX)
            entries = data.get("entries") if isinstance(data, dict) else None
            if not isinstance(entries, list) or not entries:
                raise SiteError(f"{urls.API_INDEX}: no entries; is this a built answer center?")
            self._index = entries
        return self._index

    @property
    def base_url(self) -> str:
        """The base URL the site was built for (every published link starts with it)."""
        first = self.index[0]
        kind = KINDS_BY_NAME.get(str(first.get("kind")))
        json_url = str(first.get("json_url", ""))
        suffix = urls.api_file(kind, str(first.get("id"))).lstrip("/") if kind else ""
        if not suffix or not json_url.endswith(suffix):
            raise SiteError(f"{urls.API_INDEX}: the first entry's json_url is not its API file")
        return json_url[: -len(suffix)]

    def path_of(self, url: str) -> str | None:
        """The site path of a link of the site (absolute under the base URL, or under the
        location it is served at), without its fragment; None for other sites' links."""
        url = url.split("#", 1)[0]
        for base in (self.base_url, self.location):
            if is_url(base) and url.startswith(base):
                return "/" + url[len(base) :]
        return url if url.startswith("/") and not url.startswith("//") else None

    def entry(self, entry_id: str) -> Mapping[str, Any] | None:
        """The API file of the entry ``entry_id`` (read once), or None if none has it."""
        if entry_id in self._entries:
            return self._entries[entry_id]
        listed = next((e for e in self.index if e.get("id") == entry_id), None)
        if listed is None:
            return None
        path = self.path_of(str(listed.get("json_url", "")))
        if path is None:
            raise SiteError(f"{urls.API_INDEX}: {entry_id}: json_url is not a URL of the site")
        data = self.json(path)
        if not isinstance(data, dict):
            raise SiteError(f"{path}: expected an object")
        self._entries[entry_id] = data
        return data


def _fetch(url: str, limit: int | None) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            return bytes(response.read() if limit is None else response.read(limit))
    except urllib.error.HTTPError as exc:
        raise SiteError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise SiteError(f"{url}: cannot fetch it ({reason})") from None
