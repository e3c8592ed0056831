"""Safe YAML loading that remembers where every key and value came from.

PyYAML's ``safe_load`` forgets positions, accepts duplicate keys (the last one
silently wins) and expands alias bombs without limit. Records need all three
handled: each problem must name ``file:line:col``. So we compose the node tree
ourselves and build plain Python values from it, recording the mark of every
value and key by its path (``("benchmarks", 2, "score")``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from modelpress.diagnostics import Diagnostic, Severity, quote

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "LoadedYaml",
    "Loc",
    "Position",
    "load_yaml_file",
    "load_yaml_text",
]

MAX_FILE_BYTES = 2 * 1024 * 1024
"""A record is a few kilobytes; anything this large is a mistake (or an attack)."""

MAX_NODES = 100_000
"""Values built from one file; an alias bomb expands far past this."""

Loc = tuple[str | int, ...]

_EXPONENT_FLOAT = re.compile(r"^[-+]?(\d[\d_]*\.?\d*|\.\d+)[eE][-+]?\d+$")


@dataclass(frozen=True)
class Position:
    line: int
    col: int


@dataclass
class LoadedYaml:
    """A YAML document as plain Python values, with positions by path."""

    path: str
    data: Any = None
    values: dict[Loc, Position] = field(default_factory=dict)
    keys: dict[Loc, Position] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    line_offset: int = 0

    def position(self, loc: Sequence[str | int], *, key: bool = False) -> Position:
        """The position of ``loc``, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        if key and loc in self.keys:
            return self.keys[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), Position(1, 1))

    def error(
        self, loc: Sequence[str | int], code: str, message: str, *, key: bool = False
    ) -> None:
        pos = self.position(loc, key=key)
        self.diagnostics.append(
            Diagnostic(self.path, pos.line, pos.col, Severity.ERROR, code, message)
        )


class _TooManyNodes(Exception):
    pass


class _ComposeAgain(Exception):
    """libyaml's nodes hit a constructor error: compose again with PyYAML to word it the same."""


_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None)
"""libyaml's composer: the same nodes (tags, marks) about ten times faster.

Front matter and records are composed at every build, so this is most of what
loading costs. Any problem is composed again with the pure-Python loader, whose
messages the diagnostics quote, so what a writer reads does not depend on
whether libyaml is installed.
"""


class _Builder:
    """Turns composed nodes into Python values, recording marks and refusing duplicates."""

    def __init__(self, doc: LoadedYaml, *, fast: bool = False) -> None:
        self.doc = doc
        self.count = 0
        self.scalars = yaml.SafeLoader("")
        self.fast = fast

    def build(self, node: yaml.Node, loc: Loc, active: frozenset[int]) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooManyNodes
        self.doc.values.setdefault(loc, _pos(node.start_mark, self.doc.line_offset))
        if id(node) in active:
            self.doc.error(loc, "yaml-alias", "an alias refers to itself; remove the loop")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, active | {id(node)})
        if isinstance(node, yaml.SequenceNode):
            return [
                self.build(child, (*loc, index), active | {id(node)})
                for index, child in enumerate(node.value)
            ]
        return self._scalar(node, loc)

    def _mapping(self, node: yaml.MappingNode, loc: Loc, active: frozenset[int]) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.doc.error(
                    loc, "yaml-merge", "merge keys ('<<') are not supported; write the fields out"
                )
                continue
            key = self._scalar(key_node, loc) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str | int) or isinstance(key, bool):
                pos = _pos(key_node.start_mark, self.doc.line_offset)
                self.doc.diagnostics.append(
                    Diagnostic(
                        self.doc.path,
                        pos.line,
                        pos.col,
                        Severity.ERROR,
                        "wrong-type",
                        "a key must be a plain name; quote it or rename it",
                    )
                )
                continue
            key = str(key)
            child = (*loc, key)
            key_pos = _pos(key_node.start_mark, self.doc.line_offset)
            if key in first_seen:
                self.doc.diagnostics.append(
                    Diagnostic(
                        self.doc.path,
                        key_pos.line,
                        key_pos.col,
                        Severity.ERROR,
                        "duplicate-key",
                        f"duplicate key {quote(key)} (first at line {first_seen[key]}); "
                        "YAML would silently keep only the last one: remove or merge them",
                    )
                )
                continue
            first_seen[key] = key_pos.line
            self.doc.keys[child] = key_pos
            result[key] = self.build(value_node, child, active)
        return result

    def _scalar(self, node: yaml.Node, loc: Loc) -> Any:
        if (
            node.tag == "tag:yaml.org,2002:str"
            and not getattr(node, "style", None)  # plain: None from PyYAML, "" from libyaml
            and _EXPONENT_FLOAT.match(node.value)
        ):
            # YAML 1.1 reads `2.4e12` as text; writers mean the number.
            return float(node.value)
        try:
            value = self.scalars.construct_object(node, deep=True)
        except (ValueError, yaml.constructor.ConstructorError) as exc:
            if self.fast and isinstance(exc, yaml.constructor.ConstructorError):
                raise _ComposeAgain from exc  # its message quotes a libyaml mark
            text = getattr(node, "value", "")
            if node.tag == "tag:yaml.org,2002:timestamp":
                self.doc.error(
                    loc, "bad-date", f"{quote(text)} is not a real date; write it as YYYY-MM-DD"
                )
            else:
                self.doc.error(loc, "yaml-syntax", f"cannot read {quote(text)}: {exc}")
            return None
        if isinstance(value, dt.datetime):
            self.doc.error(
                loc,
                "bad-date",
                f"{quote(node.value)} has a time of day; write the date as YYYY-MM-DD",
            )
            return None
        return value


