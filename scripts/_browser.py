"""What scripts and tests share to build the site, serve it and drive it in Chromium: one place for the
browser's launch settings, the loopback server and the `mkdocs build` command (tests/conftest.py
imports it too; tests/test_layers.py fails if the settings are copied elsewhere)."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

from _root import published_address

CHROMIUM = "/usr/bin/chromium"  # Debian's chromium, the browser a reader runs (make install-browser)
# Debian's build of the same Chromium without a browser's window: Playwright's own default for headless runs.
# Tests and audits run in it, at about half the CPU (92 against 182 core-seconds for tests/test_search.py).
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
# As root, and with no network but loopback: no sandbox, no background calls home.
CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
                 "--disable-sync", "--disable-quic")


def launch(playwright, reader: bool = False, **options):
    """The system Chromium's headless shell, started by Playwright with the settings above; with reader, the full
    browser, for figures of the speed a reader feels."""
    executable = CHROMIUM if reader else HEADLESS_SHELL
    if not Path(executable).exists():
        raise RuntimeError(f"the system Chromium is missing ({executable}): run `make install-browser`")
    return playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS), **options)


class _Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        # Tells LinkChecker this server may be checked without its polite rate limit.
        self.send_header("LinkChecker", "local")
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


class _Mounted(http.server.SimpleHTTPRequestHandler):
    """Serves the site at the published address's path (/drugs-and-alcohol/), as GitHub Pages does, so the
    404 page's links, which start there, work in tests and link checks."""

    mount = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.mount):
            return str(Path(self.directory) / "no such file")  # outside the site: not found, as on the host
        return super().translate_path("/" + path[len(self.mount):])


class LoopbackServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A page left before it has loaded drops its requests: no error of the site's, so not printed.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(site: Path, handler: type[http.server.SimpleHTTPRequestHandler] = _Handler,
          server_class: type[http.server.ThreadingHTTPServer] = LoopbackServer) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve the built site over HTTP on loopback at the published address's path, in a background thread;
    returns the server (call .shutdown()) and the site's base URL."""
    mount = urlsplit(published_address()).path
    mounted = type("Handler", (_Mounted, handler), {"mount": mount})
    server = server_class(("127.0.0.1", 0), functools.partial(mounted, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{mount}"


def build_command(project_dir: Path, site_dir: Path | None = None, quiet: bool = False) -> list[str]:
    """`mkdocs build --strict`, as `make build` runs it, for the project in project_dir (quiet: errors only)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(project_dir / "mkdocs.yml")]
    return command + (["--quiet"] if quiet else []) + (["--site-dir", str(site_dir)] if site_dir else [])


def build_env(day: dt.date | None = None, **extra: str) -> dict[str, str]:
    """The environment of a build: built as on `day` (which review dates have passed) if given."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra}
    if day:
        env["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.timezone.utc).timestamp()))
    return env


def build(project_dir: Path, site_dir: Path | None = None, day: dt.date | None = None, quiet: bool = False,
          **extra_env: str) -> subprocess.CompletedProcess:
    """Build the site in a fresh process; the result carries its output and return code."""
    return subprocess.run(build_command(project_dir, site_dir, quiet), cwd=project_dir, env=build_env(day, **extra_env),
                          capture_output=True, text=True)
