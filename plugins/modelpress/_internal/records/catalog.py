"""The catalog: every record loaded, validated and cross-referenced once per build.

A site's pages, charts and checks all read the same :class:`Catalog`, so a
number appears the same everywhere. :func:`load_catalog` reports every problem
in ``data/`` in one pass (never just the first) and still returns a catalog of
the records that were valid, so the caller decides whether to stop.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from modelpress._internal.diagnostics import Diagnostic, Severity, did_you_mean, quote
from modelpress._internal.records.models import (
    Benchmark,
    BenchmarkRegistry,
    Incident,
    Org,
    OrgRegistry,
    Release,
    Source,
)
from modelpress._internal.records.validate import validate_document
from modelpress._internal.records.yamlsource import LoadedYaml, Loc, YamlMemo, load_yaml_file

__all__ = ["Catalog", "CatalogMemo", "InvalidRecord", "Origin", "load_catalog"]

RELEASES_DIR = "releases"
INCIDENTS_DIR = "incidents"
BENCHMARKS_FILE = "benchmarks.yaml"
ORGS_FILE = "orgs.yaml"


@dataclass(frozen=True)
class Origin:
    """Where a record was defined, for messages that point back at it."""

    path: str
    line: int


@dataclass(frozen=True)
class InvalidRecord:
    """A release whose file exists but does not parse or validate, so it is not in the catalog.

    Remembered so that a review, chart or incident naming it is told "its record is
    invalid (see FILE)" instead of "unknown release … (did you mean …)", which sent
    writers hunting for a typo that is not there.
    """

    id: str
    path: str

    def message(self, value: object, where: str = "") -> str:
        """The sentence for a reference ``value`` to this release, found in ``where``."""
        named = quote(value) if value == self.id else f"{quote(value)} ({quote(self.id)})"
        if where:
            named += f" in {quote(where)}"
        return (
            f"release {named} exists but its record is invalid (see {self.path}); "
            "fix the errors reported there"
        )


@dataclass
class Catalog:
    """All records of a site, keyed by id, with lookups that accept aliases."""

    releases: dict[str, Release] = field(default_factory=dict)
    incidents: dict[str, Incident] = field(default_factory=dict)
    benchmarks: dict[str, Benchmark] = field(default_factory=dict)
    orgs: dict[str, Org] = field(default_factory=dict)
    origins: dict[str, Origin] = field(default_factory=dict)
    benchmark_names: dict[str, str] = field(default_factory=dict)
    release_names: dict[str, str] = field(default_factory=dict)
    invalid_releases: dict[str, InvalidRecord] = field(default_factory=dict)
    """Releases whose records failed validation, by lowercased id, name and alias."""
    broken_registries: set[str] = field(default_factory=set)
    """``orgs`` / ``benchmarks`` when that file exists but could not be read or validated:
    its ids are unknown because of the file's own (reported) error, so names that refer
    to them are not reported once more, each as an "unknown" id."""

    def release_id(self, name: str) -> str | None:
        """The id for a release id, name or alias (case-insensitive), or None."""
        return self.release_names.get(name.strip().lower())

    def invalid_release(self, name: object) -> InvalidRecord | None:
        """The invalid record ``name`` names (id, name or alias), when it is not a valid release."""
        if not isinstance(name, str) or self.release_id(name) is not None:
            return None
        return self.invalid_releases.get(name.strip().lower())

    def benchmark_id(self, name: str) -> str | None:
        """The registry id for a benchmark id, name or alias (``LCB`` → ``livecodebench``)."""
        return self.benchmark_names.get(name.strip().lower())

    def chronological(self) -> list[Release]:
        """Releases oldest first; undated ones last, by id."""
        far = dt.date.max
        return sorted(self.releases.values(), key=lambda r: (r.date or far, r.id))

    def successors(self, release_id: str) -> list[Release]:
        return [r for r in self.chronological() if r.predecessor == release_id]

    def incidents_for(self, release_id: str) -> list[Incident]:
        found = [
            i for i in self.incidents.values() if any(x.release == release_id for x in i.releases)
        ]
        return sorted(found, key=lambda i: i.date, reverse=True)

    def source(self, release: Release, key: str) -> Source:
        return release.sources[key]


class CatalogMemo:
    """What the preview server keeps of its last load of the records, so the next load
    costs only what changed.

    - While every file the loader could read (the data folder and the folders in it)
      is byte for byte what the last load read, that load's catalog and findings are
      the answer: a save to a review changes no record, and validating 212 records
      anew took 0.16 s of every such save at 2,000 reviews. Nothing downstream
      changes a catalog (records are validated once and only read).
    - Otherwise the records are validated again, and only files whose text changed
      are parsed again (:attr:`parsed`).
    """

    def __init__(self) -> None:
        self.parsed = YamlMemo()
        self._kept: tuple[tuple[str, str, bytes], Catalog, list[Diagnostic]] | None = None

    def load(self, data_dir: Path, root: Path) -> tuple[Catalog, list[Diagnostic]]:
        files = _data_files_digest(data_dir)
        key = (os.fspath(data_dir), os.fspath(root), files) if files is not None else None
        if key is not None and self._kept is not None and self._kept[0] == key:
            return self._kept[1], list(self._kept[2])
        self._kept = None
        self.parsed.new_round()
        catalog, diagnostics = _Loader(data_dir, root, self.parsed).run()
        if key is not None:
            self._kept = (key, catalog, list(diagnostics))
        return catalog, diagnostics


def _data_files_digest(data_dir: Path) -> bytes | None:
    """Every name in the data folder and in each folder in it, with each file's bytes:
    all the loader can read (it reads no deeper). None when something cannot be read.

    Not ``cache.digest.tree_digest``: the records sit below the cache (``make lint``),
    and that one walks every level and skips what is not a file."""
    hasher = hashlib.sha256()

    def add(part: bytes) -> None:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)

    def add_entry(entry: os.DirEntry[str], depth: int) -> None:
        add(os.fsencode(entry.name))
        if entry.is_dir():
            add(b"folder")
            if depth == 0:
                for inner in sorted(os.scandir(entry.path), key=lambda e: e.name):
                    add_entry(inner, 1)
        elif entry.is_file():
            with open(entry.path, "rb") as stream:
                add(b"file")
                add(stream.read())
        else:
            add(b"other")

    try:
        if not data_dir.is_dir():
            return b"absent"
        for entry in sorted(os.scandir(data_dir), key=lambda e: e.name):
            add_entry(entry, 0)
    except OSError:
        return None
    return hasher.digest()


def load_catalog(
    data_dir: Path, *, root: Path | None = None, memo: CatalogMemo | None = None
) -> tuple[Catalog, list[Diagnostic]]:
    """Load and cross-check every record under ``data_dir``.

    Paths in diagnostics are shown relative to ``root`` (the site's folder), as
    a writer would type them. With a ``memo`` (the preview server keeps one), an
    unchanged data folder is not loaded again, and files whose text the last load
    parsed are not parsed again (see :class:`CatalogMemo`).
    """
    if memo is not None:
        return memo.load(data_dir, root or Path.cwd())
    return _Loader(data_dir, root or Path.cwd()).run()


class _Loader:
    def __init__(self, data_dir: Path, root: Path, memo: YamlMemo | None = None) -> None:
        self.data_dir = data_dir
        self.root = root
        self.memo = memo
        self.catalog = Catalog()
        self.diagnostics: list[Diagnostic] = []
        self.docs: dict[str, LoadedYaml] = {}
        self.invalid: list[LoadedYaml] = []
        """Documents that failed validation; still cross-checked as far as their data allows."""

    def display(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def run(self) -> tuple[Catalog, list[Diagnostic]]:
        if not self.data_dir.is_dir():
            self.diagnostics.append(
                Diagnostic(
                    self.display(self.data_dir),
                    1,
                    1,
                    Severity.ERROR,
                    "missing-file",
                    "the data folder does not exist; create it or set the records "
                    "plugin's 'data_dir' option",
                )
            )
            return self.catalog, self.diagnostics
        self._load_registry(ORGS_FILE, OrgRegistry, "orgs", self.catalog.orgs)
        self._load_registry(
            BENCHMARKS_FILE, BenchmarkRegistry, "benchmarks", self.catalog.benchmarks
        )
        self._index_benchmark_names()
        for path, doc, release in self._load_folder(RELEASES_DIR, Release):
            self._add(path, doc, release, self.catalog.releases, "release")
        self._index_release_names()
        self._remember_invalid_releases(list(self.invalid))  # only releases failed so far
        for path, doc, incident in self._load_folder(INCIDENTS_DIR, Incident):
            self._add(path, doc, incident, self.catalog.incidents, "incident")
        for release in self.catalog.releases.values():
            self._check_release(release, self.docs[f"release:{release.id}"])
        for incident in self.catalog.incidents.values():
            self._check_incident(incident, self.docs[f"incident:{incident.id}"])
        self._check_predecessor_cycles()
        for doc in self.invalid:
            self._check_invalid(doc)
        self.catalog.releases = {r.id: r for r in self.catalog.chronological()}
        for doc in self._all_docs():
            self.diagnostics.extend(doc.diagnostics)
        self.diagnostics.sort()
        return self.catalog, self.diagnostics

    def _all_docs(self) -> Iterator[LoadedYaml]:
        seen: set[int] = set()
        for doc in self.docs.values():
            if id(doc) not in seen:
                seen.add(id(doc))
                yield doc

    # -- loading -----------------------------------------------------------

    def _load(self, path: Path) -> LoadedYaml:
        doc = load_yaml_file(path, self.display(path), self.memo)
        self.docs[f"file:{doc.path}"] = doc
        return doc

    def _load_registry(
        self,
        name: str,
        model: type[OrgRegistry] | type[BenchmarkRegistry],
        key: str,
        into: dict[str, Any],
    ) -> None:
        path = self.data_dir / name
        if not path.exists():
            return
        doc = self._load(path)
        registry = validate_document(doc, model) if doc.data is not None else None
        if registry is None:
            self.catalog.broken_registries.add(key)
            return
        for index, entry in enumerate(getattr(registry, key)):
            if entry.id in into:
                doc.error(
                    (key, index, "id"),
                    "duplicate-id",
                    f"{quote(entry.id)} is listed twice in {name}; remove one",
                )
                continue
            into[entry.id] = entry
            self.catalog.origins[f"{key}:{entry.id}"] = Origin(
                doc.path, doc.position((key, index)).line
            )
            self.docs[f"{key}:{entry.id}"] = doc

    def _load_folder(
        self, folder: str, model: type[BaseModel]
    ) -> Iterator[tuple[Path, LoadedYaml, Any]]:
        directory = self.data_dir / folder
        if not directory.is_dir():
            return
        for path in sorted(directory.iterdir()):
            if path.suffix == ".yml":
                doc = self._load(path)
                doc.error((), "wrong-extension", "record files end in '.yaml'; rename it")
                continue
            if path.suffix != ".yaml" or path.name.startswith("."):
                continue
            doc = self._load(path)
            # A file that does not even parse is invalid too: a reference to its id
            # must point at it, not ask whether the writer meant another release.
            record = validate_document(doc, model) if doc.data is not None else None
            if record is not None:
                yield path, doc, record
            else:
                self.invalid.append(doc)

    def _add(
        self, path: Path, doc: LoadedYaml, record: Any, into: dict[str, Any], kind: str
    ) -> None:
        key = f"{kind}:{record.id}"
        if record.id in into:
            first = self.catalog.origins[key]
            doc.error(
                ("id",),
                "duplicate-id",
                f"{kind} id {quote(record.id)} is already used by {first.path}:{first.line}; "
                "give one of them another id",
            )
            return
        if path.stem != record.id:
            doc.diagnostics.append(
                Diagnostic(
                    doc.path,
                    doc.position(("id",)).line,
                    doc.position(("id",)).col,
                    Severity.WARNING,
                    "id-mismatch",
                    f"the id {quote(record.id)} differs from the file name {quote(path.name)}; "
                    f"rename the file to '{record.id}.yaml'",
                )
            )
        into[record.id] = record
        self.docs[key] = doc
        self.catalog.origins[key] = Origin(doc.path, doc.position(("id",)).line)

    def _index_benchmark_names(self) -> None:
        names = self.catalog.benchmark_names
        for bench in self.catalog.benchmarks.values():
            doc = self.docs[f"benchmarks:{bench.id}"]
            for name in (bench.id, bench.name, *bench.aliases):
                lowered = name.lower()
                if names.get(lowered, bench.id) != bench.id:
                    doc.error(
                        ("benchmarks",),
                        "ambiguous-alias",
                        f"{quote(name)} names both {quote(names[lowered])} and {quote(bench.id)}; "
                        "remove it from one of them",
                    )
                    continue
                names[lowered] = bench.id

    def _index_release_names(self) -> None:
        names = self.catalog.release_names
        for release in self.catalog.releases.values():
            names[release.id] = release.id
        for release in self.catalog.releases.values():
            for index, name in enumerate((release.name, *release.aliases)):
                lowered = name.lower()
                if names.get(lowered, release.id) != release.id:
                    loc: Loc = ("name",) if index == 0 else ("aliases", index - 1)
                    self.docs[f"release:{release.id}"].error(
                        loc,
                        "ambiguous-alias",
                        f"{quote(name)} also names release {quote(names[lowered])}; "
                        "use a name or alias that is unique",
                    )
                    continue
                names[lowered] = release.id

    def _remember_invalid_releases(self, docs: list[LoadedYaml]) -> None:
        for doc in docs:
            data = doc.data if isinstance(doc.data, dict) else {}
            given = data.get("id")
            release_id = given if isinstance(given, str) and given else Path(doc.path).stem
            if release_id in self.catalog.releases:
                continue  # a second file with a valid record's id: that id resolves
            record = InvalidRecord(release_id, doc.path)
            aliases = data.get("aliases")
            names = [release_id, data.get("name"), *(aliases if isinstance(aliases, list) else [])]
            for name in names:
                if isinstance(name, str) and name.strip():
                    lowered = name.strip().lower()
                    if lowered not in self.catalog.release_names:
                        self.catalog.invalid_releases.setdefault(lowered, record)

    # -- cross-references ----------------------------------------------------

    def _unknown(
        self,
        doc: LoadedYaml,
        loc: Loc,
        kind: str,
        value: str,
        known: list[str] | dict[str, str],
        where: str,
    ) -> None:
        doc.error(
            loc,
            "unknown-id",
            f"unknown {kind} {quote(value)}{did_you_mean(value, known)}; add it to {where} "
            "or fix the spelling",
        )

    def _unknown_release(self, doc: LoadedYaml, loc: Loc, value: str) -> None:
        invalid = self.catalog.invalid_release(value)
        if invalid is not None:
            doc.error(loc, "invalid-release", invalid.message(value))
            return
        releases = list(self.catalog.releases)
        self._unknown(doc, loc, "release", value, releases, f"data/{RELEASES_DIR}/")

    def _check_release(self, release: Release, doc: LoadedYaml) -> None:
        orgs = list(self.catalog.orgs)
        if release.org not in self.catalog.orgs and "orgs" not in self.catalog.broken_registries:
            self._unknown(doc, ("org",), "org", release.org, orgs, f"data/{ORGS_FILE}")
        if release.announced and release.released and release.released < release.announced:
            doc.error(
                ("released",),
                "bad-date",
                f"released ({release.released}) is before announced "
                f"({release.announced}); check both dates",
            )
        if release.dates_source is None and (release.announced or release.released):
            dated = "announced" if release.announced else "released"
            doc.error(
                (dated,),
                "missing-source",
                "this date has no source; add 'dates_source: <key>' naming the entry under "
                "'sources:' that gives the announced/released dates",
            )
        if release.predecessor is not None:
            if release.predecessor == release.id:
                doc.error(
                    ("predecessor",),
                    "predecessor-cycle",
                    "a release cannot be its own predecessor; fix or remove 'predecessor'",
                )
            elif release.predecessor not in self.catalog.releases:
                self._unknown_release(doc, ("predecessor",), release.predecessor)
        for index, score in enumerate(release.benchmarks):
            canonical = self.catalog.benchmark_id(score.benchmark)
            if canonical is not None:
                score.benchmark = canonical
                if score.unit is None:
                    score.unit = self.catalog.benchmarks[canonical].unit
            elif "benchmarks" not in self.catalog.broken_registries:
                self._unknown(
                    doc,
                    ("benchmarks", index, "benchmark"),
                    "benchmark",
                    score.benchmark,
                    self.catalog.benchmark_names,
                    f"data/{BENCHMARKS_FILE}",
                )
            if score.score is not None and score.unit == "percent" and not 0 <= score.score <= 100:
                doc.error(
                    ("benchmarks", index, "score"),
                    "out-of-range",
                    f"a percent score must be between 0 and 100, got {score.score:g}; "
                    "check the number or set the right 'unit'",
                )
        for index, plan in enumerate(release.pricing.plans):
            for pos, included in enumerate(plan.includes):
                if included not in self.catalog.releases:
                    self._unknown_release(
                        doc, ("pricing", "plans", index, "includes", pos), included
                    )
        self._check_source_keys(doc, set(release.sources))

    def _check_incident(self, incident: Incident, doc: LoadedYaml) -> None:
        for index, involved in enumerate(incident.releases):
            if involved.release not in self.catalog.releases:
                self._unknown_release(doc, ("releases", index, "release"), involved.release)

    def _check_invalid(self, doc: LoadedYaml) -> None:
        """Cross-check what can be checked in a record that failed validation.

        A writer fixing a typo in one field should not discover an unknown org or
        source key only on the next run.
        """
        data = doc.data if isinstance(doc.data, dict) else {}
        org = data.get("org")
        is_release = "releases" not in data
        orgs_known = "orgs" not in self.catalog.broken_registries
        if is_release and isinstance(org, str) and org not in self.catalog.orgs and orgs_known:
            self._unknown(doc, ("org",), "org", org, list(self.catalog.orgs), f"data/{ORGS_FILE}")
        sources = data.get("sources")
        if isinstance(sources, dict):
            self._check_source_keys(doc, {str(k) for k in sources}, report_unused=False)

    def _check_source_keys(
        self, doc: LoadedYaml, keys: set[str], *, report_unused: bool = True
    ) -> None:
        """Every ``source:`` must name an entry under ``sources:``; unused entries are noise."""
        used: set[str] = set()
        for loc, value in _walk(doc.data, ()):
            if (
                loc
                and loc[-1] in ("source", "dates_source")
                and loc[0] != "sources"
                and isinstance(value, str)
            ):
                used.add(value)
                if value not in keys:
                    doc.error(
                        loc,
                        "unknown-source",
                        f"source {quote(value)} is not defined{did_you_mean(value, keys)}; "
                        "add it under 'sources:' with its url and title",
                    )
        for key in sorted(keys - used) if report_unused else ():
            pos = doc.position(("sources", key), key=True)
            doc.diagnostics.append(
                Diagnostic(
                    doc.path,
                    pos.line,
                    pos.col,
                    Severity.WARNING,
                    "unused-source",
                    f"source {quote(key)} is never cited; cite it or remove it",
                )
            )

    def _check_predecessor_cycles(self) -> None:
        releases = self.catalog.releases
        reported: set[str] = set()
        for start in releases:
            chain: list[str] = []
            current: str | None = start
            while current is not None and current in releases and current not in chain:
                chain.append(current)
                current = releases[current].predecessor
            if current is None or current not in chain or current == chain[-1] == start:
                continue
            cycle = chain[chain.index(current) :]
            if reported.intersection(cycle):
                continue
            reported.update(cycle)
            first = min(cycle)
            self.docs[f"release:{first}"].error(
                ("predecessor",),
                "predecessor-cycle",
                "predecessors form a loop: "
                + " → ".join([*cycle, current])
                + "; one of them names the wrong predecessor",
            )


def _walk(data: Any, loc: Loc) -> Iterator[tuple[Loc, Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*loc, key), value
            yield from _walk(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield (*loc, index), value
            yield from _walk(value, (*loc, index))
