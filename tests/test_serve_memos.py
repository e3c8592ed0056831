"""What the preview server keeps from one build to the next is never stale.

``modelpress serve`` runs every build in one process and keeps plugins (and what
they remember) between them: compiled theme templates, the generated pages and
downloads, parsed record files, the posts' dates. Each memo here is tested the
way it could go wrong: an input changes between two builds in the same process
(a template, a record, a review's ``models:``, an override), and the output must
change with it, as a clean build of the new files would write it.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bench import corpus
from jinja2 import DictLoader, Environment, pass_context
from jinja2.runtime import Context
from mkdocs.config.defaults import MkDocsConfig

from modelpress._internal.diagnostics import Diagnostic, Severity
from modelpress._internal.mkdocs_plugins.generated import GENERATED_PAGES, MODEL_INDEX_FILES
from modelpress._internal.mkdocs_plugins.records import RecordsPlugin
from modelpress._internal.mkdocs_plugins.reviews import ReviewsPlugin
from modelpress._internal.mkdocs_plugins.templates import MemoryBytecodeCache
from modelpress._internal.pages.templating import PACKAGE_TEMPLATES
from modelpress._internal.pages.urls import model_index_uri
from modelpress._internal.records import load_catalog
from modelpress._internal.records.catalog import CatalogMemo
from modelpress._internal.records.yamlsource import YamlMemo, load_yaml_file
from tests.support.site import lenient, rebuild_in_process, replace_once

# -- compiled templates --------------------------------------------------------------------


def _render(
    cache: MemoryBytecodeCache,
    templates: dict[str, str],
    filters: dict[str, Callable[..., object]] | None = None,
) -> str:
    """A new environment (as MkDocs makes one per build) sharing ``cache``."""
    env = Environment(loader=DictLoader(templates))
    env.filters.update(filters or {})
    env.bytecode_cache = cache
    return env.get_template("page.html").render(name="x")


def test_templates_compiled_once_are_reused_by_the_next_environment() -> None:
    cache = MemoryBytecodeCache()
    templates = {"page.html": "<p>{{ name | upper }}</p>"}
    assert _render(cache, templates) == "<p>X</p>"
    assert (cache.hits, cache.misses) == (0, 1)
    assert _render(cache, templates) == "<p>X</p>"
    assert (cache.hits, cache.misses) == (1, 1)


def test_an_edited_template_is_compiled_again() -> None:
    cache = MemoryBytecodeCache()
    assert _render(cache, {"page.html": "<p>{{ name }}</p>"}) == "<p>x</p>"
    assert _render(cache, {"page.html": "<b>{{ name }}</b>"}) == "<b>x</b>"
    assert cache.hits == 0


def test_a_filter_folded_at_compile_time_from_a_new_closure_is_not_reused() -> None:
    """Jinja evaluates ``"x" | f`` while compiling when ``f`` takes no context: the
    compiled code holds f's result. A filter made anew per build (like the blog's
    ``date``) may answer differently, so its templates are compiled again."""
    cache = MemoryBytecodeCache()
    templates = {"page.html": '{{ "2025-01-02" | stamp }}'}

    def stamp_for(build: int) -> Callable[[str], str]:
        return lambda value: f"{value} (build {build})"

    assert _render(cache, templates, {"stamp": stamp_for(1)}) == "2025-01-02 (build 1)"
    assert _render(cache, templates, {"stamp": stamp_for(2)}) == "2025-01-02 (build 2)"


def test_a_per_build_filter_applied_to_variables_only_is_reused() -> None:
    """The blog's ``date`` filter is a new closure per build but Material applies it to
    the post's date, read at render time: those templates are not compiled again."""
    cache = MemoryBytecodeCache()
    templates = {"page.html": "{{ name | stamp }} {{ (name ~ '!') | stamp }}"}

    def stamp_for(build: int) -> Callable[[str], str]:
        return lambda value: f"{value}@{build}"

    assert _render(cache, templates, {"stamp": stamp_for(1)}) == "x@1 x!@1"
    assert _render(cache, templates, {"stamp": stamp_for(2)}) == "x@2 x!@2"
    assert cache.hits == 1


