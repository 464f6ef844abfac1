"""Use cases, integrations, templates and solutions, and the answers' new fields, end to end
in the built sample (issue #10), plus the template kind's own validation."""

from __future__ import annotations

import json
import re

import pytest

from answer_center.kinds import KINDS_BY_NAME
from answer_center.load import load_bytes
from answer_center.markup import to_plain
from answer_center.validate.schema import SchemaSet
from conftest import REPOSITORY
from outputs_site import BuiltSite

NEW_KINDS = ("use-case", "integration", "template", "solution")
SAMPLES = {
    "use-case": "batch-script-rate-limit",
    "integration": "openai-python-sdk",
    "template": "base-url-migration-notice",
    "solution": "team-multi-model-gateway",
}


@pytest.mark.parametrize("name", NEW_KINDS)
def test_each_new_kind_reaches_every_output(built_site: BuiltSite, name: str) -> None:
    kind = KINDS_BY_NAME[name]
    entry = built_site.catalog.by_id[SAMPLES[name]]
    base = built_site.base_url
    page = built_site.text(f"{kind.section}/{entry.id}/index.html")
    assert to_plain(entry.title) in page
    jsonld = json.loads(re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)[0])
    assert jsonld["@graph"][0]["@type"] == kind.jsonld_type
    mirror = built_site.text(f"{kind.section}/{entry.id}.md")
    assert mirror.split("\n---\n", 1)[0].count(f'kind: "{name}"') == 1
    assert f"{base}{kind.section}/{entry.id}.md" in built_site.text("llms.txt")
    assert f"URL: {base}{kind.section}/{entry.id}/" in built_site.text("llms-full.txt")
    feed_ids = [i["_answer_center"]["id"] for i in built_site.json("feed.json")["items"]]
    assert entry.id in feed_ids
    api = built_site.json(f"api/v1/{kind.section}/{entry.id}.json")
    assert api["kind"] == name and api["fields"]["title"] == entry.title
    assert entry.id in [e["id"] for e in built_site.json("api/v1/index.json")["entries"]]
    assert f"<loc>{base}{kind.section}/{entry.id}/</loc>" in built_site.text("sitemap.xml")


def test_use_case_parameters_are_a_table_in_page_and_mirror(built_site: BuiltSite) -> None:
    page = built_site.text("use-cases/batch-script-rate-limit/index.html")
    header = re.search(r"<thead>\s*<tr>(.*?)</tr>", page, re.S)
    assert header is not None
    assert re.findall(r"<th>(.*?)</th>", header.group(1)) == ["参数", "用途", "示例", "风险"]
    assert page.count("<tr>") == 5  # the header and four parameters
    mirror = built_site.text("use-cases/batch-script-rate-limit.md")
    assert (
        "| 参数 | 用途 | 示例 | 风险 |\n| --- | --- | --- | --- |\n| 并发数 (concurrency) |"
        in mirror
    )


def test_template_body_is_a_copyable_block_with_its_placeholders(built_site: BuiltSite) -> None:
    page = built_site.text("text-templates/base-url-migration-notice/index.html")
    assert "{{old_base_url}}" in page and "{{new_base_url}}" in page
    assert page.count('<div class="highlight"><pre>') == 1
    mirror = built_site.text("text-templates/base-url-migration-notice.md")
    block = mirror.split("```text\n", 1)[1].split("\n```", 1)[0]
    source = built_site.catalog.by_id["base-url-migration-notice"].fields.body
    assert block == source.rstrip("\n")


def test_integration_steps_name_their_settings(built_site: BuiltSite) -> None:
    mirror = built_site.text("integrations/openai-python-sdk.md")
    assert "设置项 `base_url`,填写 https://api.alltkn.com/api/v1" in mirror
    assert (
        "见 [AI API 报模型不存在时先查什么？]"
        "(https://answers.alltkn.com/answers/ai-api-model-not-found.md)" in mirror
    )


