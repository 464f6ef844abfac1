"""Host configuration, redirect pages for renamed ids, and the consumers' page."""

from __future__ import annotations

import html as html_module
import json
import re
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest

from answer_center.render.hosting import NGINX_CONF, nginx_snippet
from answer_center.render.site_pages import html_pages
from nginx_server import NginxServer, Response, nginx
from outputs_site import OLD_ANSWER_ID, REDIRECT_TARGET, BuiltSite
from sample_site import REPO


def header_rules(text: str) -> dict[str, dict[str, str]]:
    """``_headers`` as {pattern: {header: value}}; a header twice in one rule fails."""
    rules: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            current = rules.setdefault(line, {})
            continue
        assert current is not None, line
        name, value = line.strip().split(": ", 1)
        assert name not in current, line
        current[name] = value
    return rules


def rule_matches(pattern: str, path: str) -> bool:
    """Cloudflare Pages' matching: a splat is any characters, slashes included; a
    ``:name`` placeholder is one path segment."""
    parts = re.split(r"(\*|:[a-z]+)", pattern)
    regex = "".join(
        ".*" if part == "*" else "[^/]+" if part.startswith(":") else re.escape(part)
        for part in parts
    )
    return re.fullmatch(regex, path) is not None


def matching(rules: dict[str, dict[str, str]], path: str) -> list[str]:
    return [pattern for pattern in rules if rule_matches(pattern, path)]


def test_headers_give_each_output_its_media_type(built_site: BuiltSite) -> None:
    rules = header_rules(built_site.text("_headers"))
    expected = {
        "/answers/ai-api-stream-429-timeout.md": "text/markdown; charset=utf-8",
        "/answers/ai-api-stream-429-timeout/index.md": "text/markdown; charset=utf-8",
        "/index.md": "text/markdown; charset=utf-8",
        "/llms.txt": "text/plain; charset=utf-8",
        "/llms-full.txt": "text/plain; charset=utf-8",
        "/topics/api-access/llms.txt": "text/plain; charset=utf-8",
        "/feed.json": "application/feed+json",
        "/atom.xml": "application/atom+xml",
        "/entries.jsonl": "application/jsonl; charset=utf-8",
        "/api/v1/index.json": "application/json",
        "/api/v1/answers/ai-api-stream-429-timeout.json": "application/json",
    }
    for path, content_type in expected.items():
        (pattern,) = matching(rules, path)
        assert rules[pattern]["Content-Type"] == content_type, path
        assert "max-age=" in rules[pattern]["Cache-Control"]


def test_no_published_file_gets_a_header_from_two_rules(built_site: BuiltSite) -> None:
    # Cloudflare Pages joins repeated headers with commas, which would break Content-Type.
    rules = header_rules(built_site.text("_headers"))
    for path in built_site.site.rglob("*"):
        if path.is_file():
            url = "/" + path.relative_to(built_site.site).as_posix()
            assert len(matching(rules, url)) <= 1, url


def test_consumers_page_in_chinese_and_english(built_site: BuiltSite) -> None:
    html = built_site.text("machine-readable/index.html")
    assert 'id="zh"' in html and 'id="en"' in html
    assert '<div lang="en">' in html
    for words in ("稳定性承诺", "增量同步", "Stability promises", "Incremental sync"):
        assert words in html
    assert "v1 only grows" in html
    shown = html_module.unescape(re.sub(r"<[^>]+>", "", html))
    assert "location ~ \\.md$ {" in shown, "the nginx snippet is shown"
    assert 'default_type "text/markdown; charset=utf-8";' in shown
    home = built_site.text("index.html")
    assert 'href="machine-readable/"' in home


def _properties(node: Any) -> set[str]:
    if isinstance(node, dict):
        own = set(node.get("properties", {})) if isinstance(node.get("properties"), dict) else set()
        return (
            own
            | {p for key, value in node.items() if key != "properties" for p in _properties(value)}
            | {p for value in (node.get("properties") or {}).values() for p in _properties(value)}
        )
    if isinstance(node, list):
        return {p for value in node for p in _properties(value)}
    return set()


def test_consumers_page_documents_every_published_field(built_site: BuiltSite) -> None:
    page = built_site.text("machine-readable/index.md")
    fields: set[str] = set()
    for name in ("api-index.schema.json", "api-entry.schema.json"):
        fields |= _properties(json.loads((REPO / "schemas" / name).read_text(encoding="utf-8")))
    feed = built_site.json("feed.json")
    fields |= {key for item in feed["items"] for key in item}
    fields |= {key for item in feed["items"] for key in item["_answer_center"]}
    missing = sorted(f for f in fields if f"`{f}`" not in page)
    assert missing == []


