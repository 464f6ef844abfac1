"""Hostile text in every free-text field builds, and no browser runs any of it (issue #5).

Every string of the sample content that the schemas leave free (no pattern other than
"one line", no enum) gets script tags, event-handler attributes, ``javascript:`` text,
Jinja and Markdown tricks around its own text. Each injected field has its own number,
which its payloads carry (``window.__xss=<n>``, ``alert(<n>)``), so a failure names the
field. The copy is built; every HTML page is loaded in headless Chromium with a sentinel
on ``window.__xss`` and a dialog handler, and its DOM is searched for event handlers,
script URLs and HTML in tooltips. The payloads must still be on the pages as text (escaped,
not dropped), and the machine-readable outputs must hold them only in inert form.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from markdown_it import MarkdownIt

from answer_center import commands
from answer_center.kinds import ENTRY_KINDS
from answer_center.load import load_file
from answer_center.project import Project
from browser_support import launch_chromium, search, serve, skip_without_chromium
from sample_site import copy_project, run_build
from search_index import indexed_pages

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Dialog

# ---------------------------------------------------------------------------------------------
# Payloads. "{n}" becomes the number of the field; ``shown`` is what a reader must see.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Payload:
    """One hostile string; ``shown`` is its visible text when it differs from the source."""

    text: str
    shown: str | None = None

    def source(self, n: int) -> str:
        """The string written into the content file."""
        return self.text.replace("{n}", str(n))

    def visible(self, n: int) -> str:
        """The text a reader sees on the page."""
        return (self.shown if self.shown is not None else self.text).replace("{n}", str(n))


ATTRIBUTE_BREAKER = Payload('" onmouseover="alert({n})" x="y')
"""Free of Markdown's special characters and ending in a letter (abbreviations match whole
words), so glossary terms that end with it still get their tooltips."""

# No payload carries U+2028, U+2029 or control characters: the loader refuses them in content,
# raw or escaped (tests/test_load.py), so they cannot reach a page.
PAYLOADS: tuple[Payload, ...] = (
    Payload("<script>window.__xss={n}</script>"),
    Payload('<img src=x onerror="window.__xss={n}">'),
    Payload("<svg onload=window.__xss={n}>"),
    Payload('"><script>window.__xss={n}</script>'),
    Payload("</script><script>window.__xss={n}</script>"),
    Payload("xss{n}<!--"),
    Payload("javascript:window.__xss={n}"),
    ATTRIBUTE_BREAKER,
    Payload("' onfocus='alert({n})' autofocus x='"),
    Payload("xss-ssti-{n}-{{ 7*7 }}"),
    Payload("{% raw %}xss{n}{% endraw %}{# c #}"),
    Payload('{: onclick="window.__xss={n}" }'),
    Payload('<a href="javascript:window.__xss={n}">xss{n}</a>'),
    Payload("`<script>window.__xss={n}</script>`", "<script>window.__xss={n}</script>"),
    Payload('<iframe srcdoc="<script>parent.__xss={n}</script>">'),
    Payload("<details open ontoggle=window.__xss={n}>"),
    Payload("**<b onclick=window.__xss={n}>b</b>**", "<b onclick=window.__xss={n}>b</b>"),
    Payload("[xss{n}](https://example.com/a?b=(c)&d=e;f#g)", "xss{n}"),
    Payload("[xss{n}](/x/?a=%22onfocus%3D)", "xss{n}"),
    Payload("&lt;script&gt;window.__xss={n}&lt;/script&gt;"),
    Payload("\\<script>window.__xss={n}</script>"),
    Payload("<scr<script>ipt>window.__xss={n}</script>"),
    Payload('<meta http-equiv="refresh" content="0;url=javascript:window.__xss={n}">'),
    Payload("*[xss{n}]: <img src=x onerror=alert({n})>"),
    Payload("</title></textarea></noscript><script>window.__xss={n}</script>"),
    Payload("]]><script>window.__xss={n}</script>"),
    Payload("<style>body{display:none}</style>xss{n}"),
)

CODE_PAYLOAD = (
    "\n# </code></pre><script>window.__xss={n}</script>\n"
    "```\n<img src=x onerror=window.__xss={n}>\n```\n"
    "# xss-ssti-{n}-{{ 7*7 }}\n"
)
"""Appended to example code: closes the code element, then the Markdown fence."""
CODE = Payload(CODE_PAYLOAD, "</code></pre><script>window.__xss={n}</script>")


JAVASCRIPT_LINKS = (
    "[x](javascript:window.__xss=1)",
    "[x](JavaScript:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    '[x](https://example.com/"onmouseover="window.__xss=1)',
    '[x](/x"onfocus="window.__xss=1)',
    "[x](/%2F%2Fevil.example/)",
    "[x](java&#115;cript:alert(1))",
)
"""Markup links that validation refuses (rule markup/unsafe-link)."""

NOT_IN_SAMPLE: frozenset[str] = frozenset(
    f"{kind}:/related/*/title"
    for kind in ("checklist", "guide", "example", "use-case", "integration", "template", "solution")
)
"""Free-text fields of the schemas that the sample content never fills: a new text field
must get sample content, or be listed here, or this test fails. The title of a related
page elsewhere is filled on an answer; every kind lays its related links out with the same
code (render/context.py)."""

MIN_FIELDS = 300

UNUSED_FIELDS = frozenset({"site:/support/label"})
"""Free-text fields that no output shows (yet); once one is shown, it must be shown as text."""

SITE_METADATA_ONLY = frozenset({"site:/description", "site:/editorial_team", "site:/feed/title"})
"""Fields of site.yaml that pages show only in their head: descriptions, author, feed title."""

# ---------------------------------------------------------------------------------------------
# Which strings are free text: decided by the JSON Schemas of the project.
# ---------------------------------------------------------------------------------------------

ONE_LINE = "^[^\\n]*$"
CODE_FIELDS = frozenset({"code"})
"""Keys of code samples: shown as written, never read as markup."""
URL_PAYLOAD = "https://example.com/u?a=(1)&b=$2*3+4,5;6=!7:8@9~#x&lt;=1"
"""The most hostile URL the URL grammar lets through (no quote, angle bracket, space or
backslash can: tests/test_site_values.py), which a page must still show as it is."""

KIND_FOLDERS = {kind.section: kind.name for kind in ENTRY_KINDS}


class Schemas:
    """The project's schemas by ``$id``, with ``$ref`` resolution."""

    def __init__(self, folder: Path) -> None:
        self.by_id: dict[str, Any] = {}
        for path in sorted(folder.glob("*.schema.json")):
            schema = json.loads(path.read_text(encoding="utf-8"))
            self.by_id[schema["$id"]] = schema

    def resolve(self, node: Mapping[str, Any], base: str) -> tuple[Mapping[str, Any], str]:
        """The schema a node stands for, following ``$ref`` (and the file it is in)."""
        while "$ref" in node:
            target, _, pointer = str(node["$ref"]).partition("#")
            base = target or base
            resolved: Any = self.by_id[base]
            for part in pointer.strip("/").split("/") if pointer.strip("/") else ():
                resolved = resolved[part]
            node = resolved
        return node, base

    def text_paths(self, kind: str) -> set[str]:
        """Every free-text path a kind's schema declares (``*`` for list items)."""
        found: set[str] = set()

        def walk(node: Mapping[str, Any], base: str, path: str) -> None:
            node, base = self.resolve(node, base)
            if is_free_text(node):
                found.add(path)
            for key, sub in node.get("properties", {}).items():
                walk(sub, base, f"{path}/{key}")
            if isinstance(node.get("additionalProperties"), dict):
                walk(node["additionalProperties"], base, f"{path}/*")
            if isinstance(node.get("items"), dict):
                walk(node["items"], base, f"{path}/*")

        walk(self.by_id[f"{kind}.schema.json"], f"{kind}.schema.json", "")
        return found


