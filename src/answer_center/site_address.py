"""The address a build is made for: ``base_url`` from ``site.yaml``, or another one given
to ``build --site-url`` (or ``ANSWER_CENTER_SITE_URL``), such as a pull request preview.

Every canonical link, the sitemap, the feed and llms.txt print the address as it is, so an
address given on the command line is held to the same grammar as ``base_url`` in the site
schema (read from the schema, not restated here). The one exception is a loopback address
(``http://127.0.0.1:PORT/``, ``http://[::1]:PORT/``, ``http://localhost:PORT/``), which
content can never name, for previewing a build on this machine.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ENVIRONMENT_VARIABLE = "ANSWER_CENTER_SITE_URL"
"""Read by ``build`` and ``merge`` when ``--site-url`` is not given."""

_LOOPBACK = re.compile(
    r"^http://(?:127\.0\.0\.1|\[::1\]|localhost):(?P<port>[0-9]{1,5})"
    r"/(?:(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+/)*$"
)
_MAX_PORT = 65535


class SiteUrlError(ValueError):
    """An address a site cannot be built for; the message says what to write instead."""


def base_url_pattern(schemas_dir: Path) -> re.Pattern[str]:
    """The grammar of ``base_url``, as the site schema's common definitions declare it."""
    common = json.loads((schemas_dir / "common.schema.json").read_text(encoding="utf-8"))
    return re.compile(common["$defs"]["base_url"]["pattern"])


def checked_site_url(value: str, schemas_dir: Path) -> str:
    """``value`` if a site can be built for it; raises :class:`SiteUrlError` otherwise."""
    loopback = _LOOPBACK.fullmatch(value)
    if loopback is not None and 1 <= int(loopback["port"]) <= _MAX_PORT:
        return value
    if loopback is None and base_url_pattern(schemas_dir).fullmatch(value):
        return value
    raise SiteUrlError(
        f"{value!r} is not an address to build for: write https://, a lowercase host name, "
        "an optional path of letters, digits, '.', '_', '~' or '-', and a final '/' "
        "(like https://pr-12.preview.example.com/), or a loopback address with a port "
        "for a local preview (like http://127.0.0.1:8000/)"
    )
