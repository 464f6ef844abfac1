"""Live preview: regenerate build/ when content, templates or mkdocs.yml change, and let
``mkdocs serve`` rebuild and reload the browser.

Invalid content prints its diagnostics, and the browser shows them too: a bar over every
page links to a page that lists them (:mod:`answer_center.preview_errors`). The previous
generated tree stays in place, so the preview keeps showing the last good site.

The preview ends with its command. Ctrl-C (SIGINT), SIGTERM and SIGHUP stop the engine the
way it expects (SIGINT, after which it removes its temporary site) and the file watcher,
then the command exits: 0 after Ctrl-C, the usual way to end a preview, and 128 + the
signal's number after SIGTERM (143) or SIGHUP (129), as a shell reports a process the
signal ended. A killed command takes the engine with it (see :mod:`answer_center.children`).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TextIO

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from answer_center.children import die_with_this_process
from answer_center.diagnostic_words import catalog
from answer_center.engine import engine_environment
from answer_center.preview_errors import preview_config, script_files
from answer_center.project import Project
from answer_center.render.engine_config import DOCS_FOLDER
from answer_center.render.site_tree import ENGINE_CONFIG_FILE

DEBOUNCE_SECONDS = 0.3
_CHANGES = frozenset({"created", "modified", "moved", "deleted"})
_WATCHED_SUFFIXES = frozenset({".yaml", ".yml", ".j2", ".html", ".css"})

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
"""The signals that end a preview cleanly."""
ENGINE_STOP_SECONDS = 5.0
"""How long the engine may take to shut down after SIGINT before it is killed."""
_POLL_SECONDS = 0.1


class _Debounced(FileSystemEventHandler):
    """Collapses a burst of file events (an editor's save) into one regeneration."""

    def __init__(self, action: Callable[[], None], ignored: Path) -> None:
        self.action = action
        self.ignored = ignored
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        # Reading the content during regeneration raises "opened" events; only changes count.
        if event.event_type not in _CHANGES:
            return
        # Editors save by writing a temporary file and renaming it over the original.
        path = Path(str(event.dest_path or event.src_path))
        if event.is_directory or path.suffix not in _WATCHED_SUFFIXES:
            return
        if self.ignored in path.parents or path.name.startswith("."):
            return
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(DEBOUNCE_SECONDS, self.action)
            self.timer.daemon = True
            self.timer.start()

    def cancel(self) -> None:
        """Drop a regeneration that has not started: the preview is ending."""
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()


class _StopRequest:
    """Records the first stop signal; the handler does nothing else, so it is safe at any
    moment (before the engine exists, or while it starts)."""

    def __init__(self) -> None:
        self.signum: int | None = None

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        if self.signum is None:
            self.signum = signum


def _wait(engine: subprocess.Popen[bytes], stop: _StopRequest) -> int:
    """The engine's exit status; once a stop is requested, ask it to end, then make it."""
    asked_at: float | None = None
    while True:
        try:
            return engine.wait(timeout=_POLL_SECONDS)
        except subprocess.TimeoutExpired:
            pass
        if stop.signum is None:
            continue
        if asked_at is None:
            engine.send_signal(signal.SIGINT)
            asked_at = time.monotonic()
        elif time.monotonic() - asked_at > ENGINE_STOP_SECONDS:
            engine.kill()


PREVIEW_CONFIG = ".preview/mkdocs.yml"
"""The preview engine's configuration, in build/ (a dot folder: generation leaves it)."""


def prepare(project: Project) -> None:
    """After a valid regeneration: the preview's configuration (from the build's) and its
    script, which generation removes with every file it does not generate."""
    build = project.build_dir
    config = preview_config((build / ENGINE_CONFIG_FILE).read_bytes(), str(build))
    _write_if_changed(build / PREVIEW_CONFIG, config)
    for path, data in script_files().items():
        _write_if_changed(build / DOCS_FOLDER / path, data)


def show_errors(project: Project, files: dict[str, bytes]) -> None:
    """Publish the preview's error files beside the last good pages (or the files that
    say there are none)."""
    for path, data in files.items():
        _write_if_changed(project.build_dir / DOCS_FOLDER / path, data)


def _write_if_changed(target: Path, data: bytes) -> None:
    try:
        if target.read_bytes() == data:
            return
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(target)


def watched_paths(project: Project) -> list[Path]:
    """Content, the package templates and the engine configuration."""
    templates = Path(__file__).parent / "templates"
    return [project.content_dir, templates, project.mkdocs_file.parent]


def serve(
    project: Project,
    dev_addr: str,
    regenerate: Callable[[], bool],
    out: TextIO,
    err: TextIO,
) -> int:
    """Run the preview until stopped; 1 if the content is invalid at start.

    Returns 0 after Ctrl-C, 128 + the signal number after SIGTERM or SIGHUP, and the
    engine's status when it ends by itself.
    """
    if not regenerate():
        if not (project.build_dir / ENGINE_CONFIG_FILE).exists():
            err.write(catalog().sentence("preview_not_started", project.diagnostics_language()))
            err.write("\n")
            return 1
        prepare(project)  # the last good tree, with the errors shown over it

    def on_change() -> None:
        if regenerate():
            out.write("content regenerated; the browser reloads when the engine is done\n")
        else:
            err.write(catalog().sentence("preview_kept", project.diagnostics_language()) + "\n")
        out.flush()
        err.flush()

    stop = _StopRequest()
    previous = {signum: signal.signal(signum, stop) for signum in STOP_SIGNALS}
    handler = _Debounced(on_change, ignored=project.build_dir)
    observer = Observer()
    for path in watched_paths(project):
        recursive = path != project.mkdocs_file.parent
        observer.schedule(handler, str(path), recursive=recursive)
    observer.start()
    try:
        return _run_engine(project, dev_addr, stop, out, err)
    finally:
        handler.cancel()
        observer.stop()
        observer.join()
        for signum, action in previous.items():
            signal.signal(signum, signal.SIG_DFL if action is None else action)


def _run_engine(
    project: Project, dev_addr: str, stop: _StopRequest, out: TextIO, err: TextIO
) -> int:
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--livereload",
        # Only the pages whose Markdown changed are rebuilt: generation rewrites changed
        # files only, and the whole site when what every page shows changed.
        "--dirty",
        "--config-file",
        str(project.build_dir / PREVIEW_CONFIG),
        "--dev-addr",
        dev_addr,
    ]
    out.write(f"previewing at http://{dev_addr}/ (Ctrl+C to stop)\n")
    out.flush()
    engine = subprocess.Popen(
        command,
        cwd=project.build_dir,
        env=engine_environment(project.build_dir),
        # Its own process group: a terminal's Ctrl-C or hang-up reaches the engine only
        # through this command, so it is asked to stop once, and never mid-shutdown.
        process_group=0,
        # A killed command cannot stop the engine; the kernel does (see children.py).
        preexec_fn=die_with_this_process(),
    )
    status = _wait(engine, stop)
    if stop.signum is None:
        return status
    if stop.signum == signal.SIGINT:
        return 0
    err.write(f"preview stopped by {signal.Signals(stop.signum).name}\n")
    return 128 + stop.signum
