"""The built sample site, as HTML: every section of the answer page and every page kind."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from answer_center.markup import to_plain
from sample_site import REPO, copy_project, run_build

ANSWER_ID = "ai-api-stream-429-timeout"
BASE = "https://answers.alltkn.com/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("sample"))
    status, out, err = run_build(project)
    assert status == 0, err
    assert "built site/" in out
    return project.site_dir


def sample_answers() -> dict[str, dict[str, object]]:
    """The sample's published answers as their YAML says, by id: the pages must show
    what the content says, whatever an editor last changed in it."""
    found = {}
    for path in sorted((REPO / "content" / "answers").glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data["status"] == "published":
            found[data["id"]] = data
    return found


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


class _Collector(HTMLParser):
    """Collects h2 ids, links, JSON-LD blocks and head tags of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.h2_ids: list[str] = []
        self.jsonld: list[str] = []
        self.links: list[dict[str, str]] = []
        self.metas: list[dict[str, str]] = []
        self.anchors: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "h2" and "id" in attributes:
            self.h2_ids.append(attributes["id"])
        elif tag == "script" and attributes.get("type") == "application/ld+json":
            self._in_jsonld = True
        elif tag == "link":
            self.links.append(attributes)
        elif tag == "meta":
            self.metas.append(attributes)
        elif tag == "a" and "href" in attributes:
            self.anchors.append(attributes["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(data)


def text_of(html: str) -> str:
    """Visible text: tags removed (glossary tooltips wrap terms in <abbr>)."""
    return re.sub(r"<[^>]+>", "", html)


def collect(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def test_answer_page_has_every_seed_section_in_order(site: Path) -> None:
    html = page(site, f"answers/{ANSWER_ID}")
    assert collect(html).h2_ids == [
        "direct-answer",
        "basis-and-boundaries",
        "next-steps",
        "ai-summary",
        "follow-ups",
        "related",
        "handoff",
        "review",
        "more-like-this",
    ]
    for heading in (
        "直接回答当前问题",
        "判断依据和适用边界",
        "建议执行的下一步",
        "AI search implementation summary",
        "常见后续问题说明",
        "继续查证的相关页面",
        "落地记录和团队交接",
        "内容审核说明和安全边界",
        "更多同类短答案",
    ):
        assert heading in html


def test_short_answer_is_prominent_and_quotable(site: Path) -> None:
    html = page(site, f"answers/{ANSWER_ID}")
    block = re.search(r'<div class="admonition tip ac-short-answer">(.*?)</div>', html, re.S)
    assert block is not None
    text = re.sub(r"<[^>]+>", "", block.group(1))
    assert "先把问题归入三类之一" in text
    assert "不要发送完整 API Key 或完整请求头" in text
    assert "<strong>原始问题</strong>:" in html


def test_byline_shows_content_dates_not_build_dates(site: Path) -> None:
    html = page(site, f"answers/{ANSWER_ID}")
    answer = sample_answers()[ANSWER_ID]
    assert f"发布于 {answer['published']} · 最后更新 {answer['updated']}" in html
    assert f"作者:{answer['author']}" in html
    for built in site.rglob("*.html"):
        assert "2026-11-28" not in built.read_text(encoding="utf-8"), built


def test_ai_summary_is_marked_english(site: Path) -> None:
    html = page(site, f"answers/{ANSWER_ID}")
    match = re.search(r'<div class="ac-ai-summary" lang="en">(.*?)</div>', html, re.S)
    assert match is not None, "the AI summary block must carry lang=en"
    assert "troubleshoot interrupted AI API streams" in match.group(1)


def test_follow_ups_are_shown_open_as_on_the_seed_page(site: Path) -> None:
    html = page(site, f"answers/{ANSWER_ID}")
    details = re.findall(
        r'<details class="question" open="open">\s*<summary>(.*?)</summary>', html, re.S
    )
    assert len(details) == 3
    assert "stream=true 没有输出" in re.sub(r"<[^>]+>", "", details[0])


def test_related_links_resolve_with_titles_and_notes(site: Path) -> None:
    html = page(site, f"answers/{ANSWER_ID}")
    related = html.split('id="related"')[1].split('id="handoff"')[0]
    titles = re.findall(r'<a href="([^"]+)">(.*?)</a>', related)
    hrefs = [href for href, _ in titles]
    assert [text_of(title) for _, title in titles] == [
        "stream 限流超时手册",
        "stream 限流超时清单",
        "stream 与限流",
        "错误处理示例",
        "答案中心",
    ]
    answer_dir = site / "answers" / ANSWER_ID
    for href in hrefs:
        target = (answer_dir / href.split("#")[0]).resolve()
        assert (target / "index.html").is_file() or target.is_file(), href


class _Ids(HTMLParser):
    """Every element id and every link of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and "href" in attributes:
            self.hrefs.append(attributes["href"])


def test_every_link_between_pages_reaches_a_page_and_its_anchor(site: Path) -> None:
    # The engine does not check links written as final URLs (the generator resolved them
    # from the model): this does, on every page as a browser would follow them.
    parsed: dict[Path, _Ids] = {}
    for path in site.rglob("*.html"):
        parsed[path] = _Ids()
        parsed[path].feed(path.read_text(encoding="utf-8"))
    broken = []
    followed = 0
    for path, ids in parsed.items():
        for href in ids.hrefs:
            if re.match(r"[a-z]+:|//", href):
                continue
            address, _, anchor = href.partition("#")
            # The 404 page is served at any depth: its links start at the site's root.
            base = site if address.startswith("/") else path.parent
            target = (base / address.lstrip("/")).resolve() if address else path
            if target.is_dir():
                target = target / "index.html"
            followed += 1
            if target not in parsed and not target.is_file():
                broken.append(f"{path.relative_to(site)}: {href}")
            elif anchor and target in parsed and anchor not in parsed[target].ids:
                broken.append(f"{path.relative_to(site)}: {href} (no id {anchor})")
    assert broken == []
    assert followed > 500


def test_more_like_this_is_computed_with_short_answers(site: Path) -> None:
    html = page(site, f"answers/{ANSWER_ID}")
    section = text_of(html.split('id="more-like-this"')[1])
    for title in (
        "OpenAI 兼容 API 网关是什么？",
        "OpenAI SDK 的 base_url 应该怎么配置？",
        "AI API 报模型不存在时先查什么？",
        "团队使用 AI API 怎么控制成本？",
    ):
        assert title in section
    assert "统一模型接入入口" in section or "模型收敛" in section or "GPT" in section


def test_handoff_and_review_sections(site: Path) -> None:
    html = page(site, f"answers/{ANSWER_ID}")
    handoff = html.split('id="handoff"')[1].split('id="review"')[0]
    for label in ("负责人", "当前环境", "选用能力", "最近一次正常结果", "观察到的现象"):
        assert label in handoff
    review = html.split('id="review"')[1].split('id="more-like-this"')[0]
    assert "审核日期" in review and "下次复查" in review


def test_head_metadata(site: Path) -> None:
    html = page(site, f"answers/{ANSWER_ID}")
    assert html.lstrip().startswith("<!doctype html>")
    assert '<html lang="zh-CN"' in html
    head = collect(html)
    canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    assert canonical == [f"{BASE}answers/{ANSWER_ID}/"]
    description = [m["content"] for m in head.metas if m.get("name") == "description"]
    assert description and description[0].startswith("按 stream 中断、429 限流")
    og = {m["property"]: m["content"] for m in head.metas if "property" in m}
    assert og["og:url"] == f"{BASE}answers/{ANSWER_ID}/"
    assert og["og:type"] == "article"
    assert og["og:locale"] == "zh_CN"
    alternates = {
        link.get("type"): link["href"] for link in head.links if link.get("rel") == "alternate"
    }
    assert alternates["text/markdown"] == f"{BASE}answers/{ANSWER_ID}.md"
    assert alternates["application/feed+json"] == f"{BASE}feed.json"
    assert alternates["application/atom+xml"] == f"{BASE}atom.xml"
    assert alternates["text/plain"] == f"{BASE}llms.txt"
    assert 'class="ac-agent-note"' in html


def test_jsonld_describes_the_question_and_its_answer(site: Path) -> None:
    html = page(site, f"answers/{ANSWER_ID}")
    blocks = collect(html).jsonld
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    graph = {node["@type"]: node for node in data["@graph"]}
    assert set(graph) == {"Article", "WebSite", "BreadcrumbList"}
    article = graph["Article"]
    assert article["inLanguage"] == "zh-CN"
    answer = sample_answers()[ANSWER_ID]
    assert article["datePublished"] == str(answer["published"])
    assert article["dateModified"] == str(answer["updated"])
    assert article["author"]["name"] == answer["author"]
    assert article["publisher"]["name"] == "ALLTKN"
    assert article["isPartOf"]["@id"] == f"{BASE}#website"
    question = article["mainEntity"]
    assert question["@type"] == "Question"
    assert question["acceptedAnswer"]["@type"] == "Answer"
    assert question["acceptedAnswer"]["text"].startswith("先把问题归入三类之一")
    assert "`" not in question["acceptedAnswer"]["text"]
    crumbs = graph["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == [
        "答案中心",
        "stream 与限流",
        "AI API stream 中断、429 限流或超时应该怎么排查？",
    ]
    assert "QAPage" not in blocks[0]


def test_glossary_terms_get_tooltips_and_anchors(site: Path) -> None:
    html = page(site, f"answers/{ANSWER_ID}")
    tips = dict(re.findall(r'<abbr title="([^"]+)">([^<]+)</abbr>', html)[::-1])
    assert any(term == "SSE" for term in tips.values())
    glossary = page(site, "glossary")
    for anchor in ("sse", "http-429", "reset-at", "base-url", "api-key", "backoff", "timeout"):
        assert f'id="{anchor}"' in glossary


def test_example_page_has_a_tab_per_language_and_copy_buttons(site: Path) -> None:
    html = page(site, "examples/error-handling-examples")
    labels = re.findall(r'<label for="__tabbed_\d+_\d+">([^<]+)</label>', html)
    assert labels[:3] == ["Python", "Node.js", "curl"]
    assert len(labels) == 15
    assert '"content.code.copy"' in html
    for status in ("401", "402", "429"):
        assert f"<code>{status}</code>" in html


def test_checklist_page_has_task_lists(site: Path) -> None:
    source = (REPO / "content/checklists/stream-rate-limit-checklist.yaml").read_text("utf-8")
    items = source.count("\n      - text:")
    assert items >= 10
    html = page(site, "checklists/stream-rate-limit-checklist")
    assert html.count('class="task-list-item"') == items
    assert html.count('class="task-list-control"') == items


def test_topic_page_lists_members_in_order_with_short_answers(site: Path) -> None:
    html = page(site, "topics/stream-rate-limit")
    headings = [text_of(h) for h in re.findall(r"<h2 id=[^>]*>(.*?)</h2>", html, re.S)]
    assert [h.removesuffix("&para;") for h in headings] == [
        "AI API stream 中断、429 限流或超时应该怎么排查？",
        "stream 限流超时清单",
        "stream 限流超时手册",
        "错误处理示例",
        "批量脚本调用 AI API 时控制并发和 429",
    ]
    assert "先把问题归入三类之一" in html


def test_home_lists_topics_recent_answers_and_machine_outputs(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    for title in ("stream 与限流", "接入与兼容", "故障排查", "团队与成本"):
        assert title in text_of(html)
    recent = text_of(html.split('id="recent"')[1].split('id="hubs"')[0])
    shown = sorted(
        (recent.index(str(a["title"])), str(a["updated"]))
        for a in sample_answers().values()
        if str(a["title"]) in recent
    )
    assert len(shown) >= 2
    assert [updated for _, updated in shown] == sorted((u for _, u in shown), reverse=True)
    for output in ("llms.txt", "feed.json", "api/v1/index.json", "sitemap.xml"):
        assert f"{BASE}{output}" in html


def test_tags_page_and_navigation_stay_small(site: Path) -> None:
    tags = page(site, "tags")
    assert 'id="tag-429"' in tags
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = text_of(home.split('class="md-nav md-nav--primary"')[1].split('class="md-content"')[0])
    assert "AI API stream 中断" not in nav, "answers stay out of the navigation"
    assert "stream 与限流" in nav


def test_deprecated_notice_links_successor(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    old = project.content_dir / "answers" / "api-access" / "openai-sdk-base-url.yaml"
    text = old.read_text(encoding="utf-8")
    text = text.replace(
        "status: published", "status: deprecated\nsuperseded_by: openai-compatible-api-gateway"
    )
    old.write_text(text, encoding="utf-8")
    status, _, err = run_build(project)
    assert status == 0, err
    html = page(project.site_dir, "answers/openai-sdk-base-url")
    notice = html.split("此答案已弃用")[1].split("</div>")[0]
    assert 'href="../openai-compatible-api-gateway/"' in notice
    gateway = page(project.site_dir, "answers/openai-compatible-api-gateway")
    more = gateway.split('id="more-like-this"')[1]
    assert "OpenAI SDK 的 base_url" not in more, "deprecated answers are not suggested"
    assert to_plain("`x`") == "x"
