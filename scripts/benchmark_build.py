"""Benchmark ``answer-center build`` at one or more sizes, against plain Material building
the same answers written by hand, and write the figures into BENCHMARKS.md.

For each size it generates a center with ``benchmark_validate.generate`` (answers shaped
like the sample stream/429/timeout answer, 100 per topic) and measures, in one run so the
ratios compare one machine state:

- a full cold build (``answer-center build`` with no build/ and no site/), its peak memory
  (the whole process tree, sampled) and what it wrote: site/ size, the largest file, one
  answer page, llms-full.txt, the search bundle;
- generation alone (catalog, engine tree, machine outputs; in this process);
- a build with nothing changed and a build after one answer's short answer was edited;
- the preview: ``answer-center serve`` started, the same edit, and the time until the
  preview serves the changed page;
- two shards built at once in two checkouts and merged, against the single build, and
  whether the merged site is byte for byte the single build's;
- a reader's first search in headless Chromium: the bytes the browser transferred;
- the reference: the same answers as hand-written Markdown pages (their sections as
  headings and lists, a navigation of topics), built by plain ``mkdocs build`` with
  Material's documented Chinese search setup (the search plugin, jieba installed,
  ``separator: '[\\s\\u200b\\-]'``).

    .venv/bin/python scripts/benchmark_build.py [--answers 1000 3000] [--write BENCHMARKS.md]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import hashlib
import http.server
import importlib.util
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from answer_center import commands
from answer_center.model import build_catalog
from answer_center.project import Project
from answer_center.render.outputs import parsed_schemas, published_files
from answer_center.render.site_tree import engine_tree
from answer_center.render.views import Views
from benchmark_validate import REPOSITORY, generate

CLI = str(Path(sys.executable).with_name("answer-center"))
MARK_START = "<!-- benchmark_build:start -->"
MARK_END = "<!-- benchmark_build:end -->"
EDITED = "先把问题归入三类之一"
MIB = 1024 * 1024
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FIRST_QUERY_TIMEOUT_MS = 180_000
"""How long the first search may take to show its results. The query is entered once:
entering it again restarts the search box's debounced search and drops the one under way.
At 10,000 answers 限流 matches every page: its results show after 2 s on an idle machine,
15 s with Chromium's CPU slowed 10 times (28 s when re-entered every 0.5 s, as this
benchmark did, with 30 s in all before it counted 0 results), 32 s slowed 20 times."""
# The targets of issue 12, at 10,000 answers on this machine.
TARGET_GENERATION_S = 5.0
TARGET_EDIT_BUILD_S = 10.0
TARGET_PREVIEW_S = 3.0
TARGET_FIRST_QUERY_BYTES = 1_000_000
TARGET_LARGEST_FILE = 5 * MIB
TARGET_PEAK_RSS = 1.5 * 1024 * MIB
TARGET_PAGE_GROWTH = 1.1
TARGET_LINEAR = 11.0


@dataclass
class Run:
    """One command: wall time, the peak memory of its process tree, what it printed."""

    seconds: float
    peak_rss: int
    output: str


@dataclass
class Size:
    """Every figure measured at one size."""

    answers: int
    corpus_bytes: int = 0
    cold: Run | None = None
    generation: dict[str, float] = field(default_factory=dict)
    unchanged: Run | None = None
    edited: Run | None = None
    preview_start: float | None = None
    preview_edit: float | None = None
    shards: list[Run] = field(default_factory=list)
    merge: Run | None = None
    shards_identical: bool | None = None
    reference: Run | None = None
    reference_search: str = ""
    site_bytes: int = 0
    site_files: int = 0
    largest: tuple[int, str] = (0, "")
    answer_page: int = 0
    llms_full: int = 0
    search_bundle: int = 0
    first_query: int | None = None
    first_query_hits: int | None = None
    first_query_seconds: float | None = None
    """From the query entered to its first result shown (the timeout when none showed)."""


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and every descendant, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_bytes()
            fields = stat.rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [root]
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, ()))
    return total


def run(command: list[str], cwd: Path | None = None) -> Run:
    """Run ``command``, sampling its tree's memory every 0.1 s; fails loudly on an error."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.1):
            peak = max(peak, _tree_rss(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{output}")
    return Run(seconds, peak, output)


def _answers(root: Path) -> list[Path]:
    return sorted((root / "content" / "answers").rglob("*.yaml"))


def _edit(path: Path, mark: str) -> None:
    """Change the answer's short answer as an editor would."""
    text = path.read_text(encoding="utf-8")
    if EDITED not in text:
        raise SystemExit(f"{path}: the benchmark edits the text {EDITED!r}, which is missing")
    path.write_text(text.replace(EDITED, f"{mark}{EDITED}", 1), encoding="utf-8")


def _project(root: Path, answers: int) -> int:
    written = generate(root, answers, 100)
    shutil.copy(REPOSITORY / "mkdocs.yml", root / "mkdocs.yml")
    return written


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _site_figures(size: Size, site: Path, answer_id: str) -> None:
    files = [path for path in site.rglob("*") if path.is_file()]
    size.site_files = len(files)
    size.site_bytes = sum(path.stat().st_size for path in files)
    largest = max(files, key=lambda path: path.stat().st_size)
    size.largest = (largest.stat().st_size, str(largest.relative_to(site)))
    size.answer_page = (site / "answers" / answer_id / "index.html").stat().st_size
    size.llms_full = sum(path.stat().st_size for path in site.glob("llms-full*.txt"))
    size.search_bundle = sum(
        path.stat().st_size for path in (site / "pagefind").rglob("*") if path.is_file()
    )


def _generation(root: Path) -> dict[str, float]:
    """Seconds of each generation stage, in this process, after a warm validation."""
    project = Project(root)
    report = commands.validate(project)
    site = report.validation.site
    if report.failed or site is None:
        raise SystemExit("the corpus does not validate")
    seconds: dict[str, float] = {}
    gc.collect()
    start = time.perf_counter()
    catalog = build_catalog(site, report.validation.sources)
    seconds["catalog"] = time.perf_counter() - start
    schemas = {path.name: path.read_bytes() for path in sorted(project.schemas_dir.glob("*.json"))}
    config = yaml.safe_load(project.mkdocs_file.read_text(encoding="utf-8"))
    start = time.perf_counter()
    views = Views(catalog, parsed_schemas(schemas))  # shared, as the build shares them
    engine_tree(catalog, config, schemas, views)
    seconds["engine tree (pages for the engine)"] = time.perf_counter() - start
    start = time.perf_counter()
    published_files(catalog, schemas, views)
    seconds["machine outputs (mirrors, llms, feed, API, sitemap)"] = time.perf_counter() - start
    return seconds


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body: bytes = response.read()
            return body.decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def _preview(root: Path, answer: Path, answer_id: str, size: Size) -> None:
    """Start the preview, edit one answer, time until the preview serves the change."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/answers/{answer_id}/"
    start = time.perf_counter()
    process = subprocess.Popen(
        [CLI, "--root", str(root), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while _fetch(url) is None:
            if process.poll() is not None:
                raise SystemExit("the preview stopped before serving")
            time.sleep(0.2)
        size.preview_start = time.perf_counter() - start
        time.sleep(3)  # let the watcher settle, as an editor reads the page first
        mark = "（预览编辑）"
        start = time.perf_counter()
        _edit(answer, mark)
        while mark not in (_fetch(url) or ""):
            if time.perf_counter() - start > 600:
                raise SystemExit("the preview did not show the edit within 600 s")
            time.sleep(0.05)
        size.preview_edit = time.perf_counter() - start
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request log in the benchmark's output."""


@contextlib.contextmanager
def _served(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _first_query(site: Path, answer_id: str, size: Size) -> None:
    """A reader opens an answer, searches 限流: bytes the browser transferred for it."""
    if not Path(CHROMIUM).exists() or importlib.util.find_spec("playwright") is None:
        return
    from playwright.sync_api import Request, sync_playwright
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with _served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{base}/answers/{answer_id}/")
            page.wait_for_load_state("networkidle")
            transferred: list[int] = []

            def finished(request: Request) -> None:
                sizes = request.sizes()
                transferred.append(sizes["responseHeadersSize"] + sizes["responseBodySize"])

            # The context sees the requests of the page and of its workers alike.
            context.on("requestfinished", finished)
            query = page.locator("input.md-search__input")
            query.click()
            results = page.locator(".md-search-result__item")
            start = time.perf_counter()
            # Once, as a reader enters it (Chinese arrives without key events, as from an
            # input method; a key press follows): see FIRST_QUERY_TIMEOUT_MS.
            query.fill("限流")
            query.press("End")
            with contextlib.suppress(PlaywrightTimeout):
                results.first.wait_for(timeout=FIRST_QUERY_TIMEOUT_MS)
            size.first_query_seconds = time.perf_counter() - start
            page.wait_for_load_state("networkidle", timeout=FIRST_QUERY_TIMEOUT_MS)
            size.first_query = sum(transferred)
            size.first_query_hits = results.count()
        finally:
            browser.close()


def _first_query_shown(size: Size) -> str:
    """What the first search showed, and when; one that shows nothing misses its target."""
    seconds = size.first_query_seconds or 0.0
    if size.first_query_hits:
        return f"{size.first_query_hits} results shown after {seconds:.1f} s"
    return f"no result shown within {seconds:.0f} s"


def _shards(root: Path, size: Size, single: dict[str, str]) -> None:
    """Two shards at once, each in its own checkout as on two runners, then the merge."""
    outs = [root.parent / f"shard-{n}-of-2" for n in (1, 2)]
    checkouts = []
    for number in (1, 2):
        checkout = root.parent / f"checkout-{number}"
        shutil.rmtree(checkout, ignore_errors=True)
        checkout.mkdir()
        for name in ("content", "schemas"):
            shutil.copytree(root / name, checkout / name)
        for name in ("mkdocs.yml", "allowlist.yaml"):
            if (root / name).is_file():
                shutil.copy(root / name, checkout / name)
        checkouts.append(checkout)
    results: list[Run | None] = [None, None]

    def shard(index: int) -> None:
        command = [CLI, "--root", str(checkouts[index]), "build", "--shard", f"{index + 1}/2"]
        results[index] = run([*command, "--out", str(outs[index])])

    threads = [threading.Thread(target=shard, args=(index,)) for index in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    size.shards = [result for result in results if result is not None]
    # The merging runner has the content but none of the engine's output.
    shutil.rmtree(root / "build", ignore_errors=True)
    shutil.rmtree(root / "site", ignore_errors=True)
    size.merge = run([CLI, "--root", str(root), "merge", *map(str, outs)])
    size.shards_identical = _digest(root / "site") == single
    for folder in (*outs, *checkouts):
        shutil.rmtree(folder, ignore_errors=True)


_SECTION_KEYS = (
    ("original_question", "原始问题"),
    ("short_answer", "短答案"),
    ("cases", "分情况说明"),
    ("basis", "判断依据"),
    ("boundaries", "适用边界"),
    ("table", "对照表"),
    ("next_steps", "下一步"),
    ("evidence_fields", "联系客服时提供"),
    ("ai_summary", "For AI agents"),
    ("follow_ups", "继续追问"),
    ("related", "相关资料"),
)


def _link(data: dict[str, Any], item: dict[str, str]) -> str:
    """Where a related item of the generated corpus lives in the hand-written tree: its
    topic, the home page, or another answer of the same topic."""
    if item["id"] == data["topic"]:
        return "index.md"
    if item["id"] == "home":
        return "../index.md"
    return f"{item['id']}.md"


def _hand_written(data: dict[str, Any]) -> str:
    """An answer as a writer would put it in Markdown by hand."""
    lines = [f"# {data['title']}", "", data["summary"], ""]
    for key, heading in _SECTION_KEYS:
        value = data.get(key)
        if not value:
            continue
        lines += [f"## {heading}", ""]
        if isinstance(value, str):
            lines += [value, ""]
        elif key == "table":
            lines.append("| " + " | ".join(value["columns"]) + " |")
            lines.append("|" + " --- |" * len(value["columns"]))
            lines += ["| " + " | ".join(row) + " |" for row in value["rows"]]
            lines.append("")
        elif key == "ai_summary":
            lines += [paragraph + "\n" for paragraph in value["text"]]
        elif key == "related":
            lines += [f"- [{item['id']}]({_link(data, item)}): {item['note']}" for item in value]
            lines.append("")
        else:
            for item in value:
                if isinstance(item, dict):
                    first, *rest = item.values()
                    lines.append(f"- **{first}**: " + " ".join(str(part) for part in rest))
                else:
                    lines.append(f"- {item}")
            lines.append("")
    return "\n".join(lines)


def _reference(root: Path, size: Size) -> None:
    """The same answers, hand-written, built by plain Material."""
    reference = root.parent / "reference"
    shutil.rmtree(reference, ignore_errors=True)
    docs = reference / "docs"
    docs.mkdir(parents=True)
    topics: dict[str, list[tuple[str, str]]] = {}
    for path in _answers(root):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        folder = docs / data["topic"]
        folder.mkdir(exist_ok=True)
        (folder / f"{data['id']}.md").write_text(_hand_written(data), encoding="utf-8")
        topics.setdefault(data["topic"], []).append((data["id"], data["title"]))
    nav: list[Any] = [{"首页": "index.md"}]
    for topic, members in sorted(topics.items()):
        listing = [f"# {topic}", ""] + [f"- [{title}]({mid}.md)" for mid, title in members]
        (docs / topic / "index.md").write_text("\n".join(listing) + "\n", encoding="utf-8")
        nav.append({topic: f"{topic}/index.md"})
    (docs / "index.md").write_text(
        "# 答案中心\n\n"
        + "\n".join(f"- [{topic}]({topic}/index.md)" for topic in sorted(topics))
        + "\n",
        encoding="utf-8",
    )
    engine = yaml.safe_load((REPOSITORY / "mkdocs.yml").read_text(encoding="utf-8"))
    config = {
        "site_name": "答案中心",
        "site_url": "https://example.org/",
        "theme": {**engine["theme"], "language": "zh"},
        "plugins": [{"search": {"separator": "[\\s\\u200b\\-]"}}],
        "markdown_extensions": engine["markdown_extensions"],
        "nav": nav,
        # Related links point at answers of other topics by file name only.
        "validation": {"links": {"not_found": "info"}, "nav": {"omitted_files": "info"}},
    }
    (reference / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True), encoding="utf-8"
    )
    jieba = importlib.util.find_spec("jieba") is not None
    size.reference_search = "search plugin with jieba" if jieba else "search plugin, no jieba"
    size.reference = run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(reference / "mkdocs.yml")]
    )
    shutil.rmtree(reference, ignore_errors=True)


def measure(answers: int, work: Path, *, reference: bool, preview: bool, shards: bool) -> Size:
    """Every figure at one size, in ``work`` (emptied first)."""
    shutil.rmtree(work, ignore_errors=True)
    root = work / "center"
    root.mkdir(parents=True)
    size = Size(answers)
    size.corpus_bytes = _project(root, answers)
    answer = _answers(root)[0]
    answer_id = answer.stem
    step = f"[{answers:,} answers]"
    print(f"{step} cold build ...", flush=True)
    size.cold = run([CLI, "--root", str(root), "build"])
    _site_figures(size, root / "site", answer_id)
    single = _digest(root / "site")
    print(f"{step} generation ...", flush=True)
    size.generation = _generation(root)
    print(f"{step} unchanged and edited builds ...", flush=True)
    size.unchanged = run([CLI, "--root", str(root), "build"])
    time.sleep(2.1)  # the result cache trusts a file only when it is older than 2 s
    _edit(answer, "（编辑）")
    size.edited = run([CLI, "--root", str(root), "build"])
    print(f"{step} first search in Chromium ...", flush=True)
    _first_query(root / "site", answer_id, size)
    if preview:
        print(f"{step} preview ...", flush=True)
        _preview(root, answer, answer_id, size)
    for path in _answers(root)[:1]:  # back to the content the single build was made from
        path.write_text(
            re.sub("（(?:编辑|预览编辑)）", "", path.read_text(encoding="utf-8")),
            encoding="utf-8",
        )
    if shards:
        print(f"{step} two shards and the merge ...", flush=True)
        _shards(root, size, single)
    if reference:
        print(f"{step} reference: plain Material on hand-written pages ...", flush=True)
        _reference(root, size)
    shutil.rmtree(work, ignore_errors=True)
    return size


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _mb(value: float) -> str:
    return f"{value / MIB:,.1f} MiB"


def _verdict(met: bool | None) -> str:
    return "n/a" if met is None else ("**met**" if met else "**missed**")


def _engine_note(output: str) -> str:
    found = re.search(r"; ((?:the engine|no page)[^)]*)\)", output)
    return found.group(1) if found else output.strip().splitlines()[-1]


def report(sizes: list[Size], command: str, load: str) -> str:
    """The Markdown section BENCHMARKS.md records."""
    machine = (
        f'`nproc` {os.cpu_count()}; CPU "{_cpu_model()}"; '
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 1024**3:.0f} GiB RAM; "
        f"Python {platform.python_version()}"
    )
    out = [
        MARK_START,
        "## Build",
        "",
        f"- **Machine:** {machine}; load average at the start {load}.",
        f"- **Command:** `{command}` (written by `scripts/benchmark_build.py`; run of "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}).",
        "- **Corpus:** `benchmark_validate.generate`: answers shaped like the sample "
        "stream/429/timeout answer, 100 per topic, with the repository's `mkdocs.yml`.",
        "- Targets are issue 12's, stated for 10,000 answers; at a smaller size the "
        "time budgets scale with the number of answers (shown as the target).",
        "",
    ]
    for size in sizes:
        scale = size.answers / 10_000
        assert size.cold and size.unchanged and size.edited
        generation = sum(size.generation.values())
        rows: list[tuple[str, str, str, bool | None]] = []
        if size.reference:
            ratio = size.cold.seconds / size.reference.seconds
            rows.append(
                (
                    "full cold build vs plain Material on hand-written pages "
                    f"({size.reference_search})",
                    "at most 1.0x",
                    f"{size.cold.seconds:.1f} s vs {size.reference.seconds:.1f} s: {ratio:.2f}x",
                    ratio <= 1.0,
                )
            )
        else:
            rows.append(("full cold build", "", f"{size.cold.seconds:.1f} s", None))
        rows.append(
            (
                "generation ("
                + ", ".join(f"{k} {v:.2f} s" for k, v in size.generation.items())
                + ")",
                f"under {TARGET_GENERATION_S * scale:.2f} s",
                f"{generation:.2f} s",
                generation < TARGET_GENERATION_S * scale,
            )
        )
        rows.append(
            (
                f"build after one answer edited ({_engine_note(size.edited.output)})",
                f"under {TARGET_EDIT_BUILD_S:.0f} s",
                f"{size.edited.seconds:.1f} s",
                size.edited.seconds < TARGET_EDIT_BUILD_S,
            )
        )
        unchanged_note = _engine_note(size.unchanged.output)
        rows.append(
            (
                f"build with nothing changed ({unchanged_note}, {size.unchanged.seconds:.1f} s)",
                "no engine work",
                "no engine work" if "did not run" in unchanged_note else unchanged_note,
                "did not run" in unchanged_note,
            )
        )
        if size.preview_edit is not None:
            rows.append(
                (
                    f"preview: an edit served (the preview started in {size.preview_start:.0f} s)",
                    f"under {TARGET_PREVIEW_S:.0f} s",
                    f"{size.preview_edit:.1f} s",
                    size.preview_edit < TARGET_PREVIEW_S,
                )
            )
        if size.first_query is not None:
            rows.append(
                (
                    f"first search (限流, {_first_query_shown(size)}): bytes the browser "
                    "transferred",
                    "under 1 MB",
                    f"{size.first_query / 1000:,.0f} KB",
                    bool(size.first_query_hits) and size.first_query < TARGET_FIRST_QUERY_BYTES,
                )
            )
        rows.append(
            (
                f"largest file (`{size.largest[1]}`)",
                "at most 5 MiB",
                _mb(size.largest[0]),
                size.largest[0] <= TARGET_LARGEST_FILE,
            )
        )
        rows.append(
            (
                "peak memory of the build's process tree",
                "under 1.5 GiB",
                _mb(size.cold.peak_rss),
                size.cold.peak_rss < TARGET_PEAK_RSS,
            )
        )
        if size.merge and size.shards:
            parallel = max(run.seconds for run in size.shards) + size.merge.seconds
            rows.append(
                (
                    "2 shards at once ("
                    + " and ".join(f"{r.seconds:.1f} s" for r in size.shards)
                    + f") then the merge ({size.merge.seconds:.1f} s), against the single build",
                    "byte-identical; faster",
                    f"{size.cold.seconds / parallel:.2f}x, "
                    + ("identical" if size.shards_identical else "DIFFERENT"),
                    bool(size.shards_identical) and parallel < size.cold.seconds,
                )
            )
        out += [
            f"### {size.answers:,} answers ({size.corpus_bytes / 1e6:.1f} MB of YAML)",
            "",
            "| figure | target | measured | |",
            "| --- | --- | ---: | --- |",
            *(
                f"| {name} | {target} | {value} | {_verdict(met)} |"
                for name, target, value, met in rows
            ),
            "",
            f"Output: site/ {_mb(size.site_bytes)} in {size.site_files:,} files; one answer "
            f"page {size.answer_page / 1000:.1f} KB; llms-full {_mb(size.llms_full)}; search "
            f"bundle {_mb(size.search_bundle)}.",
            "",
        ]
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        assert small.cold and large.cold
        factor = large.answers / small.answers
        growth = large.answer_page / small.answer_page
        linear = large.cold.seconds / small.cold.seconds
        out += [
            f"### Across sizes ({small.answers:,} to {large.answers:,} answers, "
            f"{factor:.0f}x the content)",
            "",
            "| figure | target | measured | |",
            "| --- | --- | ---: | --- |",
            f"| cold build time ratio | at most {TARGET_LINEAR * factor / 10:.1f}x "
            f"| {linear:.2f}x | {_verdict(linear <= TARGET_LINEAR * factor / 10)} |",
            f"| one answer page's HTML | at most {TARGET_PAGE_GROWTH}x | {growth:.3f}x "
            f"| {_verdict(growth <= TARGET_PAGE_GROWTH)} |",
            "",
        ]
    out.append(MARK_END)
    return "\n".join(out) + "\n"


def write(section: str, path: Path) -> None:
    """Replace the build section of ``path`` (or append it)."""
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Benchmarks\n\n"
    if MARK_START in text and MARK_END in text:
        before, rest = text.split(MARK_START, 1)
        text = before + section + rest.split(MARK_END, 1)[1].lstrip("\n")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main() -> int:
    """Measure every size, print the section, write it into ``--write``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, nargs="+", default=[1000])
    parser.add_argument("--write", type=Path, help="the BENCHMARKS.md to update")
    parser.add_argument("--no-reference", action="store_true", help="skip plain Material")
    parser.add_argument("--no-preview", action="store_true", help="skip the preview")
    parser.add_argument("--no-shards", action="store_true", help="skip the sharded build")
    args = parser.parse_args()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    work = Path(tempfile.mkdtemp(prefix="answer-center-bench-build-"))
    try:
        sizes = [
            measure(
                answers,
                work / str(answers),
                reference=not args.no_reference,
                preview=not args.no_preview,
                shards=not args.no_shards,
            )
            for answers in sorted(args.answers)
        ]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    command = "python scripts/benchmark_build.py " + " ".join(sys.argv[1:])
    section = report(sizes, command.strip(), load)
    print(section)
    if args.write:
        write(section, args.write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
