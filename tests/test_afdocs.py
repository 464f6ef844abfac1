"""The public Agent-Friendly Docs checker (npm ``afdocs``, pinned in tests/afdocs/) scores the
sample answer center 100/100, built for its own address and served by real nginx with the
snippet the build wrote (content negotiation, Link headers and media types included).

The checker reads the site the way agents do: llms.txt and its coverage of the sitemap,
where each page's content starts, whether the Markdown mirror holds what the HTML page
holds, ``Accept: text/markdown``, status codes, redirects and cache headers. Every page is
checked (deterministic sampling with a limit above the page count), not a random sample.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from answer_center.cli import main
from answer_center.render.hosting import NGINX_CONF
from nginx_server import free_port, nginx
from sample_site import REPO, copy_project

PACKAGE = REPO / "tests" / "afdocs"
AFDOCS = PACKAGE / "node_modules" / ".bin" / "afdocs"
LOCK = PACKAGE / "package-lock.json"
INSTALLED_LOCK = PACKAGE / "node_modules" / ".installed-package-lock.json"
"""What scripts/install-afdocs.sh installed from (a copy of the lock file)."""
MAX_LINKS = 1_000
"""Pages the checker may test: more than the sample has, so it tests every one."""
CHECK_SECONDS = 600


def _require_afdocs() -> None:
    """Skip without Node.js locally, or fail (in CI, and whenever Node.js is there) when the
    pinned checker is not installed."""
    if shutil.which("node") is None:
        if os.environ.get("CI"):
            raise RuntimeError("CI must install Node.js 20 or later for the afdocs check")
        pytest.skip("Node.js is not installed: the afdocs check needs it (https://nodejs.org/)")
    installed = INSTALLED_LOCK.is_file() and INSTALLED_LOCK.read_bytes() == LOCK.read_bytes()
    assert installed and AFDOCS.exists(), "run scripts/install-afdocs.sh (it installs afdocs)"


def _afdocs(base: str) -> dict[str, Any]:
    """The checker's JSON report (with its score) of the site at ``base``."""
    command = [
        str(AFDOCS),
        "check",
        base,
        "--format",
        "json",
        "--score",
        "--quiet",
        "--sampling",
        "deterministic",
        "--max-links",
        str(MAX_LINKS),
        # A loopback server of our own: no politeness delay is owed to it.
        "--request-delay",
        "0",
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=CHECK_SECONDS, check=False
    )
    try:
        report: dict[str, Any] = json.loads(done.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"afdocs exited with {done.returncode} without a report:\n{done.stderr}")
    return report


def _not_passed(report: dict[str, Any]) -> list[str]:
    """Each check that did not pass: its id, status, message and the pages it names."""
    lines = []
    for result in report["results"]:
        if result["status"] in ("pass", "skip"):
            continue
        lines.append(f"{result['id']}: {result['status']}: {result['message']}")
        details = result.get("details") or {}
        for page in details.get("pageResults", []):
            if page.get("status") not in (None, "pass"):
                lines.append(f"    {page.get('url')}: {json.dumps(page, ensure_ascii=False)}")
        for url in details.get("missingFromLlmsTxt", []):
            lines.append(f"    missing from llms.txt: {url}")
    return lines


@pytest.mark.engine
def test_the_public_checker_scores_the_site_served_by_nginx_100(tmp_path: Path) -> None:
    _require_afdocs()
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    project = copy_project(tmp_path / "project")
    assert main(["--root", str(project.root), "build", "--site-url", base]) == 0
    snippet = project.build_dir / NGINX_CONF
    with nginx(project.site_dir, snippet, tmp_path / "nginx", port=port) as server:
        report = _afdocs(server.base + "/")
    not_passed = _not_passed(report)
    assert report["scoring"]["overall"] == 100, "\n".join(not_passed)
    # A warning is the checker's advice and weighs in the score (one page of eighty past a
    # size threshold still rounds to 100); a failed check is a defect whatever the score.
    failed = [r["id"] for r in report["results"] if r["status"] == "fail"]
    assert not failed, "\n".join(not_passed)
    # Every page was checked (by its sitemap URL, and again by its llms.txt link).
    pages = (project.site_dir / "sitemap.xml").read_text(encoding="utf-8").count("<loc>")
    assert report["testedPages"] >= pages > 50, (report["testedPages"], pages)
    skipped = {r["id"] for r in report["results"] if r["status"] == "skip"}
    # Skipped because there is nothing to judge: no headings inside tabs, no login.
    assert skipped == {"section-header-quality", "auth-alternative-access"}, skipped
