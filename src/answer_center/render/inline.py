"""A text field in each output format, and the one escaping function of each format.

Every field is parsed once by :mod:`answer_center.markup`; here its spans are laid out for

- the site engine (Python-Markdown with the extensions of ``mkdocs.yml``),
- CommonMark (the Markdown mirrors, ``llms.txt`` and ``llms-full.txt``),
- HTML (feeds and the API's rendered fields), and plain text (metadata).

A field's text reaches an output only through the escaping function of that output, so
whatever an editor types (``# x``, ``!!! note``, ``1. x``, ``*[x]: y``, ``<b>``, ``&amp;``)
comes out as that text: no heading, admonition, list, abbreviation, tag or entity the
model did not put there. The property tests in ``tests/test_escaping.py`` parse the output
with the real parsers to prove it.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

from answer_center.markup import Span, spans, to_plain

_LINE_BREAKS = re.compile(r"\s*\n\s*")
_HREF_SAFE = ":/?#=&%@+~.-_"

# Python-Markdown reads a backslash before these as the character itself (ESCAPED_CHARS,
# with "|" added by the tables extension that MkDocs always loads); before any other
# character the backslash would be shown, so those are written as character references.
_ENGINE_BACKSLASHED = frozenset("\\`*_{}[]()>#+-.!|")
_ENGINE_ALWAYS = re.compile(r"[\\`*_{}\[\]|<>&#]")
# Block syntax of the engine's extensions, recognised only where a line starts: headings,
# quotes, lists, admonitions (!!!), details (???), tabs (===), definition lists (:), tables
# (|) and fences (~~~).
_ENGINE_LINE_START = re.compile(r"[#>+\-=!?:|~*]|\d+(?=[.)])")

_COMMONMARK_ALWAYS = re.compile(r"_+|[\\`*\[\]|~#]|<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)")
_COMMONMARK_LINE_START = re.compile(r"[#>+\-=]|\d+(?=[.)])")


_MARKDOWN_SPACE = re.compile(r"[ \t\r\n]+")


def _spaces(text: str, line_start: bool) -> str:
    # Runs of spaces mean nothing in HTML text but build indented code and hard line breaks
    # in Markdown: one space each, and none where a line starts.
    text = _MARKDOWN_SPACE.sub(" ", text)
    return text.lstrip(" ") if line_start else text


def flat(text: str) -> str:
    """A field's text on one line: line breaks and the spaces around them become a space."""
    return _LINE_BREAKS.sub(" ", text)


def _engine_char(char: str) -> str:
    if char == "<":
        return "&lt;"
    if char == ">":
        return "&gt;"
    if char == "&":
        return "&amp;"
    return f"\\{char}" if char in _ENGINE_BACKSLASHED else f"&#{ord(char)};"


@functools.lru_cache(maxsize=1 << 16)
def escape_engine(text: str, *, line_start: bool = True) -> str:
    """Plain text as Python-Markdown source that renders as exactly that text.

    ``line_start`` says the text may begin a line (or a list item), where block syntax
    would be recognised; pieces that continue a line pass False.
    """
    escaped = _ENGINE_ALWAYS.sub(lambda m: _engine_char(m.group()), _spaces(text, line_start))
    if not line_start:
        return escaped
    start = _ENGINE_LINE_START.match(escaped)
    if start is None:
        return escaped
    if start.group().isdigit():  # "1." or "1)": the delimiter after the number
        end = start.end()
        return escaped[:end] + _engine_char(escaped[end]) + escaped[end + 1 :]
    return _engine_char(escaped[0]) + escaped[1:]


def _commonmark_char(match: re.Match[str]) -> str:
    char = match.group()
    if char[0] == "_":
        # A run of underscores inside a word (base_url) never opens or closes emphasis in
        # CommonMark: left as it is, so that identifiers read as they are written.
        text, start, end = match.string, match.start(), match.end()
        if start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum():
            return char
    return "".join("\\" + c for c in char)


@functools.lru_cache(maxsize=1 << 16)
def escape_commonmark(text: str, *, line_start: bool = True) -> str:
    """Plain text as CommonMark (and GitHub Flavored Markdown) that renders as that text."""
    escaped = _COMMONMARK_ALWAYS.sub(_commonmark_char, _spaces(text, line_start))
    if not line_start:
        return escaped
    start = _COMMONMARK_LINE_START.match(escaped)
    if start is None:
        return escaped
    if start.group().isdigit():
        end = start.end()
        return escaped[:end] + "\\" + escaped[end:]
    return "\\" + escaped


