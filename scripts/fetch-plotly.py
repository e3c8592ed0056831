"""Vendor plotly.js's official partial bundle for the traces Modelpress draws.

The five chart types use only ``bar`` and ``scatter`` traces, which the
``plotly.js-basic-dist-min`` bundle (bar, pie, scatter) holds in 1.19 MB
instead of the full bundle's 4.8 MB. Run ``python scripts/fetch-plotly.py`` to
(re)write ``plugins/modelpress/_internal/charts/assets/plotly-basic.min.js`` and its
licence (MIT) from the pinned npm tarball, or ``--check`` to verify that the
committed copy is exactly the published one. The copy ships inside the package,
so building a site never needs the network.

The version is the one the ``plotly`` Python package bundles (its
``package_data/plotly.min.js`` header), so a figure that works in Python's
plotly works on the site; bump both together.
"""

from __future__ import annotations

import sys
from pathlib import Path

from npm_tarball import NpmTarball, main

VERSION = "4.1.1"
TARBALL = NpmTarball(
    url=f"https://registry.npmjs.org/plotly.js-basic-dist-min/-/plotly.js-basic-dist-min-{VERSION}.tgz",
    integrity=(
        "sha512-1oNF8PeQx2hv/y7tqEVWKD3JGwn/MGEMQ8mL9HUwsaqG9FGy/OU5FHUHvzqbqxN4mnwZGI9abTiE775C4kkjMQ=="
    ),
)
FILES = {"plotly-basic.min.js": "plotly-basic.min.js", "LICENSE": "plotly-LICENSE.txt"}
OUT_DIR = Path(__file__).resolve().parent.parent / "plugins" / "modelpress" / "charts" / "assets"

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], TARBALL, FILES, OUT_DIR, f"plotly.js basic {VERSION}"))