def is_free_text(schema: Mapping[str, Any]) -> bool:
    """A string the schema does not constrain to a form: text an editor writes."""
    if schema.get("type") != "string" or "enum" in schema or "const" in schema:
        return False
    return "format" not in schema and schema.get("pattern", ONE_LINE) == ONE_LINE


def kind_of(relative: Path) -> str:
    """The content kind of a file under content/."""
    if relative.parts == ("site.yaml",):
        return "site"
    return KIND_FOLDERS[relative.parts[0]]


@dataclass(frozen=True)
class Injection:
    """One free-text field that received payloads."""

    n: int
    file: str
    where: tuple[str | int, ...]
    schema_path: str
    payloads: tuple[Payload, ...]

    @property
    def field(self) -> str:
        """``kind:/path`` of the field in its schema (``*`` for list items)."""
        return f"{kind_of(Path(self.file).relative_to('content'))}:{self.schema_path}"

    def label(self) -> str:
        """Where the field is, for failure messages."""
        return f"#{self.n} {self.file}:{'/'.join(map(str, self.where))}"


@dataclass
class Injector:
    """Walks content files with their schemas and rewrites every free-text string."""

    schemas: Schemas
    injections: list[Injection] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    """Where a URL field got URL_PAYLOAD (it is an address, not text shown to readers)."""

    def payloads_for(self, key: str | int, n: int) -> tuple[Payload, ...]:
        if key == "term":
            return (ATTRIBUTE_BREAKER,)
        return PAYLOADS[n % len(PAYLOADS)], PAYLOADS[(n * 7 + 3) % len(PAYLOADS)]

    def text(
        self, original: str, schema: Mapping[str, Any], key: str | int, n: int
    ) -> tuple[str, tuple[Payload, ...]]:
        """The hostile value of a field, and the payloads it got."""
        if key in CODE_FIELDS:  # code samples, shown as written: they get CODE_PAYLOAD
            return original.rstrip("\n") + CODE_PAYLOAD.replace("{n}", str(n)), (CODE,)
        limit = int(schema.get("maxLength", 100_000))
        chosen = list(self.payloads_for(key, n))

        def length(payloads: list[Payload]) -> int:
            return sum(len(p.source(n)) + 1 for p in payloads)

        while length(chosen) > limit and len(chosen) > 1:
            chosen.pop()  # too long even with the original text cut to nothing
        if length(chosen) > limit:  # a short field: the first payload that fits
            rotated = PAYLOADS[n % len(PAYLOADS) :] + PAYLOADS[: n % len(PAYLOADS)]
            chosen = [next(p for p in rotated if length([p]) <= limit)]
        kept = original.strip()[: limit - length(chosen)]
        parts = [p.source(n) for p in chosen]
        words = [parts[0], kept, parts[1]] if len(parts) == 2 else [kept, parts[0]]
        return " ".join(w for w in words if w), tuple(chosen)

    def walk(
        self, value: Any, node: Mapping[str, Any], base: str, file: str, where: tuple[Any, ...]
    ) -> Any:
        node, base = self.schemas.resolve(node, base)
        schema_path = "".join(f"/{'*' if isinstance(k, int) else k}" for k in where)
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                sub = node.get("properties", {}).get(key, node.get("additionalProperties"))
                assert isinstance(sub, dict), f"{file}: no schema for {schema_path}/{key}"
                out[key] = self.walk(item, sub, base, file, (*where, key))
            return out
        if isinstance(value, list):
            return [
                self.walk(item, node["items"], base, file, (*where, index))
                for index, item in enumerate(value)
            ]
        if where == ("base_url",):  # the address the site is built for: tests/test_site_values.py
            return value
        if isinstance(value, str) and str(node.get("pattern", "")).startswith("^https://"):
            self.urls.append(f"{file}:{schema_path}")
            return URL_PAYLOAD
        if isinstance(value, str) and is_free_text(node):
            n = len(self.injections) + 1
            key = where[-1] if where else ""
            if isinstance(key, int):
                key = where[-2]
            new, payloads = self.text(value, node, key, n)
            self.injections.append(Injection(n, file, where, schema_path, payloads))
            return new
        return value

    def inject(self, project: Project) -> None:
        """Rewrite every content file of ``project`` in place."""
        for path in sorted(project.content_dir.rglob("*.yaml")):
            relative = path.relative_to(project.content_dir)
            shown = f"content/{relative.as_posix()}"
            loaded = load_file(path, shown)
            assert loaded.document is not None, loaded.diagnostics
            kind = kind_of(relative)
            base = f"{kind}.schema.json"
            data = self.walk(loaded.document.data, self.schemas.by_id[base], base, shown, ())
            write_content(path, data)


