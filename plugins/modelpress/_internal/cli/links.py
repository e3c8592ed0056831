"""``modelpress links``: check a built site's internal links, and (``--online``) the web's.

Without ``--online`` nothing leaves the machine: every ``href``/``src`` of the
built site must resolve to a file and an ``id``. With it, every external URL
used by the Markdown or the generated pages is asked once (see
:mod:`modelpress._internal.checks.online`), and each problem is reported at every
``file:line`` that uses the URL.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from modelpress._internal.checks.built import check_built_site
from modelpress._internal.checks.builtsources import read_sources
from modelpress._internal.checks.externals import external_uses
from modelpress._internal.checks.linkcache import LinkCache
from modelpress._internal.checks.online import (
    FAILING,
    LINK_CACHE,
    LINK_CACHE_MAX_AGE,
    ONLINE_DEFAULTS,
    LinkClass,
    LinkResult,
    OnlineOptions,
    archive_url,
    check_urls,
)
from modelpress._internal.cli.common import add_config_option, load_site, print_diagnostics
from modelpress._internal.content import iter_markdown_pages
from modelpress._internal.diagnostics import Diagnostic, Severity, quote
from modelpress._internal.siteconfig import SiteConfig

__all__ = ["register", "run"]

PLUGIN = "modelpress/checks"


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "links",
        help="check the built site's links and anchors (and external URLs with --online)",
        description="Check that every internal link and image of a built site resolves to a "
        "file and an id. With --online, also ask every external URL (cached, rate-limited "
        "per host). Exit 0 when clean, 1 for broken internal links or broken/malformed "
        "external ones (any problem with --strict), 2 on a usage error.",
    )
    parser.add_argument(
        "site_dir", nargs="?", type=Path, help="the built site (default: site_dir of mkdocs.yml)"
    )
    add_config_option(parser)
    parser.add_argument("--online", action="store_true", help="also check external URLs")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 for any external link that is not ok (redirected, blocked, timeout…)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--no-cache", action="store_true", help="ignore and keep no cache")
    parser.add_argument("--cache", type=Path, metavar="FILE", help="cache file (plugin option)")
    parser.add_argument("--max-age", type=float, metavar="SECONDS", help="trust cached results")
    parser.add_argument("--timeout", type=float, metavar="SECONDS", help="per request")
    parser.add_argument("--retries", type=int, help="extra attempts after 429/5xx/timeouts")
    parser.add_argument("--backoff", type=float, metavar="SECONDS", help="first retry delay")
    parser.add_argument("--host-concurrency", type=int, metavar="N")
    parser.add_argument("--host-interval", type=float, metavar="SECONDS")
    parser.add_argument(
        "--blocked-host",
        action="append",
        default=None,
        metavar="HOST",
        help="a host whose 403/429 means 'refuses bots' (repeatable; replaces the list)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    site = load_site(args)
    if site is None:
        return 2
    site_dir: Path = args.site_dir or site.site_dir
    options = site.plugin(PLUGIN)
    if not site_dir.is_dir():
        print(
            f"modelpress: {site_dir}: no built site here; run 'mkdocs build' first",
            file=sys.stderr,
        )
        return 2
    ignore_urls = [re.compile(str(p)) for p in options.get("ignore_urls") or []]
    sources = read_sources(site.root, site_dir)
    found = check_built_site(
        site_dir, sources, site.site_url, ignore_urls, options.get("ignore_codes") or {}
    )
    out = sys.stderr if args.format == "json" else sys.stdout
    problems = _print(found, out)
    failed = any(d.severity is Severity.ERROR for d in found)
    if not args.online:
        if not problems:
            print(f"modelpress: {site_dir}: every internal link resolves", file=sys.stderr)
        return 1 if failed or (args.strict and problems) else 0
    pages = list(iter_markdown_pages(site.docs_dir, site.root)) if site.docs_dir.is_dir() else []
    uses = external_uses(pages, site_dir, sources, site.site_url, ignore_urls)
    results = _check_online(args, site, options, uses)
    if args.format == "json":
        json.dump([_as_json(results[url], uses[url]) for url in uses], sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        _print([d for url in uses for d in _diagnostics(results[url], uses[url])], out)
    classes = {result.link_class for result in results.values()}
    _summary(results)
    if failed or classes & FAILING:
        return 1
    if args.strict and (problems or classes - {LinkClass.OK}):
        return 1
    return 0


def _print(found: list[Diagnostic], out: Any) -> int:
    if out is sys.stdout:
        return print_diagnostics(found)
    for diagnostic in sorted(found):
        print(diagnostic.format(), file=out)
    return len(found)


def _online_options(args: argparse.Namespace, options: Mapping[str, Any]) -> OnlineOptions:
    """The command's value, else the plugin's ``online_<field>``, else the check's default."""

    def pick(arg: Any, field: str) -> Any:
        if arg is not None:
            return arg
        return options.get(f"online_{field}", getattr(ONLINE_DEFAULTS, field))

    blocked = args.blocked_host or options.get("online_blocked_hosts")
    return OnlineOptions(
        timeout=float(pick(args.timeout, "timeout")),
        retries=int(pick(args.retries, "retries")),
        backoff=float(pick(args.backoff, "backoff")),
        host_concurrency=int(pick(args.host_concurrency, "host_concurrency")),
        host_interval=float(pick(args.host_interval, "host_interval")),
        blocked_hosts=tuple(str(h) for h in blocked or ONLINE_DEFAULTS.blocked_hosts),
    )


