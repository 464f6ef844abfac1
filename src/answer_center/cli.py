"""The ``answer-center`` command: parses arguments, runs a pipeline command, prints."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from answer_center import commands, retrieval
from answer_center.diagnostics import FORMATTERS
from answer_center.project import Project

INTERRUPTED = 130
"""Exit status after Ctrl-C, as shells report a process stopped by SIGINT (128 + 2)."""


def _shard(value: str) -> tuple[int, int]:
    number, _, count = value.partition("/")
    if not (number.isdigit() and count.isdigit() and 1 <= int(number) <= int(count)):
        raise argparse.ArgumentTypeError(f"{value!r} is not I/N with 1 <= I <= N, e.g. 1/2")
    return int(number), int(count)


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
    for command in (validate, build):
        command.add_argument(
            "--no-cache",
            action="store_true",
            help="check every file again instead of reusing results of unchanged files",
        )
    serve = sub.add_parser("serve", help="preview with live reload")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    _agent_commands(sub)
    return parser


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
    project = Project(args.root.resolve())
    if args.command == "serve":  # Ctrl-C is how a preview ends: serve handles it
        return commands.serve(project, args.dev_addr, sys.stdout, sys.stderr)
    try:
        if args.command == "validate":
            report = commands.validate(project, use_cache=not args.no_cache)
            sys.stdout.write(FORMATTERS[args.format](report.diagnostics, report.files_checked))
            return 1 if report.failed else 0
        if args.command in ("eval", "mcp"):
            location = args.url or (str(args.site) if args.site else None)
            if args.command == "eval":
                return commands.retrieval_check(
                    project, location, args.budget, args.format, sys.stdout, sys.stderr
                )
            http = (args.host, args.port) if args.http else None
            return commands.mcp(project, location, http, sys.stderr)
        if args.command == "merge":
            return commands.merge(project, args.shards, sys.stdout, sys.stderr)
        if args.shard is not None:
            number, count = args.shard
            return commands.build_shard(project, number, count, args.out, sys.stdout, sys.stderr)
        if args.out is not None:
            sys.stderr.write("build: --out goes with --shard I/N\n")
            return 2
        return commands.build(project, sys.stdout, sys.stderr, use_cache=not args.no_cache)
    except KeyboardInterrupt:
        unchanged = ": site/ was left unchanged" if args.command in ("build", "merge") else ""
        sys.stderr.write(f"{args.command} interrupted{unchanged}\n")
        return INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