def test_renamed_id_keeps_a_redirect_page(changed_site: BuiltSite) -> None:
    base = changed_site.base_url
    target = f"{base}answers/{REDIRECT_TARGET}/"
    html = changed_site.text(f"answers/{OLD_ANSWER_ID}/index.html")
    assert f'<meta http-equiv="refresh" content="0; url={target}">' in html
    assert f'<link rel="canonical" href="{target}">' in html
    assert f'<a href="{target}">' in html
    assert "location.replace" in html
    redirects = changed_site.text("_redirects").splitlines()
    assert f"/answers/{OLD_ANSWER_ID}/ /answers/{REDIRECT_TARGET}/ 301" in redirects
    assert f"/answers/{OLD_ANSWER_ID}.md /answers/{REDIRECT_TARGET}.md 301" in redirects
    assert (
        f"/api/v1/answers/{OLD_ANSWER_ID}.json /api/v1/answers/{REDIRECT_TARGET}.json 301"
        in redirects
    )
    snippet = nginx_snippet(changed_site.catalog)
    assert (
        f"location = /answers/{OLD_ANSWER_ID}/ {{ return 301 /answers/{REDIRECT_TARGET}/; }}"
        in (snippet)
    )


def test_the_build_writes_the_nginx_snippet_into_build_and_not_site(
    changed_site: BuiltSite,
) -> None:
    written = changed_site.project.build_dir / NGINX_CONF
    assert written.read_text(encoding="utf-8") == nginx_snippet(changed_site.catalog)
    assert not list(changed_site.site.rglob(NGINX_CONF))


def test_headers_link_every_page_to_its_mirror_and_llms_txt(built_site: BuiltSite) -> None:
    rules = header_rules(built_site.text("_headers"))
    for page in html_pages(built_site.catalog):
        (pattern,) = matching(rules, page.path)
        link = rules[pattern]["Link"]
        alternate, described = re.findall(r"<([^>]+)>", link)
        # Values are sent as written (Netlify substitutes no placeholder): none is left.
        assert not re.search(r":[a-z]", alternate), link
        assert link == (
            f'<{alternate}>; rel="alternate"; type="text/markdown", </llms.txt>; rel="describedby"'
        )
        assert described == "/llms.txt"
        # The mirror the page's head links, or its second file (the same bytes).
        target = urllib.parse.urljoin(page.path, alternate).lstrip("/")
        assert target in page.mirror_files, page.path
        assert (built_site.site / target).read_bytes() == (
            built_site.site / page.markdown_path.lstrip("/")
        ).read_bytes()
        assert rules[pattern]["Content-Usage"] == "search=y, train-ai=y"
    # Cloudflare Pages reads at most 100 rules of at most 2,000 characters a line.
    assert len(rules) <= 100
    assert max(len(line) for line in built_site.text("_headers").splitlines()) <= 2000


