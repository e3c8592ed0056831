"""Fail early, in one line, when the Python that would create .venv is too old."""

import sys

if sys.version_info < (3, 11):  # noqa: UP036 - this file runs under the old Python
    sys.exit(
        f"Modelpress needs Python 3.11 or newer; {sys.executable} is "
        f"{sys.version.split()[0]}. Run: make PYTHON=python3.11 ..."
    )
