"""Runs the site engine (MkDocs with Material) on the generated tree, as a separate process.

The engine only turns Markdown into HTML: no plugin or hook of ours runs inside it, so
Zensical can build the same tree.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from answer_center.children import die_with_this_process


@dataclass(frozen=True)
class EngineResult:
    """Exit status and everything the engine printed."""

    returncode: int
    output: str

    @property
    def ok(self) -> bool:
        """True when the engine built the site."""
        return self.returncode == 0

    @property
    def report(self) -> str:
        """What the engine reported, without its progress lines.

        MkDocs' INFO and DEBUG records (with the indented lines that continue them) and the
        Chinese word splitter's dictionary messages say nothing about a failure; every other
        line is kept as printed, so a warning, an error or a traceback is never lost.
        """
        kept: list[str] = []
        dropping = False
        for line in self.output.splitlines():
            if dropping and line[:1].isspace():
                continue
            dropping = bool(_PROGRESS_RECORD.match(line))
            if not dropping and line.strip():
                kept.append(line)
        return "\n".join(kept)


_PROGRESS_RECORD = re.compile(r"(?:INFO|DEBUG) +-  ")
"""How MkDocs prints a log record below WARNING when its output is not a terminal."""


ENGINE_TEMP_DIR = ".tmp"
"""The engine's temporary folder, under the generated tree (see engine_environment)."""


def engine_environment(build_dir: Path, last_change: dt.date | None = None) -> dict[str, str]:
    """The engine's environment: quiet about its end of life (README says it), temporary
    files kept under ``build_dir``, and the build date pinned to the content's newest date
    when one is given."""
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    # A build writes only into its own folders: the engine's temporary files (the preview's
    # site among them) go under build_dir too.
    temp_dir = build_dir / ENGINE_TEMP_DIR
    temp_dir.mkdir(parents=True, exist_ok=True)
    env["TMPDIR"] = str(temp_dir)
    if last_change is None:
        return env
    # MkDocs stamps its build date into outputs; pin it to the content's newest date so two
    # builds of the same content are byte-identical.
    epoch = dt.datetime.combine(last_change, dt.time(), tzinfo=dt.UTC).timestamp()
    env["SOURCE_DATE_EPOCH"] = str(int(epoch))
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def run_mkdocs(config_file: Path, site_dir: Path, last_change: dt.date) -> EngineResult:
    """``mkdocs build --strict`` into ``site_dir``: any warning fails the build.

    Not ``--quiet``: MkDocs then drops warnings before its strict-mode counter sees them,
    and a dead link would pass. The output is captured instead, and :attr:`EngineResult.report`
    leaves out its progress lines.
    """
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--config-file",
        str(config_file),
        "--site-dir",
        str(site_dir),
    ]
    return _run(command, config_file.parent, last_change)


def _run(command: list[str], cwd: Path, last_change: dt.date | None) -> EngineResult:
    completed = subprocess.run(
        command,
        # One stream, in the order the engine wrote it: its log, then why it stopped.
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=engine_environment(cwd, last_change),
        cwd=cwd,
        check=False,
        # A killed build cannot stop its engine; the kernel does (see children.py).
        preexec_fn=die_with_this_process(),
    )
    return EngineResult(completed.returncode, completed.stdout)


def run_search_indexer(records: Path, output: Path, build_dir: Path) -> EngineResult:
    """Pagefind over the search records in ``records`` (see :mod:`answer_center.search_index`):
    the chunked index into ``output``. Chinese is split into words by its extended build
    (``pagefind[extended]``); a reader's query downloads only the chunks its words fall in.
    It runs in ``build_dir``, like the site engine.
    """
    command = [sys.executable, "-m", "answer_center.search_index", str(records), str(output)]
    return _run(command, build_dir, None)


def zensical_available() -> bool:
    """True when the optional Zensical engine is installed."""
    return shutil.which("zensical") is not None


def run_zensical(config_file: Path, last_change: dt.date | None = None) -> EngineResult:
    """``zensical build`` on the same configuration (the engine-independence check); it
    writes into ``site/`` beside the configuration file."""
    command = ["zensical", "build", "--config-file", str(config_file), "--clean"]
    return _run(command, config_file.parent, last_change)
