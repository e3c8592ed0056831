"""``modelpress new site|review|release``: what a writer starts from works as written.

The site is written by the real command and built by the real ``mkdocs build
--strict`` in a subprocess; the checks are the real ``modelpress check``.
"""

from __future__ import annotations

import glob
import tomllib
from pathlib import Path

import pytest
import yaml

from modelpress._internal.cli import main
from modelpress._internal.scaffold import site_files
from tests.support.site import REPO, run_mkdocs, run_modelpress

SCAFFOLD = REPO / "plugins" / "modelpress" / "_internal" / "scaffold"


def make_site(root: Path) -> Path:
    assert main(["new", "site", str(root)]) == 0
    return root


def config_of(root: Path) -> list[str]:
    return ["-f", str(root / "mkdocs.yml")]


def front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    loaded = yaml.safe_load(text.split("---\n")[1])
    assert isinstance(loaded, dict)
    return loaded


@pytest.mark.e2e
def test_a_new_site_checks_clean_and_builds_strictly(tmp_path: Path) -> None:
    root = make_site(tmp_path / "mysite")
    for name in (
        "mkdocs.yml",
        "README.md",
        "requirements.txt",
        ".gitignore",
        ".github/workflows/test.yml",
        ".github/workflows/deploy.yml",
        "content/index.md",
        "content/methodology.md",
        "content/reviews/.authors.yml",
        "content/reviews/posts/example-grok-2-mini.md",
        "data/orgs.yaml",
        "data/benchmarks.yaml",
        "data/releases/grok-2-mini.yaml",
        "schema/release.schema.json",
    ):
        assert (root / name).is_file(), name
    ignored = (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "site/" in ignored
    assert ".cache/" in ignored
    assert not (root / "site_overrides" / "main.html").exists()  # the layout is not copied
    record = (root / "data" / "releases" / "grok-2-mini.yaml").read_text(encoding="utf-8")
    assert record.startswith("# yaml-language-server: $schema=../../schema/release.schema.json\n")
    for workflow in ("test.yml", "deploy.yml"):
        steps = yaml.safe_load((root / ".github" / "workflows" / workflow).read_text("utf-8"))
        commands = [
            step.get("run", "") for job in steps["jobs"].values() for step in job.get("steps", [])
        ]
        assert any("modelpress check" in run for run in commands), workflow
        assert any("mkdocs build --strict" in run for run in commands), workflow

    checked = run_modelpress(root, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr

    build = run_mkdocs(root)
    assert build.returncode == 0, build.output
    review = build.html("reviews/example-grok-2-mini/")
    headline = review.select_one("h1.mp-review__headline")
    assert headline is not None, "the packaged layout was not used"
    assert "Grok-2 mini" in headline.get_text()
    assert review.select_one(".mp-strip") is not None  # drawn from the example record
    note = review.select_one(".footnote a[href^='https://x.ai/']")
    assert note is not None, "the example's footnote cites its source"
    assert build.html("index.html").select_one(".mp-home") is not None
    assert build.html("models/grok-2-mini/").select_one("h1") is not None
    assert (build.site / "feed_rss_created.xml").is_file()
    assert len(list((build.site / "assets" / "fonts").glob("*.woff2"))) == 4


def test_a_new_site_is_refused_in_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "site"
    target.mkdir()
    (target / "notes.txt").write_text("mine\n", encoding="utf-8")

    assert main(["new", "site", str(target)]) == 1

    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err == (
        f"modelpress: {target}: a folder that is not empty; "
        "give a new or empty folder (nothing was written)\n"
    )
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no staging folder left


def test_a_new_site_may_go_into_an_empty_folder(tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    make_site(target)
    assert (target / "mkdocs.yml").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


def test_every_scaffold_file_ships_and_dot_files_get_their_names() -> None:
    """setuptools' globs skip dot-files, so the scaffold stores them as ``dot-…``."""
    stored = [p for p in (SCAFFOLD / "site").rglob("*") if p.is_file()]
    assert not any(part.startswith(".") for p in stored for part in p.relative_to(SCAFFOLD).parts)
    with (REPO / "pyproject.toml").open("rb") as file:
        patterns = tomllib.load(file)["tool"]["setuptools"]["package-data"]["modelpress"]
    package = REPO / "plugins" / "modelpress"
    shipped = {
        Path(found)
        for pattern in patterns
        for found in glob.glob(str(package / pattern), recursive=True)
    }
    assert [p for p in stored if p not in shipped] == []
    names = site_files()
    assert ".gitignore" in names
    assert ".github/workflows/deploy.yml" in names
    assert not any("dot-" in name for name in names)


@pytest.mark.e2e
def test_a_new_review_gets_the_address_materials_blog_gives_it(tmp_path: Path) -> None:
    """The slug is Material's: "GPT-4.5 vs o3" → gpt-45-vs-o3, and the built page is there."""
    root = make_site(tmp_path / "site")
    assert (
        main(
            [
                "new",
                "review",
                "GPT-4.5 vs o3: a first look",
                "--models",
                "grok-2-mini",
                "--date",
                "2024-09-01",
                *config_of(root),
            ]
        )
        == 0
    )
    path = root / "content" / "reviews" / "posts" / "gpt-45-vs-o3-a-first-look.md"
    meta = front_matter(path)
    assert meta["title"] == "GPT-4.5 vs o3: a first look"
    assert meta["slug"] == "gpt-45-vs-o3-a-first-look"
    assert meta["models"] == ["grok-2-mini"]
    assert meta["draft"] is True
    assert str(meta["date"]) == "2024-09-01"
    assert run_modelpress(root, "check").returncode == 0

    # Published without its slug line, the blog computes the address itself.
    text = path.read_text(encoding="utf-8")
    path.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith(("draft:", "slug:")))
        + "\n",
        encoding="utf-8",
    )
    build = run_mkdocs(root)
    assert build.returncode == 0, build.output
    page = build.html("reviews/gpt-45-vs-o3-a-first-look/")
    headline = page.select_one("h1.mp-review__headline")
    assert headline is not None
    assert headline.get_text(strip=True) == "GPT-4.5 vs o3: a first look"


def test_a_review_with_unknown_models_is_refused_with_every_suggestion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_site(tmp_path / "site")
    capsys.readouterr()
    posts = sorted((root / "content" / "reviews" / "posts").iterdir())

    code = main(
        ["new", "review", "A title", "--models", "grok-2-mni,grok-2-mini,zzz", *config_of(root)]
    )

    assert code == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "modelpress: unknown model 'grok-2-mni' (did you mean 'grok-2-mini'?); "
        "models are release ids from data/releases/",
        "modelpress: unknown model 'zzz'; models are release ids from data/releases/",
    ]
    assert sorted((root / "content" / "reviews" / "posts").iterdir()) == posts