def _check_online(
    args: argparse.Namespace,
    site: SiteConfig,
    options: Mapping[str, Any],
    uses: Mapping[str, list[str]],
) -> dict[str, LinkResult]:
    online = _online_options(args, options)
    progress = _Progress(len(uses))
    if args.no_cache:
        return check_urls(uses, online, None, progress)
    cache_path = args.cache or site.root / str(options.get("online_cache", LINK_CACHE))
    max_age = float(
        args.max_age
        if args.max_age is not None
        else options.get("online_max_age", LINK_CACHE_MAX_AGE)
    )
    with LinkCache(cache_path, max_age) as cache:
        try:
            return check_urls(uses, online, cache, progress)
        finally:
            progress.finish()


class _Progress:
    """A counter redrawn in place on a terminal; one plain line per result in CI logs."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.tty = sys.stderr.isatty()
        self.drawn = False

    def __call__(self, result: LinkResult, done: int, total: int) -> None:
        if self.tty:
            sys.stderr.write(f"\rmodelpress: links: {done}/{total} checked")
            sys.stderr.flush()
            self.drawn = True
            return
        origin = " (cached)" if result.cached else ""
        print(
            f"modelpress: links: [{done}/{total}] {result.link_class.value}{origin} {result.url}",
            file=sys.stderr,
        )

    def finish(self) -> None:
        if self.drawn:
            sys.stderr.write("\n")


CODES = {
    LinkClass.REDIRECTED: ("link-redirected", Severity.WARNING),
    LinkClass.BROKEN: ("link-broken", Severity.ERROR),
    LinkClass.UNREACHABLE: ("link-unreachable", Severity.WARNING),
    LinkClass.TIMEOUT: ("link-timeout", Severity.WARNING),
    LinkClass.BLOCKED: ("link-blocked", Severity.WARNING),
    LinkClass.MALFORMED: ("link-malformed", Severity.ERROR),
}


def _message(result: LinkResult) -> str:
    url = quote(result.url)
    detail = f" ({result.detail})" if result.detail else ""
    match result.link_class:
        case LinkClass.REDIRECTED:
            return (
                f"{url} redirects ({len(result.redirects)} hop"
                f"{'s' if len(result.redirects) != 1 else ''}) to {quote(result.final_url)}; "
                "link the final address"
            )
        case LinkClass.BROKEN:
            return f"{url} is broken{detail}; an archived copy may be at {archive_url(result.url)}"
        case LinkClass.BLOCKED:
            return f"{url} could not be verified{detail}; it is not reported as broken"
        case LinkClass.TIMEOUT:
            return f"{url} timed out{detail}; try again later"
        case LinkClass.MALFORMED:
            return f"{url} is not a valid URL{detail}"
        case _:
            return f"{url} is unreachable{detail}"


def _diagnostics(result: LinkResult, places: list[str]) -> list[Diagnostic]:
    if result.link_class is LinkClass.OK:
        return []
    code, severity = CODES[result.link_class]
    found = []
    for place in places:
        path, _, line = place.rpartition(":")
        found.append(Diagnostic(path, int(line), 1, severity, code, _message(result)))
    return found


def _as_json(result: LinkResult, places: list[str]) -> dict[str, Any]:
    item: dict[str, Any] = {
        "url": result.url,
        "class": result.link_class.value,
        "status": result.status,
        "final_url": result.final_url,
        "uses": places,
        "detail": result.detail,
        "redirects": [{"status": s, "url": u} for s, u in result.redirects],
        "cached": result.cached,
    }
    if result.link_class is LinkClass.BROKEN:
        item["suggestion"] = archive_url(result.url)
    return item


def _summary(results: Mapping[str, LinkResult]) -> None:
    counts: dict[str, int] = {}
    for result in results.values():
        counts[result.link_class.value] = counts.get(result.link_class.value, 0) + 1
    cached = sum(result.cached for result in results.values())
    parts = ", ".join(f"{n} {name}" for name, n in sorted(counts.items()))
    print(
        f"modelpress: {len(results)} external URLs: {parts or 'none'} ({cached} from the cache)",
        file=sys.stderr,
    )