def write_content(path: Path, data: Any) -> None:
    """Write data as YAML: JSON is YAML, and its quoted strings keep every payload intact."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    path.write_text(text + "\n", encoding="utf-8")


def deprecate(project: Project, old: str, new: str) -> None:
    """Deprecate an answer, so the successor notices render the other answer's title too."""
    path = next(project.content_dir.glob(f"answers/*/{old}.yaml"))
    data = json.loads(path.read_text(encoding="utf-8"))
    data |= {"status": "deprecated", "superseded_by": new}
    write_content(path, data)


# ---------------------------------------------------------------------------------------------
# The hostile build.
# ---------------------------------------------------------------------------------------------

TEXT_SUFFIXES = (".html", ".md", ".txt", ".json", ".xml")


@dataclass(frozen=True)
class HostileSite:
    """The sample with payloads in every free-text field, built."""

    project: Project
    injections: tuple[Injection, ...]
    urls: tuple[str, ...]

    @property
    def site(self) -> Path:
        """The published site/ folder."""
        return self.project.site_dir

    def files(self, pattern: str) -> list[Path]:
        """Published files matching a glob pattern, in any folder."""
        return sorted(self.site.rglob(pattern))

    def text(self, path: Path) -> str:
        """A published file's text."""
        return path.read_text(encoding="utf-8")

    def text_files(self) -> Iterator[tuple[Path, str]]:
        """Every published text file with its text."""
        for path in sorted(self.site.rglob("*")):
            if path.suffix in TEXT_SUFFIXES:
                yield path, self.text(path)

    def culprits(self, findings: Iterable[str]) -> list[str]:
        """The injected fields that sentinel hits or DOM findings name by number."""
        numbers = {int(n) for f in findings for n in re.findall(r"(?:xss\D{0,6}|alert\()(\d+)", f)}
        return [
            self.injections[n - 1].label() for n in sorted(numbers) if n <= len(self.injections)
        ]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> HostileSite:
    project = copy_project(tmp_path_factory.mktemp("xss"))
    injector = Injector(Schemas(project.schemas_dir))
    injector.inject(project)
    deprecate(project, "openai-sdk-base-url", "openai-compatible-api-gateway")
    status, out, err = run_build(project)
    assert status == 0, out + err
    return HostileSite(project, tuple(injector.injections), tuple(injector.urls))


