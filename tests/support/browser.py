"""Which Chromium the browser tests and the page benchmark launch, and how.

Debian's ``chromium`` driven by Playwright with ``executable_path`` (Playwright's
own browser download does not work here). The background-networking flags keep
Chromium from reaching for Google's hosts on a machine with no network.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["CHROMIUM", "CHROMIUM_FLAGS"]

CHROMIUM = Path(os.environ.get("MODELPRESS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
