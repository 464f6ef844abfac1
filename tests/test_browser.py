"""What a reader sees in a real browser: headless Chromium on the built sample site."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from sample_site import copy_project, run_build

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ANSWER = "answers/ai-api-stream-429-timeout/"

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Chromium: scripts/install-browser.sh")
    pytest.skip("Chromium is not installed (scripts/install-browser.sh)", allow_module_level=True)

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = copy_project(tmp_path_factory.mktemp("browser"))
    status, _, err = run_build(project)
    assert status == 0, err
    handler = functools.partial(_Quiet, directory=str(project.site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 1600})
    opened = context.new_page()
    yield opened
    context.close()


def test_answer_page_shows_the_short_answer(page: Page, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + ANSWER)
    short = page.locator(".ac-short-answer")
    expect(short).to_be_visible()
    expect(short).to_contain_text("先把问题归入三类之一")
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    expect(page.locator(".ac-agent-note")).to_be_attached()
    assert page.locator(".ac-agent-note").bounding_box()["width"] <= 1  # type: ignore[index]
    shot = tmp_path / "answer-page.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def test_follow_up_expands_on_click(page: Page, base_url: str) -> None:
    page.goto(base_url + ANSWER)
    first = page.locator("details.question").first
    answer = first.locator("p").first
    expect(answer).to_be_hidden()
    first.locator("summary").click()
    expect(answer).to_be_visible()
    expect(answer).to_contain_text("stream=false")


def search(page: Page, text: str) -> None:
    """Enter a query as a reader would; Material searches on key events, and Chinese text
    arrives without one (as from an input method), so a key press follows. Retried until
    the search worker has loaded its index."""
    query = page.locator("input.md-search__input")
    query.click()
    for _ in range(30):
        query.fill(text)
        query.press("End")
        if page.locator(".md-search-result__item").count():
            return
        page.wait_for_timeout(500)


def test_search_for_rate_limit_in_chinese_finds_the_429_answer(page: Page, base_url: str) -> None:
    page.goto(base_url)
    search(page, "限流")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    expect(page.locator(".md-search-result")).to_contain_text("429 限流或超时应该怎么排查")


def test_search_finds_english_words_of_the_ai_summary(page: Page, base_url: str) -> None:
    page.goto(base_url)
    search(page, "troubleshoot")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    expect(page.locator(".md-search-result")).to_contain_text("AI API stream")


def test_more_like_this_link_navigates(page: Page, base_url: str) -> None:
    page.goto(base_url + ANSWER)
    link = page.locator("#more-like-this + ul a").first
    title = link.inner_text()
    link.click()
    page.wait_for_load_state()
    assert "/answers/" in page.url and ANSWER not in page.url
    expect(page.locator("h1")).to_contain_text(title)