def test_every_free_text_field_is_injected_and_the_site_builds(hostile: HostileSite) -> None:
    assert len(hostile.injections) >= MIN_FIELDS
    schemas = Schemas(hostile.project.schemas_dir)
    declared = {
        f"{kind}:{path}"
        for kind in ("site", *KIND_FOLDERS.values())
        for path in schemas.text_paths(kind)
    }
    injected = {i.field for i in hostile.injections}
    assert declared - injected == NOT_IN_SAMPLE, "free-text fields the sample never fills"
    assert len({p.text for i in hostile.injections for p in i.payloads}) == len(PAYLOADS) + 1
    assert (hostile.site / "index.html").is_file()


def test_url_fields_carry_the_most_hostile_valid_url_and_keep_it(hostile: HostileSite) -> None:
    # The browser tests below load every page with these URLs in it; here: they were used,
    # and reach the page's data unchanged (JSON-LD escapes "&" as \u0026).
    assert hostile.urls == (
        "content/answers/api-access/openai-compatible-api-gateway.yaml:/related/*/url",
        "content/site.yaml:/publisher/url",
        "content/site.yaml:/support/url",
        "content/site.yaml:/license/url",
    )
    blocks = [
        json.loads(b) for p in hostile.files("*.html") for b in jsonld_blocks(hostile.text(p))
    ]
    assert any(URL_PAYLOAD in [v for _, v in strings(block)] for block in blocks)