@pytest.fixture(scope="module")
def served(
    changed_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[NginxServer]:
    """Real nginx serving the changed build's site/ with the build/nginx.conf it wrote."""
    snippet = changed_site.project.build_dir / NGINX_CONF
    with nginx(changed_site.site, snippet, tmp_path_factory.mktemp("nginx")) as server:
        yield server


BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def _link_targets(response: Response, page: str) -> dict[str, str]:
    """rel (with its type) -> the target of each Link, resolved against the page."""
    found = {}
    for link in re.split(r",\s*(?=<)", response.header("Link")):
        target, *params = (part.strip() for part in link.split(";"))
        key = "; ".join(params)
        found[key] = urllib.parse.urljoin(page, target.strip("<>"))
    return found


def test_nginx_links_every_page_to_its_mirror_and_negotiates_markdown(
    changed_site: BuiltSite, served: NginxServer
) -> None:
    base = changed_site.base_url
    for page in html_pages(changed_site.catalog):
        path = urllib.parse.quote(page.path)
        html = served.get(path, {"Accept": BROWSER_ACCEPT})
        assert html.status == 200, page.path
        assert html.header("Content-Type") == "text/html", page.path
        assert html.header("Vary") == "Accept"
        assert html.header("Content-Usage") == "search=y, train-ai=y"
        mirror_file = page.markdown_path.lstrip("/")
        mirror = urllib.parse.quote(urllib.parse.urljoin(page.path, page.markdown_path))
        assert _link_targets(html, path) == {
            'rel="alternate"; type="text/markdown"': mirror,
            'rel="describedby"': "/llms.txt",
        }, page.path
        # The page's head names the same mirror as the header.
        head = f'<link rel="alternate" type="text/markdown" href="{base}{mirror_file}"'
        assert head in html.body.decode("utf-8"), page.path
        markdown = served.get(path, {"Accept": "text/markdown"})
        assert markdown.status == 200, page.path
        assert markdown.header("Content-Type") == "text/markdown; charset=utf-8"
        assert markdown.header("Vary") == "Accept"
        assert markdown.body == (changed_site.site / mirror_file).read_bytes()


def test_nginx_negotiation_only_answers_markdown_to_those_who_ask(
    changed_site: BuiltSite, served: NginxServer
) -> None:
    page = f"/answers/{REDIRECT_TARGET}/"
    assert served.get(page).header("Content-Type") == "text/html"
    preferred = served.get(page, {"Accept": "text/markdown, text/html;q=0.5"})
    assert preferred.header("Content-Type") == "text/markdown; charset=utf-8"
    refused = served.get(page, {"Accept": "text/markdown;q=0, text/html"})
    assert refused.header("Content-Type") == "text/html"
    missing = served.get("/answers/no-such-answer/", {"Accept": "text/markdown"})
    assert missing.status == 404


def test_nginx_serves_the_outputs_as_the_snippet_says(
    changed_site: BuiltSite, served: NginxServer
) -> None:
    expected = {
        f"/answers/{REDIRECT_TARGET}.md": "text/markdown; charset=utf-8",
        f"/answers/{REDIRECT_TARGET}/index.md": "text/markdown; charset=utf-8",
        "/llms.txt": "text/plain; charset=utf-8",
        "/topics/api-access/llms.txt": "text/plain; charset=utf-8",
        "/feed.json": "application/feed+json",
        "/feed/2.json": "application/feed+json",
        "/atom.xml": "application/atom+xml",
        "/atom/2.xml": "application/atom+xml",
        "/entries.jsonl": "application/jsonl; charset=utf-8",
        "/api/v1/index.json": "application/json",
    }
    for path, content_type in expected.items():
        response = served.get(path)
        assert response.status == 200, path
        assert response.header("Content-Type") == content_type, path
        assert response.header("Cache-Control") == (
            "public, max-age=300, stale-while-revalidate=86400"
        ), path
        assert response.header("X-Content-Type-Options") == "nosniff", path
        assert response.header("Access-Control-Allow-Origin") == "*", path
        assert response.header("Content-Usage") == "search=y, train-ai=y", path
        assert response.body == (changed_site.site / path.lstrip("/")).read_bytes(), path


def test_nginx_keeps_the_redirects_of_renamed_ids(served: NginxServer) -> None:
    for old, new in (
        (f"/answers/{OLD_ANSWER_ID}/", f"/answers/{REDIRECT_TARGET}/"),
        (f"/answers/{OLD_ANSWER_ID}.md", f"/answers/{REDIRECT_TARGET}.md"),
    ):
        for accept in (BROWSER_ACCEPT, "text/markdown"):
            response = served.get(old, {"Accept": accept})
            assert response.status == 301, old
            assert response.header("Location").endswith(new), old


def test_consumers_page_documents_the_headers_negotiation_and_usage_signals(
    built_site: BuiltSite,
) -> None:
    page = built_site.text("machine-readable/index.md")
    zh, en = page.split("\n## English", 1)
    for part, words in (
        (zh, ("发现链接与内容协商", "稳定性承诺", "使用偏好(实验性)", "实验性:")),
        (en, ("Discovery links and content negotiation", "Stability promise", "Experimental:")),
    ):
        for text in (*words, '`rel="describedby"`', "`Vary: Accept`", "`build/nginx.conf`"):
            assert text in part, text
        assert "Content-Signal: search=yes, ai-input=yes, ai-train=yes\n" in part
        assert "Content-Usage: search=y, train-ai=y\n" in part
    # The snippet shown is the one the build wrote for deployments to include.
    written = (built_site.project.build_dir / NGINX_CONF).read_text(encoding="utf-8")
    assert f"```nginx\n{written}" in zh
