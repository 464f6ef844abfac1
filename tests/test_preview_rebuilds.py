"""The preview rebuilds the pages an edit changed, and every page when the navigation did.

Its engine runs ``mkdocs serve --dirty``: only files newer than their built page are
rebuilt. An edit rewrites only the generated pages it changes; a change to what every page
shows (a topic's title is in the navigation) marks every page changed. Either way what the
preview serves is what a build would publish.
"""

from __future__ import annotations

import time
import urllib.request
from pathlib import Path

from test_preview_signals import running_preview

REBUILD_SECONDS = 60.0


def served(port: int, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
        text: str = response.read().decode("utf-8")
        return text


def wait_for(port: int, path: str, text: str) -> None:
    deadline = time.monotonic() + REBUILD_SECONDS
    while text not in served(port, path):
        assert time.monotonic() < deadline, f"{path} never showed {text!r}"
        time.sleep(0.2)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_and_a_new_navigation_reach_the_served_pages(tmp_path: Path) -> None:
    with running_preview(tmp_path) as preview:
        content = preview.project.content_dir
        answer = "answers/ai-api-stream-429-timeout/"
        other = "answers/team-ai-api-cost-control/"
        assert "先把问题归入三类之一" in served(preview.port, answer)
        edit(
            content / "answers/stream-rate-limit/ai-api-stream-429-timeout.yaml",
            "先把问题归入三类之一",
            "先判断问题属于哪一类",
        )
        wait_for(preview.port, answer, "先判断问题属于哪一类")
        # The other answer's page did not change, but its navigation must.
        assert "团队与成本" in served(preview.port, other)
        edit(content / "topics/team-cost.yaml", "title: 团队与成本", "title: 团队用量与成本")
        wait_for(preview.port, answer, "团队用量与成本")
        wait_for(preview.port, "answers/openai-sdk-base-url/", "团队用量与成本")
