"""Vendor the review typeface, Source Serif 4, from its @fontsource npm package.

Run ``python scripts/fetch-fonts.py`` to (re)write the Latin-subset woff2 files
and the font's licence (SIL Open Font License 1.1) into
``plugins/modelpress/_internal/theme/assets/fonts/`` (the layout that ships in the
package), or ``--check`` to verify that the committed files are exactly the
ones in the pinned package. The files are committed, so
``make site`` and ``make test`` never need the network; readers get the font
from the site itself, never from a third-party font host.

Only the weights and styles the stylesheet uses are taken: regular and italic
for running text, bold (and bold italic, for bold inside a pull quote) for
headlines. Each Latin subset is about 20 kB.
"""

from __future__ import annotations

import sys
from pathlib import Path

from npm_tarball import NpmTarball, main

TARBALL = NpmTarball(
    url="https://registry.npmjs.org/@fontsource/source-serif-4/-/source-serif-4-5.3.1.tgz",
    integrity=(
        "sha512-cWcTCXjYYrgF9A67fThVir1VSc0lPEYmwQ6jA4pPt01s2MSCi/maINUcZoCzaqnU8fyUReDO97eGcBUkHgOeug=="
    ),
)
FILES = {
    f"files/source-serif-4-latin-{weight}-{style}.woff2": (
        f"source-serif-4-latin-{weight}-{style}.woff2"
    )
    for weight in ("400", "700")
    for style in ("normal", "italic")
} | {"LICENSE": "OFL.txt"}
OUT_DIR = (
    Path(__file__).resolve().parent.parent / "plugins" / "modelpress" / "theme" / "assets" / "fonts"
)

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], TARBALL, FILES, OUT_DIR, "Source Serif 4 5.3.1"))
