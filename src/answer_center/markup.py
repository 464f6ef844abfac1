"""The inline markup editors may use in text fields, read by a small parser of its own.

Text fields are text, not Markdown: the only markup is `code`, **bold** and
[links](https://...). Everything else an editor types (``*``, ``_``, ``#``, ``<b>``,
``&amp;``) is text and is published as typed. The parser accepts exactly that subset and
refuses anything it cannot read with certainty, with the offset of the problem, so that
validation can point at it and no renderer ever has to guess:

- a backtick run opens code that the next run of the same length closes;
- ``**`` opens bold that the next ``**`` closes; bold holds plain text only;
- ``[text](target)`` is a link; its text is plain text, never empty, never another link;
- ``![text](target)`` (an image) is refused, and so is a link whose target, once its
  character references and percent-escapes are decoded, is not https, http, mailto or a
  path of this site.

A ``[`` that no ``](`` follows is text (``a[0]``), as is a lone ``*``. Line breaks inside a
field read as spaces, as the fields are inline text.

Validation (``validate/markup.py``) reports every :class:`MarkupError`; the renderers
(``render/inline.py``) then lay the spans out for each output format.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from urllib.parse import unquote

SAFE_SCHEMES = ("https", "http", "mailto")

_LINE_BREAKS = re.compile(r"\s*\n\s*")
_SPECIAL = re.compile(r"`|\*\*|!?\[")
_BACKTICKS = re.compile(r"`+")
# What a target may hold as written: RFC 3986 characters (percent-escapes included), so no
# quote, angle bracket, space or backslash can leave the attribute or the Markdown link.
_TARGET_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+\Z")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_HTTP_TARGET = re.compile(r"https?://[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::[0-9]{1,5})?(?:[/?#]|\Z)")
_INVISIBLE = re.compile("[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


@dataclass(frozen=True)
class Span:
    """One piece of inline text: plain, code, bold, or a link (``href`` set).

    ``text`` is the piece as written (line breaks included; renderers fold them into
    spaces) and ``start`` its offset in the field, so a check that searches what readers
    see can point back at where it was written.
    """

    kind: str
    text: str
    start: int
    href: str = ""


@dataclass(frozen=True)
class MarkupError:
    """Why a field's markup cannot be read, at an offset in its text as written."""

    rule: str
    """``markup/<problem>``."""
    start: int
    end: int
    key: str = "default"
    """The rule's message in words/diagnostics.yaml."""
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Parsed:
    """A field read as spans, or the problems that stop it from being read."""

    spans: tuple[Span, ...]
    errors: tuple[MarkupError, ...]


def decoded_target(href: str) -> str:
    """A link target as a browser would follow it: character references and percent-escapes
    decoded (repeatedly, as a redirect chain could), invisible characters removed."""
    previous = None
    current = href
    for _ in range(4):
        if current == previous:
            break
        previous = current
        current = unquote(html.unescape(current))
    return _INVISIBLE.sub("", current)


def target_problem(href: str) -> tuple[str, dict[str, str]] | None:
    """Why ``href`` may not be a link target (a markup/unsafe-link message key and the
    values it names besides the target), or None when it may.

    Allowed: https and http URLs with a lowercase host, ``mailto:``, and paths of this site
    (``/answers/x/``). Judged on the decoded form too, so ``/%2F%2Fhost``,
    ``java&#115;cript:`` or ``/\\host`` cannot pass as a site path or a safe scheme.
    """
    if not _TARGET_CHARACTERS.match(href):
        return "characters", {}
    plain = decoded_target(href)
    if "\\" in plain:
        return "backslash", {}
    if plain.startswith("/"):
        if plain.startswith("//"):
            return "other-site", {}
        if not href.startswith("/"):
            return "hidden", {}
        return None
    scheme = _SCHEME.match(plain)
    if scheme is None:
        return "relative", {}
    name = scheme.group(1).lower()
    if name not in SAFE_SCHEMES or not href.lower().startswith(name + ":"):
        return "scheme", {"scheme": name}
    if name == "mailto":
        return None if "@" in plain else ("mailto", {})
    if not _HTTP_TARGET.match(href) or not _HTTP_TARGET.match(plain):
        return "host", {}
    return None


