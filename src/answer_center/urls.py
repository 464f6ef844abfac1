"""Every URL and path of the answer center, computed here from ids and nowhere else.

Ids are the public contract: a page, its Markdown mirror, its API file, a topic's
llms.txt, a glossary anchor and the paths a renamed id keeps all derive from the id and
the kind's section, never from where a file sits. Site paths start with ``/``; files in
``site/`` are the same paths without it; the engine's docs folder has its own paths
(``answers/x.md``) that MkDocs turns into the site paths.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from answer_center.kinds import ENTRY_KINDS, GLOSSARY, TOPIC, Kind

HOME = "/"
HOME_MIRROR = "/index.md"
HOME_DOC = "index.md"
LLMS = "/llms.txt"
LLMS_FULL = "/llms-full.txt"
FEED = "/feed.json"
ATOM = "/atom.xml"
JSONL = "/entries.jsonl"
API_ROOT = "/api/v1/"
API_INDEX = API_ROOT + "index.json"
API_SCHEMAS = API_ROOT + "schema/"
SITEMAP = "/sitemap.xml"
ROBOTS = "/robots.txt"


@dataclass(frozen=True)
class Hub:
    """A page of the site that is not an entry: where it lives and its engine document."""

    name: str
    path: str
    """Site path of the HTML page (``/glossary/``)."""

    @property
    def mirror(self) -> str:
        """Site path of its Markdown mirror."""
        return HOME_MIRROR if self.path == HOME else f"{self.path}index.md"

    @property
    def doc(self) -> str:
        """Its page in the engine's docs folder."""
        return HOME_DOC if self.path == HOME else f"{self.path.strip('/')}/index.md"


HOME_HUB = Hub("home", HOME)
GLOSSARY_HUB = Hub("glossary", f"/{GLOSSARY.section}/")
TAGS_HUB = Hub("tags", "/tags/")
CONSUMERS_HUB = Hub("consumers", "/machine-readable/")
HUBS = (HOME_HUB, GLOSSARY_HUB, TAGS_HUB, CONSUMERS_HUB)
LISTING = "listing"
"""The name of every kind's listing hub (see :func:`listing`)."""
TAG = "tag"
"""The name of every tag page (see :func:`tag_page`)."""


def listing(kind: Kind) -> Hub:
    """The page listing every entry of a kind (``/topics/``): the navigation names only
    the first few, so the full list lives here."""
    return Hub(LISTING, f"/{kind.section}/")


def tag_page(tag: str, number: int = 1) -> Hub:
    """A page of the entries carrying a tag: ``/tags/<tag>/``, then ``/tags/<tag>/2/``.

    Tags are lowercase kebab-case or CJK ideographs (the schema's pattern), so a tag is a
    path segment as it stands."""
    suffix = "" if number == 1 else f"{number}/"
    return Hub(TAG, f"{TAGS_HUB.path}{tag}/{suffix}")


@dataclass(frozen=True)
class PageRoute:
    """HTML pages of one shape and the Markdown mirror each has, as host rules match them.

    A ``:name`` stands for one path segment that varies (Cloudflare Pages' placeholder,
    a named capture in nginx); the same name in ``mirror`` is that segment's value.
    """

    page: str
    mirror: str
    """The mirror as a ``Link`` header names it: a site path, or ``index.md`` relative
    to the page."""


PLACEHOLDER = re.compile(r":([a-z]+)")
"""A ``:name`` segment of a page route."""
RELATIVE_MIRROR = "index.md"


def page_routes() -> tuple[PageRoute, ...]:
    """Every HTML page's route: hubs and listings by their exact path, entry pages and tag
    pages by their shape. No two routes match the same path."""
    hubs = (*HUBS, *(listing(kind) for kind in ENTRY_KINDS if kind.in_nav))
    routes = [PageRoute(hub.path, hub.mirror) for hub in hubs]
    routes += [
        PageRoute(page(kind, ":id"), mirror(kind, ":id")) for kind in ENTRY_KINDS if kind.own_page
    ]
    # A tag may be CJK text: a path relative to the page keeps the header ASCII, which a
    # placeholder's value would not be.
    routes += [
        PageRoute(f"{TAGS_HUB.path}:tag/", RELATIVE_MIRROR),
        PageRoute(f"{TAGS_HUB.path}:tag/:part/", RELATIVE_MIRROR),
    ]
    return tuple(routes)


