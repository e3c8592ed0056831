"""The opt-in online link check: every external URL asked once, politely, and classed honestly.

Built on the standard library rather than lychee (see the README's "Checks"
section for why): each URL is asked with HEAD, falling back to GET (whose body
is never read) when a server refuses HEAD; redirects are followed hop by hop
and reported; 429, 5xx, timeouts and resets are retried with backoff, waiting
as long as ``Retry-After`` asks. Requests to one host are limited in number
and spaced in time. Hosts that refuse automated readers (x.com and friends)
are reported as *blocked*, unverifiable, never as broken.
"""

from __future__ import annotations

import email.utils
import http.client
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from modelpress._internal.checks.linkcache import LinkCache
from modelpress._internal.checks.urlsyntax import url_problem
from modelpress._internal.version import __version__

__all__ = [
    "DEFAULT_BLOCKED_HOSTS",
    "LINK_CACHE",
    "LINK_CACHE_MAX_AGE",
    "ONLINE_DEFAULTS",
    "LinkClass",
    "LinkResult",
    "OnlineOptions",
    "archive_url",
    "check_urls",
]

DEFAULT_BLOCKED_HOSTS = (
    "x.com",
    "twitter.com",
    "linkedin.com",
    "instagram.com",
    "facebook.com",
    "threads.net",
    "reddit.com",
    "medium.com",
)
"""Hosts known to answer automated requests with 403/429 whatever the link's state."""

RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})


class LinkClass(StrEnum):
    OK = "ok"
    REDIRECTED = "redirected"
    BROKEN = "broken"
    UNREACHABLE = "unreachable"
    TIMEOUT = "timeout"
    BLOCKED = "blocked"
    MALFORMED = "malformed"


FAILING = frozenset({LinkClass.BROKEN, LinkClass.MALFORMED})
"""Classes that make ``modelpress links --online`` exit 1 without ``--strict``."""


@dataclass(frozen=True)
class OnlineOptions:
    timeout: float = 10.0
    retries: int = 2
    backoff: float = 1.0
    """Seconds before the first retry when the server gives no ``Retry-After``; doubles."""
    max_retry_after: float = 120.0
    """A ``Retry-After`` longer than this is not waited for: the link is reported instead."""
    host_concurrency: int = 2
    host_interval: float = 0.5
    max_redirects: int = 10
    workers: int = 16
    blocked_hosts: tuple[str, ...] = DEFAULT_BLOCKED_HOSTS
    user_agent: str = f"modelpress-linkcheck/{__version__} (+https://github.com/modelpress)"


ONLINE_DEFAULTS = OnlineOptions()
"""The one place the online check's defaults are written: the dataclass's fields. The
checks plugin's ``online_*`` options and ``modelpress links`` read them from here."""

LINK_CACHE = ".cache/modelpress/links.json"
"""Where results of the online check are kept, relative to ``mkdocs.yml``."""
LINK_CACHE_MAX_AGE = 7 * 24 * 3600
"""Seconds a good result is trusted before the URL is asked again."""


@dataclass
class LinkResult:
    url: str
    link_class: LinkClass
    status: int | None = None
    final_url: str | None = None
    detail: str = ""
    redirects: list[tuple[int, str]] = field(default_factory=list)
    attempts: int = 0
    checked_at: float = 0.0
    cached: bool = False

    def to_cache(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "class": self.link_class.value,
            "status": self.status,
            "final_url": self.final_url,
            "redirects": [[status, url] for status, url in self.redirects],
            "checked_at": self.checked_at,
        }

    @classmethod
    def from_cache(cls, entry: dict[str, Any]) -> LinkResult:
        return cls(
            str(entry["url"]),
            LinkClass(entry["class"]),
            entry.get("status"),
            entry.get("final_url"),
            "from the cache",
            [(int(s), str(u)) for s, u in entry.get("redirects") or []],
            0,
            float(entry.get("checked_at", 0.0)),
            cached=True,
        )


def archive_url(url: str) -> str:
    """Where to look for an archived copy of a dead page."""
    return f"https://web.archive.org/web/*/{url}"


def host_matches(host: str, patterns: Iterable[str]) -> bool:
    """``x.com`` matches ``x.com`` and ``www.x.com``; ``localhost:8080`` only that port."""
    host = host.lower()
    for pattern in patterns:
        pattern = pattern.lower().strip()
        if host == pattern or host.endswith("." + pattern):
            return True
    return False