def test_solution_links_its_use_cases_and_integrations(built_site: BuiltSite) -> None:
    mirror = built_site.text("solutions/team-multi-model-gateway.md")
    for heading, target in (
        ("## 相关使用场景", "use-cases/batch-script-rate-limit.md"),
        ("## 相关集成配置", "integrations/openai-python-sdk.md"),
    ):
        assert heading in mirror and target in mirror.split(heading, 1)[1]
    assert "| 能力 | 说明 | 验证证据 |" in mirror


def test_answer_breadcrumb_code_table_and_outside_link(built_site: BuiltSite) -> None:
    base = built_site.base_url
    page = built_site.text("answers/openai-sdk-base-url/index.html")
    assert re.search(
        r'<p class="ac-breadcrumb"><a href="../../">答案中心</a> / '
        r'<a href="../../topics/api-access/">接入与兼容</a></p>',
        page,
    )
    assert page.count('<div class="highlight"><pre>') == 1 and "ALLTKN_API_KEY" in page
    mirror = built_site.text("answers/openai-sdk-base-url.md")
    assert f"[答案中心]({base}index.md) / [接入与兼容]({base}topics/api-access.md)" in mirror
    assert "```python\nimport os\nfrom openai import OpenAI\n" in mirror
    table = built_site.text("answers/ai-api-stream-429-timeout.md")
    assert "| 问题类型 | 先看什么 | 常见原因 |" in table
    gateway = built_site.text("answers/openai-compatible-api-gateway.md")
    assert "- [ALLTKN 官网](https://alltkn.com/):查看平台介绍" in gateway
    gateway_page = built_site.text("answers/openai-compatible-api-gateway/index.html")
    assert '<a href="https://alltkn.com/">ALLTKN 官网</a>' in gateway_page


# ------------------------------------------------------------------------------------------
# The template kind's own rules.
# ------------------------------------------------------------------------------------------

TEMPLATE = """\
id: notice
title: 切换通知
summary: 切换地址时发给使用方的通知。
purpose: 通知使用方改地址。
variables:
  - name: new_base_url
    meaning: 新地址。
    example: https://api.example.com/v1
  - name: owner
    meaning: 负责人。
    example: 平台组
body: |
  请改为 {{new_base_url}}。
  旧地址 {{old_base_url}} 停用,联系 {{ Owner }}。
published: 2026-03-01
updated: 2026-03-02
"""


def template_problems(text: str) -> list[tuple[int, int, str, str]]:
    loaded = load_bytes(text.encode("utf-8"), "content/text-templates/notice.yaml")
    assert loaded.document is not None
    assert SchemaSet(REPOSITORY / "schemas").check(loaded.document, "template.schema.json") == []
    check = KINDS_BY_NAME["template"].check
    assert check is not None
    return [(d.line, d.column, d.rule, d.text("en")) for d in check(loaded.document)]


def test_a_template_body_and_its_variables_must_agree() -> None:
    assert template_problems(TEMPLATE) == [
        (
            14,
            7,
            "template/undeclared-variable",
            "{{old_base_url}} is used in the body but not declared; add it to variables with "
            "its meaning and an example",
        ),
        (
            14,
            30,
            "template/placeholder",
            "'{{ Owner }}' is not a placeholder: write {{name}} with a declared name of "
            "lowercase letters, digits and underscores",
        ),
        (
            9,
            11,
            "template/unused-variable",
            "variable 'owner' is declared but the body never uses {{owner}}; use it in the "
            "body or remove it",
        ),
    ]


def test_a_variable_declared_twice_is_refused() -> None:
    text = TEMPLATE.replace("  - name: owner", "  - name: new_base_url").replace(
        "旧地址 {{old_base_url}} 停用,联系 {{ Owner }}。", "谢谢。"
    )
    assert [(line, rule) for line, _, rule, _ in template_problems(text)] == [
        (9, "template/duplicate")
    ]


def test_the_sample_templates_are_clean() -> None:
    path = REPOSITORY / "content/text-templates/base-url-migration-notice.yaml"
    loaded = load_bytes(path.read_bytes(), "content/text-templates/base-url-migration-notice.yaml")
    assert loaded.document is not None
    check = KINDS_BY_NAME["template"].check
    assert check is not None and check(loaded.document) == []
