"""Host configuration: media types and caching for the machine-readable outputs.

``_headers`` is read by static hosts (Netlify, Cloudflare Pages); the nginx snippet says
the same for a self-hosted server and is shown on the consumers' page. One table below
feeds both, so they cannot disagree.

Each path matches exactly one rule that sets a given header: Cloudflare Pages joins the
values of a header set by several matching rules with commas, which would corrupt
``Content-Type``.
"""

from __future__ import annotations

from dataclasses import dataclass

from answer_center.model import Catalog
from answer_center.render.redirects import moved_entries

MARKDOWN = "text/markdown; charset=utf-8"
PLAIN_TEXT = "text/plain; charset=utf-8"
FEED = "application/feed+json"
# RFC 8259: JSON is UTF-8 and application/json defines no charset parameter.
JSON = "application/json"

# Machine-readable files change with every content edit: caches keep them five minutes
# and may serve a stale copy for a day while they fetch a fresh one.
SHORT_CACHE = "public, max-age=300, stale-while-revalidate=86400"


@dataclass(frozen=True)
class Rule:
    """Headers for the files one ``_headers`` path pattern matches."""

    pattern: str
    """``_headers`` pattern (``*`` is a splat)."""
    nginx_location: str
    """The equivalent nginx ``location`` argument."""
    content_type: str
    comment: str


RULES = (
    Rule("/*.md", r"~ \.md$", MARKDOWN, "Markdown mirrors of every page"),
    Rule("/llms.txt", "= /llms.txt", PLAIN_TEXT, "llms.txt index"),
    Rule("/llms-full.txt", "= /llms-full.txt", PLAIN_TEXT, "Full text of every answer"),
    Rule("/topics/*/llms.txt", r"~ ^/topics/[^/]+/llms\.txt$", PLAIN_TEXT, "Per-topic llms.txt"),
    Rule("/feed.json", "= /feed.json", FEED, "JSON Feed 1.1, first page"),
    Rule("/feed/*", "^~ /feed/", FEED, "JSON Feed 1.1, later pages"),
    Rule("/api/*", "^~ /api/", JSON, "Static JSON API and its schemas"),
)

COMMON_HEADERS = (
    ("Cache-Control", SHORT_CACHE),
    ("X-Content-Type-Options", "nosniff"),
    # Read-only public data: let browser-based tools and agents fetch it.
    ("Access-Control-Allow-Origin", "*"),
)


def headers_file() -> str:
    """``_headers`` for Netlify and Cloudflare Pages."""
    lines = [
        "# Media types and caching of the machine-readable outputs. Generated: do not edit.",
        "",
    ]
    for rule in RULES:
        lines += [f"# {rule.comment}", rule.pattern, f"  Content-Type: {rule.content_type}"]
        lines += [f"  {name}: {value}" for name, value in COMMON_HEADERS]
        lines.append("")
    return "\n".join(lines)


def nginx_snippet(catalog: Catalog) -> str:
    """``location`` blocks to include in the site's nginx ``server`` block."""
    lines = [
        "# answer-center: media types, caching and redirects of the machine-readable outputs.",
        "# Include inside the server block that serves site/. add_header in a location",
        "# replaces the server's own add_header lines there: repeat any you rely on.",
        "",
    ]
    for rule in RULES:
        lines += [f"# {rule.comment}", f"location {rule.nginx_location} {{"]
        # An empty types map makes default_type the exact Content-Type of every file here.
        lines += ["    types { }", f'    default_type "{rule.content_type}";']
        lines += [f'    add_header {name} "{value}" always;' for name, value in COMMON_HEADERS]
        lines += ["}", ""]
    moved = moved_entries(catalog)
    if moved:
        lines.append("# Renamed ids (content/site.yaml redirects)")
        for item in moved:
            for old, new in item.path_pairs():
                lines.append(f"location = {old} {{ return 301 {new}; }}")
        lines.append("")
    return "\n".join(lines)