@pytest.mark.parametrize(
    "source",
    [
        "{% filter stamp %}2025-01-02{% endfilter %}",
        '{{ ("2025-01-02" if true else name) | stamp }}',
        '{{ ("2025-01-02" or name) | stamp }}',
        "{{ name ~ ('2025-01-02' | stamp) }}",
        "{{ missing | default('2025-01-02' | stamp) }}",
    ],
)
def test_a_per_build_filter_that_may_fold_a_constant_compiles_anew(source: str) -> None:
    cache = MemoryBytecodeCache()
    templates = {"page.html": source}

    def stamp_for(build: int) -> Callable[[str], str]:
        return lambda value: f"{value}@{build}"

    first = _render(cache, templates, {"stamp": stamp_for(1)})
    second = _render(cache, templates, {"stamp": stamp_for(2)})
    assert "@1" in first
    assert "@2" in second
    assert "@1" not in second


def _angle(value: str) -> str:
    return f"<{value}>"


@pass_context
def _bracket(context: Context, value: str) -> str:
    return f"[{value} {context['name']}]"


def test_a_filter_that_changes_how_it_is_called_recompiles() -> None:
    """Whether a filter takes the context is compiled into the call (both filters here
    are module-level functions, the same objects in every build)."""
    cache = MemoryBytecodeCache()
    templates = {"page.html": "{{ name | tag }}"}
    assert _render(cache, templates, {"tag": _angle}) == "<x>"
    assert _render(cache, templates, {"tag": _bracket}) == "[x x]"
    assert _render(cache, templates, {"tag": _angle}) == "<x>"


def test_other_syntax_settings_do_not_reuse_code() -> None:
    cache = MemoryBytecodeCache()
    source = {"page.html": "  {% if true %}\n<p>{{ name }}</p>\n  {% endif %}\n"}
    plain = Environment(loader=DictLoader(source))
    plain.bytecode_cache = cache
    trimmed = Environment(loader=DictLoader(source), trim_blocks=True, lstrip_blocks=True)
    trimmed.bytecode_cache = cache
    assert plain.get_template("page.html").render(name="x") == "  \n<p>x</p>\n  "
    assert trimmed.get_template("page.html").render(name="x") == "<p>x</p>\n"


# -- whole builds in one process, as the preview server runs them -------------------------


class WarmSite:
    """A generated site rebuilt in this process with the plugins of its previous build."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.builds = 0
        self.config: MkDocsConfig | None = None

    def rebuild(self) -> None:
        self.config, _ = rebuild_in_process(self.root / "mkdocs.yml", first=self.builds == 0)
        self.builds += 1

    def page(self, path: str) -> str:
        return (self.root / "site" / path).read_text(encoding="utf-8")

    def edit(self, path: str, old: str, new: str) -> None:
        replace_once(self.root / path, old, new)


@pytest.fixture(scope="module")
def base_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = corpus.generate(tmp_path_factory.mktemp("memos") / "site", posts=4, seed=5).root
    lenient(root)
    return root


@pytest.fixture
def warm(base_site: Path, tmp_path: Path) -> WarmSite:
    root = tmp_path / "site"
    shutil.copytree(base_site, root)
    site = WarmSite(root)
    return site


@pytest.mark.e2e
def test_a_theme_override_edited_between_builds_shows_on_the_next(warm: WarmSite) -> None:
    """The theme's partial is compiled in the first build; the edited one must be used."""
    partial = warm.root / "site_overrides" / "partials" / "copyright.html"
    partial.parent.mkdir(parents=True, exist_ok=True)
    partial.write_text('<div class="md-copyright">alpha-footer</div>\n', encoding="utf-8")
    warm.rebuild()
    assert "alpha-footer" in warm.page("index.html")
    partial.write_text('<div class="md-copyright">omega-footer</div>\n', encoding="utf-8")
    warm.rebuild()
    assert "omega-footer" in warm.page("index.html")
    assert "alpha-footer" not in warm.page("index.html")


@pytest.mark.e2e
def test_every_environment_of_the_theme_shares_the_compiled_templates(warm: WarmSite) -> None:
    """The build's own, and those Material's blog and search make to translate labels."""
    warm.rebuild()
    warm.rebuild()
    assert warm.config is not None
    reviews = warm.config.plugins["modelpress/reviews"]
    assert isinstance(reviews, ReviewsPlugin)
    assert warm.config.theme.get_env().bytecode_cache is reviews.templates
    hits = reviews.templates.hits
    warm.config.theme.get_env().get_template("partials/language.html")
    assert reviews.templates.hits == hits + 1


