"""Headless Chromium and a local HTTP server, shared by the browser test modules."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def skip_without_chromium(*, allow_module_level: bool = False) -> None:
    """Skip when Chromium is not installed; in CI that is an error instead."""
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Chromium: scripts/install-browser.sh")
    pytest.skip(
        "Chromium is not installed (scripts/install-browser.sh)",
        allow_module_level=allow_module_level,
    )


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` over HTTP on a free local port; yields the base URL (with ``/``)."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def launch_chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()


def search(page: Page, text: str) -> None:
    """Enter a query as a reader would (Chinese text arrives without key events, as from an
    input method; a key press follows). Retried until Pagefind has loaded the chunks the
    query needs."""
    query = page.locator("input.md-search__input")
    query.click()
    for _ in range(30):
        query.fill(text)
        query.press("End")
        if page.locator(".md-search-result__item").count():
            return
        page.wait_for_timeout(500)
