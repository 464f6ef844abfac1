"""The inline markup editors may use in text fields, and its three renderings.

Text fields are text, not HTML: the only markup is `code`, **bold** and
[links](https://...). One tokenizer feeds three renderers (Markdown for the site engine
and the mirrors, HTML for feeds, plain text for metadata), so no raw HTML or unsafe link
can reach any output.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

_TOKEN = re.compile(
    r"(?P<code>(?P<ticks>`+)(?P<code_text>.+?)(?P=ticks))"
    r"|(?P<link>\[(?P<link_text>[^\[\]\n]+)\]\((?P<href>[^()\s]+)\))"
    r"|(?P<bold>\*\*(?P<bold_text>[^*\n]+?)\*\*)"
)
_LINK_TARGET = re.compile(r"\[[^\[\]]+\]\(\s*(?P<href>[^\s)]*)")
_SAFE_SCHEMES = ("https://", "http://", "mailto:")
# Only characters Python-Markdown can backslash-escape; escaping others would show the
# backslash. Block markers matter only where the text starts a line.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]])")
_MD_LINE_START = re.compile(r"^(?:([#+-])|(\d+)([.)]))")
_LINE_BREAKS = re.compile(r"\s*\n\s*")


@dataclass(frozen=True)
class Span:
    """One piece of inline text: plain, code, bold, or a link (``href`` set)."""

    kind: str
    text: str
    href: str = ""


def is_safe_href(href: str) -> bool:
    """Links may go to https, http, mailto, or a site path; never javascript: or data:.

    No backslash anywhere: browsers read ``/\\host`` as ``//host``, another site.
    """
    if "\\" in href:
        return False
    if href.startswith("/") and not href.startswith("//"):
        return True
    return href.lower().startswith(_SAFE_SCHEMES)


def spans(text: str) -> Iterator[Span]:
    """Split text into spans; line breaks become spaces (fields are inline text)."""
    text = _LINE_BREAKS.sub(" ", text.strip())
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() > position:
            yield Span("text", text[position : match.start()])
        if match.group("code"):
            yield Span("code", match.group("code_text"))
        elif match.group("link"):
            href = match.group("href")
            if is_safe_href(href):
                yield Span("link", match.group("link_text"), href)
            else:
                yield Span("text", match.group(0))
        else:
            yield Span("bold", match.group("bold_text"))
        position = match.end()
    if position < len(text):
        yield Span("text", text[position:])


def visible_pieces(text: str) -> list[tuple[int, str]]:
    """What a reader sees of ``text``, as ``(offset in text, piece)`` in order.

    The markup itself (backticks, ``**``, the brackets and target of a link) is left out,
    so the pieces joined are the text as published; the offsets let a check that searches
    the published text point back at where each piece was written.
    """
    pieces: list[tuple[int, str]] = []
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() > position:
            pieces.append((position, text[position : match.start()]))
        for group in ("code_text", "link_text", "bold_text"):
            if match.group(group) is not None:
                pieces.append((match.start(group), match.group(group)))
                break
        position = match.end()
    if position < len(text):
        pieces.append((position, text[position:]))
    return pieces


def unsafe_link_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, target)`` of each link in ``text`` that the renderers would refuse.

    Looser than the renderers' own link syntax, so that what an editor meant as a link is
    judged even where it would not render as one (``javascript:alert(1)`` has parentheses);
    links inside `code` are code. Offsets are into ``text`` as written, for validation to
    point at the link; line breaks count as spaces, as they do when the text is rendered.
    """
    if "](" not in text:  # most text has no link at all; skip the tokenizer
        return []
    flat = text.replace("\n", " ")
    code = [m.span() for m in _TOKEN.finditer(flat) if m.group("code")]
    return [
        (match.start(), match.end(), match.group("href"))
        for match in _LINK_TARGET.finditer(flat)
        if not is_safe_href(match.group("href"))
        and not any(start <= match.start() < end for start, end in code)
    ]


def escape_markdown(text: str) -> str:
    """Literal text for Python-Markdown: no HTML, no markup, no attribute lists."""
    escaped = _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    return _MD_LINE_START.sub(
        lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", escaped
    )


def _code_markdown(code: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if code.startswith("`") or code.endswith("`") else ""
    return f"{fence}{padding}{code}{padding}{fence}"


def to_markdown(text: str) -> str:
    """Safe Markdown for the site engine and the mirrors."""
    out = []
    for span in spans(text):
        if span.kind == "code":
            out.append(_code_markdown(span.text))
        elif span.kind == "bold":
            out.append(f"**{escape_markdown(span.text)}**")
        elif span.kind == "link":
            out.append(f"[{escape_markdown(span.text)}]({quote(span.href, safe=':/?#=&%@+~.-_')})")
        else:
            out.append(escape_markdown(span.text))
    return "".join(out)


def to_html(text: str) -> str:
    """Safe HTML for feeds and the API's rendered fields."""
    out = []
    for span in spans(text):
        body = html.escape(span.text)
        if span.kind == "code":
            out.append(f"<code>{body}</code>")
        elif span.kind == "bold":
            out.append(f"<strong>{body}</strong>")
        elif span.kind == "link":
            out.append(f'<a href="{html.escape(span.href)}">{body}</a>')
        else:
            out.append(body)
    return "".join(out)


def to_plain(text: str) -> str:
    """Text with the markup removed, for metadata, JSON-LD and ``content_text``."""
    return "".join(span.text for span in spans(text))


def to_html_text(text: str) -> str:
    """Plain text escaped for HTML, for what the site engine prints without escaping.

    MkDocs and Material insert the site name, description, author and copyright, the
    navigation titles and the page metadata ``title`` and ``description`` into their HTML
    as they are (MkDocs' own page titles are HTML), so those values must be HTML already.
    """
    return html.escape(to_plain(text))