# -- generated pages and downloads ------------------------------------------------------

RECORD = "data/releases/atlas-1.yaml"
MODEL_PAGE = "models/atlas-1/index.html"
RELEASES_JSON = "data/releases.json"


def _records_plugin(site: WarmSite) -> RecordsPlugin:
    assert site.config is not None
    plugin = site.config.plugins["modelpress/records"]
    assert isinstance(plugin, RecordsPlugin)
    return plugin


@pytest.mark.e2e
def test_unchanged_inputs_reuse_the_generated_pages(warm: WarmSite) -> None:
    """The memo is used at all: a rebuild without any edit renders none of them again."""
    warm.rebuild()
    before = _records_plugin(warm).generated.hits
    first = warm.page(MODEL_PAGE)
    warm.rebuild()
    assert _records_plugin(warm).generated.hits == before + 2  # pages, downloads
    assert warm.page(MODEL_PAGE) == first


@pytest.mark.e2e
def test_a_record_edited_between_builds_changes_its_page_and_the_downloads(
    warm: WarmSite,
) -> None:
    warm.rebuild()
    assert "Quietly edited summary" not in warm.page(MODEL_PAGE)
    warm.edit(
        RECORD, "summary: Confirmed family", "summary: Quietly edited summary. Confirmed family"
    )
    warm.rebuild()
    assert "Quietly edited summary" in warm.page(MODEL_PAGE)
    assert "Quietly edited summary" in warm.page(RELEASES_JSON)


@pytest.mark.e2e
def test_a_review_naming_another_model_moves_to_that_model_page(warm: WarmSite) -> None:
    post = "content/reviews/posts/review-00001-atlas-1.md"
    title = "review-00001-atlas-1"  # its slug, in the link to it
    warm.rebuild()
    assert title in warm.page(MODEL_PAGE)
    assert title not in warm.page("models/borealis-1/index.html")
    warm.edit(post, "models:\n- atlas-1", "models:\n- borealis-1")
    warm.rebuild()
    assert title not in warm.page(MODEL_PAGE)
    assert title in warm.page("models/borealis-1/index.html")


@pytest.mark.e2e
def test_a_page_template_override_edited_between_builds_is_used(warm: WarmSite) -> None:
    override = warm.root / "site_overrides" / "modelpress" / "release.md.j2"
    override.parent.mkdir(parents=True, exist_ok=True)
    original = (PACKAGE_TEMPLATES / "release.md.j2").read_text(encoding="utf-8")
    override.write_text(original + "\nOverride alpha.\n", encoding="utf-8")
    warm.rebuild()
    assert "Override alpha." in warm.page(MODEL_PAGE)
    override.write_text(original + "\nOverride omega.\n", encoding="utf-8")
    warm.rebuild()
    assert "Override omega." in warm.page(MODEL_PAGE)
    assert "Override alpha." not in warm.page(MODEL_PAGE)


# -- parsed record files ------------------------------------------------------------------


def test_a_record_file_edited_between_loads_is_parsed_again(
    base_site: Path, tmp_path: Path
) -> None:
    root = tmp_path / "site"
    shutil.copytree(base_site / "data", root / "data")
    memo = CatalogMemo()
    catalog, problems = load_catalog(root / "data", root=root, memo=memo)
    assert problems == []
    assert catalog.releases["atlas-1"].name == "Atlas 1"
    record = root / RECORD
    record.write_text(
        record.read_text(encoding="utf-8").replace("name: Atlas 1", "name: Atlas One"),
        encoding="utf-8",
    )
    catalog, problems = load_catalog(root / "data", root=root, memo=memo)
    assert problems == []
    assert catalog.releases["atlas-1"].name == "Atlas One"


