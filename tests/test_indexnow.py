"""IndexNow: the key file the build publishes from ``site.yaml``, and ``answer-center ping``
submitting the pages changed since a base build to an endpoint, here a local HTTP server
standing in for one (never a real endpoint)."""

from __future__ import annotations

import http.server
import io
import json
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from answer_center import commands, indexnow
from answer_center.project import Project
from answer_center.render.outputs import published_files
from catalogs import SCHEMA_FILES, SITE, answer, catalog, topic
from conftest import MiniProject
from diff_sites import build, head_content, new_project

KEY = "5b0e7d2c9a4f4e1b8c3d6a7f0e2b9c41"


def test_the_key_file_is_published_at_the_site_root_only_when_a_key_is_set() -> None:
    entries = (("answer", answer("stream-429")), ("topic", topic("basics", ["stream-429"])))
    with_key = published_files(catalog(*entries, site=SITE | {"indexnow_key": KEY}), SCHEMA_FILES)
    without = published_files(catalog(*entries), SCHEMA_FILES)
    assert with_key[f"{KEY}.txt"] == KEY.encode()
    assert set(with_key) - set(without) == {f"{KEY}.txt"}


@pytest.mark.parametrize("key", ["short12", "x" * 129, "has_underscore", "with space1", "键" * 8])
def test_a_key_outside_the_protocols_grammar_is_refused_where_it_is_written(
    mini_project: MiniProject, key: str
) -> None:
    site = mini_project.root / "content" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + f"indexnow_key: {key}\n", "utf-8")
    ((path, line, column, rule, message),) = [
        (d.path, d.line, d.column, d.rule, d.text("en")) for d in mini_project.validate()
    ]
    assert (path, line, column, rule) == ("content/site.yaml", 23, 15, "schema/pattern")
    assert message.startswith(
        "indexnow_key: an IndexNow key is 8 to 128 letters (a-z, A-Z), digits or '-'"
    )


def test_a_key_named_like_a_published_file_is_refused(mini_project: MiniProject) -> None:
    site = mini_project.root / "content" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "indexnow_key: llms-full\n", "utf-8")
    mini_project.answer("stream-429")
    mini_project.topic("basics", ["stream-429"])
    ((line, column, rule, message),) = [
        (d.line, d.column, d.rule, d.text("en")) for d in mini_project.validate()
    ]
    assert (line, column, rule) == (23, 15, "site/indexnow-key")
    assert message.startswith("the key file /llms-full.txt would replace the site's own file")


def test_submissions_hold_at_most_10000_urls_each() -> None:
    paths = [f"/answers/a-{n}/" for n in range(25_001)]
    batches = indexnow.submissions("https://answers.example.com/", KEY, paths)
    assert [b.count for b in batches] == [10_000, 10_000, 5_001]
    first = batches[0].payload
    assert {k: v for k, v in first.items() if k != "urlList"} == {
        "host": "answers.example.com",
        "key": KEY,
        "keyLocation": f"https://answers.example.com/{KEY}.txt",
    }
    assert first["urlList"][0] == "https://answers.example.com/answers/a-0/"
    assert batches[2].payload["urlList"][-1] == "https://answers.example.com/answers/a-25000/"
    assert indexnow.submissions("https://answers.example.com/", KEY, []) == ()


class _Endpoint(http.server.BaseHTTPRequestHandler):
    """Records each POST; answers with the status the test set."""

    received: list[tuple[str, str, Any]]
    status: int

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        body = json.loads(self.rfile.read(length))
        self.received.append((self.path, self.headers["Content-Type"], body))
        self.send_response(self.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test reads what was received."""


@pytest.fixture
def endpoint() -> Iterator[type[_Endpoint]]:
    """A local IndexNow stand-in on a free loopback port (``handler.url``)."""
    handler = type("Endpoint", (_Endpoint,), {"received": [], "status": 200})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler.url = f"http://127.0.0.1:{server.server_port}/indexnow"  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield handler
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def changed_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A base build (``base-site/``) beside a project with the head content and a key."""
    root = tmp_path_factory.mktemp("indexnow")
    project = new_project(root / "project")
    site = project.root / "content" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + f"indexnow_key: {KEY}\n", "utf-8")
    build(project.root)
    shutil.copytree(project.root / "site", root / "base-site")
    head_content(project)
    return root


