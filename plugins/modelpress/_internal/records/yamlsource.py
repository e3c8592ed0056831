"""Safe YAML loading that remembers where every key and value came from.

PyYAML's ``safe_load`` forgets positions, accepts duplicate keys (the last one
silently wins) and expands alias bombs without limit. Records need all three
handled: each problem must name ``file:line:col``. So we compose the node tree
ourselves and build plain Python values from it, recording the mark of every
value and key by its path (``("benchmarks", 2, "score")``).
"""

from __future__ import annotations

import bisect
import copy
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from modelpress._internal.diagnostics import Diagnostic, Severity, quote
from modelpress._internal.textfile import read_text_file

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "LoadedYaml",
    "Loc",
    "Position",
    "YamlMemo",
    "copy_values",
    "load_yaml_file",
    "load_yaml_text",
]

MAX_FILE_BYTES = 2 * 1024 * 1024
"""A record is a few kilobytes; anything this large is a mistake (or an attack)."""

MAX_NODES = 100_000
"""Values built from one file; an alias bomb expands far past this."""

MAX_DEPTH = 64
"""Levels of nesting in one file. A record is a few levels deep; thousands of ``[`` would
exhaust Python's stack in PyYAML's recursive composer (and in anything that walks the values)."""

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
        return self.values.get((), Position(1 + self.line_offset, 1))

    def error(
        self, loc: Sequence[str | int], code: str, message: str, *, key: bool = False
    ) -> None:
        pos = self.position(loc, key=key)
        self.diagnostics.append(
            Diagnostic(self.path, pos.line, pos.col, Severity.ERROR, code, message)
        )