def test_a_broken_record_is_reported_at_every_load(tmp_path: Path) -> None:
    """Diagnostics come with the kept document, and the catalog's own (added to the
    document it was handed) do not pile up from one load to the next."""
    data = tmp_path / "data"
    (data / "releases").mkdir(parents=True)
    (data / "releases" / "bad.yaml").write_text("id: bad\nname: [unclosed\n", encoding="utf-8")
    (data / "releases" / "dup.yaml").write_text("id: x\nid: y\n", encoding="utf-8")
    memo = CatalogMemo()
    first = load_catalog(data, root=tmp_path, memo=memo)[1]
    assert first
    for _ in range(2):
        assert load_catalog(data, root=tmp_path, memo=memo)[1] == first
    assert load_catalog(data, root=tmp_path)[1] == first


def _edit_release(data: Path) -> None:
    path = data / "releases" / "atlas-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Atlas 1", "Atlas 2"), "utf-8")


def _add_release(data: Path) -> None:
    text = (data / "releases" / "atlas-1.yaml").read_text(encoding="utf-8")
    (data / "releases" / "atlas-9.yaml").write_text(text.replace("atlas-1", "atlas-9"), "utf-8")


def _misname_release(data: Path) -> None:
    (data / "releases" / "atlas-1.yaml").rename(data / "releases" / "atlas-1.yml")


def _add_incident_folder(data: Path) -> None:
    shutil.rmtree(data / "incidents", ignore_errors=True)
    (data / "incidents").mkdir()
    (data / "incidents" / "broken.yaml").write_text("id: [\n", encoding="utf-8")


def _break_benchmarks(data: Path) -> None:
    (data / "benchmarks.yaml").write_text("benchmarks: 3\n", encoding="utf-8")


def _remove_folder(data: Path) -> None:
    shutil.rmtree(data)


@pytest.mark.parametrize(
    "edit",
    [
        _edit_release,
        _add_release,
        _misname_release,
        _add_incident_folder,
        _break_benchmarks,
        _remove_folder,
    ],
)
def test_the_catalog_is_kept_while_no_record_file_changes_and_loaded_anew_after_any_change(
    base_site: Path, tmp_path: Path, edit: Callable[[Path], None]
) -> None:
    """The preview server's load of the records: the very catalog of the last load while
    the data folder holds the same names and bytes; after an edit, what a fresh load of
    the edited folder gives, findings included."""
    data = tmp_path / "data"
    shutil.copytree(base_site / "data", data)
    memo = CatalogMemo()
    first, problems = load_catalog(data, root=tmp_path, memo=memo)
    record = data / "releases" / "atlas-1.yaml"
    record.write_bytes(record.read_bytes())  # written again, the same bytes
    again, again_problems = load_catalog(data, root=tmp_path, memo=memo)
    assert again is first
    assert again_problems == problems
    again_problems.append(Diagnostic("x.md", 1, 1, Severity.ERROR, "wrong-type", "a caller's own"))
    assert load_catalog(data, root=tmp_path, memo=memo)[1] == problems
    edit(data)
    edited, edited_problems = load_catalog(data, root=tmp_path, memo=memo)
    fresh, fresh_problems = load_catalog(data, root=tmp_path)
    assert edited is not first
    assert (edited, edited_problems) == (fresh, fresh_problems)
    assert (edited, edited_problems) != (first, problems)


