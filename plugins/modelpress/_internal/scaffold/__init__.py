"""What ``modelpress new`` writes: a whole site, a review stub, a release record stub.

The files a new site starts with are kept as files under ``site/`` (names that
start with a dot are stored as ``dot-…``: setuptools' package-data globs skip
dot-files, so ``.gitignore`` would not reach the wheel). Nothing here imports
MkDocs; the CLI (``cli/new.py``) only parses arguments and prints.
"""

from __future__ import annotations

from modelpress._internal.scaffold.errors import ScaffoldError
from modelpress._internal.scaffold.release import new_release
from modelpress._internal.scaffold.review import new_review
from modelpress._internal.scaffold.site import new_site, site_files

__all__ = ["ScaffoldError", "new_release", "new_review", "new_site", "site_files"]
