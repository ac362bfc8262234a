"""Real redis-server and PostgreSQL on free 127.0.0.1 ports for tests and benchmarks, stopped by their PID."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Self

START_TIMEOUT = 90.0  # a loaded 2-core machine starts PostgreSQL slowly


class ServerMissingError(RuntimeError):
    """The server binary is not installed (``.ci/run`` installs it from Debian packages)."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until(ready, what: str, process: subprocess.Popen, timeout: float = START_TIMEOUT) -> None:
    """Poll ``ready()`` (a cheap connection attempt) until it is true, the process died, or ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode} while starting")
        if ready():
            return
        time.sleep(0.02)  # polling a socket for readiness, not synchronising on timing
    raise RuntimeError(f"{what} did not answer within {timeout:g} s")


def _stop_pid(process: subprocess.Popen | None, sig: int = signal.SIGTERM, timeout: float = 15.0) -> None:
    if process is None or process.poll() is not None:
        return
    os.kill(process.pid, sig)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()


class LocalServer:
    """A server process on 127.0.0.1:<free port> with its own temp folder; ``with Server() as server:`` starts it,
    ``close`` stops it (by its PID, with ``stop_signal``) and removes the folder."""

    stop_signal = signal.SIGTERM

    def __init__(self, port: int | None, prefix: str):
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None
        self.dir = tempfile.mkdtemp(prefix=prefix)

    def start(self) -> Self:
        raise NotImplementedError

    def stop(self) -> None:
        _stop_pid(self.process, self.stop_signal)
        self.process = None

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


class RedisServer(LocalServer):
    """``redis-server`` without persistence on 127.0.0.1:<free port>; ``url`` for clients."""

    def __init__(self, port: int | None = None):
        binary = shutil.which("redis-server")
        if binary is None:
            raise ServerMissingError("redis-server is not installed (apt-get install redis-server)")
        self.binary: str = binary
        super().__init__(port, "newsspider-redis-")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> Self:
        command = [self.binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
                   "--appendonly", "no", "--dir", self.dir, "--protected-mode", "no"]  # fmt: skip
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_until(self._pings, f"redis-server on port {self.port}", self.process)
        return self

    def _pings(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def kill(self) -> None:
        """SIGKILL: Redis gone without a goodbye (its data too: no persistence)."""
        _stop_pid(self.process, signal.SIGKILL)

    def restart(self) -> None:
        """Stop and start again on the same port, empty."""
        self.stop()
        self.start()


def postgres_bin(name: str) -> str:
    """A PostgreSQL server binary: from PATH or Debian's /usr/lib/postgresql/<version>/bin."""
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if found is None:
        raise ServerMissingError(f"{name} is not installed (apt-get install postgresql)")
    return found


def _run_as() -> str | None:
    """PostgreSQL refuses to run as root: run it as the ``postgres`` (or ``nobody``) user then."""
    if os.geteuid() != 0:
        return None
    for user in ("postgres", "nobody"):
        try:
            pwd.getpwnam(user)
        except KeyError:
            continue
        return user
    raise ServerMissingError("running as root and no 'postgres' or 'nobody' user to run PostgreSQL as")


class PostgresServer(LocalServer):
    """A throwaway PostgreSQL cluster (initdb in a temp folder) on 127.0.0.1:<free port>, trust auth.

    Stopped with SIGINT, PostgreSQL's fast shutdown (the process is ``runuser``'s child or postgres itself).
    """

    stop_signal = signal.SIGINT

    def __init__(self, port: int | None = None):
        self.user = _run_as()
        super().__init__(port, "newsspider-pg-")
        self.data = os.path.join(self.dir, "data")

    @property
    def url(self) -> str:
        return f"postgresql://newsspider@127.0.0.1:{self.port}/newsspider"

    def _as_user(self) -> dict:
        """Popen arguments that run the server as ``self.user`` (its PID is then the server's own)."""
        if not self.user:
            return {}
        pw = pwd.getpwnam(self.user)
        return {"user": pw.pw_uid, "group": pw.pw_gid, "extra_groups": [], "env": {**os.environ, "HOME": self.dir}}

    def start(self) -> Self:
        if self.user:
            pw = pwd.getpwnam(self.user)
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        if not os.path.isdir(self.data):
            subprocess.run([postgres_bin("initdb"), "-D", self.data, "-U", "newsspider", "-A", "trust", "-E", "UTF8",
                            "--no-sync"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           cwd=self.dir, **self._as_user())  # fmt: skip
        command = [postgres_bin("postgres"), "-D", self.data, "-p", str(self.port), "-k", self.dir,
                   "-c", "listen_addresses=127.0.0.1", "-c", "fsync=on"]  # fmt: skip
        log = open(os.path.join(self.dir, "server.log"), "ab")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(command, stdout=log, stderr=log, cwd=self.dir, **self._as_user())
        log.close()
        _wait_until(self._accepts, f"postgres on port {self.port}", self.process)
        self._create_database()
        return self

    def _accepts(self) -> bool:
        import psycopg

        try:
            psycopg.connect(f"postgresql://newsspider@127.0.0.1:{self.port}/postgres", connect_timeout=2).close()
        except psycopg.OperationalError:
            return False
        return True

    def _create_database(self) -> None:
        import psycopg

        with psycopg.connect(f"postgresql://newsspider@127.0.0.1:{self.port}/postgres", autocommit=True) as db:
            if not db.execute("SELECT 1 FROM pg_database WHERE datname = 'newsspider'").fetchone():
                db.execute("CREATE DATABASE newsspider")


def server_log(server: PostgresServer) -> str:
    path = Path(server.dir) / "server.log"
    return path.read_text("utf-8", "replace") if path.is_file() else ""
