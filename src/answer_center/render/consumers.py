"""The consumers' page: every machine-readable output, its fields and promises, in Chinese
and English.

The words live here as data and one template lays them out twice (the site page and its
Markdown mirror), so the page and the mirror cannot drift apart. A test checks that
every field of every published JSON Schema is documented here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from answer_center.model import Catalog
from answer_center.render.formats import markdown_environment
from answer_center.render.hosting import FEED, JSON, MARKDOWN, PLAIN_TEXT, nginx_snippet

CONSUMERS_DOC = "machine-readable/index.md"
"""The page in the engine's docs folder (``/machine-readable/``)."""
CONSUMERS_TITLE = "机器可读输出 · Machine-readable outputs"
CONSUMERS_DESCRIPTION = (
    "llms.txt、Markdown 镜像、JSON Feed、JSON API 的地址、字段、稳定性承诺和增量同步方法。"
)


@dataclass(frozen=True)
class Text:
    """One piece of text in both languages."""

    zh: str
    en: str

    def __call__(self, lang: str) -> str:
        """The text in ``zh`` or ``en``."""
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Output:
    """One published output as the page lists it."""

    name: str
    paths: tuple[str, ...]
    media_type: str
    text: Text


@dataclass(frozen=True)
class Field:
    """One field of an output."""

    name: str
    text: Text


@dataclass(frozen=True)
class FieldTable:
    """The fields of one output or object."""

    anchor: str
    title: Text
    fields: tuple[Field, ...]


OUTPUTS = (
    Output(
        "llms.txt",
        ("/llms.txt", "/topics/<id>/llms.txt"),
        PLAIN_TEXT,
        Text(
            "按 llmstxt.org 格式列出全部已发布答案:每个主题一个二级标题,每行一条答案的标题、"
            "Markdown 地址和短答案;指南、清单、示例和术语表在 `## Optional` 下。文件超过 "
            "50,000 字符时,根文件改为链接每个主题自己的 llms.txt(主题文件始终存在)。",
            "Every published answer in the llmstxt.org format: one H2 per topic, one line per "
            "answer with its title, Markdown URL and short answer; guides, checklists, examples "
            "and the glossary under `## Optional`. Past 50,000 characters the root file links "
            "one llms.txt per topic instead (the per-topic files always exist).",
        ),
    ),
    Output(
        "llms-full.txt",
        ("/llms-full.txt",),
        PLAIN_TEXT,
        Text(
            "全部已发布答案的 Markdown 全文,按主题顺序排列,每条答案带标题、规范地址和更新日期。",
            "The Markdown of every published answer in topic order, each with its title, "
            "canonical URL and updated date.",
        ),
    ),
    Output(
        "Markdown",
        ("/answers/<id>.md", "/answers/<id>/index.md", "/index.md", "/glossary/<id>.md"),
        MARKDOWN,
        Text(
            "每个网页的干净 Markdown 版本(主题、清单、指南、示例同理),两个地址内容完全相同。"
            "开头是 YAML front matter,随后一行引用块指向 llms.txt。每个网页的 HTML 头部用 "
            '`<link rel="alternate" type="text/markdown">` 声明它。',
            "Clean Markdown of every page (topics, checklists, guides and examples alike); both "
            "addresses serve the same bytes. It starts with YAML front matter and a one-line "
            'blockquote pointing to llms.txt. Each HTML page declares it with `<link rel="'
            'alternate" type="text/markdown">`.',
        ),
    ),
    Output(
        "JSON Feed 1.1",
        ("/feed.json", "/feed/2.json"),
        FEED,
        Text(
            "每条答案一个条目,按 `updated` 从新到旧排列;超过每页条数时用 `next_url` 指向下一页。",
            "One item per answer, newest `updated` first; past the page size `next_url` "
            "points to the next page.",
        ),
    ),
    Output(
        "JSON API v1",
        ("/api/v1/index.json", "/api/v1/<section>/<id>.json", "/api/v1/schema/"),
        JSON,
        Text(
            "索引列出所有类型的全部条目;每个条目一个文件,包含经过校验的全部字段和解析后的链接。"
            "JSON Schema 发布在 `/api/v1/schema/`。",
            "The index lists every entry of every kind; one file per entry holds all its "
            "validated fields and resolved links. JSON Schemas are published at "
            "`/api/v1/schema/`.",
        ),
    ),
    Output(
        "sitemap.xml",
        ("/sitemap.xml",),
        "application/xml",
        Text(
            "全部 HTML 页面,`lastmod` 取自内容的更新日期,而不是构建时间。",
            "Every HTML page; `lastmod` comes from the content's updated date, never the "
            "build time.",
        ),
    ),
    Output(
        "robots.txt",
        ("/robots.txt",),
        "text/plain",
        Text(
            "按 `content/site.yaml` 的抓取策略逐个列出搜索引擎和 AI 爬虫,最后一行是 sitemap。",
            "The crawler policy of `content/site.yaml`, search and AI crawlers by name, "
            "then the sitemap.",
        ),
    ),
)