def _pos(mark: yaml.Mark, offset: int = 0) -> Position:
    return Position(mark.line + 1 + offset, mark.column + 1)


def load_yaml_file(path: Path, display: str | None = None) -> LoadedYaml:
    """Load one YAML file. Problems go to ``diagnostics``; ``data`` is ``None`` if unusable."""
    doc = LoadedYaml(path=display or str(path))
    try:
        size = path.stat().st_size
    except OSError as exc:
        doc.error((), "unreadable", f"cannot read the file: {exc.strerror}")
        return doc
    if size > MAX_FILE_BYTES:
        doc.error(
            (),
            "file-too-large",
            f"the file is {size / 1024 / 1024:.1f} MiB; records are limited to "
            f"{MAX_FILE_BYTES // 1024 // 1024} MiB: split it or remove what does not belong",
        )
        return doc
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        doc.diagnostics.append(
            Diagnostic(
                doc.path,
                line,
                col,
                Severity.ERROR,
                "not-utf8",
                f"byte 0x{raw[exc.start]:02x} is not UTF-8; re-save the file with UTF-8 encoding",
            )
        )
        return doc
    return load_yaml_text(text, doc.path, into=doc)


def load_yaml_text(
    text: str, display: str, *, line_offset: int = 0, into: LoadedYaml | None = None
) -> LoadedYaml:
    """Load YAML text (a record, or a page's front matter starting ``line_offset`` lines in)."""
    doc = into or LoadedYaml(path=display)
    doc.line_offset = line_offset
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        doc.error((), "empty-file", "the file is empty; add a record or delete the file")
        return doc
    if _report_tabs(doc, text, line_offset):
        return doc
    fast = _FAST_LOADER is not None
    try:
        try:
            nodes = list(yaml.compose_all(text, Loader=_FAST_LOADER or yaml.SafeLoader))
        except yaml.YAMLError:
            if not fast:
                raise
            fast = False
            nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        if exc.context and exc.context_mark and exc.context_mark is not mark:
            problem += f" ({exc.context} at line {exc.context_mark.line + 1 + line_offset})"
        doc.diagnostics.append(
            Diagnostic(
                doc.path,
                line,
                col,
                Severity.ERROR,
                "yaml-syntax",
                f"YAML syntax: {problem}; check the indentation and quoting on this line",
            )
        )
        return doc
    except yaml.YAMLError as exc:
        doc.error((), "yaml-syntax", f"YAML syntax: {exc}")
        return doc
    documents = [n for n in nodes if n is not None]
    if len(documents) > 1:
        pos = _pos(documents[1].start_mark, line_offset)
        doc.diagnostics.append(
            Diagnostic(
                doc.path,
                pos.line,
                pos.col,
                Severity.ERROR,
                "multiple-documents",
                "a record file holds one YAML document; remove the '---' and what follows, "
                "or move it to its own file",
            )
        )
        return doc
    if not documents:
        doc.error((), "empty-file", "the file is empty; add a record or delete the file")
        return doc
    try:
        doc.data = _build(doc, documents[0], text, fast=fast)
    except _TooManyNodes:
        doc.data = None
        doc.error(
            (),
            "yaml-alias",
            f"the file expands to more than {MAX_NODES:,} values (an alias bomb?); "
            "remove the anchors and aliases",
        )
    return doc


def _build(doc: LoadedYaml, node: yaml.Node, text: str, *, fast: bool) -> Any:
    """The document's values; with libyaml's nodes, or PyYAML's if a value cannot be read."""
    if not fast:
        return _Builder(doc).build(node, (), frozenset())
    kept = (list(doc.diagnostics), dict(doc.values), dict(doc.keys))
    try:
        return _Builder(doc, fast=True).build(node, (), frozenset())
    except _ComposeAgain:
        doc.diagnostics, doc.values, doc.keys = kept
        slow = [n for n in yaml.compose_all(text, Loader=yaml.SafeLoader) if n is not None]
        return _Builder(doc).build(slow[0], (), frozenset())


def _report_tabs(doc: LoadedYaml, text: str, line_offset: int) -> bool:
    """YAML forbids tabs in indentation; say so on every such line rather than a cryptic error."""
    found = False
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            found = True
            doc.diagnostics.append(
                Diagnostic(
                    doc.path,
                    number + line_offset,
                    indent.index("\t") + 1,
                    Severity.ERROR,
                    "tab-indent",
                    "tab in indentation; YAML needs spaces: replace the tab with spaces",
                )
            )
    return found
