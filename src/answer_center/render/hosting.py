"""Host configuration: media types and caching for the machine-readable outputs.

``_headers`` is read by static hosts (Netlify, Cloudflare Pages); the nginx snippet says
the same for a self-hosted server and is shown on the consumers' page. One table below
feeds both, so they cannot disagree.

Each path matches exactly one rule that sets a given header: Cloudflare Pages joins the
values of a header set by several matching rules with commas, which would corrupt
``Content-Type``.
"""

from __future__ import annotations

from answer_center.model import Catalog
from answer_center.output_formats import OUTPUT_FORMATS
from answer_center.render.redirects import moved_entries

# Machine-readable files change with every content edit: caches keep them five minutes
# and may serve a stale copy for a day while they fetch a fresh one.
SHORT_CACHE = "public, max-age=300, stale-while-revalidate=86400"

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
    for output in OUTPUT_FORMATS:
        for rule in output.locations:
            lines += [f"# {rule.comment}", rule.pattern, f"  Content-Type: {output.media_type}"]
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
    for output in OUTPUT_FORMATS:
        for rule in output.locations:
            lines += [f"# {rule.comment}", f"location {rule.nginx} {{"]
            # An empty types map makes default_type the exact Content-Type of every file.
            lines += ["    types { }", f'    default_type "{output.media_type}";']
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
