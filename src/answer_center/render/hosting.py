"""Host configuration: discovery links, content negotiation, usage preferences, media
types and caching.

``_headers`` is read by static hosts (Cloudflare Pages, Netlify); the nginx snippet says
the same for a self-hosted server, is written to ``build/nginx.conf`` for a deployment
to include, and is shown on the consumers' page. Both iterate the same declarations:
the outputs (``output_formats.py``: media types, host rules, the relations pages link
them with), the page routes (``urls.page_routes``) and the site's usage preferences.

Each path matches exactly one rule that sets a given header: Cloudflare Pages joins the
values of a header set by several matching rules with commas, which would corrupt
``Content-Type``. The ``Link`` values of a page are therefore one header line.
"""

from __future__ import annotations

import re

from answer_center import urls
from answer_center.model import Catalog, Site
from answer_center.output_formats import OUTPUT_FORMATS, OutputFormat
from answer_center.render.redirects import moved_entries
from answer_center.usage_signals import content_usage

NGINX_CONF = "nginx.conf"
"""The snippet's file in build/: a deployment includes it, site/ never holds it."""

# Machine-readable files change with every content edit: caches keep them five minutes
# and may serve a stale copy for a day while they fetch a fresh one.
SHORT_CACHE = "public, max-age=300, stale-while-revalidate=86400"

COMMON_HEADERS = (
    ("Cache-Control", SHORT_CACHE),
    ("X-Content-Type-Options", "nosniff"),
    # Read-only public data: let browser-based tools and agents fetch it.
    ("Access-Control-Allow-Origin", "*"),
)

NEGOTIATED = tuple(o for o in OUTPUT_FORMATS if o.page_link is not None and o.url is None)
"""Outputs at each page's own address: ``Accept`` naming their media type gets them."""
LINKED = NEGOTIATED + tuple(
    o for o in OUTPUT_FORMATS if o.page_link is not None and o not in NEGOTIATED
)
"""What every page's ``Link`` header names: the page's own alternates first."""


def media_type(output: OutputFormat) -> str:
    """The media type without parameters (``text/markdown``)."""
    return output.media_type.split(";")[0].strip()


def usage_headers(site: Site) -> tuple[tuple[str, str], ...]:
    """The ``Content-Usage`` header (draft-ietf-aipref-attach-04), when the site states a
    preference the vocabulary names."""
    value = content_usage(site.usage)
    return () if value is None else (("Content-Usage", value),)


def page_link(route: urls.PageRoute, mirror: str | None = None) -> str:
    """The ``Link`` value of the pages of a route, ``:name`` placeholders kept; ``mirror``
    names the page's own alternate instead of the route's."""
    links = []
    for output in LINKED:
        target = (mirror or route.mirror) if output.url is None else output.url
        parameters = f'; type="{media_type(output)}"' if output.url is None else ""
        links.append(f'<{target}>; rel="{output.page_link}"{parameters}')
    return ", ".join(links)


def headers_file(site: Site) -> str:
    """``_headers`` for Cloudflare Pages and Netlify."""
    lines = [
        "# Discovery links, usage preferences, media types and caching. Generated: do not edit.",
        "",
        "# HTML pages: their Markdown mirror and llms.txt (RFC 8288 Link). A :name is one",
        "# path segment; index.md is relative to the page.",
    ]
    usage = usage_headers(site)
    for route in urls.page_routes():
        # Netlify sends a value as written (no placeholders there): a page whose mirror
        # address varies names its second mirror file, index.md beside it (same bytes).
        varies = urls.PLACEHOLDER.search(route.mirror) is not None
        link = page_link(route, urls.RELATIVE_MIRROR if varies else None)
        lines += [route.page, f"  Link: {link}"]
        lines += [f"  {name}: {value}" for name, value in usage]
    lines.append("")
    for output in OUTPUT_FORMATS:
        for rule in output.locations:
            lines += [f"# {rule.comment}", rule.pattern, f"  Content-Type: {output.media_type}"]
            lines += [f"  {name}: {value}" for name, value in COMMON_HEADERS + usage]
            lines.append("")
    return "\n".join(lines)


