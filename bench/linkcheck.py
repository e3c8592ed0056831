"""Worker: time Modelpress's built-site link check inside its own process.

``python -m bench.linkcheck SITE_DIR CONFIG`` runs what ``modelpress links
SITE_DIR`` runs offline (and what the checks plugin runs after a build): the
site's options from ``mkdocs.yml``, the page-to-Markdown map the build wrote,
then :func:`modelpress._internal.checks.check_built_site`. It prints one JSON line,
``{"seconds": …, "cpu_seconds": …, "problems": …}``.

The clock runs around the check only, because mkdocs-htmlproofer-plugin's cost
is measured inside a build that has already started: neither side pays for
starting Python. Exit 3 means the check is not available in this checkout
(the message says which import failed): the bench reports that instead of
timing something else.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

NOT_AVAILABLE = 3


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m bench.linkcheck SITE_DIR MKDOCS_YML", file=sys.stderr)
        return 2
    site_dir, config_file = Path(argv[0]), Path(argv[1])
    try:
        from modelpress._internal.checks import check_built_site
        from modelpress._internal.checks.builtsources import read_sources
        from modelpress._internal.siteconfig import read_site_config
    except ImportError as exc:
        print(f"not available: Modelpress's built-site check: {exc}", file=sys.stderr)
        return NOT_AVAILABLE
    site = read_site_config(config_file)
    options = site.plugin("modelpress/checks")
    ignore_urls = [re.compile(str(p)) for p in options.get("ignore_urls") or []]
    start, cpu_start = time.perf_counter(), time.process_time()
    sources = read_sources(site.root, site_dir)
    found = check_built_site(
        site_dir, sources, site.site_url, ignore_urls, options.get("ignore_codes") or {}
    )
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "problems": len(found)}))
    for diagnostic in found[:5]:
        print(diagnostic.format(), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