_ENTRY_COMMON = (
    Field(
        "id",
        Text("稳定 id,决定 URL,发布后不再改变。", "Stable id; it makes the URL and never changes."),
    ),
    Field(
        "kind",
        Text(
            "类型:answer、topic、checklist、guide、example、glossary。",
            "answer, topic, checklist, guide, example or glossary.",
        ),
    ),
    Field("title", Text("纯文本标题。", "Title as plain text.")),
    Field("summary", Text("一句话摘要(纯文本)。", "One-line summary, plain text.")),
    Field("lang", Text("BCP 47 语言标签。", "BCP 47 language tag.")),
    Field(
        "status",
        Text(
            "`published` 或 `deprecated`(弃用的条目仍然保留)。",
            "`published` or `deprecated` (deprecated entries stay).",
        ),
    ),
    Field("published", Text("首次发布日期 YYYY-MM-DD。", "First publication date, YYYY-MM-DD.")),
    Field("updated", Text("最后一次实质修改的日期。", "Date of the last meaningful change.")),
    Field(
        "content_hash",
        Text(
            "`sha256:` 加条目规范 JSON(键排序、无空格、UTF-8)的 SHA-256;内容不变则哈希不变。",
            "`sha256:` plus the SHA-256 of the entry's canonical JSON (sorted keys, no spaces, "
            "UTF-8); the same content always has the same hash.",
        ),
    ),
    Field("url", Text("HTML 页面的绝对地址。", "Absolute URL of the HTML page.")),
    Field(
        "markdown_url", Text("Markdown 镜像的绝对地址。", "Absolute URL of the Markdown mirror.")
    ),
    Field("json_url", Text("API 文件的绝对地址。", "Absolute URL of the API file.")),
)

