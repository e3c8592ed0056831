"""Interleaved timing: A B C, A B C, … after a warm-up, so drift hits every contender alike.

A laptop that heats up, a CI neighbour that wakes up or a page cache that
fills hits whichever command runs at that moment; running the contenders in
alternation spreads such noise over all of them, and the median of each
ignores the odd outlier. Each contender is a callable returning seconds, so a
subprocess timed from outside and a check timed inside its worker fit alike.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Failed", "Samples", "interleave", "run_timed"]


class Failed(Exception):
    """A contender did not run to completion; the message says why (last lines of output)."""


@dataclass(frozen=True)
class Samples:
    seconds: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def as_dict(self) -> dict[str, Any]:
        return {
            "median_s": round(self.median, 4),
            "min_s": round(min(self.seconds), 4),
            "max_s": round(max(self.seconds), 4),
            "samples_s": [round(s, 4) for s in self.seconds],
        }


def bench_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _tail(text: str, lines: int = 12) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def run_timed(args: Sequence[str], cwd: Path, *, timeout: float = 1800) -> float:
    """Wall-clock seconds of ``python ARGS`` in ``cwd``, or :class:`Failed` with its output."""
    command = [sys.executable, *args]
    start = time.perf_counter()
    completed = subprocess.run(
        command,
        cwd=cwd,
        env=bench_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise Failed(
            f"`{' '.join(args)}` in {cwd} exited {completed.returncode}:\n"
            + _tail(completed.stdout + completed.stderr)
        )
    return elapsed


def interleave(
    contenders: Mapping[str, Callable[[], float]],
    *,
    rounds: int,
    warmup: int,
    progress: Callable[[str], None] = lambda message: None,
) -> dict[str, Samples | Failed]:
    """Run every contender once per round, in order, ``warmup`` + ``rounds`` times.

    A contender that fails once is dropped from later rounds (its error is kept),
    so one broken piece does not stop the others from being measured.
    """
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    failures: dict[str, Failed] = {}
    for number in range(warmup + rounds):
        label = "warm-up" if number < warmup else f"round {number - warmup + 1}/{rounds}"
        for name, contender in contenders.items():
            if name in failures:
                continue
            try:
                seconds = contender()
            except Failed as exc:
                failures[name] = exc
                progress(f"  {name}: FAILED\n{exc}")
                continue
            progress(f"  {label} {name}: {seconds:.2f} s")
            if number >= warmup:
                samples[name].append(seconds)
    result: dict[str, Samples | Failed] = {}
    for name in contenders:
        result[name] = failures.get(name) or Samples(tuple(samples[name]))
    return result