def test_new_review_and_new_release_never_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_site(tmp_path / "site")
    assert main(["new", "review", "Twice", *config_of(root)]) == 0
    review = root / "content" / "reviews" / "posts" / "twice.md"
    review.write_text(review.read_text(encoding="utf-8") + "My words.\n", encoding="utf-8")
    before = review.read_bytes()
    capsys.readouterr()

    assert main(["new", "review", "Twice", *config_of(root)]) == 1
    assert capsys.readouterr().err == (
        "modelpress: content/reviews/posts/twice.md: already exists; nothing was written\n"
    )
    assert review.read_bytes() == before

    record = root / "data" / "releases" / "grok-2-mini.yaml"
    kept = record.read_bytes()
    assert main(["new", "release", "grok-2-mini", *config_of(root)]) == 1
    assert capsys.readouterr().err == (
        "modelpress: data/releases/grok-2-mini.yaml: a release 'grok-2-mini' already exists\n"
    )
    assert record.read_bytes() == kept


def test_a_new_release_leaves_every_fact_for_check_to_ask_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_site(tmp_path / "site")
    assert main(["new", "release", "gpt-4.5", *config_of(root)]) == 0
    path = root / "data" / "releases" / "gpt-4.5.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/release.schema.json\n")
    record = yaml.safe_load(text)
    assert record["id"] == "gpt-4.5"
    # No value is made up: every fact is empty until the writer finds its source.
    assert {k: v for k, v in record.items() if k != "id" and v not in (None, {}, [])} == {}
    capsys.readouterr()

    assert main(["check", *config_of(root)]) == 1
    out = capsys.readouterr().out.splitlines()
    reported = {line.split(":")[1] + " " + line.rsplit("[", 1)[1] for line in out}
    assert reported == {"7 wrong-type]", "8 wrong-type]", "9 bad-value]", "13 empty-value]"}
    assert all(line.startswith("data/releases/gpt-4.5.yaml:") for line in out)


def test_a_release_id_that_is_not_an_id_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_site(tmp_path / "site")
    capsys.readouterr()
    assert main(["new", "release", "GPT 5", *config_of(root)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("modelpress: 'GPT 5' is not a record id")
    assert err.count("\n") == 1
    assert sorted(p.name for p in (root / "data" / "releases").iterdir()) == ["grok-2-mini.yaml"]
