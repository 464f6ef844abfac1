"""Real nginx serving a built site with the snippet the build wrote, for the hosting tests.

A deployment includes ``build/nginx.conf`` inside its ``server`` block; the tests do the
same, with nginx started as an ordinary process: its own prefix, configuration, pid file,
error log and temporary folders under the test's folder, ``daemon off`` and a free port on
the loopback interface. Nothing outside that folder is read but the nginx binary and its
``mime.types`` (as in a stock Debian server), nothing is written outside it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")
START_SECONDS = 10.0
TEMP_FOLDERS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def skip_without_nginx() -> None:
    """Skip when nginx is not installed; in CI that is an error instead."""
    if Path(NGINX).exists():
        return
    if os.environ.get("CI"):
        raise RuntimeError("CI must install nginx: scripts/install-browser.sh")
    pytest.skip("nginx is not installed (scripts/install-browser.sh)")


@dataclass(frozen=True)
class Response:
    """What an HTTP client sees of one GET, redirects not followed."""

    status: int
    headers: Message
    body: bytes

    def header(self, name: str) -> str:
        """The header's value; several fields of one name joined with ``, `` (RFC 9110)."""
        values = self.headers.get_all(name) or []
        assert values, f"no {name} header in {dict(self.headers)}"
        return ", ".join(values)

    def all(self, name: str) -> list[str]:
        """Every field of that name, in order."""
        return list(self.headers.get_all(name) or [])


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass(frozen=True)
class NginxServer:
    """A running nginx: its base URL and a client for it."""

    base: str
    """``http://127.0.0.1:<port>`` (no final slash: paths start with ``/``)."""
    error_log: Path

    def get(self, path: str, headers: Mapping[str, str] | None = None) -> Response:
        """GET a site path (percent-encode non-ASCII yourself) without following redirects."""
        request = urllib.request.Request(self.base + path, headers=dict(headers or {}))
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=5) as response:
                return Response(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, error.headers, error.read())


def free_port() -> int:
    """A loopback port nothing listens on (a site built for it is then served on it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def configuration(folder: Path, port: int, root: Path, snippet: Path) -> str:
    """An nginx.conf like a small deployment's: mime.types, one server, the snippet inside."""
    # Workers of a root master run as nobody, who cannot read pytest's private folders.
    lines = ["user root;"] if os.geteuid() == 0 else []
    lines += [
        "daemon off;",
        "worker_processes 1;",
        f"pid {folder}/nginx.pid;",
        f"error_log {folder}/error.log;",
        "events { worker_connections 64; }",
        "http {",
        f"  include {MIME_TYPES};",
        "  default_type application/octet-stream;",
        "  access_log off;",
    ]
    lines += [f"  {name}_temp_path {folder}/{name};" for name in TEMP_FOLDERS]
    lines += [
        "  server {",
        f"    listen 127.0.0.1:{port};",
        f"    root {root};",
        f"    include {snippet};",
        "  }",
        "}",
    ]
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def nginx(
    root: Path, snippet: Path, folder: Path, port: int | None = None
) -> Iterator[NginxServer]:
    """nginx serving ``root`` with ``snippet`` included in its server block, until the
    block ends, on ``port`` (a free one by default); fails with nginx's own words when it
    does not start."""
    skip_without_nginx()
    folder.mkdir(parents=True, exist_ok=True)
    for name in TEMP_FOLDERS:
        (folder / name).mkdir(exist_ok=True)
    port = free_port() if port is None else port
    config = folder / "nginx.conf"
    config.write_text(configuration(folder, port, root, snippet), encoding="utf-8")
    error_log = folder / "error.log"
    command = [NGINX, "-p", f"{folder}/", "-c", str(config), "-e", str(error_log)]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    assert check.returncode == 0, f"nginx -t refused the configuration:\n{check.stderr}"
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    server = NginxServer(f"http://127.0.0.1:{port}", error_log)
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            if process.poll() is not None:
                _, stderr = process.communicate()
                pytest.fail(f"nginx exited with {process.returncode}:\n{stderr.decode()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    log = error_log.read_text(encoding="utf-8") if error_log.exists() else ""
                    pytest.fail(f"nginx did not answer in {START_SECONDS} s:\n{log}")
                time.sleep(0.05)
        yield server
    finally:
        # SIGQUIT is nginx's graceful stop: workers finish, then the master removes its pid file.
        process.send_signal(signal.SIGQUIT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        assert process.stderr is not None
        process.stderr.close()