def _ping(root: Path, base: str, url: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = commands.ping(Project(root / "project"), base, url, out, err)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.engine
def test_ping_submits_the_pages_changed_since_base(
    changed_project: Path, endpoint: type[_Endpoint]
) -> None:
    url: str = endpoint.url  # type: ignore[attr-defined]
    status, out, err = _ping(changed_project, str(changed_project / "base-site"), url)
    assert status == 0, err
    base = "https://answers.example.com/"
    ((path, media_type, body),) = endpoint.received
    assert (path, media_type) == ("/indexnow", "application/json; charset=utf-8")
    assert body == {
        "host": "answers.example.com",
        "key": KEY,
        "keyLocation": f"{base}{KEY}.txt",
        "urlList": [
            f"{base}answers/epsilon/",
            f"{base}answers/alpha/",
            f"{base}topics/basics/",
            f"{base}answers/delta/",
            f"{base}answers/beta/",
            f"{base}answers/gamma/",
        ],
    }
    assert out.endswith(
        f"ping: {url} accepted 6 URLs (HTTP 200)\n"
        f"ping: submitted 6 URLs changed since {changed_project / 'base-site'} in 1 requests\n"
    )
    assert (changed_project / "project" / "site" / f"{KEY}.txt").read_text() == KEY


@pytest.mark.engine
def test_a_refused_submission_says_what_the_endpoint_meant(
    changed_project: Path, endpoint: type[_Endpoint]
) -> None:
    endpoint.status = 403
    url: str = endpoint.url  # type: ignore[attr-defined]
    status, _, err = _ping(changed_project, str(changed_project / "base-site"), url)
    assert status == 1
    assert err.endswith(
        f"ping: {url} answered HTTP 403: the key is not valid: the key file was not found at "
        "keyLocation or holds another key (deploy the site with indexnow_key first); "
        "0 of 6 URLs submitted\n"
    )


@pytest.mark.engine
def test_an_endpoint_that_cannot_be_reached_is_an_error(changed_project: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/indexnow"
    status, _, err = _ping(changed_project, str(changed_project / "base-site"), url)
    assert status == 1
    assert err.splitlines()[-1] == (
        f"ping: cannot reach {url}: [Errno 111] Connection refused; 0 of 6 URLs submitted"
    )


@pytest.mark.engine
def test_nothing_changed_submits_nothing(changed_project: Path, endpoint: type[_Endpoint]) -> None:
    site = str(changed_project / "project" / "site")
    url: str = endpoint.url  # type: ignore[attr-defined]
    _ping(changed_project, str(changed_project / "base-site"), url)  # builds the head
    endpoint.received.clear()
    status, out, _ = _ping(changed_project, site, url)
    assert (status, endpoint.received) == (0, [])
    assert out == f"ping: nothing changed since {site}; nothing submitted\n"


def test_an_endpoint_that_is_not_http_is_a_usage_error(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    status = commands.ping(Project(tmp_path), "main", "ftp://x.example/", out, err)
    assert (status, out.getvalue()) == (2, "")
    assert err.getvalue() == "ping: --endpoint 'ftp://x.example/' is not an http or https URL\n"


@pytest.mark.engine
def test_a_site_without_a_key_is_told_how_to_get_one(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    build(project.root)
    shutil.copytree(project.root / "site", tmp_path / "base-site")
    out, err = io.StringIO(), io.StringIO()
    base = str(tmp_path / "base-site")
    status = commands.ping(Project(project.root), base, "http://x.example/", out, err)
    assert status == 1
    assert err.getvalue().endswith(
        "ping: the site publishes no IndexNow key: set indexnow_key in content/site.yaml "
        "(8 to 128 letters, digits or '-'), deploy, then ping\n"
    )
