"""The consumers' page: every machine-readable output, its fields and promises, in Chinese
and English.

The words are data (``words/<language>.yaml``, section ``consumers_page``); the field
tables come from the published JSON Schemas themselves (each property's ``description``
and ``x-description-zh-CN``), so the page documents exactly what the schemas publish; the
outputs table iterates the output declarations (``output_formats.py``). The page and its
Markdown mirror are one view.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict
from importlib import resources
from typing import Any

from answer_center.bounds import Bounds
from answer_center.model import Site
from answer_center.output_formats import OUTPUT_FORMATS
from answer_center.render.context import PageContext
from answer_center.render.hosting import LINKED, nginx_snippet
from answer_center.retrieval import FETCH_BUDGET
from answer_center.usage_signals import PURPOSES, content_signal, content_usage
from answer_center.view import (
    Block,
    Code,
    CodeBlock,
    Field,
    Heading,
    Inline,
    Items,
    Language,
    Paragraph,
    Section,
    Table,
    View,
    Words,
    words,
)
from answer_center.words import Vocabulary, vocabulary

LANGUAGES = ("zh-CN", "en")
"""The page's parts, in order: Chinese first, then English."""
ANCHOR_PREFIX = {"zh-CN": "zh", "en": "en"}
DESCRIPTION_KEY = {"zh-CN": "x-description-zh-CN", "en": "description"}

FIELD_TABLES = (
    ("mirror-fields", "mirror.schema.json", ("properties",)),
    ("feed-fields", "feed-item.schema.json", ("properties",)),
    ("index-fields", "api-index.schema.json", ("properties",)),
    ("entry-common-fields", "api-index.schema.json", ("$defs", "entryCommon", "properties")),
    ("entry-fields", "api-entry.schema.json", ("properties",)),
    ("jsonl-fields", "jsonl-entry.schema.json", ("properties",)),
)
"""Each field table: its anchor, the published schema, where its properties are."""

SYNC_EXAMPLE = "templates/consumers/sync_example.py.txt"
BASE_URL_PLACE = "__BASE_URL__"


def sync_example(base_url: str) -> str:
    """The incremental sync sketch, with the site's URL as a Python string literal."""
    code = resources.files("answer_center").joinpath(SYNC_EXAMPLE).read_text("utf-8")
    # A string literal whatever the URL holds: the script is code readers run.
    return code.replace(BASE_URL_PLACE, json.dumps(base_url))


def table_fields(schemas: Mapping[str, Any], schema: str, where: tuple[str, ...]) -> dict[str, Any]:
    """The properties a field table documents, from the published schema."""
    node: Any = schemas[schema]
    for key in where:
        node = node[key]
    return {name: value for name, value in node.items() if isinstance(value, dict)}


def bound_figures(bounds: Bounds) -> dict[str, str]:
    """Each bound as the output texts quote it ("50,000"): the page states the sizes the
    build splits at, so it cannot drift from :mod:`answer_center.bounds`."""
    return {name: f"{value:,}" for name, value in asdict(bounds).items()}


def view(page: PageContext, schemas: Mapping[str, Any]) -> View:
    """The consumers' page."""
    intro = [Paragraph(words(vocabulary(lang)("consumers_page.intro"))) for lang in LANGUAGES]
    sections = [Section(tuple(intro))]
    for lang in LANGUAGES:
        blocks = tuple(_part(page, lang, schemas))
        sections.append(Section(blocks if lang == LANGUAGES[0] else (Language(lang, blocks),)))
    return View(words(page.w("consumers.title")), tuple(sections))


