"""A step run in a forked child hands back its result, or its failure (fast tier)."""

from __future__ import annotations

import os
import signal

import pytest

from answer_center.forked import GenerationProcessError, run_forked


def test_the_step_runs_in_another_process_and_its_result_comes_back() -> None:
    assert run_forked(os.getpid) != os.getpid()
    assert run_forked(lambda: {"pages": 59, "paths": ("docs/index.md",)}) == {
        "pages": 59,
        "paths": ("docs/index.md",),
    }


def test_an_exception_in_the_child_comes_back_with_its_traceback() -> None:
    def step() -> int:
        raise ValueError("no catalog")

    with pytest.raises(GenerationProcessError) as raised:
        run_forked(step)
    assert "ValueError: no catalog" in str(raised.value)
    assert "in step" in str(raised.value)


def test_a_child_that_dies_without_a_result_is_reported() -> None:
    def step() -> int:
        os._exit(3)

    with pytest.raises(GenerationProcessError, match="exited with status 3 and gave no result"):
        run_forked(step)


def test_a_killed_child_is_reported_with_its_signal() -> None:
    def step() -> int:
        os.kill(os.getpid(), signal.SIGKILL)
        return 0

    with pytest.raises(GenerationProcessError, match="was killed by signal 9 and gave no result"):
        run_forked(step)


def test_ctrl_c_in_the_child_is_raised_here_as_keyboard_interrupt() -> None:
    def step() -> int:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_forked(step)


def test_a_failure_that_only_mentions_an_interrupt_stays_a_failure() -> None:
    def step() -> int:
        raise ValueError("KeyboardInterrupt is not what happened")

    with pytest.raises(GenerationProcessError, match="ValueError: KeyboardInterrupt"):
        run_forked(step)
