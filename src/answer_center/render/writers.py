"""Writers lay a page's view out in one output format: syntax only, never content or order.

- :class:`EngineWriter`: Markdown for the site engine (Python-Markdown with Material's
  admonitions, details, tabs and attribute lists), links as relative ``.md`` paths so
  the engine checks each one;
- :class:`CommonMarkWriter`: CommonMark for the Markdown mirrors and llms-full.txt, links
  as absolute mirror URLs, no extension syntax;
- :class:`HtmlWriter`: HTML fragments for the feed, links as absolute page URLs;
- :class:`TextWriter`: plain text for the feed's ``content_text``.

Every piece of text reaches the output through the one escaping function of its format
(``render/inline.py``): our words as plain text, an editor's field as the inline markup
subset, code as code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote

from answer_center import urls
from answer_center.markup import to_plain, without_bold
from answer_center.render.formats import code_fence
from answer_center.render.inline import (
    Tooltips,
    commonmark,
    engine_markdown,
    escape_commonmark,
    escape_engine,
    escape_html,
    to_html,
)
from answer_center.view import (
    Block,
    Breadcrumb,
    Check,
    Checks,
    Code,
    CodeBlock,
    Field,
    Heading,
    Inline,
    Items,
    Language,
    Link,
    Notice,
    Paragraph,
    Piece,
    Question,
    Snippets,
    Strong,
    Table,
    Tags,
    Target,
    View,
    Words,
)
from answer_center.words import Vocabulary

_HREF_SAFE = ":/?#=&%@+~.-_"


def _label(piece: Strong | Field) -> Words | Field:
    # Bold inside bold would close it: a field set in bold keeps its code and links but
    # shows its own bold as plain text.
    inner = piece if isinstance(piece, Field) else piece.text
    return inner if isinstance(inner, Words) else Field(without_bold(inner.text))


def plain(pieces: Inline) -> str:
    """The text a reader sees of inline pieces."""
    out = []
    for piece in pieces:
        if isinstance(piece, Field):
            out.append(to_plain(piece.text))
        elif isinstance(piece, Strong | Link):
            inner = piece.text if isinstance(piece, Strong) else piece.label
            out.append(to_plain(inner.text) if isinstance(inner, Field) else inner.text)
        else:
            out.append(piece.text)
    return "".join(out)


class EngineWriter:
    """Markdown for the site engine, for the page at the site path ``page``.

    Links between pages are written as the relative URLs the engine would make of them, so
    every page is a function of its own Markdown alone: the engine can build any subset of
    the pages (an edit, a shard) and give each the HTML a full build gives it. The model
    resolved every link target, so none can be dead (``tests/test_pages.py`` checks).
    """

    def __init__(self, page: str, words: Vocabulary, tooltips: Tooltips | None = None) -> None:
        self.page = page
        self.w = words
        self.tooltips = tooltips

    def href(self, target: Target) -> str:
        if target.external:
            return quote(target.page, safe=_HREF_SAFE)
        return urls.relative_url(self.page, target.page)

    def inline(self, pieces: Inline, *, tips: bool = True) -> str:
        out = []
        for index, piece in enumerate(pieces):
            first = index == 0
            if isinstance(piece, Words):
                out.append(escape_engine(piece.text, line_start=first))
            elif isinstance(piece, Field):
                out.append(engine_markdown(piece.text, self.tooltips if tips else None))
            elif isinstance(piece, Strong):
                out.append(f"**{self.inline((_label(piece),), tips=False)}**")
            elif isinstance(piece, Code):
                out.append(f"<code>{escape_engine(piece.text, line_start=False)}</code>")
            else:
                label = self.inline((piece.label,), tips=False)
                out.append(f"[{label}]({self.href(piece.target)})")
        return "".join(out)

    def title(self, pieces: Inline) -> str:
        """Text for a heading or an admonition title: no tooltip, quotes as entities."""
        return self.inline(pieces, tips=False).replace('"', "&quot;")

    def block(self, block: Block) -> str:
        if isinstance(block, Heading):
            anchor = f" {{#{block.anchor}}}" if block.anchor else ""
            return f"{'#' * block.level} {self.title(block.text)}{anchor}"
        if isinstance(block, Paragraph):
            role = f"\n{{: .ac-{block.role} }}" if block.role else ""
            return self.inline(block.text) + role
        if isinstance(block, Items):
            return "\n".join(
                f"{f'{n}.' if block.ordered else '-'} {self.inline(item)}"
                + _attr_line(block.anchors[n - 1] if block.anchors else None)
                for n, item in enumerate(block.items, start=1)
            )
        if isinstance(block, Checks):
            return "\n".join(self.check(item) for item in block.items)
        if isinstance(block, Notice):
            role = f" ac-{block.role}" if block.role else ""
            head = f'!!! {block.kind}{role} "{self.title((Words(block.title),))}"'
            return f"{head}\n\n    {self.inline(block.body)}{_attr_line(block.anchor)}"
        if isinstance(block, Question):
            head = f'???+ question "{self.title(block.question)}"'
            return f"{head}\n\n    {self.inline(block.answer)}"
        if isinstance(block, Snippets):
            tabs = []
            for snippet in block.items:
                fence = code_fence(snippet.code, snippet.lexer)
                indented = "\n".join(f"    {line}" if line else "" for line in fence.split("\n"))
                tabs.append(f'=== "{escape_html(snippet.label)}"\n\n{indented}')
            return "\n\n".join(tabs)
        if isinstance(block, CodeBlock):
            return code_fence(block.code, block.lexer)
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Language):
            inner = "\n\n".join(self.block(b) for b in block.blocks)
            role = f' class="ac-{block.role}"' if block.role else ""
            lang = escape_html(block.lang)
            return f'<div lang="{lang}"{role} markdown>\n\n{inner}\n\n</div>'
        if isinstance(block, Breadcrumb):
            separator = escape_engine(self.w("page.breadcrumb_separator"), line_start=False)
            trail = separator.join(self.inline((link,)) for link in block.trail)
            return f"{trail}\n{{: .ac-breadcrumb }}"
        if isinstance(block, Tags):
            separator = self.w("page.tag_separator")
            joined: list[Piece] = []
            for index, link in enumerate(block.tags):
                if index:
                    joined.append(Words(separator))
                joined.append(link)
            return f"{self.inline(self.w.inline('page.tags', tags=tuple(joined)))}\n{{: .ac-tags }}"
        raise TypeError(f"no engine layout for {type(block).__name__}")

    def check(self, item: Check) -> str:
        label = self.inline(tuple(_label(p) if isinstance(p, Field) else p for p in item.text))
        lines = [f"- [ ] **{label}**  ", f"    {self.inline(item.why)}"]
        if item.evidence is not None:
            lines[-1] += "  "
            lines.append(f"    {self.inline(item.evidence)}")
        return "\n".join(lines)

    def table(self, table: Table) -> str:
        head = "| " + " | ".join(self.inline(c, tips=False) for c in table.columns) + " |"
        rule = "| " + " | ".join("---" for _ in table.columns) + " |"
        rows = ["| " + " | ".join(self.inline(c) for c in row) + " |" for row in table.rows]
        return "\n".join([head, rule, *rows])

    def body(self, view: View) -> str:
        """The page below the front matter: the title, then every block."""
        parts = [f"# {self.title(view.title)} {{#title}}"]
        parts += [self.block(block) for block in view.blocks()]
        return "\n\n".join(parts) + "\n"


def _attr_line(anchor: str | None) -> str:
    # attr_list reads "{: #id }" on the last line of a list item or paragraph as its id;
    # an anchor is a claim id (claim-<field>-<hex>), nothing an editor types.
    return f"\n    {{: #{anchor} }}" if anchor else ""


def _anchor_html(anchor: str | None) -> str:
    # The one HTML the mirrors hold besides <strong>: an empty anchor a claim is cited by.
    return f'<a id="{escape_html(anchor)}"></a>' if anchor else ""


_FLANKING_PUNCTUATION = re.compile(r"[\W_]")


def _spacey(char: str) -> bool:
    return char.isspace() or bool(_FLANKING_PUNCTUATION.match(char))


class CommonMarkWriter:
    """CommonMark for the Markdown mirrors: links go to absolute mirror URLs."""

    def __init__(self, base_url: str, words: Vocabulary) -> None:
        self.base_url = base_url
        self.w = words

    def href(self, target: Target) -> str:
        if target.external:
            return quote(target.page, safe=_HREF_SAFE)
        return urls.absolute(self.base_url, target.mirror)

    def inline(self, pieces: Inline) -> str:
        out = []
        for index, piece in enumerate(pieces):
            first = index == 0
            if isinstance(piece, Words):
                out.append(escape_commonmark(piece.text, line_start=first))
            elif isinstance(piece, Field):
                out.append(commonmark(piece.text))
            elif isinstance(piece, Strong):
                out.append(self.strong(pieces, index))
            elif isinstance(piece, Code):
                out.append(_code_span(piece.text))
            else:
                out.append(f"[{self.inline((piece.label,))}]({self.href(piece.target)})")
        return "".join(out)

    def strong(self, pieces: Inline, index: int) -> str:
        # ** opens only left-flanking and closes only right-flanking in CommonMark
        # ("a**(b)**c" is not bold): where it would not, <strong> says the same.
        piece = pieces[index]
        assert isinstance(piece, Strong)
        body = plain((piece.text,))
        inner = self.inline((_label(piece),))
        before = plain(pieces[:index])[-1:]
        after = plain(pieces[index + 1 :])[:1]
        opens = not _FLANKING_PUNCTUATION.match(body[0]) or not before or _spacey(before)
        closes = not _FLANKING_PUNCTUATION.match(body[-1]) or not after or _spacey(after)
        return f"**{inner}**" if opens and closes else f"<strong>{inner}</strong>"

    def block(self, block: Block) -> str:
        if isinstance(block, Heading):
            return f"{'#' * block.level} {self.inline(block.text)}"
        if isinstance(block, Paragraph):
            return self.inline(block.text)
        if isinstance(block, Items):
            return "\n".join(
                f"{f'{n}.' if block.ordered else '-'} "
                + _anchor_html(block.anchors[n - 1] if block.anchors else None)
                + self.inline(item)
                for n, item in enumerate(block.items, start=1)
            )
        if isinstance(block, Checks):
            return "\n".join(self.check(item) for item in block.items)
        if isinstance(block, Notice):
            line = self.inline((Strong(Words(block.title)), Words(":"), *block.body))
            line = _anchor_html(block.anchor) + line
            return f"> {line}" if block.kind == "warning" else line
        if isinstance(block, Question):
            return f"### {self.inline(block.question)}\n\n{self.inline(block.answer)}"
        if isinstance(block, Snippets):
            return "\n\n".join(
                f"{escape_commonmark(self.w('example.snippet', label=s.label))}\n\n"
                f"{code_fence(s.code, s.lexer)}"
                for s in block.items
            )
        if isinstance(block, CodeBlock):
            return code_fence(block.code, block.lexer)
        if isinstance(block, Table):
            head = "| " + " | ".join(self.inline(c) for c in block.columns) + " |"
            rule = "| " + " | ".join("---" for _ in block.columns) + " |"
            rows = ["| " + " | ".join(self.inline(c) for c in row) + " |" for row in block.rows]
            return "\n".join([head, rule, *rows])
        if isinstance(block, Language):
            return "\n\n".join(self.block(b) for b in block.blocks)
        if isinstance(block, Breadcrumb):
            separator = escape_commonmark(self.w("page.breadcrumb_separator"), line_start=False)
            return separator.join(self.inline((link,)) for link in block.trail)
        if isinstance(block, Tags):
            names = self.w("page.tag_separator").join(link.label.text for link in block.tags)
            return self.inline(self.w.inline("page.tags", tags=names))
        raise TypeError(f"no CommonMark layout for {type(block).__name__}")

    def check(self, item: Check) -> str:
        label = self.inline(tuple(_label(p) if isinstance(p, Field) else p for p in item.text))
        lines = [f"- [ ] **{label}**  ", f"  {self.inline(item.why)}"]
        if item.evidence is not None:
            lines[-1] += "  "
            lines.append(f"  {self.inline(item.evidence)}")
        return "\n".join(lines)

    def body(self, view: View, *, navigation: bool = True) -> str:
        """The mirror below its front matter and note: the title, then every block."""
        parts = [f"# {self.inline(view.title)}"]
        parts += [self.block(block) for block in view.blocks(navigation=navigation)]
        return "\n\n".join(parts) + "\n"


def _code_span(code: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if code[0] in "` " or code[-1] in "` " else ""
    return f"{fence}{padding}{code}{padding}{fence}"


class HtmlWriter:
    """HTML fragments for the feed: links go to absolute page URLs."""

    def __init__(self, base_url: str, words: Vocabulary) -> None:
        self.base_url = base_url
        self.w = words

    def href(self, target: Target) -> str:
        return escape_html(
            target.page if target.external else urls.absolute(self.base_url, target.page)
        )

    def inline(self, pieces: Inline) -> str:
        out = []
        for piece in pieces:
            if isinstance(piece, Words):
                out.append(escape_html(piece.text))
            elif isinstance(piece, Field):
                out.append(_absolute_links(to_html(piece.text), self.base_url))
            elif isinstance(piece, Strong):
                out.append(f"<strong>{self.inline((_label(piece),))}</strong>")
            elif isinstance(piece, Code):
                out.append(f"<code>{escape_html(piece.text)}</code>")
            else:
                out.append(f'<a href="{self.href(piece.target)}">{self.inline((piece.label,))}</a>')
        return "".join(out)

    def block(self, block: Block) -> str:
        if isinstance(block, Heading):
            return f"<h{block.level}>{self.inline(block.text)}</h{block.level}>"
        if isinstance(block, Paragraph):
            return f"<p>{self.inline(block.text)}</p>"
        if isinstance(block, Items):
            tag = "ol" if block.ordered else "ul"
            items = "".join(f"<li>{self.inline(item)}</li>" for item in block.items)
            return f"<{tag}>{items}</{tag}>"
        if isinstance(block, Checks):
            return "<ul>" + "".join(self.check(item) for item in block.items) + "</ul>"
        if isinstance(block, Notice):
            title = escape_html(block.title)
            return f"<p><strong>{title}:</strong>{self.inline(block.body)}</p>"
        if isinstance(block, Question):
            return f"<h3>{self.inline(block.question)}</h3>\n<p>{self.inline(block.answer)}</p>"
        if isinstance(block, Snippets):
            return "\n".join(
                f"<p>{escape_html(self.w('example.snippet', label=s.label))}</p>\n"
                + self.block(CodeBlock(s.lexer, s.code))
                for s in block.items
            )
        if isinstance(block, CodeBlock):
            lexer = escape_html(block.lexer)
            return f'<pre><code class="language-{lexer}">{escape_html(block.code)}</code></pre>'
        if isinstance(block, Table):
            head = "".join(f"<th>{self.inline(c)}</th>" for c in block.columns)
            rows = "".join(
                "<tr>" + "".join(f"<td>{self.inline(c)}</td>" for c in row) + "</tr>"
                for row in block.rows
            )
            return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        if isinstance(block, Language):
            inner = "\n".join(self.block(b) for b in block.blocks)
            return f'<div lang="{escape_html(block.lang)}">\n{inner}\n</div>'
        if isinstance(block, Breadcrumb | Tags):
            return ""
        raise TypeError(f"no HTML layout for {type(block).__name__}")

    def check(self, item: Check) -> str:
        label = self.inline(tuple(_label(p) if isinstance(p, Field) else p for p in item.text))
        parts = [f"<strong>{label}</strong>", self.inline(item.why)]
        if item.evidence is not None:
            parts.append(self.inline(item.evidence))
        return "<li>" + "<br>".join(parts) + "</li>"

    def body(self, blocks: Sequence[Block]) -> str:
        """The blocks as one HTML fragment."""
        return "\n".join(out for out in (self.block(b) for b in blocks) if out)


def _absolute_links(markup: str, base_url: str) -> str:
    # to_html escapes every quote of the content, so 'href="/' only starts a site path of
    # the editor's own link; feed readers show content out of the site, where it would
    # not resolve.
    return markup.replace('href="/', f'href="{base_url}')


class TextWriter:
    """Plain text for the feed's ``content_text``."""

    def __init__(self, words: Vocabulary) -> None:
        self.w = words

    def block(self, block: Block) -> str:
        if isinstance(block, Heading | Paragraph):
            return plain(block.text)
        if isinstance(block, Items):
            return "\n".join(
                f"{f'{n}.' if block.ordered else '-'} {plain(item)}"
                for n, item in enumerate(block.items, start=1)
            )
        if isinstance(block, Checks):
            return "\n".join(f"- {plain(item.text)}: {plain(item.why)}" for item in block.items)
        if isinstance(block, Notice):
            return f"{block.title}:{plain(block.body)}"
        if isinstance(block, Question):
            return f"{plain(block.question)}\n{plain(block.answer)}"
        if isinstance(block, Snippets):
            return "\n\n".join(
                f"{self.w('example.snippet', label=s.label)}\n{s.code.rstrip()}"
                for s in block.items
            )
        if isinstance(block, CodeBlock):
            return block.code.rstrip()
        if isinstance(block, Table):
            rows = [block.columns, *block.rows]
            return "\n".join(" | ".join(plain(cell) for cell in row) for row in rows)
        if isinstance(block, Language):
            return "\n\n".join(self.block(b) for b in block.blocks)
        return ""

    def body(self, blocks: Sequence[Block]) -> str:
        """The blocks as text, separated by blank lines."""
        return "\n\n".join(out for out in (self.block(b) for b in blocks) if out)