@pytest.mark.parametrize("link", JAVASCRIPT_LINKS)
def test_script_links_in_markup_are_refused(tmp_path: Path, link: str) -> None:
    project = copy_project(tmp_path)
    relative = "answers/stream-rate-limit/ai-api-stream-429-timeout.yaml"
    path = project.content_dir / relative
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("\nsummary: ")].count("\n") + 2
    path.write_text(text.replace("\nsummary: ", f"\nsummary: 见 {link} ", 1), encoding="utf-8")
    found = {(d.path, d.line, d.rule) for d in commands.validate(project).diagnostics}
    assert (f"content/{relative}", line, "markup/unsafe-link") in found
    status, _, err = run_build(project)
    assert status == 1 and "markup/unsafe-link" in err
    assert not project.site_dir.exists()


# ---------------------------------------------------------------------------------------------
# The published files, read as files.
# ---------------------------------------------------------------------------------------------

URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "poster", "xlink:href"})
FORBIDDEN_TAGS = frozenset({"iframe", "frame", "object", "embed", "base"})
SCRIPT_URL = re.compile(r"^(?:javascript|vbscript|data):")
INJECTED_CODE = re.compile(r"__xss|alert\(")


class Markup(HTMLParser):
    """Every tag, comment and script body of an HTML document or fragment."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.comments: list[str] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._script: dict[str, str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        if tag == "script":
            self._script = attributes
            self.scripts.append((attributes, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attributes, body = self.scripts[-1]
            self.scripts[-1] = (attributes, body + data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def html_problems(text: str) -> list[str]:
    """Injected markup in a served HTML document: the static twin of DOM_PROBLEMS."""
    markup = Markup(text)
    problems = [f"<{tag}>" for tag, _ in markup.tags if tag in FORBIDDEN_TAGS]
    for tag, attributes in markup.tags:
        for name, value in attributes.items():
            if name.startswith("on") or name in ("srcdoc", "autofocus", "http-equiv"):
                problems.append(f"{name} on <{tag}>: {value[:80]}")
            compact = re.sub(r"[\x00-\x20]", "", value).lower()
            if name in URL_ATTRIBUTES and SCRIPT_URL.match(compact):
                problems.append(f"script URL in {name} on <{tag}>: {value[:80]}")
    for attributes, body in markup.scripts:
        executable = attributes.get("type", "") in ("", "text/javascript", "module")
        if executable and INJECTED_CODE.search(body):
            problems.append(f"<script>{body[:80]}")
    problems += [f"<!--{c[:80]}" for c in markup.comments if re.search(r"xss|script", c)]
    return problems


def test_html_pages_hold_no_injected_markup(hostile: HostileSite) -> None:
    pages = hostile.files("*.html")
    assert len(pages) >= 15
    found = {p.relative_to(hostile.site).as_posix(): html_problems(hostile.text(p)) for p in pages}
    found = {page: problems for page, problems in found.items() if problems}
    assert found == {}, hostile.culprits(x for p in found.values() for x in p)
    # Definitions carry payloads and still become tooltips, their quotes and brackets as text.
    tooltips = re.compile(r'<abbr title="[^"<>]*(?:&lt;|&quot;)[^"<>]*__xss=\d+')
    assert any(tooltips.search(hostile.text(p)) for p in pages)


def jsonld_blocks(text: str) -> list[str]:
    """The JSON-LD of an HTML page, as written between its script tags."""
    return re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)


def strings(value: Any) -> Iterator[tuple[str, str]]:
    """Every string of parsed JSON with the key it is under."""
    if isinstance(value, dict):
        for key, item in value.items():
            for inner_key, text in strings(item):
                yield inner_key or str(key), text
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, str):
        yield "", value


def test_jsonld_is_json_that_cannot_leave_its_script(hostile: HostileSite) -> None:
    decoded = []
    for path in hostile.files("*.html"):
        blocks = jsonld_blocks(hostile.text(path))
        assert len(blocks) == (0 if path.name == "404.html" else 1), path
        for block in blocks:
            assert "<" not in block and "\u2028" not in block and "\u2029" not in block, path
            decoded += [text for _, text in strings(json.loads(block))]
    # The payloads are there, as JSON text.
    assert any("<script>window.__xss=" in text for text in decoded)
    assert any("</script><script>" in text for text in decoded)


FEED_TAGS: dict[str, set[str]] = {
    "h2": set(),
    "h3": set(),
    "p": set(),
    "ul": set(),
    "ol": set(),
    "li": set(),
}
FEED_TAGS |= {"strong": set(), "code": {"class"}, "a": {"href"}, "br": set(), "pre": set()}
FEED_TAGS |= {"div": {"lang"}, "table": set(), "thead": set(), "tbody": set(), "tr": set()}
FEED_TAGS |= {"th": set(), "td": set()}
"""What the feed's HTML writer makes (render/writers.py HtmlWriter), with its attributes."""
"""Tags and attributes the rendered HTML of the feed and the API may have."""


