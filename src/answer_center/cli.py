"""The ``answer-center`` command: parses arguments, runs a pipeline command, prints."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from answer_center import commands, indexnow, new_entry, retrieval
from answer_center import report as editors_report
from answer_center.diagnostic_words import LANGUAGES
from answer_center.diagnostics import FORMATTERS
from answer_center.kinds import ENTRY_KINDS
from answer_center.progress import Progress
from answer_center.project import Project
from answer_center.site_address import ENVIRONMENT_VARIABLE, SiteUrlError, checked_site_url

INTERRUPTED = 130
"""Exit status after Ctrl-C, as shells report a process stopped by SIGINT (128 + 2)."""


def _shard(value: str) -> tuple[int, int]:
    number, _, count = value.partition("/")
    if not (number.isdigit() and count.isdigit() and 1 <= int(number) <= int(count)):
        raise argparse.ArgumentTypeError(f"{value!r} is not I/N with 1 <= I <= N, e.g. 1/2")
    return int(number), int(count)


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes, e.g. 2")
    return int(value)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="answer-center",
        description="Validate YAML answers and build the answer center site and feeds.",
    )
    parser.add_argument(
        "--root", type=Path, default=Path.cwd(), help="project folder (default: current folder)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = sub.add_parser("validate", help="check content/ and print every problem")
    validate.add_argument(
        "--format", choices=sorted(FORMATTERS), default="text", help="output format"
    )
    build = sub.add_parser("build", help="validate, generate and build site/ atomically")
    build.add_argument(
        "--shard",
        type=_shard,
        metavar="I/N",
        help="build only share I of N of the pages (for `merge`), into build/.shards/I-of-N",
    )
    build.add_argument(
        "--out", type=Path, metavar="FOLDER", help="with --shard: write the share here instead"
    )
    build.add_argument(
        "--jobs",
        type=_jobs,
        metavar="N",
        help="site engine processes at once (default: one per core for 200 pages or more)",
    )
    merge = sub.add_parser(
        "merge", help="assemble the shares built with build --shard into site/ atomically"
    )
    merge.add_argument(
        "shards",
        nargs="*",
        type=Path,
        metavar="FOLDER",
        help="shard folders (default: every one under build/.shards/)",
    )
    for command in (build, merge):
        command.add_argument(
            "--site-url",
            metavar="URL",
            help="build for this address instead of base_url (a preview deployment; "
            f"http://127.0.0.1:PORT/ for this machine); default: ${ENVIRONMENT_VARIABLE}",
        )
    for command in (validate, build):
        command.add_argument(
            "--no-cache",
            action="store_true",
            help="check every file again instead of reusing results of unchanged files",
        )
    new = sub.add_parser("new", help="start a new entry from a skeleton and add it to its topic")
    new.add_argument("kind", choices=[kind.name for kind in ENTRY_KINDS], help="content kind")
    new.add_argument("id", help="the new entry's id (lowercase kebab-case, never used before)")
    new.add_argument("--topic", help="the topic that lists it (required for answers)")
    diff = sub.add_parser(
        "diff",
        help="what changes for answer engines between two builds (exit 1 if addresses vanish)",
    )
    diff.add_argument("base", metavar="BASE", help="a built site folder or a git revision")
    diff.add_argument(
        "head",
        nargs="?",
        metavar="HEAD",
        help="a built site folder or a git revision (default: the working tree, built first)",
    )
    diff.add_argument(
        "--format", choices=sorted(commands.DIFF_FORMATS), default="markdown", help="output"
    )
    ping = sub.add_parser(
        "ping", help="submit the pages changed since BASE to IndexNow (the working tree's site)"
    )
    ping.add_argument("base", metavar="BASE", help="a built site folder or a git revision")
    ping.add_argument(
        "--endpoint",
        default=indexnow.DEFAULT_ENDPOINT,
        metavar="URL",
        help=f"IndexNow endpoint (default: {indexnow.DEFAULT_ENDPOINT})",
    )
    serve = sub.add_parser("serve", help="preview with live reload")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    _editors_checks(sub)
    for command in sub.choices.values():
        command.add_argument(
            "--lang",
            choices=LANGUAGES,
            help="language of the messages (default: the site's language when it is "
            "Chinese, else English; Chinese when content/site.yaml cannot be read)",
        )
    _agent_commands(sub)
    return parser


def _site_url(args: argparse.Namespace, project: Project) -> str | None:
    """The address to build for, if any (``--site-url``, else the environment variable,
    which ``diff`` and ``ping`` read too); raises SiteUrlError."""
    if args.command not in ("build", "merge", "diff", "ping"):
        return None
    given = getattr(args, "site_url", None)
    value = given or os.environ.get(ENVIRONMENT_VARIABLE) or None
    if value is None:
        return None
    try:
        return checked_site_url(value, project.schemas_dir)
    except SiteUrlError as exc:
        source = "--site-url" if given else ENVIRONMENT_VARIABLE
        raise SiteUrlError(f"{args.command}: {source}: {exc}") from None


def _editors_checks(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The commands of an editor's checks: fix, report."""
    fix = sub.add_parser(
        "fix", help="rewrite the Chinese typography of text fields in place (comments kept)"
    )
    fix.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="content files or folders to fix (default: all of content/)",
    )
    report = sub.add_parser(
        "report", help="list what needs an editor: reviews due, owners, drafts, orphans"
    )
    report.add_argument(
        "--today",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date to judge by (default: today's date from the clock)",
    )
    report.add_argument(
        "--format", choices=sorted(editors_report.FORMATS), default="text", help="output format"
    )
    report.add_argument(
        "--strict", action="store_true", help="exit with status 1 when anything is listed"
    )
    defaults = editors_report.Limits()
    report.add_argument(
        "--draft-days",
        type=int,
        default=defaults.draft_days,
        metavar="DAYS",
        help=f"list drafts not updated for more days than this (default {defaults.draft_days})",
    )
    report.add_argument(
        "--topic-limit",
        type=int,
        default=defaults.topic_members,
        metavar="N",
        help=f"list topics with more members than this (default {defaults.topic_members})",
    )


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-12-31") from None


def _run_editors_checks(project: Project, args: argparse.Namespace) -> int | None:
    """Run an editor's check command; None when ``args`` names another command."""
    if args.command == "fix":
        return commands.fix(project, args.paths, sys.stdout, sys.stderr)
    if args.command == "report":
        # A report is about the day it is read, so only it may take the clock's date.
        today = args.today or dt.date.today()
        limits = editors_report.Limits(args.draft_days, args.topic_limit)
        return commands.report(
            project, today, limits, args.format, sys.stdout, sys.stderr, strict=args.strict
        )
    return None


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of bytes above 0")
    return int(value)


def _port(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number (1 to 65535)")
    return int(value)


def _agent_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``eval`` and ``mcp``: the commands that read a built site as agents read it."""
    check = sub.add_parser(
        "eval", help="replay each answer's questions as an agent reading llms.txt would"
    )
    mcp = sub.add_parser("mcp", help="serve the built site to agents over MCP")
    for command in (check, mcp):
        where = command.add_mutually_exclusive_group()
        where.add_argument("--site", type=Path, help="the built site's folder (default: site/)")
        where.add_argument("--url", help="read the published site at this URL instead")
    check.add_argument(
        "--budget",
        type=_positive,
        default=retrieval.FETCH_BUDGET,
        metavar="BYTES",
        help=f"bytes one fetch returns at most (default: {retrieval.FETCH_BUDGET})",
    )
    check.add_argument(
        "--format", choices=sorted(retrieval.FORMATS), default="text", help="output format"
    )
    mcp.add_argument(
        "--http", action="store_true", help="serve streamable HTTP at /mcp instead of stdio"
    )
    mcp.add_argument("--host", default="127.0.0.1", help="with --http: address to listen on")
    mcp.add_argument("--port", type=_port, default=8000, help="with --http: port (default 8000)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    args = _parser().parse_args(argv)
    project = Project(args.root.resolve(), getattr(args, "lang", None))
    if args.command == "serve":  # Ctrl-C is how a preview ends: serve handles it
        return commands.serve(project, args.dev_addr, sys.stdout, sys.stderr)
    try:
        site_url = _site_url(args, project)
    except SiteUrlError as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    try:
        status = _run_editors_checks(project, args)
        if status is not None:
            return status
        if args.command == "validate":
            report = commands.validate(project, use_cache=not args.no_cache)
            language = project.diagnostics_language()
            sys.stdout.write(
                FORMATTERS[args.format](report.diagnostics, report.files_checked, language)
            )
            return 1 if report.failed else 0
        progress = Progress.for_terminal(sys.stderr)
        if args.command == "new":
            today = dt.date.today().isoformat()  # the editor's calendar day
            return new_entry.new(
                project, args.kind, args.id, args.topic, today, sys.stdout, sys.stderr
            )
        if args.command == "ping":
            return commands.ping(
                project, args.base, args.endpoint, sys.stdout, sys.stderr, site_url=site_url
            )
        if args.command == "diff":
            return commands.diff(
                project,
                args.base,
                args.head,
                args.format,
                sys.stdout,
                sys.stderr,
                site_url=site_url,
            )
        if args.command in ("eval", "mcp"):
            location = args.url or (str(args.site) if args.site else None)
            if args.command == "eval":
                return commands.retrieval_check(
                    project, location, args.budget, args.format, sys.stdout, sys.stderr
                )
            http = (args.host, args.port) if args.http else None
            return commands.mcp(project, location, http, sys.stderr)
        if args.command == "merge":
            return commands.merge(
                project, args.shards, sys.stdout, sys.stderr, progress, site_url=site_url
            )
        if args.shard is not None:
            number, count = args.shard
            return commands.build_shard(
                project, number, count, args.out, sys.stdout, sys.stderr, site_url=site_url
            )
        if args.out is not None:
            sys.stderr.write("build: --out goes with --shard I/N\n")
            return 2
        return commands.build(
            project,
            sys.stdout,
            sys.stderr,
            use_cache=not args.no_cache,
            site_url=site_url,
            progress=progress,
            jobs=args.jobs,
        )
    except KeyboardInterrupt:
        unchanged = ": site/ was left unchanged" if args.command in ("build", "merge") else ""
        sys.stderr.write(f"{args.command} interrupted{unchanged}\n")
        return INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
