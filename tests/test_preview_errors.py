"""The preview shows invalid content in the browser: a bar over the last good pages links to
a page listing the diagnostics, in the site's language; fixing the content clears it. The
error files are static, so an invalid edit rebuilds no page."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml

from answer_center.diagnostics import error, warning
from answer_center.preview_errors import PAGE, SCRIPT, STATUS, error_files, preview_config
from browser_support import launch_chromium, skip_without_chromium
from test_preview_signals import running_preview

ANSWER_FILE = "answers/api-access/openai-sdk-base-url.yaml"
ANSWER_PAGE = "answers/openai-sdk-base-url/"
TITLE = "OpenAI SDK 的 base_url 应该怎么配置？"
"""The page heading as the browser gives its text (the permalink's symbol is drawn by CSS)."""
WAIT_MS = 60_000


def test_the_error_page_lists_every_diagnostic_as_text() -> None:
    hostile = '<script>alert(1)</script> & "quoted"'
    files = error_files(
        (
            error("content/answers/a/x.yaml", 3, 7, "load/unreadable", reason=hostile),
            warning("content/site.yaml", 1, 1, "status/no-successor"),
        ),
        "zh-CN",
    )
    assert json.loads(files[STATUS]) == {
        "errors": 2,
        "banner": "内容有 2 处错误,预览仍显示上一次正确的版本。",
        "link": "查看错误",
    }
    page = files[PAGE].decode()
    assert "<script>" not in page
    assert html.unescape(re.sub(r"<[^>]+>", "", page)).count(hostile) == 1
    assert "content/answers/a/x.yaml:3:7" in page and "<td>警告</td>" in page


def test_valid_content_replaces_the_error_files_with_ones_that_say_so() -> None:
    files = error_files((), "en")
    assert json.loads(files[STATUS])["errors"] == 0
    assert "Preview: no errors" in files[PAGE].decode()


def test_only_the_preview_engine_loads_the_script() -> None:
    engine = yaml.safe_dump({"docs_dir": "docs", "theme": {"name": "material"}}).encode()
    config = yaml.safe_load(preview_config(engine, "/p/build"))
    assert config["extra_javascript"] == [SCRIPT]
    assert config["docs_dir"] == "/p/build/docs"
    assert config["theme"] == {"name": "material", "custom_dir": "/p/build/overrides"}


@pytest.mark.browser
@pytest.mark.engine
def test_an_invalid_edit_shows_its_errors_over_the_last_good_pages(tmp_path: Path) -> None:
    skip_without_chromium()
    with running_preview(tmp_path) as preview, launch_chromium() as browser:
        base = f"http://127.0.0.1:{preview.port}/"
        page = browser.new_page()
        page.goto(base + ANSWER_PAGE)
        assert page.locator("h1").first.inner_text() == TITLE
        assert page.locator("#answer-center-preview-errors").count() == 0
        (built,) = preview.engine_temp_sites()
        served_page = built / ANSWER_PAGE / "index.html"
        before = served_page.stat().st_mtime_ns

        answer = preview.project.content_dir / ANSWER_FILE
        good = answer.read_text(encoding="utf-8")
        answer.write_text(good.replace("title: ", "titl: ", 1), encoding="utf-8")
        # The engine reloads the open page; the bar appears over the last good one.
        bar = page.locator("#answer-center-preview-errors")
        bar.wait_for(timeout=WAIT_MS)
        assert bar.inner_text() == "内容有 2 处错误,预览仍显示上一次正确的版本。 查看错误"
        assert page.locator("h1").first.inner_text() == TITLE
        assert served_page.stat().st_mtime_ns == before, "an invalid edit rebuilt a page"

        bar.get_by_text("查看错误").click()
        page.wait_for_url(base + "_preview/")
        assert page.locator("#title").inner_text() == "预览:内容有错误"
        rows = [
            [cell.inner_text() for cell in row.locator("td").all()]
            for row in page.locator("#diagnostics tbody tr").all()
        ]
        assert rows == [
            [f"content/{ANSWER_FILE}:1:1", "错误", "schema/required",
             "缺少必填的键“title”：把它加上"],
            [f"content/{ANSWER_FILE}:2:1", "错误", "schema/unknown-key",
             "未知的键“titl”：你是不是想写“title”？"],
        ]  # fmt: skip
        page.locator("#back").click()
        page.wait_for_url(base)
        assert page.locator("#answer-center-preview-errors").count() == 1

        answer.write_text(good, encoding="utf-8")
        page.goto(base + ANSWER_PAGE)
        deadline_checks = WAIT_MS // 500
        for _ in range(deadline_checks):
            if page.locator("#answer-center-preview-errors").count() == 0:
                break
            page.wait_for_timeout(500)
            page.reload()
        assert page.locator("#answer-center-preview-errors").count() == 0
        page.goto(base + "_preview/")
        assert page.locator("#title").inner_text() == "预览:内容没有错误"