def page(kind: Kind, entry_id: str) -> str:
    """Site path of an entry's HTML page; glossary terms are anchors on one page."""
    if not kind.own_page:
        return f"/{kind.section}/#{entry_id}"
    return f"/{kind.section}/{entry_id}/"


def mirror(kind: Kind, entry_id: str) -> str:
    """Site path of an entry's Markdown mirror."""
    return f"/{kind.section}/{entry_id}.md"


def api_file(kind: Kind, entry_id: str) -> str:
    """Site path of an entry's file in the static JSON API."""
    return f"{API_ROOT}{kind.section}/{entry_id}.json"


def doc(kind: Kind, entry_id: str) -> str:
    """The engine document of an entry's page, relative to the docs folder."""
    if not kind.own_page:
        return f"{GLOSSARY_HUB.doc}#{entry_id}"
    return f"{kind.section}/{entry_id}.md"


def mirror_files(page_path: str, mirror_path: str) -> tuple[str, ...]:
    """Files in site/ holding a page's mirror: ``x.md`` and ``x/index.md`` (same bytes)."""
    if page_path == HOME:
        return (HOME_MIRROR.lstrip("/"),)
    first = mirror_path.lstrip("/")
    folder = page_path.strip("/")
    second = f"{folder}.md" if first.endswith("/index.md") else f"{folder}/index.md"
    return (first, second)


def indexnow_key_file(key: str) -> str:
    """Site path of the IndexNow key file: the key's name at the site root (the protocol's
    default place, so submissions need no ``keyLocation`` elsewhere)."""
    return f"/{key}.txt"


def topic_llms(topic_id: str) -> str:
    """Site path of a topic's own llms.txt."""
    return f"/{TOPIC.section}/{topic_id}/llms.txt"


def feed_page(number: int) -> str:
    """Site path of a feed page: ``/feed.json``, then ``/feed/2.json``, ``/feed/3.json``."""
    return FEED if number == 1 else f"/feed/{number}.json"


def api_index_page(number: int) -> str:
    """Site path of a page of the API index: ``/api/v1/index.json``, then
    ``/api/v1/index/2.json``, ``/api/v1/index/3.json``."""
    return API_INDEX if number == 1 else f"{API_ROOT}index/{number}.json"


def topic_llms_full(topic_id: str) -> str:
    """Site path of a topic's full text, linked from llms-full.txt when it is split."""
    return f"/{TOPIC.section}/{topic_id}/llms-full.txt"


def atom_page(number: int) -> str:
    """Site path of an Atom feed page: ``/atom.xml``, then ``/atom/2.xml``, ``/atom/3.xml``."""
    return ATOM if number == 1 else f"/atom/{number}.xml"


def sitemap_part(number: int) -> str:
    """Site path of one part of a sitemap index."""
    return f"/sitemaps/sitemap-{number}.xml"


def tag_anchor(tag: str) -> str:
    """Anchor of a tag on the tags page."""
    return "tag-" + re.sub(r"[^a-z0-9\u4e00-\u9fff-]", "-", tag)


def relative_url(source_page: str, target: str) -> str:
    """A link from the page at one site path to another site path (``#anchor`` kept), as
    the engine writes links between directory URLs: ``/answers/a/`` to ``/topics/t/`` is
    ``../../topics/t/``, to the home page ``../../``, to an anchor of itself ``./#a``."""
    path, hash_mark, anchor = target.partition("#")
    if path == source_page:
        href = "./"
    else:
        href = posixpath.relpath(path, source_page)
        if path.endswith("/"):
            href += "/"
    return f"{href}{hash_mark}{anchor}"


def moved_paths(kind: Kind, old_id: str, new_id: str) -> list[tuple[str, str]]:
    """(old, new) site paths a renamed id keeps: its page with and without the final
    slash, both mirror spellings and its API file."""
    section = kind.section
    new_page = page(kind, new_id)
    return [
        (page(kind, old_id), new_page),
        (f"/{section}/{old_id}", new_page),
        (mirror(kind, old_id), mirror(kind, new_id)),
        (f"/{section}/{old_id}/index.md", f"/{section}/{new_id}/index.md"),
        (api_file(kind, old_id), api_file(kind, new_id)),
    ]


def absolute(base_url: str, path: str) -> str:
    """The public URL of a site path such as ``/answers/x/``."""
    return base_url + path.lstrip("/")


def jsonl_part(number: int) -> str:
    """Site path of a part of the JSON Lines dump: ``/entries.jsonl``, then
    ``/entries/2.jsonl``, ``/entries/3.jsonl``."""
    return JSONL if number == 1 else f"/entries/{number}.jsonl"
