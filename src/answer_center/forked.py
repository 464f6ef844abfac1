"""Run one step of a command in a forked child process and take back its small result.

Generation holds every document, the catalog and every view at once (about 1.8 GB at
10,000 answers); the site engine and the search indexer, which run after it, need none
of that. Run in a child that exits before them, the memory is given back to the system
at once, so a build's peak is the larger of the two steps instead of their sum.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable
from typing import TypeVar

from answer_center.children import die_with

T = TypeVar("T")

# How the child's step ended, sent before its result or traceback.
_DONE, _INTERRUPTED, _FAILED = "done", "interrupted", "failed"


class GenerationProcessError(Exception):
    """The child process raised or was killed; the message holds its traceback."""


def run_forked(step: Callable[[], T]) -> T:
    """``step()`` computed in a forked child; its result must pickle.

    An exception in the child comes back as :class:`GenerationProcessError` with the child's
    traceback; Ctrl-C reaches both processes and is raised here as KeyboardInterrupt.
    Where fork is missing (not on Linux), ``step`` runs in this process.
    """
    if not hasattr(os, "fork"):  # pragma: no cover - the supported systems all fork
        return step()
    read_end, write_end = os.pipe()
    parent = os.getpid()
    # Whatever buffered output the parent holds is written once, by the parent.
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - coverage does not follow the fork
        os.close(read_end)
        status = 0
        try:
            die_with(parent)
            try:
                payload = pickle.dumps((_DONE, step()), protocol=pickle.HIGHEST_PROTOCOL)
            except KeyboardInterrupt:
                payload = pickle.dumps((_INTERRUPTED, None))
                status = 1
            except BaseException:  # every other failure goes back to the parent
                payload = pickle.dumps((_FAILED, traceback.format_exc()))
                status = 1
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            # Not sys.exit: the parent's atexit handlers and open files are the parent's.
            os._exit(status)
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    _, status = os.waitpid(pid, 0)
    if not payload:
        code = os.waitstatus_to_exitcode(status)
        how = f"was killed by signal {-code}" if code < 0 else f"exited with status {code}"
        raise GenerationProcessError(f"the generation process {how} and gave no result")
    outcome, value = pickle.loads(payload)
    if outcome == _INTERRUPTED:
        raise KeyboardInterrupt
    if outcome == _FAILED:
        raise GenerationProcessError(value)
    result: T = value
    return result
