"""Serve a built site over HTTP on loopback, in a background thread (link checks, tests, benchmarks), at the
published address's path (/drugs-and-alcohol/), as GitHub Pages serves it: the 404 page's links start there."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

from _root import published_address


class _Handler(http.server.SimpleHTTPRequestHandler):
    mount = "/"

    def end_headers(self) -> None:
        # Tells LinkChecker this server may be checked without its polite rate limit.
        self.send_header("LinkChecker", "local")
        super().end_headers()

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.mount):
            return str(Path(self.directory) / "no such file")  # outside the site: not found, as on the host
        return super().translate_path("/" + path[len(self.mount):])

    def log_message(self, *args) -> None:
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start serving site; returns the server (call .shutdown()) and its base URL."""
    mount = urlsplit(published_address()).path
    handler = type("Handler", (_Handler,), {"mount": mount})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{mount}"
