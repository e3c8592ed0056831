"""Interleaved timing: A B C, A B C, … after a warm-up, so drift hits every contender alike.

A laptop that heats up, a CI neighbour that wakes up or a page cache that
fills hits whichever command runs at that moment; running the contenders in
alternation spreads such noise over all of them, and the median of each
ignores the odd outlier. Each contender is a callable returning a
:class:`Timing`, so a subprocess timed from outside and a check timed inside
its worker fit alike.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support.site import clean_env

__all__ = ["Failed", "Samples", "Timing", "interleave", "run_timed"]


class Failed(Exception):
    """A contender did not run to completion; the message says why (last lines of output)."""


@dataclass(frozen=True)
class Timing:
    """One run: wall-clock seconds, and CPU seconds when the contender could count them.

    Wall clock is what a writer waits for and what the targets are judged on. CPU
    time (user + system of the child process) is kept beside it because this
    machine is shared: another job that wakes up stretches the wall clock of
    whichever build runs at that moment, but not its CPU time.
    """

    wall: float
    cpu: float | None = None


@dataclass(frozen=True)
class Samples:
    seconds: tuple[float, ...]
    cpu_seconds: tuple[float, ...] = ()

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "median_s": round(self.median, 4),
            "min_s": round(min(self.seconds), 4),
            "max_s": round(max(self.seconds), 4),
            "samples_s": [round(s, 4) for s in self.seconds],
        }
        if self.cpu_seconds:
            out["cpu_median_s"] = round(statistics.median(self.cpu_seconds), 4)
            out["cpu_samples_s"] = [round(s, 4) for s in self.cpu_seconds]
        return out


def _tail(text: str, lines: int = 12) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_timed(args: Sequence[str], cwd: Path, *, timeout: float = 3600) -> Timing:
    """Wall-clock and CPU seconds of ``python ARGS`` in ``cwd``, or :class:`Failed`.

    The CPU time is the child's own (``RUSAGE_CHILDREN`` grows by it once it is
    waited for), so it counts the build and nothing else running on the machine.
    """
    command = [sys.executable, *args]
    cpu_before = _children_cpu()
    start = time.perf_counter()
    completed = subprocess.run(
        command,
        cwd=cwd,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    elapsed = time.perf_counter() - start
    cpu = _children_cpu() - cpu_before
    if completed.returncode != 0:
        raise Failed(
            f"`{' '.join(args)}` in {cwd} exited {completed.returncode}:\n"
            + _tail(completed.stdout + completed.stderr)
        )
    return Timing(elapsed, cpu)


def interleave(
    contenders: Mapping[str, Callable[[], Timing]],
    *,
    rounds: int,
    warmup: int,
    progress: Callable[[str], None] = lambda message: None,
) -> dict[str, Samples | Failed]:
    """Run every contender once per round, in order, ``warmup`` + ``rounds`` times.

    A contender that fails once is dropped from later rounds (its error is kept),
    so one broken piece does not stop the others from being measured.
    """
    samples: dict[str, list[Timing]] = {name: [] for name in contenders}
    failures: dict[str, Failed] = {}
    for number in range(warmup + rounds):
        label = "warm-up" if number < warmup else f"round {number - warmup + 1}/{rounds}"
        for name, contender in contenders.items():
            if name in failures:
                continue
            try:
                timing = contender()
            except Failed as exc:
                failures[name] = exc
                progress(f"  {name}: FAILED\n{exc}")
                continue
            cpu = f" (CPU {timing.cpu:.2f} s)" if timing.cpu is not None else ""
            progress(f"  {label} {name}: {timing.wall:.2f} s{cpu}")
            if number >= warmup:
                samples[name].append(timing)
    result: dict[str, Samples | Failed] = {}
    for name in contenders:
        if name in failures:
            result[name] = failures[name]
            continue
        runs = samples[name]
        cpus = tuple(t.cpu for t in runs if t.cpu is not None)
        result[name] = Samples(tuple(t.wall for t in runs), cpus if len(cpus) == len(runs) else ())
    return result