FIELD_TABLES = (
    FieldTable(
        "mirror-fields",
        Text("Markdown 镜像的 front matter", "Front matter of the Markdown mirrors"),
        (
            *(f for f in _ENTRY_COMMON if f.name != "summary"),
            Field(
                "superseded_by",
                Text("弃用答案的替代答案 id。", "For a deprecated answer: the id replacing it."),
            ),
        ),
    ),
    FieldTable(
        "feed-fields",
        Text("JSON Feed 条目", "JSON Feed items"),
        (
            Field(
                "id",
                Text("答案的规范地址,永不改变。", "The answer's canonical URL; never changes."),
            ),
            Field("url", Text("HTML 页面地址。", "The HTML page.")),
            Field("title", Text("标题。", "Title.")),
            Field("summary", Text("短答案(纯文本)。", "The short answer, plain text.")),
            Field("content_html", Text("答案各部分的 HTML。", "The answer's sections as HTML.")),
            Field("content_text", Text("同样内容的纯文本。", "The same as plain text.")),
            Field(
                "date_published",
                Text("RFC 3339 时间,取自内容日期。", "RFC 3339, from the content's dates."),
            ),
            Field("date_modified", Text("RFC 3339,取自 `updated`。", "RFC 3339, from `updated`.")),
            Field("tags", Text("标签。", "Tags.")),
            Field("language", Text("语言。", "Language.")),
            Field("authors", Text("作者。", "Authors.")),
            Field(
                "_answer_center",
                Text(
                    "扩展对象:`about`、`id`、`kind`、`topic`、`status`、`content_hash`、"
                    "`markdown_url`、`json_url`、`superseded_by`。",
                    "Extension: `about`, `id`, `kind`, `topic`, `status`, `content_hash`, "
                    "`markdown_url`, `json_url`, `superseded_by`.",
                ),
            ),
        ),
    ),
    FieldTable(
        "index-fields",
        Text("`/api/v1/index.json`", "`/api/v1/index.json`"),
        (
            Field(
                "$schema", Text("本文件的 JSON Schema 地址。", "URL of this file's JSON Schema.")
            ),
            Field("api_version", Text("API 版本,当前为 `1`。", "API version, `1`.")),
            Field(
                "site",
                Text(
                    "站点:`name`、`url`、`language`、`description`。",
                    "The site: `name`, `url`, `language`, `description`.",
                ),
            ),
            Field(
                "updated",
                Text("所有条目中最新的 `updated`。", "The newest `updated` of all entries."),
            ),
            Field("count", Text("条目数。", "Number of entries.")),
            Field(
                "feed_url",
                Text("JSON Feed 地址。", "URL of the JSON Feed."),
            ),
            Field("llms_url", Text("llms.txt 地址。", "URL of llms.txt.")),
            Field(
                "entries",
                Text(
                    "每个条目一项:下表的公共字段,加上 `topic`(答案所属主题 id,其他类型为 null)"
                    "和 `superseded_by`(替代答案 id 或 null)。",
                    "One item per entry: the common fields below, plus `topic` (an answer's "
                    "topic id, null for other kinds) and `superseded_by` (replacing id or null).",
                ),
            ),
            Field(
                "redirects",
                Text(
                    "改名的 id:`from`、`to`、`kind`、`url`(旧地址)、`target_url`(新地址)。",
                    "Renamed ids: `from`, `to`, `kind`, `url` (old page) and `target_url` (new).",
                ),
            ),
        ),
    ),
    FieldTable(
        "entry-common-fields",
        Text("条目的公共字段", "Fields every entry has"),
        _ENTRY_COMMON,
    ),
    FieldTable(
        "entry-fields",
        Text("`/api/v1/<section>/<id>.json`", "`/api/v1/<section>/<id>.json`"),
        (
            Field(
                "$schema", Text("本文件的 JSON Schema 地址。", "URL of this file's JSON Schema.")
            ),
            Field("api_version", Text("API 版本,当前为 `1`。", "API version, `1`.")),
            Field("author", Text("作者(团队名)。", "Author (a team).")),
            Field("tags", Text("标签。", "Tags.")),
            Field(
                "fields",
                Text(
                    "编辑写下并通过校验的全部字段,原样保留行内标记(`code`、**粗体**、链接);"
                    "对它的规范 JSON 求 SHA-256 即得 `content_hash`。",
                    "Every validated field as the editors wrote it, inline markup (`code`, "
                    "**bold**, links) kept; the SHA-256 of its canonical JSON is `content_hash`.",
                ),
            ),
            Field(
                "links",
                Text(
                    "解析后的链接:`related`(带 `note`)、答案的 `topic`、`more_like_this` 和 "
                    "`superseded_by`、主题的 `members`。每个链接有 `id`、`kind`、`title`、"
                    "`url`、`markdown_url`、`json_url`,条目链接另有 `summary` 和 `updated`。",
                    "Resolved links: `related` (with `note`), an answer's `topic`, "
                    "`more_like_this` and `superseded_by`, a topic's `members`. Each link has "
                    "`id`, `kind`, `title`, `url`, `markdown_url`, `json_url`; links to entries "
                    "also have `summary` and `updated`.",
                ),
            ),
        ),
    ),
)

PROMISES = (
    Text(
        "v1 只增不减:可以新增字段,已有字段不会改名、删除或改变含义。请忽略不认识的字段。",
        "v1 only grows: fields are added, never renamed or removed, and never change meaning. "
        "Ignore fields you do not know.",
    ),
    Text(
        "id 和 URL 不会悄悄改变:改名的 id 会在 `redirects` 中列出,旧地址保留跳转页。",
        "Ids and URLs never change silently: a renamed id is listed in `redirects` and its "
        "old URL keeps a redirect page.",
    ),
    Text(
        "弃用的答案继续保留在索引和 Feed 中,`status` 为 `deprecated`,`superseded_by` "
        "指向替代它的答案。",
        "A deprecated answer stays in the index and the feed with `status: deprecated` and "
        "`superseded_by` naming its replacement.",
    ),
    Text(
        "同样的内容构建出逐字节相同的文件;所有日期都来自内容,而不是构建时间。",
        "The same content builds byte-identical files; every date comes from the content, "
        "never the build clock.",
    ),
    Text(
        "不兼容的变化只会出现在新的版本路径(`/api/v2/`)下,v1 会继续保留。",
        "An incompatible change would get a new path (`/api/v2/`); v1 stays.",
    ),
)

