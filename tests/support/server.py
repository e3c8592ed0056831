"""A preview server started as a writer starts it, with its output collected line by line.

The serve tests and the serve benchmark watch the server's log ("Serving on",
"Reloading browsers") to know when a save has been rebuilt and is served.
"""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from tests.support.site import clean_env

__all__ = ["Server", "free_port"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``argv`` running in ``cwd``; ``lines`` fills from its stdout and stderr."""

    def __init__(self, argv: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            list(argv),
            cwd=cwd,
            env=env if env is not None else clean_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        stdout = self.process.stdout
        assert stdout is not None
        self._reader = threading.Thread(target=lambda: self.lines.extend(iter(stdout.readline, "")))
        self._reader.start()

    def wait_for(self, text: str, after: int = -1, limit: float = 240.0) -> int:
        """Index of the first line after ``after`` containing ``text``; fails if the server
        exits or past ``limit`` seconds."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            for index in range(after + 1, len(self.lines)):
                if text in self.lines[index]:
                    return index
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError(f"no {text!r} in the server's output:\n" + "".join(self.lines))

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self._reader.join(timeout=10)
