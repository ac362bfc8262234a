"""Scale-out: ``NEWSSPIDER_FRONTIER=redis://host:port/db`` makes workers of one run share a leased queue on Redis."""

from __future__ import annotations

import os
import socket
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings


def worker_id(settings: Any) -> str:
    """``NEWSSPIDER_WORKER_ID``, else ``<host>-<pid>``: names this worker's leases, lock and batch files."""
    return settings.get("NEWSSPIDER_WORKER_ID") or f"{socket.gethostname()}-{os.getpid()}"


def batch_worker(settings: Any) -> str | None:
    """The worker id batch file names carry: set with NEWSSPIDER_WORKER_ID, or implied by a shared frontier."""
    if settings.get("NEWSSPIDER_WORKER_ID") or settings.get("NEWSSPIDER_FRONTIER"):
        return worker_id(settings)
    return None


class FrontierAddon:
    """Swap in the leasing scheduler, its extension and middleware, and the host-token download handler."""

    def update_settings(self, settings: BaseSettings) -> None:
        if not settings.get("NEWSSPIDER_FRONTIER"):
            return
        settings.set("SCHEDULER", "newsspider.frontier.scheduler.LeaseScheduler", priority="addon")
        settings["EXTENSIONS"]["newsspider.frontier.extension.FrontierExtension"] = 105  # after seen state (100)
        settings["SPIDER_MIDDLEWARES"]["newsspider.frontier.extension.FrontierLeaseMiddleware"] = 5
        handler = "newsspider.frontier.politeness.HostTokenDownloadHandler"
        settings["DOWNLOAD_HANDLERS"]["http"] = handler
        settings["DOWNLOAD_HANDLERS"]["https"] = handler
