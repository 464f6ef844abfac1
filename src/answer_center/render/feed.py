"""``/feed.json``: JSON Feed 1.1 of every answer, newest ``updated`` first, paginated.

The item id is the answer's canonical URL, which derives from its stable id, so a feed
reader never sees an answer twice. Dates are midnight UTC of the content's dates; the
build clock appears nowhere. The ``_answer_center`` extension carries what a syncing
consumer needs (status, content hash, mirror and API URLs, successor).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from answer_center.markup import to_plain
from answer_center.model import Catalog, Entry
from answer_center.render.formats import json_bytes, rfc3339
from answer_center.render.inline import to_html

VERSION = "https://jsonfeed.org/version/1.1"
FEED_PATH = "/feed.json"
EXTENSION = "_answer_center"
ABOUT_PATH = "/machine-readable/"


def page_path(number: int) -> str:
    """Site path of a feed page: ``/feed.json``, then ``/feed/2.json``, ``/feed/3.json``."""
    return FEED_PATH if number == 1 else f"/feed/{number}.json"


@dataclass(frozen=True)
class Block:
    """One block of an answer's content: a heading, a paragraph or a list.

    ``items`` hold (label, inline text) pairs; a label is our own fixed text, the inline
    text is the editor's and goes through the markup renderers.
    """

    kind: str
    """``h2``, ``p``, ``ul`` or ``ol``."""
    items: tuple[tuple[str, str], ...]
    lang: str = field(default="")


def _heading(text: str) -> Block:
    return Block("h2", (("", text),))


def _para(text: str, label: str = "", lang: str = "") -> Block:
    return Block("p", ((label, text),), lang)


def _list(texts: Iterable[str], ordered: bool = False) -> Block:
    return Block("ol" if ordered else "ul", tuple(("", t) for t in texts))


def _pairs(pairs: Iterable[tuple[str, str]]) -> Block:
    return Block("ul", tuple(pairs))


def answer_blocks(catalog: Catalog, answer: Entry) -> list[Block]:
    """The substance of an answer page, in page order, for ``content_html``/``content_text``."""
    b = answer.body
    blocks: list[Block] = []
    successor = catalog.successor(answer) if answer.deprecated else None
    if successor is not None:
        url = catalog.site.absolute(successor.url)
        # Our own notice; the successor's title goes into the link text as inline markup.
        title = successor.title.replace("[", "(").replace("]", ")")
        blocks.append(_para(f"这条答案已弃用,请改看 [{title}]({url})。", "此答案已弃用:"))
    blocks.append(_para(str(b["summary"])))
    blocks += [
        _heading("直接回答当前问题"),
        _para(str(b["original_question"]), "原始问题:"),
        _para(str(b["short_answer"]), "短答案:"),
    ]
    if b.get("cases"):
        blocks += [
            _heading("先把问题分开"),
            _pairs((f"{to_plain(c['name'])}:", c["description"]) for c in b["cases"]),
        ]
    blocks += [
        _heading("判断依据"),
        _list(b["basis"]),
        _heading("适用边界"),
        _list(b["boundaries"]),
        _heading("建议执行的下一步"),
        _list(b["next_steps"], ordered=True),
        _heading("联系客服前准备的证据字段"),
        _pairs((f"{to_plain(f['field'])}:", f["note"]) for f in b["evidence_fields"]),
    ]
    if b.get("follow_ups"):
        blocks.append(_heading("常见后续问题说明"))
        for item in b["follow_ups"]:
            blocks += [_para(item["question"], "问:"), _para(item["answer"], "答:")]
    blocks.append(_heading("AI search implementation summary"))
    lang = str(b["ai_summary"]["lang"])
    blocks += [_para(text, lang=lang) for text in b["ai_summary"]["text"]]
    return blocks


def _absolute_links(markup: str, base_url: str) -> str:
    # to_html escapes every quote of the content, so 'href="/' only starts our own links;
    # feed readers show content out of the site, where a site path would not resolve.
    return markup.replace('href="/', f'href="{base_url}')


def blocks_html(blocks: Iterable[Block], base_url: str) -> str:
    """Blocks as HTML: fixed labels escaped, content through ``to_html``."""
    out = []
    for block in blocks:
        inline = [
            (f"<strong>{html.escape(label)}</strong>" if label else "") + to_html(text)
            for label, text in block.items
        ]
        lang = f' lang="{html.escape(block.lang)}"' if block.lang else ""
        if block.kind in ("ul", "ol"):
            items = "".join(f"<li>{item}</li>" for item in inline)
            out.append(f"<{block.kind}>{items}</{block.kind}>")
        else:
            out.append(f"<{block.kind}{lang}>{inline[0]}</{block.kind}>")
    return _absolute_links("\n".join(out), base_url)


def blocks_text(blocks: Iterable[Block]) -> str:
    """Blocks as plain text: paragraphs separated by blank lines, lists one item a line."""
    out = []
    for block in blocks:
        lines = [label + to_plain(text) for label, text in block.items]
        if block.kind == "ul":
            out.append("\n".join(f"- {line}" for line in lines))
        elif block.kind == "ol":
            out.append("\n".join(f"{n}. {line}" for n, line in enumerate(lines, start=1)))
        else:
            out.append(lines[0])
    return "\n\n".join(out)


def feed_item(catalog: Catalog, answer: Entry) -> dict[str, Any]:
    """One JSON Feed item."""
    site = catalog.site
    url = site.absolute(answer.url)
    blocks = answer_blocks(catalog, answer)
    topic = catalog.topic_of.get(answer.id)
    extension: dict[str, Any] = {
        "about": site.absolute(ABOUT_PATH),
        "id": answer.id,
        "kind": answer.kind.name,
        "topic": topic.id if topic else None,
        "status": answer.status,
        "content_hash": answer.content_hash,
        "markdown_url": site.absolute(answer.markdown_url),
        "json_url": site.absolute(answer.json_url),
    }
    successor = catalog.successor(answer) if answer.deprecated else None
    if answer.deprecated:
        extension["superseded_by"] = successor.id if successor else None
    item: dict[str, Any] = {
        "id": url,
        "url": url,
        "title": to_plain(answer.title),
        "summary": to_plain(str(answer.body["short_answer"])),
        "content_html": blocks_html(blocks, site.base_url),
        "content_text": blocks_text(blocks),
        "date_published": rfc3339(answer.published),
        "date_modified": rfc3339(answer.updated),
        "language": answer.lang,
        "authors": [{"name": to_plain(answer.author)}],
        EXTENSION: extension,
    }
    if answer.tags:
        item["tags"] = list(answer.tags)
    return item


def feed_documents(catalog: Catalog, page_size: int | None = None) -> dict[str, dict[str, Any]]:
    """Every feed page keyed by its site path; ``next_url`` links each to the next."""
    site = catalog.site
    size = page_size or site.feed_page_size
    answers = catalog.recent_answers
    chunks = [answers[start : start + size] for start in range(0, len(answers), size)] or [()]
    pages: dict[str, dict[str, Any]] = {}
    for number, chunk in enumerate(chunks, start=1):
        feed: dict[str, Any] = {
            "version": VERSION,
            "title": to_plain(site.feed_title),
            "home_page_url": site.base_url,
            # feed_url identifies the feed, so every page names the first one.
            "feed_url": site.absolute(FEED_PATH),
            "description": to_plain(site.description),
            "language": site.language,
            "authors": [{"name": site.publisher_name, "url": site.publisher_url}],
            "items": [feed_item(catalog, answer) for answer in chunk],
        }
        if number < len(chunks):
            feed["next_url"] = site.absolute(page_path(number + 1))
        pages[page_path(number)] = feed
    return pages


def feed_files(catalog: Catalog, page_size: int | None = None) -> dict[str, bytes]:
    """Every feed page as published bytes, keyed by path in site/."""
    return {
        path.lstrip("/"): json_bytes(feed)
        for path, feed in feed_documents(catalog, page_size).items()
    }
