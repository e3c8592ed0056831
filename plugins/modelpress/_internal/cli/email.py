"""``modelpress email POST``: one review as a self-contained HTML file for a newsletter service."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from modelpress._internal.cli.common import add_config_option, load_site, print_diagnostics
from modelpress._internal.email import EmailError, build_email
from modelpress._internal.records import load_catalog
from modelpress._internal.siteconfig import SiteConfig


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "email",
        help="write a review as one self-contained HTML email",
        description="Write a review as one HTML file a newsletter service can send: inline "
        "CSS, footnotes as numbered endnotes, each chart as a table with a link to the "
        "interactive version, absolute links (needs site_url). Exit 0 when written, 1 when "
        "the review or the site has problems, 2 on a usage error.",
    )
    parser.add_argument("post", type=Path, help="the review, e.g. content/reviews/posts/grok-4.md")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="FILE",
        help="where to write the HTML (default: <slug>.email.html in the current folder)",
    )
    add_config_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    site = load_site(args)
    if site is None:
        return 2
    catalog, diagnostics = load_catalog(site.data_dir, root=site.root)
    if print_diagnostics(diagnostics, what="records"):
        return 1
    try:
        email = build_email(args.post, site, catalog)
    except EmailError as exc:
        print_diagnostics(exc.diagnostics)
        print(f"modelpress: {exc}", file=sys.stderr)
        return 1
    print_diagnostics(email.warnings)
    local = local_site_url(site)
    if local is not None:
        print(local, file=sys.stderr)
    output: Path = args.output or Path(f"{email.slug}.email.html")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(email.html, encoding="utf-8")
    except OSError as exc:
        print(f"modelpress: cannot write {output}: {exc}", file=sys.stderr)
        return 1
    print(
        f"modelpress: wrote {output} ({len(email.html):,} bytes) for {email.url}", file=sys.stderr
    )
    return 0


_LOCAL_HOSTS = frozenset({"localhost", "0.0.0.0", "::1"})


def local_site_url(site: SiteConfig) -> str | None:
    """A warning when ``site_url`` is this machine (a new site's preview address): the
    email is written, for a look at it, but its links open nothing for a reader."""
    host = urlsplit(site.site_url or "").hostname or ""
    if not (host in _LOCAL_HOSTS or host.startswith("127.") or host.endswith(".localhost")):
        return None
    try:
        lines = site.config_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    line = next((n for n, text in enumerate(lines, 1) if text.startswith("site_url:")), 1)
    return (
        f"{site.config_file}:{line}: warning: site_url is {site.site_url}, this machine: the "
        "email's links open nothing for its readers; set site_url to the published address "
        "before sending it"
    )
