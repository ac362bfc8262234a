"""Stopping a cron run: SIGTERM/SIGINT/SIGHUP reach the parent, which forwards them to the running crawl.

``timeout``, systemd and container runtimes signal the cron parent, not its crawl. The parent forwards the
signal to the crawl (started in its own process group, so a terminal's Ctrl-C reaches it once, through the
parent), waits for it up to the grace period (then SIGKILL), starts no further site, writes the run report and
exits with 128 + the signal number. The crawl also gets SIGTERM if the parent itself dies (Linux), so it never
runs on as an orphan.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
POLL_SECONDS = 0.05  # how often the parent looks at its crawl while waiting (signals interrupt the sleep)
_PR_SET_PDEATHSIG = 1


class Stopper:
    """Remembers the first stop signal and forwards every one to the crawl that runs."""

    def __init__(self):
        self.signal: signal.Signals | None = None
        self.at: float | None = None  # monotonic time of the first stop signal
        self.children: set[subprocess.Popen] = set()  # the running crawls (several with --workers)
        self._previous: dict = {}

    def __enter__(self) -> Stopper:
        for sig in STOP_SIGNALS:
            self._previous[sig] = signal.signal(sig, self._received)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)

    def _received(self, signum: int, _frame: object) -> None:
        if self.signal is None:
            self.signal, self.at = signal.Signals(signum), time.monotonic()
        self.forward(signum)

    def forward(self, signum: int) -> None:
        for child in list(self.children):
            if child.poll() is None:
                child.send_signal(signum)

    @property
    def exit_code(self) -> int:
        """The shell's code for a run ended by this signal (143 for SIGTERM, 130 for SIGINT)."""
        return 128 + int(self.signal) if self.signal else 0


def _die_with_parent() -> None:
    """In the child before exec: get SIGTERM when the parent dies (Linux prctl; elsewhere nothing)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def run_child(
    command: list[str],
    log: Path,
    env: dict,
    budget: float,
    grace: float,
    stopper: Stopper,
    watch: Callable[[bool], None] | None = None,
) -> tuple[int, str | None]:
    """Run one crawl; a stop signal or ``budget`` (+ grace for its own timeout) ends it. (rc, who stopped it).

    After the crawl got SIGTERM (from the time bound or forwarded) it has ``grace`` seconds, then SIGKILL.
    ``watch`` (progress display) is called while waiting, and with ``True`` once the crawl has exited.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        process = subprocess.Popen(
            command,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            process_group=0,
            preexec_fn=_die_with_parent,
        )
    stopper.children.add(process)
    if stopper.signal is not None:  # it came while the crawl was being started
        stopper.forward(stopper.signal)
    try:
        return _wait(process, time.monotonic() + budget + grace, grace, stopper, watch or _unwatched)
    finally:
        stopper.children.discard(process)
        if watch:
            watch(True)


def _unwatched(final: bool = False) -> None:
    """No progress display."""


def _wait(
    process: subprocess.Popen, bound: float, grace: float, stopper: Stopper, watch: Callable[[bool], None]
) -> tuple[int, str | None]:
    stopped_by, kill_at = None, None
    while (rc := process.poll()) is None:
        now = time.monotonic()
        if stopper.at is not None and stopped_by is None:
            stopped_by, kill_at = stopper.signal.name, stopper.at + grace
        elif now >= bound and stopped_by is None:
            process.send_signal(signal.SIGTERM)
            stopped_by, kill_at = "SIGTERM", now + grace
        if kill_at is not None and now >= kill_at and stopped_by != "SIGKILL":
            process.kill()
            stopped_by = "SIGKILL"
        watch(False)
        time.sleep(POLL_SECONDS)
    return rc, stopped_by


def environment() -> dict[str, str]:
    """The crawl's environment: ours, with the project's settings module."""
    return {
        **os.environ,
        "SCRAPY_SETTINGS_MODULE": os.environ.get("SCRAPY_SETTINGS_MODULE", "newsspider.settings"),
    }