class _HostLimiter:
    """Per host: at most ``concurrency`` requests at once, starts ``interval`` apart, and a
    pause when the host asked for one (``Retry-After``), shared by every request to it."""

    def __init__(self, concurrency: int, interval: float) -> None:
        self.concurrency = max(1, concurrency)
        self.interval = max(0.0, interval)
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._next: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.Semaphore(self.concurrency))
        with semaphore:
            while True:
                with self._lock:
                    now = time.monotonic()
                    start = self._next.get(host, now)
                    if start <= now:
                        self._next[host] = now + self.interval
                        break
                time.sleep(start - now)
            yield

    def pause(self, host: str, seconds: float) -> None:
        with self._lock:
            self._next[host] = max(self._next.get(host, 0.0), time.monotonic() + seconds)


@dataclass
class _Answer:
    status: int | None
    headers: http.client.HTTPMessage | None
    error: LinkClass | None = None
    detail: str = ""


class _Checker:
    def __init__(self, options: OnlineOptions) -> None:
        self.options = options
        self.limiter = _HostLimiter(options.host_concurrency, options.host_interval)

    def check(self, url: str) -> LinkResult:
        problem = url_problem(url)
        if problem is not None:
            return LinkResult(url, LinkClass.MALFORMED, detail=problem, checked_at=time.time())
        attempts = 0
        while True:
            attempts += 1
            result = self._follow(url)
            result.attempts = attempts
            wait_for = self._retry_wait(result, attempts)
            if wait_for is None:
                return self._classify(result)
            time.sleep(wait_for)

    def _retry_wait(self, result: _Followed, attempts: int) -> float | None:
        if attempts > self.options.retries:
            return None
        answer = result.answer
        retryable = answer.error in (LinkClass.TIMEOUT, LinkClass.UNREACHABLE) and (
            "reset" in answer.detail or answer.error is LinkClass.TIMEOUT
        )
        if answer.status in RETRYABLE_STATUS:
            retryable = True
        if not retryable:
            return None
        backoff: float = self.options.backoff * 2.0 ** (attempts - 1)
        retry_after = _retry_after(answer.headers)
        if retry_after is None:
            return backoff
        if retry_after > self.options.max_retry_after:
            return None
        host = urlsplit(result.last_url).netloc
        self.limiter.pause(host, retry_after)
        return retry_after

    def _follow(self, url: str) -> _Followed:
        followed = _Followed(url)
        seen = {url}
        current = url
        for _hop in range(self.options.max_redirects + 1):
            answer = self._ask(current)
            followed.answer = answer
            followed.last_url = current
            if answer.status is None or answer.status not in (301, 302, 303, 307, 308):
                return followed
            location = answer.headers.get("Location") if answer.headers else None
            if not location:
                return followed
            current = urljoin(current, location)
            followed.redirects.append((answer.status, current))
            if current in seen:
                followed.loop = True
                return followed
            seen.add(current)
        followed.too_many = True
        return followed

    def _ask(self, url: str) -> _Answer:
        """HEAD, then GET if the server will not answer HEAD; never reads a body."""
        answer = self._request("HEAD", url)
        status = answer.status
        # A rate limit (429) is waited out, not dodged with another method.
        if status is not None and status != 429 and (400 <= status < 500 or status == 501):
            return self._request("GET", url)
        return answer

    def _request(self, method: str, url: str) -> _Answer:
        parts = urlsplit(url)
        try:
            port = parts.port
            # http.client sends the request line as ASCII: encode what a writer pasted.
            target = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
            if parts.query:
                target += "?" + quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
        except ValueError as exc:
            return _Answer(None, None, LinkClass.MALFORMED, f"cannot be requested ({exc})")
        if parts.scheme not in ("http", "https"):
            return _Answer(None, None, LinkClass.MALFORMED, f"{parts.scheme}: is not a web URL")
        connection_class = (
            http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        )
        with self.limiter.slot(parts.netloc):
            connection = connection_class(parts.hostname or "", port, timeout=self.options.timeout)
            try:
                connection.request(
                    method,
                    target,
                    headers={
                        "User-Agent": self.options.user_agent,
                        "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
                        "Connection": "close",
                    },
                )
                response = connection.getresponse()
                return _Answer(response.status, response.headers)
            except TimeoutError:
                return _Answer(
                    None, None, LinkClass.TIMEOUT, f"no answer in {self.options.timeout:g} s"
                )
            except socket.gaierror as exc:
                return _Answer(
                    None, None, LinkClass.UNREACHABLE, f"host not found ({exc.strerror})"
                )
            except ConnectionRefusedError:
                return _Answer(None, None, LinkClass.UNREACHABLE, "connection refused")
            except (ConnectionResetError, http.client.RemoteDisconnected, BrokenPipeError):
                return _Answer(None, None, LinkClass.UNREACHABLE, "connection reset by the server")
            except ssl.SSLError as exc:
                return _Answer(None, None, LinkClass.UNREACHABLE, f"TLS error ({exc.reason})")
            except (OSError, http.client.HTTPException) as exc:
                return _Answer(None, None, LinkClass.UNREACHABLE, f"{type(exc).__name__}: {exc}")
            except UnicodeError as exc:
                return _Answer(None, None, LinkClass.MALFORMED, f"cannot be encoded ({exc})")
            finally:
                connection.close()

    def _classify(self, followed: _Followed) -> LinkResult:
        answer = followed.answer
        result = LinkResult(
            followed.url,
            LinkClass.OK,
            answer.status,
            followed.last_url if followed.redirects else None,
            redirects=list(followed.redirects),
            attempts=followed.attempts,
            checked_at=time.time(),
        )
        host = urlsplit(followed.last_url).hostname or ""
        blocked_host = host_matches(host, self.options.blocked_hosts)
        if followed.loop or followed.too_many:
            result.link_class = LinkClass.BROKEN
            result.detail = (
                "redirect loop"
                if followed.loop
                else f"more than {self.options.max_redirects} redirects"
            )
        elif answer.error is not None:
            result.link_class = answer.error
            result.detail = answer.detail
        elif answer.status is None:
            result.link_class = LinkClass.UNREACHABLE
        elif 200 <= answer.status < 300:
            result.link_class = LinkClass.REDIRECTED if followed.redirects else LinkClass.OK
        elif answer.status in (403, 429) and (blocked_host or answer.status == 429):
            result.link_class = LinkClass.BLOCKED
            result.detail = (
                f"{host} refuses automated requests; check it in a browser"
                if blocked_host
                else "rate-limited even after waiting; check again later"
            )
        elif answer.status >= 500:
            result.link_class = LinkClass.UNREACHABLE
            result.detail = f"server error {answer.status} after {followed.attempts} tries"
        else:
            result.link_class = LinkClass.BROKEN
            result.detail = f"HTTP {answer.status}"
        return result


