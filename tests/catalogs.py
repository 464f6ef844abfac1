"""Catalogs built in memory from small entries: the fast tier needs no files and no engine."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from answer_center.bounds import BOUNDS, Bounds
from answer_center.content import Source
from answer_center.kinds import KINDS_BY_NAME
from answer_center.load import Document
from answer_center.model import Catalog, build_catalog

SCHEMA_FILES = {
    path.name: path.read_bytes()
    for path in sorted((Path(__file__).resolve().parents[1] / "schemas").glob("*.json"))
}
"""The repository's schemas/ files by name, as the renderers take them."""

SITE: dict[str, Any] = {
    "name": "测试答案中心",
    "description": "用于测试的答案中心。",
    "base_url": "https://answers.example.com/",
    "language": "zh-CN",
    "publisher": {"name": "Example", "url": "https://example.com/"},
    "editorial_team": "编辑团队",
    "support": {"label": "联系客服", "url": "https://example.com/support"},
    "license": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    "crawlers": {"default": "allow"},
    "feed": {"title": "更新"},
    "home": {"title": "答案中心", "intro": ["欢迎。"]},
}


def answer(answer_id: str, topic: str = "basics", **fields: Any) -> dict[str, Any]:
    """A schema-valid answer; ``fields`` replace or add keys."""
    data: dict[str, Any] = {
        "id": answer_id,
        "title": f"问题 {answer_id} 怎么办?",
        "original_question": f"问题 {answer_id} 怎么办?",
        "summary": f"这是问题 {answer_id} 的一句话摘要。",
        "short_answer": f"这是问题 {answer_id} 的简短回答,足够二十个字符长,可以直接引用。",
        "basis": ["判断依据。"],
        "boundaries": ["适用边界。"],
        "next_steps": ["下一步。"],
        "evidence_fields": [{"field": "请求时间", "note": "写明时区。"}],
        "ai_summary": {"lang": "en", "text": ["A short English summary."]},
        "topic": topic,
        "author": "编辑团队",
        "published": "2026-03-01",
        "updated": "2026-03-02",
        "status": "published",
    }
    return data | fields


def topic(topic_id: str, members: list[str], **fields: Any) -> dict[str, Any]:
    """A schema-valid topic listing ``members``."""
    return {
        "id": topic_id,
        "title": f"主题 {topic_id}",
        "description": f"主题 {topic_id} 的说明。",
        "members": members,
        "published": "2026-03-01",
        "updated": "2026-03-02",
    } | fields


def glossary(term_id: str, term: str, definition: str, **fields: Any) -> dict[str, Any]:
    """A schema-valid glossary term."""
    return {
        "id": term_id,
        "term": term,
        "definition": definition,
        "published": "2026-03-01",
        "updated": "2026-03-02",
    } | fields


def catalog(
    *entries: tuple[str, dict[str, Any]],
    site: dict[str, Any] | None = None,
    bounds: Bounds = BOUNDS,
) -> Catalog:
    """A Catalog of ``(kind name, data)`` entries, as the pipeline builds it (with smaller
    ``bounds`` to reach the split forms of growing outputs)."""
    site_document = Document("content/site.yaml", copy.deepcopy(site or SITE))
    sources = []
    for kind_name, data in entries:
        kind = KINDS_BY_NAME[kind_name]
        folder = f"{kind.section}/{data['topic']}" if kind.nested else kind.section
        sources.append(Source(kind, Document(f"content/{folder}/{data['id']}.yaml", data)))
    return build_catalog(site_document, sources, bounds)
