"""What a page read of the records, field by field, and when that read is still current.

The build cache replays a page only if everything it read of the catalog has the
value it had. These tests read a real catalog (the generated corpus's records)
through recording tables, the way a page does, and check both sides of the
bargain: a read is recorded (a missed one would serve a stale page), and an edit
to a field the page did not read leaves the page current (the point of reading
per field: a context-window edit must not re-render every review that names the
release).
"""

from __future__ import annotations

import copy
import pickle
import shutil
from pathlib import Path

import pytest
from bench import corpus
from pydantic import BaseModel

from modelpress._internal.cache.access import (
    ALL,
    PRESENT,
    Read,
    Recorder,
    RecordingDict,
    listening,
    record_tables,
    replay,
    unwrap,
)
from modelpress._internal.cache.digest import (
    TableDigests,
    _json,
    catalog_digest,
    digest,
    field_digests,
)
from modelpress._internal.records import Catalog, load_catalog
from modelpress._internal.records.models import Release

TABLES = ("releases", "incidents", "benchmarks", "orgs", "origins")


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus.generate(tmp_path_factory.mktemp("reads") / "site", posts=2, seed=5).root / "data"


def catalog_of(data: Path) -> Catalog:
    catalog, diagnostics = load_catalog(data)
    assert not [d for d in diagnostics if d.severity.name == "ERROR"], diagnostics
    record_tables(catalog, TABLES)
    return catalog


def reads_of(action: object) -> set[Read]:
    recorder = Recorder()
    with listening(recorder):
        assert callable(action)
        action()
    return recorder.reads


def first(catalog: Catalog) -> str:
    return next(iter(dict.keys(catalog.releases)))


def test_a_lookup_records_the_key_and_each_field_read(data: Path) -> None:
    catalog = catalog_of(data)
    rid = first(catalog)
    reads = reads_of(lambda: (catalog.releases[rid].name, catalog.releases[rid].pricing))
    assert reads == {
        ("releases", rid, PRESENT),
        ("releases", rid, "name"),
        ("releases", rid, "pricing"),
    }
    assert reads_of(lambda: catalog.releases.get("no-such-model")) == {
        ("releases", "no-such-model", PRESENT)
    }
    assert reads_of(lambda: "no-such-model" in catalog.releases) == {
        ("releases", "no-such-model", PRESENT)
    }


def test_a_view_passes_for_its_record_and_stays_the_same_object(data: Path) -> None:
    catalog = catalog_of(data)
    rid = first(catalog)
    view = catalog.releases[rid]
    assert isinstance(view, Release)
    assert view is catalog.releases[rid]
    assert type(unwrap(view)) is Release
    assert unwrap(view) is dict.__getitem__(catalog.releases, rid)


def test_a_property_records_the_fields_it_reads(data: Path) -> None:
    catalog = catalog_of(data)
    dated = next(r for r in dict.values(catalog.releases) if r.released is not None)
    reads = reads_of(lambda: catalog.releases[dated.id].date)
    assert ("releases", dated.id, "released") in reads
    assert ("releases", dated.id, ALL) not in reads


@pytest.mark.parametrize(
    "use",
    [
        lambda r: r.model_dump(),
        lambda r: r.model_dump_json(),
        lambda r: r == r,
        lambda r: repr(r),
        lambda r: str(r),
        lambda r: dict(r),
        lambda r: pickle.dumps(r),
        lambda r: copy.deepcopy(r),
        lambda r: copy.copy(r),
        lambda r: r.__dict__,
        lambda r: r.model_fields_set,
    ],
    ids=["dump", "json", "eq", "repr", "str", "iter", "pickle", "deepcopy", "copy", "dict", "set"],
)
def test_any_use_of_the_whole_record_reads_every_field(data: Path, use: object) -> None:
    catalog = catalog_of(data)
    rid = first(catalog)
    view = catalog.releases[rid]
    assert callable(use)
    assert ("releases", rid, ALL) in reads_of(lambda: use(view))


def test_whole_records_come_back_as_records_not_views(data: Path) -> None:
    catalog = catalog_of(data)
    view = catalog.releases[first(catalog)]
    assert type(pickle.loads(pickle.dumps(view))) is Release
    assert type(copy.deepcopy(view)) is Release
    assert pickle.loads(pickle.dumps(catalog.releases)) == dict(dict.items(catalog.releases))
    assert view == unwrap(view)
    assert unwrap(view) == view


def test_walking_the_table_records_its_keys_and_hands_out_views(data: Path) -> None:
    catalog = catalog_of(data)
    reads = reads_of(lambda: [r.id for r in catalog.chronological()])
    assert ("releases", ALL, PRESENT) in reads
    assert {f for t, k, f in reads if k != ALL} <= {"id", "released", "announced"}
    assert reads_of(lambda: len(catalog.releases)) == {("releases", ALL, PRESENT)}
    assert reads_of(lambda: catalog.releases == {}) == {("releases", ALL, ALL)}
    assert ("releases", ALL, ALL) in reads_of(lambda: pickle.dumps(catalog.releases))


def test_a_table_of_plain_values_records_entries_whole(data: Path) -> None:
    catalog = catalog_of(data)
    key = next(iter(dict.keys(catalog.origins)))
    assert ("origins", key, ALL) in reads_of(lambda: catalog.origins[key].line)


def test_replayed_reads_reach_the_listening_page(data: Path) -> None:
    """A result computed for one page and reused on another (a chart fence's parse)
    brings its reads along."""
    catalog = catalog_of(data)
    rid = first(catalog)
    made = reads_of(lambda: catalog.releases[rid].context_window)
    assert reads_of(lambda: replay(made)) == made