def test_what_a_load_returns_can_be_changed_without_changing_the_next(tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    path.write_text("id: a\nscores:\n- name: x\n  value: 1\n", encoding="utf-8")
    memo = YamlMemo()
    first = load_yaml_file(path, "record.yaml", memo)
    first.data["scores"][0]["value"] = 2
    first.data["id"] = "changed"
    first.error(("id",), "duplicate-id", "added by a caller")
    first.values.clear()
    second = load_yaml_file(path, "record.yaml", memo)
    assert second.data == {"id": "a", "scores": [{"name": "x", "value": 1}]}
    assert second.diagnostics == []
    assert second.position(("scores", 0, "value")).line == 4
    assert second.data == load_yaml_file(path, "record.yaml").data


def test_the_memo_keeps_only_what_the_last_round_loaded(tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    memo = YamlMemo()
    for value in range(5):
        memo.new_round()
        path.write_text(f"id: a\nvalue: {value}\n", encoding="utf-8")
        assert load_yaml_file(path, "record.yaml", memo).data == {"id": "a", "value": value}
    assert len(memo) == 2


# -- the posts' dates, read before the build --------------------------------------------


@pytest.mark.e2e
def test_the_build_date_follows_a_post_date_edited_between_builds(warm: WarmSite) -> None:
    """The build is dated by its newest published post (sitemap ``lastmod``), read before
    the build; a past date newer than every post's, since future posts are drafts here."""
    post = "content/reviews/posts/review-00004-atlas-1.md"
    warm.rebuild()
    assert "<lastmod>2026-06-01</lastmod>" not in warm.page("sitemap.xml")
    text = (warm.root / post).read_text(encoding="utf-8")
    created = text.split("created: ", 1)[1].split("\n", 1)[0]
    warm.edit(post, f"created: {created}", "created: 2026-06-01")
    warm.rebuild()
    assert "<lastmod>2026-06-01</lastmod>" in warm.page("sitemap.xml")


@pytest.mark.e2e
def test_a_record_edit_renders_again_only_the_model_pages_that_read_it(warm: WarmSite) -> None:
    """Each model page is kept with the record fields it read: a summary is shown on its
    own model page only, so that page alone is rendered again (and shows the edit)."""
    warm.rebuild()
    warm.rebuild()
    assert GENERATED_PAGES.computed == 0  # nothing changed: every model page was kept
    warm.edit(
        RECORD, "summary: Confirmed family", "summary: Quietly edited summary. Confirmed family"
    )
    warm.rebuild()
    assert GENERATED_PAGES.computed == 1
    assert "Quietly edited summary" in warm.page(MODEL_PAGE)


@pytest.mark.e2e
def test_a_config_named_relatively_then_absolutely_keeps_the_model_pages(
    warm: WarmSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``modelpress serve --config-file mkdocs.yml``: MkDocs gives the first build the
    theme's ``custom_dir`` relative and the rebuilds an absolute one; an unchanged site
    must not render its model pages again on the first save."""
    monkeypatch.chdir(warm.root)
    with Path("mkdocs.yml").open("rb") as named_as_typed:
        warm.config, _ = rebuild_in_process(named_as_typed, first=True)
    warm.builds += 1
    assert not Path(warm.config.theme.custom_dir).is_absolute()
    warm.rebuild()
    assert warm.config is not None
    assert Path(warm.config.theme.custom_dir).is_absolute()
    assert GENERATED_PAGES.computed == 0
    assert MODEL_INDEX_FILES.computed == 0


@pytest.mark.e2e
def test_a_score_edit_writes_again_only_that_release_model_index_file(warm: WarmSite) -> None:
    """The downloads are all made again when a record changes, but each release's
    model-index file is kept with the record fields it read, like a model page."""
    warm.rebuild()
    index_file = f"{model_index_uri('atlas-1')}"
    others = {
        path.relative_to(warm.root / "site").as_posix(): path.read_bytes()
        for path in (warm.root / "site" / index_file).parent.glob("*.yaml")
        if path.name != "atlas-1.yaml"
    }
    assert others
    text = (warm.root / RECORD).read_text(encoding="utf-8")
    score = re.search(r"(?m)^  score: ([\d.]+)$", text)
    assert score is not None
    warm.edit(RECORD, f"  score: {score.group(1)}\n", "  score: 12.3\n")
    warm.rebuild()
    assert "value: 12.3" in warm.page(index_file)
    catalog = _records_plugin(warm).catalog
    assert catalog is not None
    # Every model-index file was asked of its memo; only the one that read the score
    # was made again.
    assert MODEL_INDEX_FILES.computed == 1
    assert MODEL_INDEX_FILES.reused == len(catalog.releases) - 1
    for path, data in others.items():
        assert (warm.root / "site" / path).read_bytes() == data


@pytest.mark.e2e
def test_a_renamed_release_is_renamed_on_its_page_and_in_the_models_index(
    warm: WarmSite,
) -> None:
    """A name is also in the table of names every page's links are made from, which no
    page's reads list: a rename renders every model page again, and the index."""
    warm.rebuild()
    warm.edit(RECORD, "name: Atlas 1", "name: Atlas Prime")
    warm.rebuild()
    catalog = _records_plugin(warm).catalog
    assert catalog is not None
    assert GENERATED_PAGES.computed == len(catalog.releases) + 3  # index, timeline, incidents
    assert "Atlas Prime" in warm.page(MODEL_PAGE)
    assert "Atlas Prime" in warm.page("models/index.html")