def escape_html(text: str) -> str:
    """Text for HTML content or a quoted attribute value."""
    return html.escape(text, quote=True)


# XML 1.0 has no way to write these at all, not even as character references; loading
# already refuses control characters, so only non-characters and lone surrogates remain.
_XML_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape_xml(text: str) -> str:
    """Text for XML character data or a quoted attribute value (the Atom feed).

    Only the five predefined entities: HTML's named references such as ``&nbsp;`` are not
    XML, and a strict parser would reject the feed.
    """
    escaped = (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&apos;")
    )
    return _XML_UNWRITABLE.sub("\ufffd", escaped)


# ------------------------------------------------------------------------------------------
# Glossary tooltips (engine pages only).
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """A glossary term as the tooltips see it: the words that name it and its tooltip."""

    id: str
    words: tuple[str, ...]
    tip: str


_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


def _word_pattern(word: str) -> str:
    # A Latin word matches whole ("SSE", not the SSE of "SSEx"); CJK text has no spaces
    # between words, so a Chinese term matches wherever it is written.
    before = r"(?<![A-Za-z0-9])" if _ASCII_WORD.match(word[0]) else ""
    after = r"(?![A-Za-z0-9])" if _ASCII_WORD.match(word[-1]) else ""
    return before + re.escape(word) + after


@dataclass
class Tooltips:
    """Marks the first use of each glossary term on one page, and no other.

    One object per page: a term already marked is not marked again, so a page has at most
    one tooltip per term whatever its length. Headings, code and link text never get one
    (their renderers do not ask).
    """

    terms: Sequence[Term]
    used: set[str] = field(default_factory=set)
    _pattern: re.Pattern[str] | None = field(default=None, init=False)
    _owner: dict[str, Term] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        for term in self.terms:
            for word in term.words:
                self._owner.setdefault(word, term)
        words = sorted(self._owner, key=lambda w: (-len(w), w))  # longest first
        if words:
            self._pattern = re.compile("|".join(_word_pattern(w) for w in words))

    def pieces(self, text: str) -> Iterable[tuple[str, Term | None]]:
        """``text`` cut at the first use of each term not used yet on this page."""
        pattern = self._pattern
        if pattern is None or len(self.used) == len(self.terms):
            yield text, None
            return
        position = 0
        for match in pattern.finditer(text):
            term = self._owner[match.group()]
            if term.id in self.used:
                continue
            self.used.add(term.id)
            if match.start() > position:
                yield text[position : match.start()], None
            yield match.group(), term
            position = match.end()
        if position < len(text):
            yield text[position:], None


TOOLTIP_CHARS = 120
"""A tooltip is the definition's first sentence, cut to this length: a term may be used on
every page, so its tooltip must not carry a whole definition to each of them."""


