"""The views of the pages that are not entries: home, glossary, tags, tag pages and the
listings of kinds (the consumers' page is in ``render/consumers.py``)."""

from __future__ import annotations

from answer_center import urls
from answer_center.kinds import GLOSSARY
from answer_center.output_formats import OUTPUT_FORMATS
from answer_center.render.context import PageContext
from answer_center.render.site_pages import HtmlPage, hub_title
from answer_center.view import (
    Block,
    Field,
    Heading,
    Inline,
    Items,
    Link,
    Paragraph,
    Piece,
    Section,
    Target,
    View,
    Words,
    text,
    words,
)


def home(page: PageContext) -> View:
    """Intro, topics, recently updated answers, other resources, machine-readable files."""
    site, w, catalog = page.site, page.w, page.catalog
    blocks: list[Block] = [Paragraph(text(paragraph)) for paragraph in site.home_intro]
    blocks += [
        Heading(2, words(w("home.topics")), "topics"),
        Items(tuple((page.link(t), Words(":"), Field(t.summary)) for t in catalog.groups)),
        Heading(2, words(w("home.recent")), "recent"),
        Items(
            tuple(
                w.inline("home.recent_item", link=(page.link(a),), date=page.date(a.updated))
                for a in catalog.recent_answers[: site.home_recent]
            )
        ),
        Heading(2, words(w("home.hubs")), "hubs"),
        Items(_hub_items(page)),
        Heading(2, words(w("home.machine_readable")), "machine-readable"),
        Items(_output_items(page)),
    ]
    return View(text(site.home_title), (Section(tuple(blocks)),))


def _hub_items(page: PageContext) -> tuple[Inline, ...]:
    items: list[Inline] = [
        (page.link(e), Words(":"), Field(e.summary)) for e in page.catalog.entries if e.kind.hub
    ]
    for hub in (urls.GLOSSARY_HUB, urls.TAGS_HUB):
        if hub is urls.GLOSSARY_HUB and not page.catalog.of_kind(GLOSSARY):
            continue
        items.append((Link(Words(hub_title(page.catalog, hub)), page.hub(hub)),))
    return tuple(items)


def _output_items(page: PageContext) -> tuple[Inline, ...]:
    w = page.w
    items: list[Inline] = []
    for output in OUTPUT_FORMATS:
        if not output.home or output.url is None:
            continue
        address = urls.absolute(page.site.base_url, output.url)
        link = Link(Words(output.name), Target(address, address))
        items.append((link, Words(":"), Words(w(f"home.outputs.{output.key}"))))
    consumers = Link(
        Words(hub_title(page.catalog, urls.CONSUMERS_HUB)), page.hub(urls.CONSUMERS_HUB)
    )
    items.append((consumers, Words(":"), Words(w("home.consumers"))))
    return tuple(items)


def glossary(page: PageContext) -> View:
    """Every glossary term: its spellings, its definition and the pages it relates to."""
    from answer_center.kinds.glossary import GlossaryTerm, aliases_line

    w = page.w
    blocks: list[Block] = [Paragraph(words(w("glossary.intro")), role="summary")]
    terms = sorted(page.catalog.of_kind(GLOSSARY), key=lambda t: t.title.casefold())
    for term in terms:
        fields = term.fields
        assert isinstance(fields, GlossaryTerm)
        blocks.append(Heading(2, text(term.title), term.id))
        aliases = aliases_line(fields, page)
        if aliases is not None:
            blocks.append(aliases)
        blocks.append(Paragraph(text(fields.definition)))
        links = page.catalog.links[term.id]
        if links:
            joined: list[Piece] = []
            for index, link in enumerate(links):
                if index:
                    joined.append(Words(w("page.tag_separator")))
                joined.append(page.resolved(link))
            blocks.append(Paragraph(w.inline("glossary.see_also", links=tuple(joined))))
    return View(words(w("glossary.title")), (Section(tuple(blocks)),))


def tags(page: PageContext) -> View:
    """Every tag with how many entries carry it, linking to its pages (each tag keeps its
    anchor here, so older links to ``/tags/#tag-x`` still find it)."""
    w = page.w
    blocks: list[Block] = [Paragraph(words(w("tags.intro")), role="summary")]
    for tag, entries in page.catalog.tags().items():
        count = Link(Words(w("tags.see_all", count=len(entries))), page.hub(urls.tag_page(tag)))
        blocks += [Heading(2, words(tag), urls.tag_anchor(tag)), Paragraph((count,))]
    return View(words(w("tags.title")), (Section(tuple(blocks)),))


def tag_page(page: PageContext, html: HtmlPage) -> View:
    """One page of the entries carrying a tag, with links to its other pages."""
    w = page.w
    total = len(page.catalog.tags()[html.tag])
    index = Link(Words(w("tags.title")), page.hub(urls.TAGS_HUB))
    intro = w.inline("tags.page_intro", tag=html.tag, count=str(total), index=(index,))
    blocks: list[Block] = [
        Paragraph(intro, role="summary"),
        Items(
            tuple(
                w.inline("tags.entry", link=(page.link(e),), label=page.label(e))
                for e in html.listed
            )
        ),
    ]
    turns: list[Piece] = []
    if html.part > 1:
        previous = page.hub(urls.tag_page(html.tag, html.part - 1))
        turns.append(Link(Words(w("tags.previous")), previous))
    if html.part < html.parts:
        if turns:
            turns.append(Words(w("page.tag_separator")))
        turns.append(Link(Words(w("tags.next")), page.hub(urls.tag_page(html.tag, html.part + 1))))
    if turns:
        blocks.append(Paragraph(tuple(turns)))
    return View(words(html.title), (Section(tuple(blocks)),))


def listing(page: PageContext, html: HtmlPage) -> View:
    """Every entry of a kind the navigation lists, with its one-line description."""
    items = tuple((page.link(e), Words(":"), Field(e.summary)) for e in html.listed)
    return View(words(html.title), (Section((Items(items),)),))
