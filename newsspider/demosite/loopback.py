"""LoopbackServer: a threaded HTTP server on 127.0.0.1:<free port>, run from a thread and stopped by its handle."""

from __future__ import annotations

import sys
import threading
from http.server import ThreadingHTTPServer
from typing import Self


class LoopbackServer(ThreadingHTTPServer):
    """Bind 127.0.0.1 on a free port; ``with Server(...) as server:`` or ``start()`` / ``stop()``."""

    daemon_threads = True

    def __init__(self, handler: type, host: str = "127.0.0.1"):
        super().__init__((host, 0), handler)
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def base(self) -> str:
        """``http://127.0.0.1:<port>``: the root URL, or the ``http_proxy`` value for proxy servers."""
        return f"http://{self.server_address[0]}:{self.port}"

    def start(self) -> Self:
        """Serve in a background daemon thread."""
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close the socket and wait for the serving thread (once)."""
        thread, self._thread = self._thread, None
        if thread is not None:
            self.shutdown()
            thread.join(timeout=5)
        self.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def handle_error(self, request, client_address) -> None:
        """A client that drops the connection mid-response (crawls get killed in tests) is no error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)
