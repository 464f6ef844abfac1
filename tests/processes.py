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
    """True while ``pid`` runs; a zombie waiting for its exit to be collected has ended."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
