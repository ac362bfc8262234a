"""Child processes in tests: the cron command line, a child reaped on exit, a child on a pseudo-terminal, and
children of a PID / whether a PID runs (Linux /proc)."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsspider.crawlcommand import setting_flags
from newsspider_testing import crawlrun


def cron_command(workdir: Path, start_url: str, *extra: str, **settings: object) -> list[str]:
    """``python -m newsspider.cron`` for ``start_url`` (generic mode, ``crawlrun.FAST_SETTINGS`` plus
    ``settings``), with state and output under ``workdir``; ``extra`` arguments go last."""
    return [sys.executable, "-m", "newsspider.cron", "--start-url", start_url,
            *setting_flags({**crawlrun.FAST_SETTINGS, **settings}),
            "--state-dir", str(workdir / "state"), "--output-dir", str(workdir / "output"), *extra]  # fmt: skip


@contextmanager
def reaped(process: subprocess.Popen) -> Iterator[subprocess.Popen]:
    """Yield ``process``; on leaving, SIGKILL it by its own handle if it still runs, and wait for it."""
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def run_on_terminal(
    command: list[str], columns: int | None = None, **kwargs
) -> tuple[subprocess.CompletedProcess, str]:
    """Run ``command`` with stderr on a pseudo-terminal (``columns`` wide, if given) and stdout piped; return it
    and what the terminal showed."""
    leader, follower = pty.openpty()
    if columns:
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    try:
        try:
            done = subprocess.run(command, stdout=subprocess.PIPE, stderr=follower, **kwargs)
        finally:
            os.close(follower)
        shown = b""
        while chunk := _read(leader):
            shown += chunk
    finally:
        os.close(leader)
    return done, shown.decode("utf-8", "replace")


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # EIO: the terminal's other end is closed and drained
        return b""


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def descendants(pid: int) -> list[int]:
    """Children, grandchildren ... of ``pid``."""
    found, todo = [], [pid]
    while todo:
        kids = children(todo.pop())
        found += kids
        todo += kids
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for its reaper does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
