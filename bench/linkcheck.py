"""Worker: time Modelpress's built-site link check inside its own process.

``python -m bench.linkcheck SITE_DIR`` prints ``{"seconds": …, "problems": …}``.
The clock runs around ``check_built_site`` only, as mkdocs-htmlproofer-plugin's
cost is measured inside a build that has already started: neither side pays
for starting Python. Exit 3 means the check is not available in this checkout.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

NOT_AVAILABLE = 3


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m bench.linkcheck SITE_DIR", file=sys.stderr)
        return 2
    try:
        from modelpress.checks import check_built_site  # type: ignore[attr-defined,unused-ignore]
    except ImportError as exc:
        print(f"not available: {exc}", file=sys.stderr)
        return NOT_AVAILABLE
    start = time.perf_counter()
    found = list(check_built_site(Path(argv[0])))
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "problems": len(found)}))
    for diagnostic in found[:5]:
        print(getattr(diagnostic, "format", lambda d=diagnostic: str(d))(), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
