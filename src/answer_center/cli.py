"""The ``answer-center`` command: parses arguments, runs a pipeline command, prints."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from answer_center import commands
from answer_center.diagnostics import FORMATTERS
from answer_center.project import Project

INTERRUPTED = 130
"""Exit status after Ctrl-C, as shells report a process stopped by SIGINT (128 + 2)."""


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
    for command in (validate, build):
        command.add_argument(
            "--no-cache",
            action="store_true",
            help="check every file again instead of reusing results of unchanged files",
        )
    serve = sub.add_parser("serve", help="preview with live reload")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    return parser


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
        return commands.build(project, sys.stdout, sys.stderr, use_cache=not args.no_cache)
    except KeyboardInterrupt:
        unchanged = ": site/ was left unchanged" if args.command == "build" else ""
        sys.stderr.write(f"{args.command} interrupted{unchanged}\n")
        return INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
