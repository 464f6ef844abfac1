"""``answer-center mcp``: the built site served to agents with the official MCP SDK,
checked with the SDK's own client: in-process, over stdio and over streamable HTTP on a
loopback port (the real CLI started as a subprocess), on the sample site built by the real
engine; the claims pass-through and reading the site from a URL on small machine sites.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import anyio
import pytest
from mcp import Client, StdioServerParameters
from mcp.shared.exceptions import MCPError
from mcp.types import TextResourceContents

from answer_center import cli, commands
from answer_center.mcp_server import server
from answer_center.model import build_catalog
from answer_center.project import Project
from answer_center.site_reader import PublishedSite
from browser_support import serve
from conftest import MiniProject
from machine_site import write_site
from outputs_site import BuiltSite

T = TypeVar("T")
STREAM_ANSWER = "ai-api-stream-429-timeout"


def with_client(target: Any, use: Callable[[Client], Awaitable[T]]) -> T:
    """Connect the SDK's client to ``target`` (a server, URL or stdio command) and run ``use``."""

    async def session() -> T:
        async with Client(target) as client:
            return await use(client)

    return anyio.run(session)


def call(target: Any, tool: str, arguments: dict[str, Any]) -> Any:
    """A tool's structured result (``result`` for list-returning tools)."""

    async def use(client: Client) -> Any:
        result = await client.call_tool(tool, arguments)
        assert not result.is_error, result.content
        assert result.structured_content is not None
        return result.structured_content.get("result", result.structured_content)

    return with_client(target, use)


def failure(target: Any, tool: str, arguments: dict[str, Any]) -> MCPError:
    """The MCP error a tool call ends with."""

    async def use(client: Client) -> MCPError:
        with pytest.raises(MCPError) as raised:
            await client.call_tool(tool, arguments)
        return raised.value

    return with_client(target, use)


@pytest.fixture(scope="module")
def app(built_site: BuiltSite) -> Any:
    return server(PublishedSite(str(built_site.site)))


def test_the_tools_and_their_typed_schemas(app: Any) -> None:
    tools = with_client(app, lambda client: client.list_tools())
    by_name = {tool.name: tool for tool in tools.tools}
    assert sorted(by_name) == ["get_answer", "list_changes", "list_topics", "search_answers"]
    search = by_name["search_answers"].input_schema
    assert search["required"] == ["query"]
    assert search["properties"]["query"]["type"] == "string"
    assert (search["properties"]["limit"]["minimum"], search["properties"]["limit"]["maximum"]) == (
        1,
        50,
    )
    answer = by_name["get_answer"].output_schema
    assert answer is not None
    assert {"short_answer", "boundaries", "handoff", "claims", "fields"} <= set(
        answer["properties"]
    )


def test_a_chinese_query_finds_the_429_answer_first(app: Any) -> None:
    hits = call(app, "search_answers", {"query": "限流"})
    assert hits[0]["id"] == STREAM_ANSWER
    assert hits[0]["markdown_url"] == f"https://answers.alltkn.com/answers/{STREAM_ANSWER}.md"
    assert [hit["score"] for hit in hits] == sorted((hit["score"] for hit in hits), reverse=True)


def test_search_by_kind_and_limit(app: Any) -> None:
    hits = call(app, "search_answers", {"query": "429 限流", "kind": "checklist", "limit": 1})
    assert [(hit["id"], hit["kind"]) for hit in hits] == [
        ("stream-rate-limit-checklist", "checklist")
    ]


def test_search_errors_say_what_to_do(app: Any) -> None:
    error = failure(app, "search_answers", {"query": "限流", "kind": "topic"})
    assert error.code == -32602
    assert error.message == (
        "kind 'topic' is not searchable; use one of answer, checklist, guide, example, "
        "use-case, integration, template, solution"
    )
    assert failure(app, "search_answers", {"query": "?!"}).message == (
        "query '?!' has no word to search for"
    )


def test_get_answer_holds_what_the_api_file_holds(app: Any, built_site: BuiltSite) -> None:
    published = built_site.json(f"api/v1/answers/{STREAM_ANSWER}.json")
    answer = call(app, "get_answer", {"id": STREAM_ANSWER})
    fields = published["fields"]
    assert answer["fields"] == fields
    assert answer["short_answer"] == fields["short_answer"]
    assert answer["boundaries"] == fields["boundaries"] and len(answer["boundaries"]) == 4
    assert answer["handoff"] == fields["handoff"] and "last_known_good" in answer["handoff"]
    assert (answer["content_hash"], answer["updated"]) == (
        published["content_hash"],
        published["updated"],
    )


def test_get_answer_errors(app: Any) -> None:
    unknown = failure(app, "get_answer", {"id": "no-such-answer"})
    assert (unknown.code, unknown.message) == (
        -32602,
        "no entry has the id 'no-such-answer'; search_answers finds ids",
    )
    assert failure(app, "get_answer", {"id": "stream-rate-limit-checklist"}).message == (
        "'stream-rate-limit-checklist' is a checklist, not an answer; read its Markdown "
        "mirror resource https://answers.alltkn.com/checklists/stream-rate-limit-checklist.md"
    )


def test_list_topics_with_their_members(app: Any, built_site: BuiltSite) -> None:
    topics = call(app, "list_topics", {})
    expected = {
        e.id: list(e.body["members"]) for e in built_site.catalog.entries if e.kind.name == "topic"
    }
    assert {t["id"]: t["members"] for t in topics} == expected
    stream = next(t for t in topics if t["id"] == "stream-rate-limit")
    assert stream["llms_url"] == "https://answers.alltkn.com/topics/stream-rate-limit/llms.txt"


