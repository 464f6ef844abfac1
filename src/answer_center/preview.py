"""Live preview: regenerate build/ when content, templates or mkdocs.yml change, and let
``mkdocs serve`` rebuild and reload the browser.

Invalid content only prints its diagnostics; the previous generated tree stays in place,
so the preview keeps showing the last good site.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from answer_center.engine import engine_environment
from answer_center.project import Project
from answer_center.render.site_tree import ENGINE_CONFIG_FILE

DEBOUNCE_SECONDS = 0.3
_CHANGES = frozenset({"created", "modified", "moved", "deleted"})
_WATCHED_SUFFIXES = frozenset({".yaml", ".yml", ".j2", ".html", ".css"})


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
    """Run the preview until interrupted; 1 if the content is invalid at start."""
    if not regenerate() and not (project.build_dir / ENGINE_CONFIG_FILE).exists():
        err.write("preview not started: fix the errors above first\n")
        return 1

    def on_change() -> None:
        if regenerate():
            out.write("content regenerated; the browser reloads when the engine is done\n")
        else:
            err.write("kept the last good preview: fix the errors above\n")
        out.flush()
        err.flush()

    handler = _Debounced(on_change, ignored=project.build_dir)
    observer = Observer()
    for path in watched_paths(project):
        recursive = path != project.mkdocs_file.parent
        observer.schedule(handler, str(path), recursive=recursive)
    observer.start()
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--livereload",
        "--config-file",
        str(project.build_dir / ENGINE_CONFIG_FILE),
        "--dev-addr",
        dev_addr,
    ]
    out.write(f"previewing at http://{dev_addr}/ (Ctrl+C to stop)\n")
    out.flush()
    engine = subprocess.Popen(
        command, cwd=project.build_dir, env=engine_environment(project.build_dir)
    )
    try:
        return engine.wait()
    except KeyboardInterrupt:
        engine.terminate()
        engine.wait()
        return 0
    finally:
        observer.stop()
        observer.join()