def fragment_problems(fragment: str) -> list[str]:
    """What in an HTML fragment of the feed or the API is not inert, inline markup."""
    markup = Markup(fragment)
    problems = [f"<!--{c[:60]}" for c in markup.comments]
    for tag, attributes in markup.tags:
        if tag not in FEED_TAGS or not set(attributes) <= FEED_TAGS[tag]:
            problems.append(f"<{tag} {attributes}>")
        href = attributes.get("href")
        if href is not None and not href.startswith(("https://", "http://", "mailto:")):
            problems.append(f"href {href[:80]}")
    return problems


def test_feed_and_api_html_is_inert(hostile: HostileSite) -> None:
    fragments = [
        (path.relative_to(hostile.site).as_posix(), text)
        for path in hostile.files("*.json")
        for key, text in strings(json.loads(hostile.text(path)))
        if key.endswith("_html")
    ]
    assert len(fragments) >= 5
    found = {(path, problem) for path, text in fragments for problem in fragment_problems(text)}
    assert found == set()
    for _, text in fragments:
        assert "<script" not in text.lower() and "<img" not in text.lower()
    assert any("&lt;script&gt;window.__xss=" in text for _, text in fragments)


def test_search_index_holds_payloads_as_text(hostile: HostileSite) -> None:
    # Pagefind keeps a page's text, never its markup: a payload is there as the characters
    # a reader sees, and the search box (answer-center-search.js) shows it as text.
    pages = indexed_pages(hostile.site).values()
    assert any("<script>window.__xss=" in page.title for page in pages)
    text = " ".join(page.content.replace("\u200b", "") for page in pages)
    assert "<img src=x onerror=" in text


MODEL_HTML = frozenset({"<strong>", "</strong>"})
"""What the CommonMark renderer writes as HTML: bold where ** cannot open (and the empty
anchors of claims, CLAIM_ANCHOR, closed right away)."""
CLAIM_ANCHOR = re.compile(r'<a id="claim-[a-z]+-[0-9a-f]{8}(?:-\d+)?">')


def raw_html(markdown: str) -> list[str]:
    """The HTML a CommonMark reader finds in a Markdown output (front matter left out)."""
    if markdown.startswith("---\n"):
        markdown = markdown.split("\n---\n", 1)[1]
    found = []
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type == "html_block":
            found.append(token.content[:60])
        previous = ""
        for child in token.children or ():
            if child.type == "html_inline":
                claim = CLAIM_ANCHOR.fullmatch(child.content) or (
                    child.content == "</a>" and CLAIM_ANCHOR.fullmatch(previous)
                )
                if not claim and child.content not in MODEL_HTML:
                    found.append(child.content[:60])
            previous = child.content
    return found


def test_markdown_outputs_hold_no_raw_html(hostile: HostileSite) -> None:
    files = [*hostile.files("*.md"), *hostile.files("llms*.txt")]
    assert len(files) >= 30
    found = {}
    titles = []
    for path in files:
        text = hostile.text(path)
        raw = raw_html(text)
        if raw:
            found[path.relative_to(hostile.site).as_posix()] = raw
        if text.startswith("---\n"):
            titles.append(yaml.safe_load(text.split("\n---\n", 1)[0][4:])["title"])
    assert found == {}, hostile.culprits(x for p in found.values() for x in p)
    # Front matter holds the payloads as YAML escapes, and reads back as written.
    assert any("<script>window.__xss=" in title for title in titles)


def test_templates_in_content_are_not_evaluated(hostile: HostileSite) -> None:
    evaluated = [
        path.relative_to(hostile.site).as_posix()
        for path, text in hostile.text_files()
        if re.search(r"xss-ssti-\d+-49", text)
    ]
    assert evaluated == []
    home = hostile.text(hostile.site / "index.html")
    pages = "".join(hostile.text(p) for p in hostile.files("*.html"))
    assert "{{ 7*7 }}" in pages and "{% raw %}xss" in pages
    assert "{# c #}" in pages or "{# c #}" in home


