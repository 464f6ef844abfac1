"""Benchmark ``answer-center validate`` on a generated corpus of realistic answers.

Generates ``--answers`` answers shaped like the sample stream/429/timeout answer (same keys,
same length of text, ids, topics, titles and links varied), one topic per ``--per-topic``
answers listing them, and a ``site.yaml``, into a temporary project; then times
``answer_center.commands.validate`` end to end: cold (no result cache, the per-file stage in
the process pool), the same in one process, and warm (the cache with nothing changed, and with
one answer edited before each run), all in the same run, so the ratios are measured on one
machine state. Prints the figures BENCHMARKS.md records.

    .venv/bin/python scripts/benchmark_validate.py [--answers 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from answer_center import commands
from answer_center.cache import RACY_NS
from answer_center.content import read_content
from answer_center.load import load_file
from answer_center.project import Project
from answer_center.validate import FileChecker
from answer_center.validate import validate as validate_tree
from answer_center.validate.allowlist import load_allowlist
from answer_center.validate.markup import check_markup
from answer_center.validate.references import check_references
from answer_center.validate.schema import SchemaSet
from answer_center.validate.secrets import check_secrets

REPOSITORY = Path(__file__).resolve().parents[1]
TEMPLATE = REPOSITORY / "content/answers/stream-rate-limit/ai-api-stream-429-timeout.yaml"
SUBJECTS = ("stream", "sse", "429", "timeout", "base-url", "gateway", "model", "quota", "retry")


def _answer(template: dict[str, Any], index: int, topic: str, siblings: list[str]) -> str:
    data = dict(template)
    answer_id = siblings[index % len(siblings)]
    subject = SUBJECTS[index % len(SUBJECTS)]
    data["id"] = answer_id
    data["topic"] = topic
    data["title"] = f"{template['title']}({subject} 场景 {index})"
    data["original_question"] = data["title"]
    data["summary"] = f"{template['summary'][:150]}(第 {index} 条)"
    position = index % len(siblings)
    neighbours = [siblings[(position + step) % len(siblings)] for step in (1, 2)]
    data["related"] = [
        {"id": other, "note": f"同一主题下的另一条短答案:{other}。"}
        for other in neighbours
        if other != answer_id
    ] + [{"id": topic, "note": "本主题的全部资料。"}, {"id": "home", "note": "答案中心首页。"}]
    data["tags"] = [subject, f"topic-{topic.rsplit('-', 1)[-1]}"]
    text: str = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    return text


def _topic(topic: str, members: list[str]) -> str:
    text: str = yaml.safe_dump(
        {
            "id": topic,
            "title": f"基准主题 {topic}",
            "description": "为基准测试生成的主题，按阅读顺序列出它的全部短答案。",
            "members": members,
            "published": "2026-03-10",
            "updated": "2026-10-18",
            "lang": "zh-CN",
        },
        allow_unicode=True,
        sort_keys=False,
    )
    return text


def generate(root: Path, answers: int, per_topic: int) -> int:
    """Write a project with ``answers`` answers under ``root``; returns the bytes written."""
    loaded = load_file(TEMPLATE, TEMPLATE.name)
    if loaded.document is None:
        raise SystemExit(f"cannot load the template {TEMPLATE}: {loaded.diagnostics}")
    template = loaded.document.data
    content = root / "content"
    (content / "topics").mkdir(parents=True)
    shutil.copy(REPOSITORY / "content/site.yaml", content / "site.yaml")
    shutil.copytree(REPOSITORY / "schemas", root / "schemas")
    if (REPOSITORY / "allowlist.yaml").is_file():
        shutil.copy(REPOSITORY / "allowlist.yaml", root / "allowlist.yaml")
    written = 0
    for first in range(0, answers, per_topic):
        topic = f"bench-topic-{first // per_topic:04d}"
        count = min(per_topic, answers - first)
        siblings = [
            f"{SUBJECTS[(first + n) % len(SUBJECTS)]}-answer-{first + n:05d}" for n in range(count)
        ]
        folder = content / "answers" / topic
        folder.mkdir(parents=True)
        for n in range(count):
            body = _answer(template, first + n, topic, siblings).encode("utf-8")
            (folder / f"{siblings[n]}.yaml").write_bytes(body)
            written += len(body)
        body = _topic(topic, siblings).encode("utf-8")
        (content / "topics" / f"{topic}.yaml").write_bytes(body)
        written += len(body)
    return written


def _checker(project: Project) -> FileChecker:
    return FileChecker(SchemaSet(project.schemas_dir), load_allowlist(project.allowlist_file))


def _sequential(project: Project) -> commands.Report:
    """commands.validate without the pool and the cache: the same stages, in this process."""
    check = _checker(project)
    tree = read_content(project.root, project.content_dir, workers=1, check=check)
    validation = validate_tree(tree, check)
    return commands.Report(validation, tree.files_read)


def _edit_one(project: Project, counter: list[int]) -> None:
    """Change one answer as an editor would (new text, new modification time)."""
    answers = sorted((project.content_dir / "answers").rglob("*.yaml"))
    path = answers[counter[0] % len(answers)]
    counter[0] += 1
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ntitle: ", f"\ntitle: (改 {counter[0]})", 1), encoding="utf-8")


def _time(run: Callable[[], object], repeat: int) -> tuple[list[float], object]:
    times: list[float] = []
    result: object = None
    for _ in range(repeat):
        result = None  # let the previous run's documents go before the next one loads
        gc.collect()
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return times, result


def _stages(project: Project) -> dict[str, float]:
    """Seconds per stage of one in-process validation, to show where the time goes."""
    seconds: dict[str, float] = {}
    gc.collect()
    start = time.perf_counter()
    pooled = read_content(project.root, project.content_dir)
    seconds["load (pool)"] = time.perf_counter() - start
    del pooled
    gc.collect()
    start = time.perf_counter()
    tree = read_content(project.root, project.content_dir, workers=1)
    seconds["load (1 process)"] = time.perf_counter() - start
    schemas = SchemaSet(project.schemas_dir)
    start = time.perf_counter()
    for source in tree.sources:
        schemas.check(source.document, source.kind.schema_file)
    seconds["schema"] = time.perf_counter() - start
    start = time.perf_counter()
    check_references(tree.site, tree.sources, (), schemas.markup_paths)
    seconds["cross-file"] = time.perf_counter() - start
    allowlist = load_allowlist(project.allowlist_file)
    start = time.perf_counter()
    for source in tree.sources:
        check_secrets(source.document, allowlist)
    seconds["secrets"] = time.perf_counter() - start
    start = time.perf_counter()
    for source in tree.sources:
        check_markup(source.document, schemas.markup_paths(source.kind.schema_file))
    seconds["markup"] = time.perf_counter() - start
    return seconds


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _max_rss_mib(who: int) -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> int:
    """Generate the corpus, time validation, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=10_000)
    parser.add_argument("--per-topic", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    args = parser.parse_args()

    root = args.keep or Path(tempfile.mkdtemp(prefix="answer-center-bench-"))
    try:
        start = time.perf_counter()
        if (root / "content").is_dir():  # a corpus kept by an earlier --keep run
            written = sum(p.stat().st_size for p in (root / "content").rglob("*.yaml"))
        else:
            written = generate(root, args.answers, args.per_topic)
        generated = time.perf_counter() - start
        project = Project(root)
        print(f"machine: {os.cpu_count()} CPUs, {_cpu_model()}, Python {platform.python_version()}")
        print(
            f"corpus: {args.answers:,} answers + {-(-args.answers // args.per_topic)} topics "
            f"+ site.yaml, {written / 1e6:.1f} MB, generated in {generated:.1f} s"
        )
        # Warm the file cache so both runs read from memory, as a repeated build does.
        for path in root.rglob("*.yaml"):
            path.read_bytes()

        rss_before = _max_rss_mib(resource.RUSAGE_SELF)
        cold, result = _time(lambda: commands.validate(project, use_cache=False), args.repeat)
        assert isinstance(result, commands.Report)
        files, problems = result.files_checked, list(result.diagnostics)
        del result
        rss_main = _max_rss_mib(resource.RUSAGE_SELF)
        rss_workers = _max_rss_mib(resource.RUSAGE_CHILDREN)
        sequential, _ = _time(lambda: _sequential(project), args.repeat)
        # Prime the cache; files written less than RACY_NS before a save are not trusted
        # yet, so save once more after that window (a freshly generated corpus is new).
        commands.validate(project)
        time.sleep(RACY_NS / 1e9 + 0.1)
        commands.validate(project)
        warm, _ = _time(lambda: commands.validate(project), args.repeat)
        counter = [0]

        def edited() -> commands.Report:
            _edit_one(project, counter)
            return commands.validate(project)

        one_edit, _ = _time(edited, args.repeat)
        stages = _stages(project)
        if problems:
            for diagnostic in problems[:10]:
                print(f"  unexpected: {diagnostic}")
            print(f"FAILED: {len(problems)} diagnostics on a corpus meant to be clean")
            return 1

        command = [str(Path(sys.executable).with_name("answer-center")), "--root", str(root)]
        cli: dict[str, float] = {}
        for name, extra in (("cold", ["--no-cache"]), ("warm", [])):
            cli_start = time.perf_counter()
            subprocess.run([*command, "validate", *extra], check=True, stdout=subprocess.DEVNULL)
            cli[name] = time.perf_counter() - cli_start

        print(f"files checked: {files:,}, diagnostics: 0")
        for label, times in (
            ("cold: commands.validate, no cache (pool)", cold),
            ("cold: in-process (workers=1), no cache", sequential),
            ("warm: cache, nothing changed", warm),
            ("warm: cache, one answer edited", one_edit),
        ):
            best = min(times)
            print(
                f"{label:42s} best {best:.2f} s, median {statistics.median(times):.2f} s "
                f"of {args.repeat}; {best / files * 1e3:.3f} ms per file"
            )
        print(f"pool speed-up (cold): x{min(sequential) / min(cold):.2f}")
        print(
            f"CLI end to end (process start, imports, validate): cold {cli['cold']:.2f} s, "
            f"warm {cli['warm']:.2f} s"
        )
        print("stages, timed one by one (in this process, no cache):")
        for stage, seconds in stages.items():
            print(f"  {stage:18s} {seconds:6.2f} s  {seconds / files * 1e3:.3f} ms per file")
        print(
            f"peak RSS: main process {rss_main:.0f} MiB (before validating {rss_before:.0f} "
            f"MiB), largest worker {rss_workers:.0f} MiB"
        )
        target = 2.0 * args.answers / 10_000
        for label, best in (("cold", min(cold)), ("warm, one edit", min(one_edit))):
            verdict = "meets" if best < target else "misses"
            print(f"target: under {target:.2f} s -> {label} {verdict} it")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