SYNC_STEPS = (
    Text(
        "读取 `/api/v1/index.json`。",
        "Fetch `/api/v1/index.json`.",
    ),
    Text(
        "对每个条目比较 `content_hash` 和上次保存的值;只有不同或新出现的条目才去读取 `json_url`"
        "(或 `markdown_url`)。",
        "For each entry compare `content_hash` with the value you stored; fetch `json_url` (or "
        "`markdown_url`) only for entries that are new or changed.",
    ),
    Text(
        "索引里不再出现的 id:先查 `redirects`,有就改用新 id,没有就删除本地副本。",
        "For ids no longer in the index: look them up in `redirects` and switch to the new "
        "id, or drop your copy.",
    ),
    Text(
        "保存新的 `content_hash`。也可以订阅 `/feed.json`,它按 `updated` 从新到旧排列。",
        "Store the new hashes. Or follow `/feed.json`, newest `updated` first.",
    ),
)

SYNC_CODE = '''import json
import urllib.request

BASE = {base}


def get(url):
    with urllib.request.urlopen(url) as response:
        return json.load(response)


def sync(known):
    """known: {{id: content_hash}} from the last run; returns the new state."""
    index = get(BASE + "api/v1/index.json")
    moved = {{r["from"]: r["to"] for r in index["redirects"]}}
    state = {{}}
    for entry in index["entries"]:
        state[entry["id"]] = entry["content_hash"]
        if known.get(entry["id"]) != entry["content_hash"]:
            store(get(entry["json_url"]))
    for old_id in known.keys() - state.keys():
        forget(old_id, moved.get(old_id))
    return state
'''

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "heading": "中文说明",
        "intro": "所有答案都以网页和下列机器可读格式发布,由同一份校验过的内容生成。",
        "outputs": "输出一览",
        "output": "输出",
        "address": "地址",
        "media_type": "媒体类型",
        "description": "说明",
        "fields": "字段",
        "field": "字段",
        "promises": "稳定性承诺",
        "sync": "增量同步",
        "sync_code": "用 Python 标准库实现的示例:",
        "crawlers": "抓取策略",
        "crawlers_intro": "robots.txt 中逐个列出的爬虫及其策略(未列出的爬虫:{default}):",
        "allow": "允许",
        "disallow": "禁止",
        "hosting": "托管配置",
        "hosting_intro": (
            "构建结果里的 `_headers` 让 Netlify 和 Cloudflare Pages 以正确的媒体类型和缓存头"
            "提供这些文件,`_redirects` 为改名的 id 返回 301。自建 nginx 时,在 server 块中加入:"
        ),
    },
    "en": {
        "heading": "English",
        "intro": "Every answer is published as a web page and in the machine-readable formats "
        "below, all generated from the same validated content.",
        "outputs": "Outputs",
        "output": "Output",
        "address": "Address",
        "media_type": "Media type",
        "description": "Description",
        "fields": "Fields",
        "field": "Field",
        "promises": "Stability promises",
        "sync": "Incremental sync",
        "sync_code": "A sketch with the Python standard library:",
        "crawlers": "Crawler policy",
        "crawlers_intro": "Crawlers named in robots.txt and their policy (any other crawler: "
        "{default}):",
        "allow": "allowed",
        "disallow": "disallowed",
        "hosting": "Hosting",
        "hosting_intro": "The `_headers` file in the build serves these files with the right "
        "media types and cache headers on Netlify and Cloudflare Pages, and `_redirects` "
        "answers 301 for renamed ids. On nginx, add the snippet shown in the Chinese section "
        "above to the server block.",
    },
}


def consumers_context(catalog: Catalog, *, anchors: bool) -> dict[str, Any]:
    """What the consumers' template lays out.

    ``anchors`` adds heading ids and the ``lang`` wrapper for the site engine; the
    Markdown mirror leaves them out (no attribute lists in mirrors).
    """
    site = catalog.site
    return {
        "site": site,
        "title": CONSUMERS_TITLE,
        "anchors": anchors,
        "langs": ("zh", "en"),
        "labels": LABELS,
        "outputs": OUTPUTS,
        "tables": FIELD_TABLES,
        "promises": PROMISES,
        "sync_steps": SYNC_STEPS,
        # A string literal, whatever the URL holds: the script is code readers run.
        "sync_code": SYNC_CODE.format(base=json.dumps(site.base_url)),
        "crawlers": sorted(site.crawler_agents.items()),
        "crawler_default": site.crawler_default,
        "nginx": nginx_snippet(catalog),
    }


def consumers_body(catalog: Catalog, *, anchors: bool) -> str:
    """The page's Markdown below the front matter."""
    template = markdown_environment(engine=False).get_template("mirrors/consumers.md.j2")
    return template.render(consumers_context(catalog, anchors=anchors))
