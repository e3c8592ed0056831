"""Fetch one pinned npm package tarball and copy chosen files out of it.

Shared by the ``fetch-*.py`` scripts that vendor front-end assets (the review
typeface, the plotly.js partial bundle). The site is built offline from the
committed copies; these scripts exist so a person can regenerate them and check
that what is committed is byte for byte what the npm registry publishes.

The tarball's address and its ``dist.integrity`` (sha512, as ``npm view
<package>@<version> dist.integrity`` prints it) are pinned by the caller, so a
changed or tampered tarball is refused before anything is written. The
standard library is enough (urllib, hashlib, tarfile); npm itself is not needed.
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

__all__ = ["NpmTarball", "main"]


@dataclass(frozen=True)
class NpmTarball:
    """A published npm tarball: its registry address and pinned integrity."""

    url: str
    integrity: str
    """``sha512-<base64>``, the registry's ``dist.integrity`` for this version."""

    def download(self) -> bytes:
        """The tarball's bytes, refused unless they match the pinned integrity."""
        with urllib.request.urlopen(self.url, timeout=60) as response:
            body: bytes = response.read()
        algorithm, _, expected = self.integrity.partition("-")
        actual = base64.b64encode(hashlib.new(algorithm, body).digest()).decode("ascii")
        if actual != expected:
            raise SystemExit(
                f"{self.url}: {algorithm} is {actual}, pinned {expected}; refusing to use it"
            )
        return body

    def members(self, names: dict[str, str]) -> dict[str, bytes]:
        """Files out of the tarball: ``{path in package/: name to write}`` → bytes by name."""
        wanted: dict[str, bytes] = {}
        with tarfile.open(fileobj=io.BytesIO(self.download()), mode="r:gz") as archive:
            for inner, target in names.items():
                member = archive.extractfile(f"package/{inner}")
                if member is None:
                    raise SystemExit(f"{self.url}: package/{inner} is not a file")
                wanted[target] = member.read()
        return wanted


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def main(
    argv: list[str], tarball: NpmTarball, files: dict[str, str], out_dir: Path, what: str
) -> int:
    """Write ``files`` from ``tarball`` into ``out_dir``, or with ``--check`` compare them.

    ``--check`` downloads and verifies the tarball again and reports every
    committed file that differs from its counterpart in the package (exit 1).
    """
    check = "--check" in argv
    extracted = tarball.members(files)
    differ = []
    for name, data in extracted.items():
        path = out_dir / name
        if check:
            if not path.is_file() or path.read_bytes() != data:
                differ.append(name)
            continue
        out_dir.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"{path}  {len(data):>9,} bytes  sha256 {sha256(data)}")
    if check:
        for name in differ:
            print(f"{out_dir / name}: differs from {tarball.url}", file=sys.stderr)
        if differ:
            return 1
        print(f"{what}: {len(extracted)} files in {out_dir} match {tarball.url}")
    return 0
