"""``build --site-url`` and ``ANSWER_CENTER_SITE_URL``: a build for another address (a pull
request preview, or this machine), held to base_url's grammar with loopback as the only
exception."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from answer_center.cli import main
from answer_center.site_address import ENVIRONMENT_VARIABLE, SiteUrlError, checked_site_url
from sample_site import REPO, copy_project

SCHEMAS = REPO / "schemas"
SITE_BASE_URL = "https://answers.alltkn.com/"


@pytest.mark.parametrize(
    "url",
    [
        "https://pr-12.preview.example.com/",
        "https://example.github.io/answer-center/",
        "http://127.0.0.1:8000/",
        "http://localhost:4173/",
        "http://[::1]:8080/docs/",
    ],
)
def test_an_address_of_base_urls_grammar_or_a_loopback_address_is_accepted(url: str) -> None:
    assert checked_site_url(url, SCHEMAS) == url


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/",
        "http://127.0.0.1/",
        "http://127.0.0.1:0/",
        "http://127.0.0.1:70000/",
        "http://10.0.0.1:8000/",
        "https://example.com",
        "https://Example.com/",
        'https://example.com/"onload=x/',
        "https://example.com/a b/",
        "https://example.com/<script>/",
        "https://user@example.com/",
        "javascript:alert(1)//",
        "",
    ],
)
def test_any_other_address_is_refused_with_what_to_write(url: str) -> None:
    with pytest.raises(SiteUrlError, match=r"is not an address to build for: write https://"):
        checked_site_url(url, SCHEMAS)


def test_build_refuses_a_bad_site_url_before_touching_anything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path)
    status = main(["--root", str(project.root), "build", "--site-url", "https://e.com/<x>/"])
    assert status == 2
    assert capsys.readouterr().err.startswith(
        "build: --site-url: 'https://e.com/<x>/' is not an address to build for"
    )
    assert not project.site_dir.exists() and not project.build_dir.exists()


def test_the_environment_variable_is_named_when_its_value_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path)
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "http://example.com/")
    assert main(["--root", str(project.root), "merge"]) == 2
    assert capsys.readouterr().err.startswith(
        f"merge: {ENVIRONMENT_VARIABLE}: 'http://example.com/' is not an address"
    )


def _published_addresses(site: Path) -> dict[str, str]:
    index = (site / "index.html").read_text(encoding="utf-8")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', index)
    assert canonical is not None
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    return {
        "canonical": canonical[1],
        "sitemap": (site / "sitemap.xml").read_text(encoding="utf-8"),
        "feed": feed["home_page_url"] + " " + feed["items"][0]["url"],
        "llms": (site / "llms.txt").read_text(encoding="utf-8"),
        "api": (site / "api/v1/index.json").read_text(encoding="utf-8"),
        "robots": (site / "robots.txt").read_text(encoding="utf-8"),
    }


@pytest.mark.engine
@pytest.mark.parametrize("how", ["option", "environment"])
def test_every_output_carries_the_address_built_for(
    tmp_path: Path, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path)
    url = "http://127.0.0.1:8765/preview/"
    argv = ["--root", str(project.root), "build"]
    if how == "option":
        argv += ["--site-url", url]
    else:
        monkeypatch.setenv(ENVIRONMENT_VARIABLE, url)
    assert main(argv) == 0
    found = _published_addresses(project.site_dir)
    assert found["canonical"] == url
    for name, text in found.items():
        assert url in text, name
        assert SITE_BASE_URL not in text, name
    assert f"Sitemap: {url}sitemap.xml" in found["robots"]