def test_unused_fields_are_published_nowhere(hostile: HostileSite) -> None:
    unused = [i for i in hostile.injections if i.field in UNUSED_FIELDS]
    assert {i.field for i in unused} == UNUSED_FIELDS
    for injection in unused:
        token = re.compile(rf"(?:xss\D{{0,6}}|alert\(){injection.n}(?!\d)")
        shown = [p for p, text in hostile.text_files() if token.search(text)]
        assert shown == [], f"{injection.field} is published now: check it is shown as text"


# ---------------------------------------------------------------------------------------------
# Every page in headless Chromium.
# ---------------------------------------------------------------------------------------------

SENTINEL = """
(() => {
  const hits = [];
  let value;
  Object.defineProperty(window, "__xssHits", { value: hits });
  Object.defineProperty(window, "__xss", {
    configurable: false,
    get() { return value; },
    set(v) { value = v; hits.push("__xss=" + String(v)); },
  });
  for (const name of ["alert", "confirm", "prompt"]) {
    const original = window[name].bind(window);
    window[name] = (...args) => {
      hits.push(name + "(" + args.join(",") + ")");
      return original(...args);
    };
  }
})();
"""
"""Records every assignment to window.__xss and every dialog call, in every frame."""

HITS = """
() => window.__xss === undefined ? [...window.__xssHits] : [...window.__xssHits, "window.__xss"]
"""
"""What the sentinel saw; window.__xss must still be undefined."""

DOM_PROBLEMS = """
() => {
  const problems = [];
  const urlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data", "poster"];
  const describe = (el) => el.outerHTML.slice(0, 160);
  for (const el of document.querySelectorAll("*")) {
    const tag = el.localName;
    if (["iframe", "frame", "object", "embed", "base"].includes(tag)) {
      problems.push("element " + describe(el));
    }
    if (tag === "meta" && el.hasAttribute("http-equiv")) problems.push("meta " + describe(el));
    if (tag === "script" && !["application/ld+json", "application/json"].includes(el.type)) {
      if (/__xss|alert\\(/.test(el.textContent)) problems.push("script " + describe(el));
    }
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on") || name === "srcdoc" || name === "autofocus") {
        problems.push("attribute " + name + " on " + describe(el));
      }
      const compact = attr.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
      if (urlAttributes.includes(name) && /^(javascript|vbscript|data):/.test(compact)) {
        problems.push("script URL " + name + " on " + describe(el));
      }
    }
  }
  // Material's tooltips (feature content.tooltips) insert title attributes as HTML.
  const config = document.getElementById("__config");
  const features = config ? JSON.parse(config.textContent).features : [];
  if (features.includes("content.tooltips")) {
    for (const el of document.body.querySelectorAll("[title]")) {
      const inert = document.createElement("template");
      inert.innerHTML = el.getAttribute("title");
      const nodes = [...inert.content.childNodes].filter((n) => n.nodeType !== Node.TEXT_NODE);
      if (nodes.length) problems.push("HTML in title " + describe(el));
    }
  }
  return problems;
}
"""
"""What injected markup would leave in the DOM even where no script ran (yet)."""

VISIBLE_TEXT = """
() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest("script, style, template, noscript")) parts.push(node.data);
  }
  return parts.join("");
}
"""
"""The text of the page as a reader gets it (hidden tabs and closed details included)."""

METADATA = """
() => [
  document.title,
  ...[...document.head.querySelectorAll("meta[content]")].map((el) => el.content),
  ...[...document.head.querySelectorAll("link[title]")].map((el) => el.title),
]
"""
"""What the page says about itself: its title, meta descriptions and link titles."""


@dataclass(frozen=True)
class PageReport:
    """What loading one page did."""

    path: str
    hits: tuple[str, ...]
    dialogs: tuple[str, ...]
    problems: tuple[str, ...]
    text: str
    metadata: tuple[str, ...]