class _Reader:
    """One pass over a field; collects spans and errors."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[Span] = []
        self.errors: list[MarkupError] = []
        self.pending = 0
        """Start of the plain text not yet emitted."""

    def fail(self, rule: str, start: int, end: int, key: str = "default", **params: str) -> None:
        self.errors.append(MarkupError(rule, start, end, key, tuple(sorted(params.items()))))

    def plain(self, end: int) -> None:
        if end > self.pending:
            self.spans.append(Span("text", self.text[self.pending : end], self.pending))

    def read(self) -> Parsed:
        text = self.text
        position = 0
        while (found := _SPECIAL.search(text, position)) is not None:
            start = found.start()
            token = found.group()
            if token == "`":
                position = self.code(start)
            elif token == "**":
                position = self.bold(start)
            else:
                position = self.link(start, image=token == "![")
        self.plain(len(text))
        return Parsed(tuple(self.spans), tuple(self.errors))

    def code(self, start: int) -> int:
        text = self.text
        run = _BACKTICKS.match(text, start)
        assert run is not None
        ticks = run.group()
        after = run.end()
        close = after
        while True:
            candidate = _BACKTICKS.search(text, close)
            if candidate is None:
                self.fail("markup/unclosed-code", start, after, ticks=ticks)
                return after
            if candidate.group() == ticks:
                break
            close = candidate.end()
        body = text[after : candidate.start()]
        if not body.strip():
            self.fail("markup/empty", start, candidate.end(), "code")
        else:
            self.plain(start)
            self.spans.append(Span("code", body, after))
        self.pending = candidate.end()
        return candidate.end()

    def bold(self, start: int) -> int:
        text = self.text
        inner = start + 2
        close = text.find("**", inner)
        if close < 0:
            self.fail("markup/unclosed-bold", start, inner)
            return inner
        body = text[inner:close]
        nested = re.search(r"`|!?\[[^\]]*\]\(", body)
        if nested:
            self.fail("markup/nested", inner + nested.start(), inner + nested.end(), "bold")
        elif not body.strip():
            self.fail("markup/empty", start, close + 2, "bold")
        elif body != body.strip():
            self.fail("markup/bold-space", start, close + 2)
        else:
            self.plain(start)
            self.spans.append(Span("bold", body, inner))
        self.pending = close + 2
        return close + 2

    def link(self, start: int, *, image: bool) -> int:
        text = self.text
        bracket = start + 1 if image else start
        close = _matching_bracket(text, bracket)
        if close is None or not text.startswith("(", close + 1):
            return bracket + 1  # brackets without a target are text: a[0], [注]
        end = _target_end(text, close + 2)
        if end is None:
            self.fail("markup/unclosed-link", start, close + 2)
            return close + 2
        label = text[bracket + 1 : close]
        href = text[close + 2 : end]
        problem: tuple[str, str] | None = None
        if image:
            problem = "markup/image", "default"
        elif "[" in label:
            problem = "markup/nested", "link-bracket"
        elif re.search(r"`|\*\*", label):
            problem = "markup/nested", "link-markup"
        elif not label.strip():
            problem = "markup/empty", "link"
        else:
            reason = target_problem(href)
            if reason is not None:
                key, values = reason
                self.fail("markup/unsafe-link", start, end + 1, key, target=_shown(href), **values)
                self.pending = end + 1
                return end + 1
        if problem is not None:
            self.fail(problem[0], start, end + 1, problem[1])
        else:
            self.plain(start)
            self.spans.append(Span("link", label, bracket + 1, href))
        self.pending = end + 1
        return end + 1


def _matching_bracket(text: str, start: int) -> int | None:
    """Offset of the ``]`` that closes the ``[`` at ``start``, brackets nesting."""
    depth = 0
    for index in range(start + 1, len(text)):
        char = text[index]
        if char == "[":
            depth += 1
        elif char == "]":
            if depth == 0:
                return index
            depth -= 1
    return None


def _target_end(text: str, start: int) -> int | None:
    """Offset of the ``)`` closing a link target (parentheses inside it nest)."""
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return index
            depth -= 1
    return None


_SHOWN = 60


def _shown(href: str) -> str:
    return href if len(href) <= _SHOWN else href[: _SHOWN - 1] + "…"


# A page, its mirror, its feed item and every list that names the entry read the same
# fields: parsing each distinct text once saves a third of rendering. Parsed is immutable.
@functools.lru_cache(maxsize=1 << 16)
def parse(text: str) -> Parsed:
    """Read a text field's inline markup."""
    if "`" not in text and "*" not in text and "[" not in text:
        return Parsed((Span("text", text, 0),) if text else (), ())  # most text: no markup
    return _Reader(text).read()


def spans(text: str) -> tuple[Span, ...]:
    """The spans of a field that validation accepted.

    A field the parser refuses never reaches a renderer (validation fails the build); were
    one to, it is shown as the text it is, never as half-read markup.
    """
    parsed = parse(text)
    if parsed.errors:
        return (Span("text", text, 0),)
    return parsed.spans


def without_bold(text: str) -> str:
    """The field with its bold spans as plain text (code and links kept), for places that
    set the whole field in bold themselves (a checklist item, a case's name)."""
    cut = [
        (span.start - 2, span.start + len(span.text)) for span in spans(text) if span.kind == "bold"
    ]
    for start, end in reversed(cut):
        text = text[:start] + text[start + 2 : end] + text[end + 2 :]
    return text


def visible_pieces(text: str) -> list[tuple[int, str]]:
    """What a reader sees of ``text``, as ``(offset in text, piece)`` in order.

    The markup itself (backticks, ``**``, the brackets and target of a link) is left out,
    so the pieces joined are the text as published; the offsets let a check that searches
    the published text point back at where each piece was written.
    """
    return [(span.start, span.text) for span in spans(text)]


@functools.lru_cache(maxsize=1 << 16)
def to_plain(text: str) -> str:
    """The text a reader sees, markup removed, line breaks as spaces, for metadata."""
    return _LINE_BREAKS.sub(" ", "".join(span.text for span in spans(text)).strip())