def test_list_changes_since_a_date(app: Any, built_site: BuiltSite) -> None:
    changes = call(app, "list_changes", {"since": "2026-10-01"})
    # The dates the site publishes (a topic changes when a member does), newest first.
    expected = sorted(
        (
            (e["updated"], e["id"])
            for e in built_site.json("api/v1/index.json")["entries"]
            if e["updated"] >= "2026-10-01"
        ),
        reverse=True,
    )
    assert [(c["updated"], c["id"]) for c in changes] == expected
    assert expected  # the sample has recent changes
    assert call(app, "list_changes", {"since": "2099-01-01"}) == []
    bad = failure(app, "list_changes", {"since": "2026-02-30"})
    assert bad.message == "since '2026-02-30' is not a date; write it as YYYY-MM-DD"


def test_resources_are_llms_txt_and_every_mirror(app: Any, built_site: BuiltSite) -> None:
    listed = with_client(app, lambda client: client.list_resources())
    uris = {str(r.uri): r for r in listed.resources}
    base = built_site.base_url
    assert uris[base + "llms.txt"].mime_type == "text/plain"
    mirrors = {
        base + e.markdown_url.lstrip("/") for e in built_site.catalog.entries if e.kind.own_page
    }
    assert mirrors <= set(uris)
    assert uris[f"{base}answers/{STREAM_ANSWER}.md"].mime_type == "text/markdown"

    async def read(client: Client) -> list[str]:
        texts = []
        for uri in (base + "llms.txt", f"{base}answers/{STREAM_ANSWER}.md"):
            result = await client.read_resource(uri)
            content = result.contents[0]
            assert isinstance(content, TextResourceContents)
            texts.append(content.text)
        return texts

    llms, mirror = with_client(app, read)
    assert llms == built_site.text("llms.txt")
    assert mirror == built_site.text(f"answers/{STREAM_ANSWER}.md")


def test_an_unknown_resource_is_an_mcp_error(app: Any) -> None:
    async def use(client: Client) -> MCPError:
        with pytest.raises(MCPError) as raised:
            await client.read_resource("https://answers.alltkn.com/answers/nothing.md")
        return raised.value

    assert "nothing.md" in with_client(app, use).message


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_streamable_http_on_a_loopback_port(built_site: BuiltSite) -> None:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "answer_center",
        "--root",
        str(built_site.project.root),
        "mcp",
        "--http",
        "--port",
        str(port),
    ]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "the server did not listen within 60 s"
            time.sleep(0.1)
        hits = call(f"http://127.0.0.1:{port}/mcp", "search_answers", {"query": "限流"})
        assert hits[0]["id"] == STREAM_ANSWER
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert process.stderr is not None
    assert f"mcp: serving {built_site.site} at http://127.0.0.1:{port}/mcp" in process.stderr.read()


def test_stdio_from_the_real_command(built_site: BuiltSite) -> None:
    command = StdioServerParameters(
        command=sys.executable,
        args=["-m", "answer_center", "--root", str(built_site.project.root), "mcp"],
        env=dict(os.environ),  # the SDK passes a minimal environment; the tests' path too
    )
    answer = call(command, "get_answer", {"id": STREAM_ANSWER})
    assert answer["original_question"] == "AI API stream 中断、429 限流或超时应该怎么排查？"


def test_a_site_that_is_not_built_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--root", str(tmp_path), "mcp"]) == 1
    assert capsys.readouterr().err.startswith(f"mcp: {tmp_path / 'site'}: no such folder;")


# --- small machine-readable sites (no engine) ---------------------------------------------------


def machine_site(project: MiniProject) -> Path:
    project.answer("stream-429")
    project.answer("model-missing")
    project.topic("basics", ["stream-429", "model-missing"])
    report = commands.validate(Project(project.root))
    assert report.validation.site is not None
    catalog = build_catalog(report.validation.site, report.validation.sources)
    return write_site(catalog, project.root / "site")


def test_claims_of_the_api_file_are_passed_through(mini_project: MiniProject) -> None:
    site = machine_site(mini_project)
    api = site / "api/v1/answers/stream-429.json"
    claims = [{"id": "claim-stream-429-short-answer", "text": "这是问题 stream-429 的简短回答"}]
    api.write_text(json.dumps(json.loads(api.read_text("utf-8")) | {"claims": claims}), "utf-8")
    answer = call(server(PublishedSite(str(site))), "get_answer", {"id": "stream-429"})
    assert answer["claims"] == claims
    # An API file the test left alone: its own claims, as the build published them.
    published = json.loads((site / "api/v1/answers/model-missing.json").read_text("utf-8"))
    other = call(server(PublishedSite(str(site))), "get_answer", {"id": "model-missing"})
    assert other["claims"] == published["claims"] and published["claims"]


def test_the_site_is_read_from_its_url(mini_project: MiniProject) -> None:
    site = machine_site(mini_project)
    with serve(site) as url:
        app = server(PublishedSite(url))
        hits = call(app, "search_answers", {"query": "model missing 问题"})
        listed = with_client(app, lambda client: client.list_resources())
    assert hits[0]["id"] == "model-missing"
    # Resources keep the published URLs, whatever address the site was read from.
    assert "https://answers.example.com/answers/stream-429.md" in {
        str(r.uri) for r in listed.resources
    }
