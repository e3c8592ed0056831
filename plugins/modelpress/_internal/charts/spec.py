"""What a writer asks for in a ``chart`` fence, read and checked against the catalog.

A fence body is YAML. It is parsed with the records' position-keeping loader so
that every problem points at the line of the Markdown file the writer sees, and
every problem is reported in one pass: a writer fixing a typo in ``models``
should not learn about the misspelled ``type`` only on the next build.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from modelpress._internal.charts.data import has_data
from modelpress._internal.diagnostics import Diagnostic, Severity, did_you_mean, quote
from modelpress._internal.records.catalog import Catalog
from modelpress._internal.records.yamlsource import LoadedYaml, Loc, load_yaml_text

__all__ = [
    "CHART_TYPES",
    "OPTIONS",
    "SORTS",
    "ChartSpec",
    "ChartType",
    "parse_chart",
]

ChartType = Literal["benchmarks", "price-performance", "timeline", "params", "arena"]
CHART_TYPES: tuple[str, ...] = get_args(ChartType)

Sort = Literal["as-written", "value", "name", "date"]
SORTS: tuple[str, ...] = get_args(Sort)

OPTIONS: dict[str, str] = {
    "type": "what to draw: " + ", ".join(CHART_TYPES),
    "title": "the heading shown above the chart",
    "models": "release ids (or names/aliases) to draw, in order",
    "benchmarks": "benchmark ids (or names/aliases) for 'benchmarks' and 'price-performance'",
    "sort": "order of the models: " + ", ".join(SORTS),
    "highlight": "one of the models, drawn emphasised",
    "board": "arena leaderboard to plot (default: the one most of the models have)",
}
"""Every option of a fence, with what it is for (used in messages and the README)."""

_NEEDS_BENCHMARKS = ("benchmarks", "price-performance")
_MAX_TITLE = 200


@dataclass(frozen=True)
class ChartSpec:
    """A fence that passed validation: ids are canonical catalog ids."""

    type: ChartType
    models: tuple[str, ...]
    benchmarks: tuple[str, ...] = ()
    title: str | None = None
    sort: Sort = "as-written"
    highlight: str | None = None
    board: str | None = None


@dataclass
class _Reader:
    """Collects the diagnostics of one fence while reading its options."""

    doc: LoadedYaml
    catalog: Catalog
    problems: list[Diagnostic] = field(default_factory=list)

    def error(self, loc: Loc, code: str, message: str, *, key: bool = False) -> None:
        pos = self.doc.position(loc, key=key)
        self.problems.append(
            Diagnostic(self.doc.path, pos.line, pos.col, Severity.ERROR, code, message)
        )

    def warning(self, loc: Loc, code: str, message: str) -> None:
        pos = self.doc.position(loc)
        self.problems.append(
            Diagnostic(self.doc.path, pos.line, pos.col, Severity.WARNING, code, message)
        )

    def text(self, data: dict[str, Any], key: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error((key,), "chart-wrong-type", f"{quote(key)} must be text, e.g. {key}: ...")
            return None
        text = " ".join(str(value).split())
        if len(text) > _MAX_TITLE:
            self.error(
                (key,), "chart-wrong-type", f"{quote(key)} is longer than {_MAX_TITLE} characters"
            )
            return None
        return text

    def id_list(self, data: dict[str, Any], key: str, kind: str) -> list[str] | None:
        """Resolve a list of ids or names; None when the option is absent or unusable."""
        if key not in data:
            return None
        value = data[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.error(
                (key,), "chart-wrong-type", f"{quote(key)} must be a list, e.g. {key}: [a, b]"
            )
            return None
        found: list[str] = []
        for index, item in enumerate(value):
            resolved = self._resolve(item, kind)
            if resolved is None:
                self._unknown((key, index), item, kind)
            elif resolved in found:
                self.warning(
                    (key, index),
                    "chart-duplicate",
                    f"{quote(item)} is listed twice in {quote(key)}; remove one",
                )
            else:
                found.append(resolved)
        return found

    def _resolve(self, item: object, kind: str) -> str | None:
        if not isinstance(item, str | int | float) or isinstance(item, bool):
            return None
        name = str(item)
        if kind == "release":
            return self.catalog.release_id(name)
        return self.catalog.benchmark_id(name)

    def _unknown(self, loc: Loc, item: object, kind: str) -> None:
        if kind != "release" and "benchmarks" in self.catalog.broken_registries:
            return  # data/benchmarks.yaml has its own error: every id would be "unknown"
        invalid = self.catalog.invalid_release(item) if kind == "release" else None
        if invalid is not None:
            self.error(loc, "invalid-release", invalid.message(item, str(loc[0])))
            return
        if kind == "release":
            hint = did_you_mean(str(item), self.catalog.release_names)
            where = "data/releases/"
        else:
            hint = did_you_mean(str(item), self.catalog.benchmark_names)
            where = "data/benchmarks.yaml"
        self.error(loc, "unknown-id", f"unknown {kind} {quote(item)}{hint}; check {where}")


def parse_chart(
    body: str, path: str, body_line: int, catalog: Catalog
) -> tuple[ChartSpec | None, list[Diagnostic]]:
    """Read one fence body whose first line is line ``body_line`` (1-based) of ``path``.

    Returns the spec (None when any error was found) and every problem found.
    """
    fence_line = max(body_line - 1, 1)
    if not body.strip():
        return None, [_empty(path, fence_line)]
    doc = load_yaml_text(body, path, line_offset=body_line - 1)
    if [d.code for d in doc.diagnostics] == ["empty-file"]:
        # Only comments, a bare '---' or a null: no option is written, as in a blank
        # fence. The loader's "the file is empty; add a record" speaks of record files
        # and points below the fence, at the first line after the body.
        return None, [_empty(path, fence_line)]
    if doc.diagnostics or doc.data is None:
        return None, list(doc.diagnostics)
    if not isinstance(doc.data, dict):
        pos = doc.position(())
        return None, [
            Diagnostic(
                path,
                pos.line,
                pos.col,
                Severity.ERROR,
                "chart-not-mapping",
                "a chart fence holds 'option: value' lines (type, models, ...), "
                f"not a {_yaml_kind(doc.data)}",
            )
        ]
    reader = _Reader(doc, catalog)
    spec = _read(reader, doc.data, fence_line)
    problems = sorted(reader.problems)
    if any(p.severity is Severity.ERROR for p in problems):
        return None, problems
    return spec, problems


def _empty(path: str, fence_line: int) -> Diagnostic:
    return Diagnostic(
        path,
        fence_line,
        1,
        Severity.ERROR,
        "chart-empty",
        "the chart fence is empty; write at least 'type: benchmarks' and 'models: [...]' inside it",
    )


def _yaml_kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    return "single value"


def _read(reader: _Reader, data: dict[str, Any], fence_line: int) -> ChartSpec | None:
    for key in data:
        if key not in OPTIONS:
            reader.error(
                (key,),
                "chart-unknown-option",
                f"unknown option {quote(key)}{did_you_mean(key, list(OPTIONS))}; "
                f"options are {', '.join(OPTIONS)}",
                key=True,
            )
    chart_type = _read_type(reader, data, fence_line)
    title = reader.text(data, "title")
    models = reader.id_list(data, "models", "release")
    benchmarks = reader.id_list(data, "benchmarks", "benchmark")
    sort = _read_choice(reader, data, "sort", SORTS) or "as-written"
    board = reader.text(data, "board")
    if models is None and chart_type == "timeline":
        models = [r.id for r in reader.catalog.chronological()]
    elif models is None and "models" not in data:
        reader.error(
            (),
            "chart-missing-option",
            "the chart needs 'models: [...]', the releases to draw",
        )
    elif models == [] and isinstance(data.get("models"), list) and not data["models"]:
        reader.error(("models",), "chart-no-models", "'models' is empty; name at least one release")
    highlight = _read_highlight(reader, data, models or [])
    if chart_type in _NEEDS_BENCHMARKS:
        benchmarks = _check_benchmarks(reader, data, chart_type, benchmarks)
    elif "benchmarks" in data and chart_type is not None:
        reader.warning(
            ("benchmarks",),
            "chart-unused-option",
            f"a {chart_type!s} chart does not use 'benchmarks'; remove it",
        )
    if board is not None and chart_type not in (None, "arena"):
        reader.warning(("board",), "chart-unused-option", "only arena charts use 'board'")
    if chart_type is None or not models:
        return None
    spec = ChartSpec(
        type=chart_type,
        models=tuple(models),
        benchmarks=tuple(benchmarks or ()),
        title=title,
        sort=sort,  # type: ignore[arg-type]
        highlight=highlight,
        board=board,
    )
    if not reader.problems:
        _check_data(reader, data, spec)
    return spec


def _read_type(reader: _Reader, data: dict[str, Any], fence_line: int) -> ChartType | None:
    if "type" not in data:
        reader.error(
            (),
            "chart-missing-option",
            "the chart needs 'type: ...', one of " + ", ".join(CHART_TYPES),
        )
        return None
    value = data["type"]
    if value not in CHART_TYPES:
        reader.error(
            ("type",),
            "chart-unknown-type",
            f"unknown chart type {quote(value)}{did_you_mean(str(value), CHART_TYPES)}; "
            "types are " + ", ".join(CHART_TYPES),
        )
        return None
    chart_type: ChartType = value
    return chart_type


def _read_choice(
    reader: _Reader, data: dict[str, Any], key: str, choices: Sequence[str]
) -> str | None:
    if key not in data:
        return None
    value = data[key]
    if value not in choices:
        reader.error(
            (key,),
            "chart-bad-option",
            f"{quote(key)} cannot be {quote(value)}{did_you_mean(str(value), choices)}; "
            "use one of " + ", ".join(choices),
        )
        return None
    return str(value)


def _read_highlight(reader: _Reader, data: dict[str, Any], models: list[str]) -> str | None:
    if "highlight" not in data:
        return None
    value = data["highlight"]
    resolved = reader.catalog.release_id(str(value)) if isinstance(value, str) else None
    invalid = reader.catalog.invalid_release(value)
    if invalid is not None:
        reader.error(("highlight",), "invalid-release", invalid.message(value, "highlight"))
        return None
    if resolved is None:
        reader.error(
            ("highlight",),
            "unknown-id",
            f"unknown release {quote(value)}"
            f"{did_you_mean(str(value), reader.catalog.release_names)} in 'highlight'",
        )
        return None
    if models and resolved not in models:
        reader.error(
            ("highlight",),
            "chart-bad-option",
            f"'highlight' names {quote(resolved)}, which is not in 'models'; add it there",
        )
        return None
    return resolved


def _check_benchmarks(
    reader: _Reader, data: dict[str, Any], chart_type: str, benchmarks: list[str] | None
) -> list[str]:
    if benchmarks is None:
        if "benchmarks" not in data:
            reader.error(
                (),
                "chart-missing-option",
                f"a {chart_type} chart needs 'benchmarks: [...]', e.g. benchmarks: [gpqa]",
            )
        return []
    if not benchmarks and isinstance(data["benchmarks"], list) and not data["benchmarks"]:
        reader.error(("benchmarks",), "chart-bad-option", "'benchmarks' is empty; name one")
    if chart_type == "price-performance" and len(benchmarks) > 1:
        reader.error(
            ("benchmarks", 1),
            "chart-bad-option",
            "a price-performance chart plots one benchmark against price; keep one",
        )
    return benchmarks


def _check_data(reader: _Reader, data: dict[str, Any], spec: ChartSpec) -> None:
    """Say which requested series would be empty: a blank chart helps no reader."""
    releases = [reader.catalog.releases[m] for m in spec.models]
    if spec.type in _NEEDS_BENCHMARKS:
        for index, bench in enumerate(spec.benchmarks):
            if not any(has_data(r, spec.type, bench, spec.board) for r in releases):
                name = reader.catalog.benchmarks[bench].name
                reader.error(
                    ("benchmarks", index),
                    "chart-no-data",
                    f"none of the chosen models has a {name} score; pick another benchmark "
                    "or add models that have one",
                )
        if spec.type == "price-performance" and not any(
            has_data(r, "price", None, None) for r in releases
        ):
            reader.error(("models",), "chart-no-data", "none of the chosen models has an API price")
        return
    if spec.type == "timeline":
        return
    if not any(has_data(r, spec.type, None, spec.board) for r in releases):
        what = {"params": "a parameter count", "arena": "an arena score"}[spec.type]
        where = f" on board {quote(spec.board)}" if spec.board else ""
        reader.error(
            ("models",),
            "chart-no-data",
            f"none of the chosen models has {what}{where}; choose models that do",
        )