_PLAIN_COLLECTIONS = frozenset({"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})


class _TooManyNodes(Exception):
    pass


class _Lines:
    """Positions as the writer's editor counts them: lines end at ``\\n`` only.

    PyYAML and libyaml also break lines at U+2028, U+2029 and U+0085, which text pasted
    from the web often holds; their line numbers would then drift below the real line.
    A mark's character ``index`` is exact, so lines are counted from it.
    """

    def __init__(self, text: str, offset: int) -> None:
        self.offset = offset
        starts = [0]
        index = text.find("\n")
        while index >= 0:
            starts.append(index + 1)
            index = text.find("\n", index + 1)
        self.starts = starts

    def at(self, index: int) -> Position:
        line = bisect.bisect_right(self.starts, index) - 1
        return Position(line + 1 + self.offset, index - self.starts[line] + 1)

    def mark(self, mark: yaml.Mark) -> Position:
        return self.at(mark.index)


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

    def __init__(
        self, doc: LoadedYaml, lines: _Lines, *, fast: bool = False, datetimes: bool = False
    ) -> None:
        self.doc = doc
        self.lines = lines
        self.datetimes = datetimes
        self.count = 0
        self.scalars = yaml.SafeLoader("")
        self.fast = fast

    def build(self, node: yaml.Node, loc: Loc, active: frozenset[int]) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooManyNodes
        self.doc.values.setdefault(loc, self.lines.mark(node.start_mark))
        if len(loc) > MAX_DEPTH and isinstance(node, yaml.CollectionNode):
            self.doc.error(loc, "too-deep", _too_deep_message())
            raise _TooDeep
        if id(node) in active:
            self.doc.error(loc, "yaml-alias", "an alias refers to itself; remove the loop")
            return None
        if isinstance(node, yaml.CollectionNode) and node.tag not in _PLAIN_COLLECTIONS:
            # PyYAML would refuse it (or, unsafe, run it): never build what the tag asks for.
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.doc.error(
                loc,
                "yaml-syntax",
                f"cannot read the tag {quote(tag)}: write a plain list or mapping, without a tag",
            )
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
                pos = self.lines.mark(key_node.start_mark)
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
            key_pos = self.lines.mark(key_node.start_mark)
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
            elif node.tag == "tag:yaml.org,2002:int":
                # Python refuses to read integers of more than 4,300 digits (and says to call
                # sys.set_int_max_str_digits, which means nothing to a writer).
                self.doc.error(
                    loc,
                    "bad-value",
                    f"{quote(text)} is a number {len(text):,} characters long; no value here "
                    "needs more than a few digits: check it",
                )
            else:
                # A MarkedYAMLError's str() adds the snippet and a caret on lines of their own.
                problem = exc.problem if isinstance(exc, yaml.MarkedYAMLError) else str(exc)
                problem = " ".join(str(problem or "not a value YAML can read").split())
                self.doc.error(loc, "yaml-syntax", f"cannot read {quote(text)}: {problem}")
            return None
        if isinstance(value, dt.datetime) and not self.datetimes:
            self.doc.error(
                loc,
                "bad-date",
                f"{quote(node.value)} has a time of day; write the date as YYYY-MM-DD",
            )
            return None
        return value


class _TooDeep(Exception):
    """Nesting past :data:`MAX_DEPTH`: reported once, and the document is not used."""


def _too_deep_message() -> str:
    return (
        f"values are nested more than {MAX_DEPTH} levels deep here (a record or front matter "
        "needs a few): close the brackets or indent less"
    )


class YamlMemo:
    """Files loaded by one round of loads (a catalog), reused by the next while unchanged.

    The preview server loads every record again after each save, and composing them
    was most of what that costs. A file whose display path and exact text are those of
    a file loaded in the previous round (or this one) is not parsed again: the caller
    gets a copy of the document loaded then, values, positions and diagnostics
    included, which it may change (the catalog adds diagnostics to a document; the
    records keep the values they were validated from) without touching the copy kept.
    Documents not loaded in a round are forgotten at the end of the next.
    """

    def __init__(self) -> None:
        self._previous: dict[tuple[str, str], LoadedYaml] = {}
        self._current: dict[tuple[str, str], LoadedYaml] = {}

    def new_round(self) -> None:
        """A new round of loads starts: keep only what the last round loaded."""
        self._previous, self._current = self._current, {}

    def __len__(self) -> int:
        return len(self._previous.keys() | self._current.keys())

    def load(self, text: str, display: str) -> LoadedYaml:
        """:func:`load_yaml_text` of a record file's text, parsed once per text."""
        key = (display, text)
        kept = self._current.get(key) or self._previous.get(key)
        if kept is None:
            kept = load_yaml_text(text, display)
        self._current[key] = kept
        return LoadedYaml(
            path=kept.path,
            data=copy_values(kept.data),
            values=dict(kept.values),
            keys=dict(kept.keys),
            diagnostics=list(kept.diagnostics),
            line_offset=kept.line_offset,
        )


def copy_values(value: Any) -> Any:
    """A copy of loaded values that shares nothing mutable with them.

    Dicts and lists are rebuilt; strings, numbers, dates and bytes are immutable and
    shared; anything else (a set from libyaml's ``!!set``, say) is deep-copied.
    """
    if isinstance(value, dict):
        return {key: copy_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [copy_values(item) for item in value]
    if isinstance(value, _IMMUTABLE):
        return value
    return copy.deepcopy(value)


_IMMUTABLE = (str, int, float, bool, bytes, dt.date, type(None))
"""Scalars YAML's safe loaders build (``bool`` is an ``int``, ``datetime`` a ``date``)."""


def load_yaml_file(
    path: Path, display: str | None = None, memo: YamlMemo | None = None
) -> LoadedYaml:
    """Load one YAML file. Problems go to ``diagnostics``; ``data`` is ``None`` if unusable.

    With a ``memo``, a text it has already parsed is not parsed again.
    """
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
    decoded = read_text_file(path, doc.path)
    if decoded.text is None:
        assert decoded.diagnostic is not None
        doc.diagnostics.append(decoded.diagnostic)
        return doc
    if memo is not None:
        return memo.load(decoded.text, doc.path)
    return load_yaml_text(decoded.text, doc.path, into=doc)


def load_yaml_text(
    text: str,
    display: str,
    *,
    line_offset: int = 0,
    into: LoadedYaml | None = None,
    datetimes: bool = False,
) -> LoadedYaml:
    """Load YAML text (a record, or a page's front matter starting ``line_offset`` lines in).

    Never raises: every problem, however hostile the text, becomes a diagnostic.
    Records hold dates only, so a time of day is an error there; ``datetimes=True``
    keeps it (a blog post's ``date: 2025-03-01 10:00:00`` is valid front matter).
    """
    doc = into or LoadedYaml(path=display)
    doc.line_offset = line_offset
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.split("\n")
    ):
        doc.error((), "empty-file", "the file is empty; add a record or delete the file")
        return doc
    if _report_tabs(doc, text, line_offset):
        return doc
    lines = _Lines(text, line_offset)
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
        pos = lines.mark(mark) if mark else Position(1 + line_offset, 1)
        problem = exc.problem or "invalid YAML"
        if exc.context and exc.context_mark and exc.context_mark is not mark:
            problem += f" ({exc.context} at line {lines.mark(exc.context_mark).line})"
        problem += _yaml_line_break_hint(text, lines, exc.context_mark, mark)
        doc.diagnostics.append(
            Diagnostic(
                doc.path,
                pos.line,
                pos.col,
                Severity.ERROR,
                "yaml-syntax",
                f"YAML syntax: {problem}; check the indentation and quoting on this line",
            )
        )
        return doc
    except yaml.reader.ReaderError as exc:
        pos = lines.at(max(0, min(exc.position, len(text))))
        doc.diagnostics.append(
            Diagnostic(
                doc.path,
                pos.line,
                pos.col,
                Severity.ERROR,
                "yaml-syntax",
                f"character U+{exc.character:04X} is not allowed in YAML (a control character, "
                "invisible in most editors); delete it",
            )
        )
        return doc
    except yaml.YAMLError as exc:
        doc.error((), "yaml-syntax", f"YAML syntax: {quote(str(exc))}")
        return doc
    except RecursionError:
        # PyYAML composes nested collections recursively; find the place without recursing.
        doc.values[()] = _first_too_deep(text, lines)
        doc.error((), "too-deep", _too_deep_message())
        return doc
    documents = [n for n in nodes if n is not None]
    if len(documents) > 1:
        pos = lines.mark(documents[1].start_mark)
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
        doc.data = _build(doc, documents[0], text, lines, fast=fast, datetimes=datetimes)
    except _TooManyNodes:
        doc.data = None
        doc.error(
            (),
            "yaml-alias",
            f"the file expands to more than {MAX_NODES:,} values (an alias bomb?); "
            "remove the anchors and aliases",
        )
    except _TooDeep:
        doc.data = None
    if doc.data is None and not doc.diagnostics:
        # `~`, `null` or a bare anchor: callers take None for "already reported".
        doc.error(
            (), "empty-file", "the file holds only a null value; write the fields or delete it"
        )
    return doc


_YAML_ONLY_BREAKS = {"\u2028": "U+2028", "\u2029": "U+2029", "\x85": "U+0085"}


def _yaml_line_break_hint(text: str, lines: _Lines, *marks: yaml.Mark | None) -> str:
    """YAML reads U+2028, U+2029 and U+0085 (often pasted from the web) as line breaks that
    editors do not show; a plain value holding one then fails in ways nobody can see."""
    for mark in marks:
        if mark is None:
            continue
        start = text.rfind("\n", 0, mark.index) + 1
        end = text.find("\n", mark.index)
        line = text[start : end if end >= 0 else len(text)]
        for char, name in _YAML_ONLY_BREAKS.items():
            if char in line:
                return (
                    f" (line {lines.at(start).line} holds an invisible {name}, which YAML "
                    "reads as a line break: delete it, or quote the value)"
                )
    return ""


def _first_too_deep(text: str, lines: _Lines) -> Position:
    """Where nesting first goes past :data:`MAX_DEPTH`, found by PyYAML's flat token scanner."""
    opening = (
        yaml.FlowSequenceStartToken,
        yaml.FlowMappingStartToken,
        yaml.BlockSequenceStartToken,
        yaml.BlockMappingStartToken,
    )
    closing = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken)
    depth = 0  # the document's own collection is depth 1 here, and 0 in a value's path
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, opening):
                depth += 1
                if depth > MAX_DEPTH + 1:
                    return lines.mark(token.start_mark)
            elif isinstance(token, closing):
                depth -= 1
    except yaml.YAMLError:
        pass
    return lines.at(0)


def _build(
    doc: LoadedYaml, node: yaml.Node, text: str, lines: _Lines, *, fast: bool, datetimes: bool
) -> Any:
    """The document's values; with libyaml's nodes, or PyYAML's if a value cannot be read."""
    if not fast:
        return _Builder(doc, lines, datetimes=datetimes).build(node, (), frozenset())
    kept = (list(doc.diagnostics), dict(doc.values), dict(doc.keys))
    try:
        return _Builder(doc, lines, fast=True, datetimes=datetimes).build(node, (), frozenset())
    except _ComposeAgain:
        doc.diagnostics, doc.values, doc.keys = kept
        slow = [n for n in yaml.compose_all(text, Loader=yaml.SafeLoader) if n is not None]
        return _Builder(doc, lines, datetimes=datetimes).build(slow[0], (), frozenset())


def _report_tabs(doc: LoadedYaml, text: str, line_offset: int) -> bool:
    """YAML forbids tabs in indentation; say so on every such line rather than a cryptic error."""
    found = False
    for number, line in enumerate(text.split("\n"), start=1):
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
