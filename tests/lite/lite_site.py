"""Serving a built browser edition on 127.0.0.1, and a browser context that cannot leave it.

Every request the page (or its workers) makes to any host other than 127.0.0.1 is aborted and
recorded: a test then asserts the record is empty, so "runs offline" is checked, not assumed.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlparse

LOCAL_HOST = "127.0.0.1"


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on a free port of 127.0.0.1; yield its base URL."""
    handler = functools.partial(_Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Offline:
    """What left, or tried to leave, 127.0.0.1 in one browser context."""

    aborted: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)

    def route(self, route: Any) -> None:
        url = route.request.url
        if urlparse(url).hostname == LOCAL_HOST or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.aborted.append(url)
            route.abort()

    def seen(self, request: Any) -> None:
        self.requested.append(request.url)

    def outside(self) -> list[str]:
        """Every URL requested or aborted whose host is not 127.0.0.1."""
        urls = self.aborted + self.requested
        return sorted(
            {u for u in urls if urlparse(u).hostname not in {LOCAL_HOST, None}
             and not u.startswith(("data:", "blob:"))}
        )  # fmt: skip


def offline_context(browser: Any, **options: Any) -> tuple[Any, Offline]:
    """A new browser context whose requests outside 127.0.0.1 are aborted and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    context.set_default_timeout(60_000)
    offline = Offline()
    context.route("**/*", offline.route)
    context.on("request", offline.seen)
    return context, offline


def lab_url(base: str, notebook: str) -> str:
    """The JupyterLite URL that opens ``notebook``."""
    return f"{base}lab/index.html?path={notebook}"
