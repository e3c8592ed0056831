"""Write the README's diagnostic-code tables from the registry in ``modelpress._internal.codes``.

Each table sits between ``<!-- codes:start TABLE -->`` and ``<!-- codes:end TABLE -->``
(TABLE: import, records, checks, charts). ``--check`` writes nothing and exits 1 when
the README is not what the registry gives (``tests/test_codes.py`` runs it so).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from modelpress._internal.codes import ENTRIES, TABLES, CodeEntry, Table

README = Path(__file__).resolve().parent.parent / "README.md"


def _row(entry: CodeEntry) -> str:
    codes = ", ".join(f"`{code}`" for code in entry.codes)
    cells = {
        "code": codes,
        "level": entry.level,
        "severity": entry.severity,
        "fix": entry.fix,
    }
    columns = TABLES[entry.table]
    values = [cells.get(column, entry.meaning) for column in columns]
    return "| " + " | ".join(value.replace("|", "\\|") for value in values) + " |"


def table(name: Table) -> str:
    """The Markdown table of one README section, rows in registry order."""
    columns = TABLES[name]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += [_row(entry) for entry in ENTRIES if entry.table == name]
    return "\n".join(lines)


def render(readme: str) -> str:
    """``readme`` with every marked table replaced by the registry's."""
    for name in TABLES:
        pattern = re.compile(
            rf"(<!-- codes:start {name} -->\n).*?(<!-- codes:end {name} -->)", re.S
        )
        found = pattern.search(readme)
        if not found:
            raise SystemExit(f"{README}: no '<!-- codes:start {name} -->' marker")
        readme = readme[: found.end(1)] + table(name) + "\n" + readme[found.start(2) :]
    return readme


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if README.md is stale")
    args = parser.parse_args(argv)
    current = README.read_text(encoding="utf-8")
    wanted = render(current)
    if args.check:
        if wanted != current:
            print(f"{README}: code tables are stale; run scripts/gen-codes-table.py")
            return 1
        return 0
    if wanted != current:
        README.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
