"""Golden files: the generated engine tree and the published files of a tiny catalog.

Fast tier: no site engine runs. The catalog is built in memory (tests/catalogs.py) and
rendered; every file must equal its copy under tests/golden/, and no file may be missing
or extra. A change to any output shows up here as a diff to read in review.

After a deliberate change, regenerate with ``UPDATE_GOLDEN=1`` and read the diff before
committing it: the golden files are the review, not a snapshot to wave through.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from answer_center.model import Catalog
from answer_center.render.hosting import deployment_files
from answer_center.render.outputs import published_files
from answer_center.render.site_tree import engine_tree
from catalogs import SCHEMA_FILES, SITE, answer, catalog, glossary, topic

GOLDEN = Path(__file__).resolve().parent / "golden"
ENGINE_CONFIG = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "mkdocs.yml").read_text(encoding="utf-8")
)
SKIPPED = ("api/v1/schema/", "docs/assets/", "overrides/")
"""Copies of files kept elsewhere in the repository (schemas, stylesheet, theme override)."""


def tiny() -> Catalog:
    """One answer with every optional part, an expired one, their topic, a glossary term
    and a template."""
    full = answer(
        "stream-429",
        title="stream 返回 429 怎么办?",
        tags=["stream", "限流"],
        cases=[{"name": "**限流**", "description": "按 `resetAt` 等待。"}],
        evidence_fields=[{"field": "请求时间", "note": "写明时区。"}, {"field": "模型名"}],
        follow_ups=[{"question": "要重试几次?", "answer": "最多 3 次。"}],
        related=[
            {"id": "rate-limit", "note": "术语。"},
            {"url": "https://example.com/status", "title": "状态页", "note": "看上游状态。"},
        ],
        code={"language": "python", "code": "print('ok')\n"},
        table={"columns": ["状态码", "含义"], "rows": [["429", "请求过多"]]},
        handoff={
            "owner": "值班",
            "environment": "生产",
            "capability": "文本",
            "last_known_good": "昨天",
            "symptom": "出现 429",
            "evidence": "请求时间",
            "next_review": "一周后",
        },
        review={
            "reviewed": "2026-03-02",
            "reviewer": "编辑团队",
            "safety_boundary": ["不公开密钥。"],
        },
        next_review="2026-06-01",
        valid_until="2026-09-30",
    )
    template = {
        "id": "notice",
        "title": "切换通知",
        "summary": "切换地址时发给使用方的通知。",
        "purpose": "通知使用方改地址。",
        "variables": [{"name": "url", "meaning": "新地址。", "example": "https://example.com/v1"}],
        "body": "请改为 {{url}}。\n",
        "published": "2026-03-01",
        "updated": "2026-03-03",
    }
    # A partial statement of usage preferences: ai_input left out states nothing for it.
    site = dict(SITE, usage={"search": "allow", "ai_train": "disallow"})
    return catalog(
        ("answer", full),
        # Past its validity on the content date (2026-03-03, the template's updated).
        ("answer", answer("second", tags=["限流"], valid_until="2026-03-02")),
        ("topic", topic("basics", ["stream-429", "second", "notice"])),
        ("glossary", glossary("rate-limit", "限流", "限流是限制单位时间内请求数的机制。第二句。")),
        ("template", template),
        site=site,
    )


def rendered() -> dict[str, bytes]:
    built = tiny()
    files = {
        f"engine/{path}": data
        for path, data in engine_tree(built, ENGINE_CONFIG, SCHEMA_FILES).items()
    }
    # What the build writes into build/ beside the engine tree (the nginx snippet).
    files |= {f"engine/{path}": data for path, data in deployment_files(built).items()}
    files |= {f"site/{path}": data for path, data in published_files(built, SCHEMA_FILES).items()}
    return {
        path: data
        for path, data in files.items()
        if not any(path.split("/", 1)[1].startswith(skip) for skip in SKIPPED)
    }


def test_outputs_of_a_tiny_catalog_equal_the_golden_files() -> None:
    files = rendered()
    if os.environ.get("UPDATE_GOLDEN"):
        for old in GOLDEN.rglob("*"):
            if old.is_file():
                old.unlink()
        for path, data in files.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        pytest.skip("golden files written: read the diff before committing it")
    stored = {
        p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in GOLDEN.rglob("*") if p.is_file()
    }
    assert sorted(files) == sorted(stored), "files added or removed"
    changed = [path for path in files if files[path] != stored[path]]
    assert changed == [], f"outputs differ from tests/golden/: {changed}"


def test_the_tiny_catalog_is_rendered_the_same_twice() -> None:
    assert rendered() == rendered()
