"""Vendor axe-core, the accessibility engine the browser tests run, from npm.

Run ``python scripts/fetch-axe.py`` to (re)write ``tests/support/axe/axe.min.js``
and its licence (MPL-2.0) from the pinned ``axe-core`` tarball, or ``--check``
to verify that the committed copy is exactly the published one. The copy is
committed so the tests never need the network.

Why not the copy inside the ``axe-playwright-python`` wheel: it bundles axe-core
4.12.1, two releases behind the 4.14 that found the problems issue 14 lists,
and its wrapper is two ``page.evaluate`` calls.
"""

from __future__ import annotations

import sys
from pathlib import Path

from npm_tarball import NpmTarball, main

TARBALL = NpmTarball(
    url="https://registry.npmjs.org/axe-core/-/axe-core-4.14.1.tgz",
    integrity=(
        "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
    ),
)
FILES = {"axe.min.js": "axe.min.js", "LICENSE": "LICENSE"}
OUT_DIR = Path(__file__).resolve().parent.parent / "tests" / "support" / "axe"

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], TARBALL, FILES, OUT_DIR, "axe-core 4.14.1"))