@pytest.fixture(scope="module")
def base_url(hostile: HostileSite) -> Iterator[str]:
    with serve(hostile.site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    skip_without_chromium()
    with launch_chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def context(browser: Browser, base_url: str) -> Iterator[BrowserContext]:
    opened = browser.new_context(viewport={"width": 1280, "height": 1600})
    opened.add_init_script(SENTINEL)
    # Only the local site: no request leaves the machine, none waits on the network.
    opened.route(re.compile(rf"^(?!{re.escape(base_url)})"), lambda route: route.abort())
    yield opened
    opened.close()


class Visit:
    """One tab with a dialog handler that dismisses dialogs and remembers them."""

    def __init__(self, context: BrowserContext) -> None:
        self.dialogs: list[str] = []
        self.page = context.new_page()
        self.page.on("dialog", self.dismiss)

    def dismiss(self, dialog: Dialog) -> None:
        """A dialog opened: remember its message, close it."""
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def report(self, path: str) -> PageReport:
        """What the open page did so far."""
        page = self.page
        page.wait_for_timeout(50)  # ontoggle and friends fire after the load event
        return PageReport(
            path,
            tuple(page.evaluate(HITS)),
            tuple(self.dialogs),
            tuple(page.evaluate(DOM_PROBLEMS)),
            page.evaluate(VISIBLE_TEXT),
            tuple(page.evaluate(METADATA)),
        )


@pytest.fixture(scope="module")
def reports(hostile: HostileSite, context: BrowserContext, base_url: str) -> list[PageReport]:
    """Every HTML page of site/, loaded once, each in a fresh tab."""
    found = []
    for path in hostile.files("*.html"):
        relative = path.relative_to(hostile.site).as_posix()
        visit = Visit(context)
        visit.page.goto(base_url + relative, wait_until="load")
        found.append(visit.report(relative))
        visit.page.close()
    return found


def assert_nothing_ran(hostile: HostileSite, reports: Iterable[PageReport]) -> None:
    ran = {
        p.path: [*p.hits, *(f"dialog {d}" for d in p.dialogs)]
        for p in reports
        if p.hits or p.dialogs
    }
    assert ran == {}, hostile.culprits(x for hits in ran.values() for x in hits)


def assert_clean_dom(hostile: HostileSite, reports: Iterable[PageReport]) -> None:
    found = {p.path: list(p.problems) for p in reports if p.problems}
    assert found == {}, hostile.culprits(x for p in found.values() for x in p)


@pytest.mark.browser
def test_no_page_runs_injected_script(hostile: HostileSite, reports: list[PageReport]) -> None:
    assert [p.path for p in reports] == [
        p.relative_to(hostile.site).as_posix() for p in hostile.files("*.html")
    ]
    assert_nothing_ran(hostile, reports)


@pytest.mark.browser
def test_no_page_carries_injected_handlers_or_script_urls(
    hostile: HostileSite, reports: list[PageReport]
) -> None:
    assert_clean_dom(hostile, reports)


@pytest.mark.browser
def test_payloads_are_shown_as_text(hostile: HostileSite, reports: list[PageReport]) -> None:
    text = "\n".join(p.text for p in reports)
    metadata = "\n".join(m for p in reports for m in p.metadata)
    missing = [
        (i.label(), payload.visible(i.n))
        for i in hostile.injections
        if i.field not in UNUSED_FIELDS
        for payload in i.payloads
        if payload.visible(i.n) not in (metadata if i.field in SITE_METADATA_ONLY else text)
    ]
    assert missing == [], "payloads dropped or mangled instead of shown as text"
    assert "<script>window.__xss=" in metadata  # titles and descriptions, as text
    assert re.search(r"xss-ssti-\d+-\{\{ 7\*7 \}\}", text)


@pytest.mark.browser
def test_search_results_show_payloads_as_text(
    hostile: HostileSite, context: BrowserContext, base_url: str
) -> None:
    visit = Visit(context)
    visit.page.goto(base_url)
    search(visit.page, "onerror")
    shown = visit.page.locator(".md-search-result").inner_text()
    report = visit.report("search")
    visit.page.close()
    assert_nothing_ran(hostile, [report])
    assert_clean_dom(hostile, [report])
    assert "<img src=x onerror=" in shown