def tooltip(definition: str) -> str:
    """The tooltip of a glossary term: its definition's first sentence, at most
    TOOLTIP_CHARS characters (cut at a space where there is one, then "…")."""
    plain = to_plain(definition)
    match = re.match(r"(.+?[。!?]|.+?[.!?](?=\s|$))", plain)
    sentence = (match.group(1) if match else plain).strip()
    if len(sentence) <= TOOLTIP_CHARS:
        return sentence
    cut = sentence[: TOOLTIP_CHARS - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > TOOLTIP_CHARS // 2 else cut).rstrip() + "…"


def _abbr(term: Term, escaped_word: str) -> str:
    # Raw inline HTML, built here with the attribute escaped: no abbreviation definition
    # line is written, so no content can make a malformed one.
    return f'<abbr title="{escape_html(term.tip)}">{escaped_word}</abbr>'


# ------------------------------------------------------------------------------------------
# A field in each format.
# ------------------------------------------------------------------------------------------


def _trimmed(parts: Sequence[Span]) -> list[tuple[Span, str]]:
    """Each span with its text on one line; the field's outer whitespace removed."""
    texts = [flat(span.text) for span in parts]
    if texts:
        texts[0] = texts[0].lstrip()
        texts[-1] = texts[-1].rstrip()
    return [(span, text) for span, text in zip(parts, texts, strict=True) if text]


def _href(span: Span) -> str:
    return quote(span.href, safe=_HREF_SAFE)


def _code_commonmark(code: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * (longest + 1)
    # One space each side is stripped by readers: pad when the code itself starts or ends
    # with a backtick or a space, so that exactly the code is left.
    padding = " " if code[0] in "` " or code[-1] in "` " else ""
    return f"{fence}{padding}{code}{padding}{fence}"


def engine_markdown(text: str, tooltips: Tooltips | None = None) -> str:
    """A field as Markdown for the site engine; ``tooltips`` marks glossary terms."""
    out: list[str] = []
    for index, (span, piece) in enumerate(_trimmed(spans(text))):
        first = index == 0

        def plain(value: str, first: bool = first) -> str:
            if tooltips is None:
                return escape_engine(value, line_start=first)
            parts = []
            for offset, (part, term) in enumerate(tooltips.pieces(value)):
                escaped = escape_engine(part, line_start=first and offset == 0)
                parts.append(escaped if term is None else _abbr(term, escaped))
            return "".join(parts)

        if span.kind == "code":
            # Raw <code>, not backticks: pymdownx.inlinehilite would read a leading "#!"
            # or ":::" as a language, and backticks strip the code's own spaces.
            out.append(f"<code>{escape_engine(piece, line_start=False)}</code>")
        elif span.kind == "bold":
            out.append(f"**{plain(piece)}**")
        elif span.kind == "link":
            out.append(f"[{escape_engine(piece, line_start=False)}]({_href(span)})")
        else:
            out.append(plain(piece))
    return "".join(out)


def engine_heading(text: str) -> str:
    """A field as the text of a heading or admonition title for the site engine."""
    return engine_markdown(text).replace('"', "&quot;")


_FLANKING_PUNCTUATION = re.compile(r"[\W_]")


def _strong_commonmark(before: str, body: str, after: str) -> str:
    # CommonMark opens ** only if it is left-flanking and closes it only if right-flanking:
    # "a**(b)**c" is not bold there. Where the delimiters would not work, a <strong> element
    # (inline HTML is CommonMark too) says the same.
    opens = not _FLANKING_PUNCTUATION.match(body[0]) or not before or _spacey(before[-1])
    closes = not _FLANKING_PUNCTUATION.match(body[-1]) or not after or _spacey(after[0])
    escaped = escape_commonmark(body, line_start=False)
    return f"**{escaped}**" if opens and closes else f"<strong>{escaped}</strong>"


def _spacey(char: str) -> bool:
    return char.isspace() or bool(_FLANKING_PUNCTUATION.match(char))


@functools.lru_cache(maxsize=1 << 16)
def commonmark(text: str) -> str:
    """A field as CommonMark, for the Markdown mirrors and the llms files."""
    parts = _trimmed(spans(text))
    out: list[str] = []
    for index, (span, piece) in enumerate(parts):
        if span.kind == "code":
            out.append(_code_commonmark(piece))
        elif span.kind == "bold":
            before = parts[index - 1][1] if index else ""
            after = parts[index + 1][1] if index + 1 < len(parts) else ""
            out.append(_strong_commonmark(before, piece, after))
        elif span.kind == "link":
            out.append(f"[{escape_commonmark(piece, line_start=False)}]({_href(span)})")
        else:
            out.append(escape_commonmark(piece, line_start=index == 0))
    return "".join(out)


@functools.lru_cache(maxsize=1 << 16)
def to_html(text: str) -> str:
    """A field as HTML, for feeds and the API's rendered fields."""
    out = []
    for span, piece in _trimmed(spans(text)):
        body = html.escape(piece)
        if span.kind == "code":
            out.append(f"<code>{body}</code>")
        elif span.kind == "bold":
            out.append(f"<strong>{body}</strong>")
        elif span.kind == "link":
            out.append(f'<a href="{html.escape(span.href)}">{body}</a>')
        else:
            out.append(body)
    return "".join(out)


def plain_commonmark(text: str) -> str:
    """A field's plain text (markup removed) on one line, as CommonMark: llms.txt notes."""
    return escape_commonmark(to_plain(text))


def html_text(text: str) -> str:
    """A field's plain text escaped for HTML: what the site engine prints without escaping.

    MkDocs and Material insert the site name, description, author and copyright, the
    navigation titles and the page metadata ``title`` and ``description`` into their HTML
    as they are (MkDocs' own page titles are HTML), so those values must be HTML already.
    """
    return escape_html(to_plain(text))
