"""What a reader sees in a real browser: headless Chromium on the built sample site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from browser_support import launch_chromium, search, serve, skip_without_chromium
from sample_site import copy_project, run_build

ANSWER = "answers/ai-api-stream-429-timeout/"

pytestmark = pytest.mark.browser

skip_without_chromium(allow_module_level=True)

from playwright.sync_api import Browser, Page, Request, expect  # noqa: E402


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = copy_project(tmp_path_factory.mktemp("browser"))
    status, _, err = run_build(project)
    assert status == 0, err
    with serve(project.site_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_chromium() as launched:
        yield launched


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


def test_follow_ups_are_shown_open_and_collapse_on_click(page: Page, base_url: str) -> None:
    page.goto(base_url + ANSWER)
    first = page.locator("details.question").first
    answer = first.locator("p").first
    expect(answer).to_be_visible()
    expect(answer).to_contain_text("stream=false")
    first.locator("summary").click()
    expect(answer).to_be_hidden()


def test_a_template_body_has_a_copy_button(page: Page, base_url: str) -> None:
    page.goto(base_url + "text-templates/base-url-migration-notice/")
    block = page.locator(".highlight").first
    expect(block).to_contain_text("{{old_base_url}}")
    # Material's copy button (theme feature content.code.copy), labelled in Chinese.
    expect(block.locator('button[data-md-type="copy"][title="复制"]')).to_have_count(1)


def test_a_table_of_a_use_case_is_a_real_table(page: Page, base_url: str) -> None:
    page.goto(base_url + "use-cases/batch-script-rate-limit/")
    headers = page.locator("table").first.locator("th")
    expect(headers).to_have_text(["参数", "用途", "示例", "风险"])


def test_search_for_rate_limit_in_chinese_finds_the_429_answer(page: Page, base_url: str) -> None:
    page.goto(base_url)
    search(page, "限流")
    # The answer comes before the guide and the checklist that cover the same words.
    expect(page.locator(".md-search-result__item h1").first).to_have_text(
        "AI API stream 中断、429 限流或超时应该怎么排查？"
    )
    # Excerpts are the entries' own words: never the note for agents or the page's furniture.
    excerpts = page.locator(".md-search-result__item p").all_inner_texts()
    assert excerpts and not [e for e in excerpts if "For AI agents" in e or "最后更新" in e]


def test_search_results_are_entries_and_open_the_page(page: Page, base_url: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(base_url + "topics/stream-rate-limit/")
    assert not [url for url in fetched if "/pagefind/" in url], "the index loads on a query"
    search(page, "base_url")
    links = page.locator(".md-search-result__link")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert hrefs and all(not h.startswith(("/topics/", "/tags/", "/glossary/")) for h in hrefs)
    expect(page.locator(".md-search-result__meta")).to_have_text("找到 1 个符合条件的结果")
    links.first.click()
    expect(page).to_have_url(base_url + "answers/openai-sdk-base-url/")
    expect(page.locator("h1")).to_contain_text("OpenAI SDK 的 base_url 应该怎么配置？")


def test_a_first_search_transfers_under_a_megabyte(page: Page, base_url: str) -> None:
    page.goto(base_url + ANSWER)
    page.wait_for_load_state("networkidle")
    transferred: dict[str, int] = {}

    def finished(request: Request) -> None:
        sizes = request.sizes()
        transferred[request.url] = sizes["responseHeadersSize"] + sizes["responseBodySize"]

    # The context reports the requests of the page and of Pagefind's worker alike.
    page.context.on("requestfinished", finished)
    search(page, "限流")
    page.wait_for_load_state("networkidle")
    index = {url: size for url, size in transferred.items() if "/pagefind/" in url}
    assert any(url.endswith(".wasm") or ".pf_" in url for url in index), sorted(transferred)
    assert 0 < sum(transferred.values()) < 1_000_000


def test_search_is_driven_from_the_keyboard(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.keyboard.press("/")  # the theme's shortcut opens the search box
    expect(page.locator("input.md-search__input")).to_be_focused()
    search(page, "base_url")
    page.keyboard.press("Escape")
    assert page.evaluate("document.getElementById('__search').checked") is False
    page.locator("input.md-search__input").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(base_url + "answers/openai-sdk-base-url/")


def test_search_finds_english_words_of_the_ai_summary(page: Page, base_url: str) -> None:
    page.goto(base_url)
    search(page, "troubleshoot")
    expect(page.locator(".md-search-result__item h1").first).to_have_text(
        "AI API stream 中断、429 限流或超时应该怎么排查？"
    )


def test_more_like_this_link_navigates(page: Page, base_url: str) -> None:
    page.goto(base_url + ANSWER)
    link = page.locator("#more-like-this + ul a").first
    title = link.inner_text()
    link.click()
    page.wait_for_load_state()
    assert "/answers/" in page.url and ANSWER not in page.url
    expect(page.locator("h1")).to_contain_text(title)