@dataclass
class _Followed:
    url: str
    answer: _Answer = field(default_factory=lambda: _Answer(None, None))
    last_url: str = ""
    redirects: list[tuple[int, str]] = field(default_factory=list)
    loop: bool = False
    too_many: bool = False
    attempts: int = 0


def _retry_after(headers: http.client.HTTPMessage | None) -> float | None:
    value = headers.get("Retry-After") if headers else None
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def check_urls(
    urls: Iterable[str],
    options: OnlineOptions | None = None,
    cache: LinkCache | None = None,
    progress: Callable[[LinkResult, int, int], None] | None = None,
) -> dict[str, LinkResult]:
    """Check each distinct URL once; results keyed by URL.

    Results come from ``cache`` when it holds a fresh good answer; every new good
    answer is written to it as soon as it is known, so stopping midway loses nothing
    already learned. ``progress(result, done, total)`` is called as each completes.
    """
    options = options or OnlineOptions()
    unique = list(dict.fromkeys(urls))
    results: dict[str, LinkResult] = {}
    total = len(unique)
    pending_urls = []
    for url in unique:
        entry = cache.get(url) if cache is not None else None
        if entry is not None:
            results[url] = LinkResult.from_cache(entry)
            if progress:
                progress(results[url], len(results), total)
        else:
            pending_urls.append(url)
    if not pending_urls:
        return results
    checker = _Checker(options)
    executor = ThreadPoolExecutor(max_workers=max(1, options.workers))
    try:
        futures: dict[Future[LinkResult], str] = {
            executor.submit(checker.check, url): url for url in pending_urls
        }
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                result = future.result()
                results[futures[future]] = result
                if cache is not None:
                    cache.put(result.to_cache())
                if progress:
                    progress(result, len(results), total)
    finally:
        executor.shutdown(wait=False, cancel_futures=True)
    return results