def edited(data: Path, tmp_path: Path, old: str, new: str) -> Catalog:
    """The catalog with one textual edit to the first release's file."""
    copied = tmp_path / "data"
    if not copied.exists():
        shutil.copytree(data, copied)
    path = sorted((copied / "releases").glob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return catalog_of(copied)


def stored(catalog: Catalog, reads: set[Read]) -> dict[str, str]:
    return TableDigests({t: getattr(catalog, t) for t in TABLES}).of_reads(reads)


def current(catalog: Catalog, kept: dict[str, str]) -> bool:
    return TableDigests({t: getattr(catalog, t) for t in TABLES}).unchanged(kept)


def test_an_edit_to_a_field_a_page_did_not_read_leaves_it_current(
    data: Path, tmp_path: Path
) -> None:
    before = catalog_of(data)
    path = sorted((data / "releases").glob("*.yaml"))[0]
    rid = path.stem
    strip = reads_of(lambda: (before.releases[rid].name, before.releases[rid].pricing))
    card = reads_of(lambda: before.releases[rid].context_window)
    kept_strip, kept_card = stored(before, strip), stored(before, card)
    text = path.read_text(encoding="utf-8")
    window = text.split("context_window:\n  value: ", 1)[1].split("\n", 1)[0]
    after = edited(data, tmp_path, f"  value: {window}\n", "  value: 4194304\n")
    assert current(after, kept_strip)
    assert not current(after, kept_card)
    # The whole record, and the table as a whole, changed too.
    whole = reads_of(lambda: before.releases[rid].model_dump())
    assert not current(after, stored(before, whole))
    assert catalog_digest(after) != catalog_digest(before)


def test_a_date_edit_reaches_pages_that_sorted_by_it(data: Path, tmp_path: Path) -> None:
    before = catalog_of(data)
    path = sorted((data / "releases").glob("*.yaml"))[0]
    order = reads_of(lambda: [r.id for r in before.chronological()])
    names = reads_of(lambda: before.releases[path.stem].name)
    kept, kept_names = stored(before, order), stored(before, names)
    text = path.read_text(encoding="utf-8")
    released = text.split("\nreleased: ", 1)[1].split("\n", 1)[0]
    after = edited(data, tmp_path, f"\nreleased: {released}\n", "\nreleased: 2026-11-30\n")
    assert not current(after, kept)
    assert current(after, kept_names)


def test_a_recording_dict_is_a_dict_of_the_same_entries(data: Path) -> None:
    catalog = catalog_of(data)
    table = catalog.releases
    assert isinstance(table, RecordingDict)
    assert list(table) == list(dict.keys(table))
    assert [unwrap(v) for v in table.values()] == list(dict.values(table))
    assert {k: unwrap(v) for k, v in dict(table).items()} == dict(dict.items(table))


def test_a_read_stored_in_another_shape_is_never_trusted(data: Path) -> None:
    """An entry written by the per-release cache (``table\\x00key``) is not current."""
    catalog = catalog_of(data)
    rid = first(catalog)
    digests = TableDigests({t: getattr(catalog, t) for t in TABLES})
    old = {f"releases\x00{rid}": digests.of("releases", rid)}
    assert not digests.unchanged(old)
    assert digests.changed(old) == [f"releases:{rid}"]


def test_giving_a_default_explicitly_changes_the_field(data: Path, tmp_path: Path) -> None:
    """``status: confirmed`` written out equals the default, but ``model_dump(
    exclude_unset=True)`` shows it: the field's fingerprint tells the two apart."""
    before = catalog_of(data)
    path = sorted((data / "releases").glob("*.yaml"))[0]
    window = reads_of(lambda: before.releases[path.stem].context_window)
    kept = stored(before, window)
    text = path.read_text(encoding="utf-8")
    value = text.split("context_window:\n", 1)[1].split("\n", 1)[0]
    after = edited(
        data,
        tmp_path,
        f"context_window:\n{value}\n",
        f"context_window:\n{value}\n  status: confirmed\n",
    )
    assert (
        unwrap(after.releases[path.stem]).context_window
        == unwrap(before.releases[path.stem]).context_window
    )
    assert not current(after, kept)


def test_equal_reads_of_different_pages_are_stored_as_one_string(data: Path) -> None:
    """The cache's index keeps every page's stored reads until the build ends; most pages
    read the same fields (every release's name), so each distinct read is one string."""
    catalog = catalog_of(data)

    def names() -> None:
        for release in catalog.releases.values():
            _ = release.name

    one, other = stored(catalog, reads_of(names)), stored(catalog, reads_of(names))

    assert one == other
    assert len(one) > 1
    assert all(a is b for a, b in zip(one, other, strict=True))


def test_field_fingerprints_follow_each_records_own_dump(data: Path) -> None:
    """Field fingerprints are kept by the record's JSON (records are made anew each
    build): for every record they are those of its ``model_dump`` field by field, and a
    record that differs in one field differs there only."""
    catalog, _ = load_catalog(data)
    records = [r for name in TABLES for r in getattr(catalog, name).values()]
    checked = 0
    for record in records:
        if not isinstance(record, BaseModel):
            continue
        dumped = record.model_dump(mode="json")
        given = record.model_dump(mode="json", exclude_unset=True)
        expected = {
            name: digest(_json(item), _json(given[name]) if name in given else "unset")
            for name, item in dumped.items()
        }
        assert dict(field_digests(record)) == expected
        checked += 1
    assert checked > 10
    release = next(iter(catalog.releases.values()))
    changed = release.model_copy(update={"name": release.name + " II"})
    before, after = field_digests(release), field_digests(changed)
    assert {name for name in before if before[name] != after[name]} == {"name"}
