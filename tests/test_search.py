"""The search index: which pages it holds and what text of them, read from the files a
reader's browser downloads (the browser suites search it in Chromium)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from answer_center import urls
from answer_center.kinds import kinds_with
from answer_center.kinds.kind import SEARCH
from outputs_site import BuiltSite
from search_index import indexed_pages

ANSWER = "/answers/ai-api-stream-429-timeout/"


def test_the_index_holds_the_pages_of_searchable_kinds_and_no_listing(
    built_site: BuiltSite,
) -> None:
    searchable = {kind.name for kind in kinds_with(SEARCH)}
    expected = {
        urls.page(entry.kind, entry.id)
        for entry in built_site.catalog.entries
        if entry.kind.name in searchable
    }
    assert set(indexed_pages(built_site.site)) == expected
    assert {"answer", "checklist", "guide", "example"} <= searchable
    assert not {"topic", "glossary"} & searchable
    entry = json.loads(built_site.text("pagefind/pagefind-entry.json"))
    assert list(entry["languages"]) == ["zh-cn"]
    assert entry["languages"]["zh-cn"]["page_count"] == len(expected)


def test_chinese_text_is_split_into_words_and_english_summaries_are_indexed(
    built_site: BuiltSite,
) -> None:
    page = indexed_pages(built_site.site)[ANSWER]
    assert page.title == "AI API stream 中断、429 限流或超时应该怎么排查？"
    assert "\u200b限流\u200b" in page.content
    assert "troubleshoot" in page.content


def test_only_the_article_text_is_indexed(built_site: BuiltSite) -> None:
    content = indexed_pages(built_site.site)[ANSWER].content.replace("\u200b", "")
    note = built_site.text("answers/ai-api-stream-429-timeout/index.html")
    assert "ac-agent-note" in note and "ac-breadcrumb" in note
    for absent in ("For AI agents", "最后更新", "答案中心 /", "标签:"):
        assert absent not in content, absent
    assert "按 stream 中断、429 限流、timeout 超时三类分开排查" in content


def test_the_bundle_s_script_and_style_files_are_whole(
    built_site: BuiltSite, tmp_path: Path
) -> None:
    """The search box's own files are those Pagefind's command writes for any site, byte
    for byte: a build once published ``pagefind-ui.js`` cut at 64 KiB, its indexer
    stopped before the write ended."""
    site = tmp_path / "one-page"
    site.mkdir()
    (site / "index.html").write_text(
        '<html lang="zh-cn"><body><h1>限流</h1></body></html>', encoding="utf-8"
    )
    written = tmp_path / "bundle"
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    subprocess.run([*command, "--output-path", str(written)], check=True)
    names = sorted(path.name for path in written.iterdir() if path.suffix in {".js", ".css"})
    assert "pagefind-ui.js" in names
    for name in names:
        published = built_site.site / "pagefind" / name
        assert published.read_bytes() == (written / name).read_bytes(), name
