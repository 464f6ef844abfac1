"""What a test can see of running processes, on Linux, through /proc."""

from __future__ import annotations

import contextlib
from pathlib import Path


def children(pid: int) -> set[int]:
    """The processes ``pid`` started that are still running (Linux /proc)."""
    found: set[int] = set()
    with contextlib.suppress(OSError):  # the process or one of its threads just ended
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError):
                text = (task / "children").read_text(encoding="utf-8")
                found.update(int(child) for child in text.split())
    return found


def alive(pid: int) -> bool:
    """True while any thread of ``pid`` runs.

    A zombie waiting for its exit to be collected has ended. The main thread of a killed
    process can be a zombie while its other threads still exit and hold its files (a
    listening socket), so every thread counts.
    """
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return False
    for task in tasks:
        try:
            stat = (task / "stat").read_text(encoding="utf-8")
        except OSError:  # the thread just ended
            continue
        if stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X"):
            return True
    return False


def command_line(pid: int) -> list[str]:
    """The arguments ``pid`` was started with; empty once it has ended."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]
