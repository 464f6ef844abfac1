"""Host configuration, redirect pages for renamed ids, and the consumers' page."""

from __future__ import annotations

import html as html_module
import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import pytest

from answer_center.render.hosting import nginx_snippet
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


def matching(rules: dict[str, dict[str, str]], path: str) -> list[str]:
    # Splats match any characters, slashes included (Cloudflare Pages and Netlify alike).
    return [pattern for pattern in rules if fnmatchcase(path, pattern)]


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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> tuple[int, dict[str, str]]:
    """Status and headers of a GET, without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=5) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def test_nginx_serves_the_outputs_as_the_snippet_says(
    changed_site: BuiltSite, tmp_path: Path
) -> None:
    nginx = shutil.which("nginx")
    if nginx is None:
        pytest.skip("nginx is not installed; the snippet is checked where it is")
    snippet = tmp_path / "answer-center.conf"
    snippet.write_text(nginx_snippet(changed_site.catalog), encoding="utf-8")
    port = _free_port()
    # Workers of a root master run as nobody, who cannot read pytest's private folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    config = tmp_path / "nginx.conf"
    config.write_text(
        f"{user}daemon off;\nerror_log {tmp_path}/error.log;\npid {tmp_path}/nginx.pid;\n"
        f"events {{}}\nhttp {{\n  access_log off;\n  server {{\n"
        f"    listen 127.0.0.1:{port};\n    root {changed_site.site};\n"
        f"    include {snippet};\n  }}\n}}\n",
        encoding="utf-8",
    )
    check = subprocess.run(
        [nginx, "-t", "-c", str(config), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    server = subprocess.Popen(
        [nginx, "-c", str(config), "-p", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                _fetch(base + "/llms.txt")
                break
            except OSError:
                time.sleep(0.05)
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
            status, headers = _fetch(base + path)
            assert status == 200, path
            assert headers["Content-Type"] == content_type, path
            assert "max-age=" in headers["Cache-Control"], path
        status, headers = _fetch(f"{base}/answers/{OLD_ANSWER_ID}.md")
        assert status == 301
        assert headers["Location"].endswith(f"/answers/{REDIRECT_TARGET}.md")
    finally:
        server.terminate()
        server.wait(timeout=10)
