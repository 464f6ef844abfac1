"""Child processes end with the command that started them.

A command killed with SIGKILL cannot stop its children, and on Linux the kernel's
parent-death signal stops them instead. Without it the site engine would go on writing a
staging folder that the next build has just removed, the preview's engine would go on
serving its port, and pool workers would wait for work forever. Elsewhere nothing is armed.
"""

from __future__ import annotations

import ctypes
import functools
import os
import signal
import sys
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1


def _prctl() -> Callable[[int, int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl: Callable[[int, int], int] = ctypes.CDLL(None, use_errno=True).prctl
        return prctl
    except (OSError, AttributeError):  # pragma: no cover - a libc without prctl
        return None


def _arm(prctl: Callable[[int, int], int], parent: int) -> None:
    prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def die_with(parent: int) -> None:
    """In a child process: be killed when ``parent`` exits."""
    prctl = _prctl()
    if prctl is not None:
        _arm(prctl, parent)


def die_with_this_process() -> Callable[[], None] | None:
    """A ``preexec_fn`` for subprocess that arms the signal in the child, or None.

    libc is looked up here, before the fork: the hook then only calls prctl and getppid.
    """
    prctl = _prctl()
    return None if prctl is None else functools.partial(_arm, prctl, os.getpid())
