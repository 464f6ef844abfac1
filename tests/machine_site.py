"""A site of machine-readable files only (llms.txt, mirrors, JSON API), written from an
in-memory catalog: what agents, ``answer-center eval`` and the MCP server read, without
running the site engine."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from answer_center.model import Catalog
from answer_center.render.outputs import published_files
from catalogs import SCHEMA_FILES


def write_site(catalog: Catalog, folder: Path) -> Path:
    """Write the catalog's published files into ``folder``; returns it."""
    for path, data in published_files(catalog, SCHEMA_FILES).items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return folder


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Requests are not printed among the test output."""


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over HTTP on a free loopback port; yields its base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
