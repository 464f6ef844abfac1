"""The preview dies with its command: nothing goes on serving the port after it.

``answer-center serve`` runs as the real command on a free loopback port, is stopped once
the port answers, and then the engine it started must be gone and the port free: Ctrl-C
(status 0), SIGTERM and SIGHUP (status 128 + the signal) stop the engine cleanly, its
temporary site removed; SIGKILL leaves the command no say, and the kernel ends the engine
at once.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from answer_center.engine import ENGINE_TEMP_DIR
from answer_center.project import Project
from processes import alive, children
from sample_site import copy_project

START_SECONDS = 90.0
"""The preview validates, generates and builds the site before the port answers."""
GONE_SECONDS = 0.5
"""Left alone, a preview's engine serves on forever: any longer means it outlived the kill."""


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def answers_http(port: int) -> bool:
    """True when the home page is served on ``port``."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def port_is_free(port: int) -> bool:
    """True when nothing listens on ``port``: a connection is refused and it can be bound."""
    with socket.socket() as client:
        try:
            client.connect(("127.0.0.1", port))
        except ConnectionRefusedError:
            pass
        else:
            return False
    with socket.socket() as server:
        # Connections the test made may linger in TIME_WAIT; only a listener counts.
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            server.bind(("127.0.0.1", port))
        except OSError as exc:
            assert exc.errno == errno.EADDRINUSE, exc
            return False
        server.listen()
    return True


def command_line(pid: int) -> list[str]:
    """The arguments ``pid`` runs with (Linux /proc)."""
    raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    return raw.decode("utf-8", "replace").split("\0")[:-1]


@dataclass
class Preview:
    """A running ``answer-center serve`` and the engine it started."""

    project: Project
    port: int
    command: subprocess.Popen[bytes]
    engine: int
    log: Path

    def printed(self) -> str:
        """Everything the command and its engine printed so far."""
        return self.log.read_text(encoding="utf-8", errors="replace")

    def engine_temp_sites(self) -> list[Path]:
        """The engine's temporary site folders (``mkdocs serve`` builds into one)."""
        return sorted((self.project.build_dir / ENGINE_TEMP_DIR).glob("mkdocs_*"))


@contextlib.contextmanager
def running_preview(tmp_path: Path) -> Iterator[Preview]:
    """Start the real command and wait until its port answers HTTP; kill leftovers after."""
    project = copy_project(tmp_path / "project")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as printed:
        command = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "answer_center.cli",
                "--root",
                str(project.root),
                "serve",
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            stdout=printed,
            stderr=subprocess.STDOUT,
        )
    started: set[int] = set()
    try:
        deadline = time.monotonic() + START_SECONDS
        while not answers_http(port):
            assert command.poll() is None, log.read_text(encoding="utf-8", errors="replace")
            assert time.monotonic() < deadline, "the preview never answered"
            time.sleep(0.1)
        started = children(command.pid)
        assert len(started) == 1, started  # the engine; the small sample starts no pool
        (engine,) = started
        assert command_line(engine)[1:4] == ["-m", "mkdocs", "serve"], command_line(engine)
        preview = Preview(project, port, command, engine, log)
        assert preview.engine_temp_sites(), "the engine builds into a temporary folder"
        yield preview
    finally:
        command.kill()
        command.wait(timeout=10)
        # An engine that outlived its command (the failure these tests catch) must not go on
        # serving after the test.
        for pid in started:
            if alive(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize(
    ("stop", "status", "last_words"),
    [
        (signal.SIGTERM, 143, "preview stopped by SIGTERM\n"),
        (signal.SIGHUP, 129, "preview stopped by SIGHUP\n"),
        (signal.SIGINT, 0, "Shutting down...\n"),  # Ctrl-C: the usual end, the engine's words
    ],
    ids=["SIGTERM", "SIGHUP", "SIGINT"],
)
def test_a_stop_signal_ends_the_engine_and_frees_the_port(
    tmp_path: Path, stop: signal.Signals, status: int, last_words: str
) -> None:
    with running_preview(tmp_path) as preview:
        preview.command.send_signal(stop)
        assert preview.command.wait(timeout=30) == status, preview.printed()
        # The command waits for its engine, so the engine is gone by the time it exits.
        assert not alive(preview.engine), "the engine outlived its stopped preview"
        assert port_is_free(preview.port)
        printed = preview.printed()
        assert printed.endswith(last_words), printed
        assert "Traceback" not in printed
        assert preview.engine_temp_sites() == [], "the engine did not clean up"


def test_sigkill_of_the_command_ends_the_engine_at_once(tmp_path: Path) -> None:
    with running_preview(tmp_path) as preview:
        preview.command.send_signal(signal.SIGKILL)
        preview.command.wait(timeout=30)
        deadline = time.monotonic() + GONE_SECONDS
        while alive(preview.engine):
            assert time.monotonic() < deadline, "the engine outlived its killed preview"
            time.sleep(0.01)
        assert port_is_free(preview.port)
        assert preview.command.returncode == -signal.SIGKILL