def deployment_files(catalog: Catalog) -> dict[str, bytes]:
    """What the build writes into build/ for the server: the nginx snippet."""
    return {NGINX_CONF: nginx_snippet(catalog).encode("utf-8")}


def nginx_snippet(catalog: Catalog) -> str:
    """``location`` blocks to include in the site's nginx ``server`` block."""
    site = catalog.site
    lines = [
        "# answer-center: discovery links, content negotiation, usage preferences, media",
        "# types, caching and redirects. Include inside the server block that serves site/.",
        "# add_header in a location replaces the server's own add_header lines there:",
        "# repeat any you rely on.",
        "",
        "# HTML pages: Link to their Markdown mirror and llms.txt; Accept: text/markdown",
        "# gets the mirror at the page's own address, so the answer varies with Accept.",
    ]
    for route in urls.page_routes():
        lines += _nginx_page(site, route)
    lines.append("")
    for output in OUTPUT_FORMATS:
        headers = COMMON_HEADERS + usage_headers(site)
        if output in NEGOTIATED:
            # Served for a page's address too: caches must key it on Accept there.
            headers += (("Vary", "Accept"),)
        for rule in output.locations:
            lines += [f"# {rule.comment}", f"location {rule.nginx} {{"]
            # An empty types map makes default_type the exact Content-Type of every file.
            lines += ["    types { }", f"    default_type {_nginx_string(output.media_type)};"]
            lines += [_add_header(name, value) for name, value in headers]
            lines += ["}", ""]
    moved = moved_entries(catalog)
    if moved:
        lines.append("# Renamed ids (content/site.yaml redirects)")
        for item in moved:
            for old, new in item.path_pairs():
                lines.append(f"location = {old} {{ return 301 {new}; }}")
        lines.append("")
    return "\n".join(lines)


def _nginx_page(site: Site, route: urls.PageRoute) -> list[str]:
    if urls.PLACEHOLDER.search(route.page):
        parts = urls.PLACEHOLDER.split(route.page)
        # split() alternates literal text and placeholder names.
        pattern = "".join(
            f"(?<{part}>[^/]+)" if index % 2 else _regex_literal(part)
            for index, part in enumerate(parts)
        )
        where = f"~ ^{pattern}$"
    else:
        where = f"= {route.page}"
    lines = [f"location {where} {{"]
    lines.append(_add_header("Link", _nginx_variables(page_link(route))))
    lines += [_add_header(name, value) for name, value in usage_headers(site)]
    lines.append(_add_header("Vary", "Accept"))
    for output in NEGOTIATED:
        target = (
            "${uri}" + route.mirror
            if route.mirror == urls.RELATIVE_MIRROR
            else _nginx_variables(route.mirror)
        )
        # Named in Accept, unless with q=0: that says "not this type" (RFC 9110 12.4.2).
        refused = r"(?!\s*;\s*q=0(\.0*)?\s*(,|$))"
        accept = _nginx_string(_regex_literal(media_type(output)) + refused)
        lines.append(f"    if ($http_accept ~* {accept}) {{ rewrite ^ {target} last; }}")
    # Serve the page's index.html in this location, where the headers above apply (the
    # index module would redirect to another location, which sends its own).
    lines += ["    try_files ${uri}index.html =404;", "}"]
    return lines


def _regex_literal(text: str) -> str:
    """Text a PCRE pattern matches as it stands (paths hold no other metacharacters than
    these)."""
    return re.sub(r"([.^$*+?()\[\]{}|\\])", r"\\\1", text)


def _nginx_variables(text: str) -> str:
    """A route's ``:name`` as nginx's ``$name`` (the named capture of its location)."""
    return urls.PLACEHOLDER.sub(lambda match: "${" + match.group(1) + "}", text)


def _nginx_string(value: str) -> str:
    """An nginx string literal: double-quoted, with quotes and backslashes escaped."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _add_header(name: str, value: str) -> str:
    return f"    add_header {name} {_nginx_string(value)} always;"