def _part(page: PageContext, lang: str, schemas: Mapping[str, Any]) -> list[Block]:
    w = vocabulary(lang)
    prefix = ANCHOR_PREFIX[lang]
    limits = bound_figures(page.catalog.bounds)

    def heading(key: str, anchor: str, level: int = 3) -> Heading:
        return Heading(level, words(w(f"consumers_page.{key}")), anchor)

    blocks: list[Block] = [
        heading("heading", prefix, 2),
        heading("outputs", f"{prefix}-outputs"),
        Table(
            tuple(
                words(w(f"consumers_page.{k}"))
                for k in ("output", "address", "media_type", "description")
            ),
            tuple(
                (
                    words(output.name),
                    _codes(output.paths),
                    (Code(output.media_type),),
                    (Field(w(f"consumers_page.output_texts.{output.key}", **limits)),),
                )
                for output in OUTPUT_FORMATS
            ),
        ),
    ]
    for anchor, schema, where in FIELD_TABLES:
        fields = table_fields(schemas, schema, where)
        blocks += [
            Heading(3, (Field(w(f"consumers_page.tables.{anchor}")),), f"{prefix}-{anchor}"),
            Table(
                (words(w("consumers_page.field")), words(w("consumers_page.description"))),
                tuple(
                    ((Code(name),), (Field(str(value[DESCRIPTION_KEY[lang]])),))
                    for name, value in fields.items()
                ),
            ),
        ]
    site = page.site
    policies = {policy: w(f"consumers_page.{policy}") for policy in ("allow", "disallow")}
    blocks += [
        heading("promises", f"{prefix}-promises"),
        Items(tuple((Field(p),) for p in w.list("consumers_page.promise_list"))),
        heading("sync", f"{prefix}-sync"),
        Items(tuple((Field(s),) for s in w.list("consumers_page.sync_steps")), ordered=True),
        Paragraph(words(w("consumers_page.sync_code"))),
        CodeBlock("python", sync_example(site.base_url)),
        heading("crawlers", f"{prefix}-crawlers"),
        Paragraph(
            words(w("consumers_page.crawlers_intro", default=policies[site.crawler_default]))
        ),
        Items(
            tuple(
                (Code(agent), Words(": "), Words(policies[policy]))
                for agent, policy in sorted(site.crawler_agents.items())
            )
        ),
        heading("discovery", f"{prefix}-discovery"),
        Paragraph((Field(w("consumers_page.discovery_intro")),)),
        Items(tuple((Field(w(f"consumers_page.discovery_links.{o.page_link}")),) for o in LINKED)),
        Paragraph((Field(w("consumers_page.negotiation")),)),
        Paragraph((Field(w("consumers_page.discovery_promise")),)),
        heading("usage", f"{prefix}-usage"),
        *_usage(site, w, policies),
        heading("agents", f"{prefix}-agents"),
        Paragraph((Field(w("consumers_page.agents_intro")),)),
        Items(tuple((Field(tool),) for tool in w.list("consumers_page.agent_tools"))),
        Paragraph((Field(w("consumers_page.agents_promise")),)),
        Paragraph(
            (
                Field(
                    w(
                        "consumers_page.retrieval_check",
                        budget=f"{FETCH_BUDGET:,}",
                        threshold=site.retrieval_threshold,
                    )
                ),
            )
        ),
        heading("hosting", f"{prefix}-hosting"),
        Paragraph((Field(w("consumers_page.hosting_intro")),)),
    ]
    if lang == LANGUAGES[0]:
        blocks.append(CodeBlock("nginx", nginx_snippet(page.catalog)))
    return blocks


def _usage(site: Site, w: Vocabulary, policies: Mapping[str, str]) -> list[Block]:
    """The site's stated usage preferences and the lines robots.txt and the headers carry."""
    lines = [
        f"{name}: {value}"
        for name, value in (
            ("Content-Signal", content_signal(site.usage)),
            ("Content-Usage", content_usage(site.usage)),
        )
        if value is not None
    ]
    if not lines:
        return [Paragraph((Field(w("consumers_page.usage_none")),))]
    stated = tuple(
        (
            Code(purpose.key),
            Words(
                w(
                    "consumers_page.usage_item",
                    purpose=w(f"consumers_page.usage_purposes.{purpose.key}"),
                    policy=policies[site.usage[purpose.key]],
                )
            ),
        )
        for purpose in PURPOSES
        if purpose.key in site.usage
    )
    return [
        Paragraph((Field(w("consumers_page.usage_intro")),)),
        Items(stated),
        CodeBlock("text", "\n".join(lines) + "\n"),
        Paragraph((Field(w("consumers_page.usage_promise")),)),
    ]


def _codes(paths: tuple[str, ...]) -> Inline:
    pieces: list[Code | Words] = []
    for index, path in enumerate(paths):
        if index:
            pieces.append(Words(", "))
        pieces.append(Code(path))
    return tuple(pieces)
