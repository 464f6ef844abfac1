"""The one printer of a build's progress: stage, count and elapsed time, on a terminal.

A build of thousands of answers runs for minutes; on a terminal it says which stage it is
in, how many items that stage handles and how long the build has run. In CI (the ``CI``
variable set, as GitHub Actions, GitLab and most runners do) or when stderr is not a
terminal (a log file, a pipe), it prints nothing, so logs hold only what matters: the
diagnostics and the one-line summary.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from typing import TextIO

_OFF = frozenset({"", "0", "false", "no"})
"""Values of ``CI`` that mean "not in CI"."""


def in_ci(environ: Mapping[str, str]) -> bool:
    """True when the ``CI`` variable says the command runs in continuous integration."""
    return environ.get("CI", "").strip().lower() not in _OFF


class Progress:
    """Writes one line per stage to ``stream``, or nothing when ``stream`` is None."""

    def __init__(self, stream: TextIO | None, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.started = clock()

    @classmethod
    def for_terminal(cls, stream: TextIO, environ: Mapping[str, str] = os.environ) -> Progress:
        """Progress on ``stream`` when it is a terminal and the command is not in CI."""
        shown = stream.isatty() and not in_ci(environ)
        return cls(stream if shown else None)

    def stage(self, name: str, count: int | None = None, unit: str = "") -> None:
        """``[  12.3 s] name: 1,013 pages``: a stage begins (or ends, in its words)."""
        if self.stream is None:
            return
        elapsed = self.clock() - self.started
        counted = f": {count:,} {unit}".rstrip() if count is not None else ""
        self.stream.write(f"[{elapsed:7.1f} s] {name}{counted}\n")
        self.stream.flush()


QUIET = Progress(None)
"""Progress that prints nothing (tests, the preview, library callers)."""
