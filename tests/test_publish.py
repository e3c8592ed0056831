"""Publishing: ``mkdocs gh-deploy`` into a local bare repository, and the Pages workflow."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
import yaml

from tests.support.site import REPO, clean_env, copy_demo

pytestmark = pytest.mark.e2e

WORKFLOW = REPO / ".github/workflows/pages.yml"


def git_env() -> dict[str, str]:
    """A fixed identity and no user or system git config, so the tests run anywhere."""
    return {
        **clean_env(),
        "GIT_AUTHOR_NAME": "Modelpress tests",
        "GIT_AUTHOR_EMAIL": "tests@example.invalid",
        "GIT_COMMITTER_NAME": "Modelpress tests",
        "GIT_COMMITTER_EMAIL": "tests@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }


def git(*args: str, cwd: Path) -> str:
    env = git_env()
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout


def gh_deploy(root: Path, remote: Path) -> subprocess.CompletedProcess[str]:
    env = git_env()
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "--strict", "--force", "--no-history",
         "--remote-name", str(remote)],
        cwd=root, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip


def repository_with_demo(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the demo committed in its own repository, and an empty bare remote."""
    remote = tmp_path / "remote.git"
    remote.mkdir()
    git("init", "--quiet", "--bare", cwd=remote)
    root = copy_demo(tmp_path / "work")
    git("init", "--quiet", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "--quiet", "-m", "demo", cwd=root)
    return root, remote


def test_gh_deploy_publishes_the_site_to_a_gh_pages_branch(tmp_path: Path) -> None:
    root, remote = repository_with_demo(tmp_path)
    deployed = gh_deploy(root, remote)
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    files = set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split())
    for expected in (
        "index.html",
        ".nojekyll",
        "models/index.html",
        "models/grok-4/index.html",
        "reviews/grok-4/index.html",
        "feed_rss_created.xml",
        "assets/stylesheets/modelpress.css",
    ):
        assert expected in files, expected
    feed = feedparser.parse(git("show", "gh-pages:feed_rss_created.xml", cwd=remote).encode())
    assert not feed.bozo
    assert len(feed.entries) == 5
    home = git("show", "gh-pages:index.html", cwd=remote)
    assert "mp-front__lead" in home


def test_gh_deploy_without_site_url_stops_before_building_or_pushing(tmp_path: Path) -> None:
    root, remote = repository_with_demo(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(
        re.sub(r"^site_url:.*\n", "", config.read_text(encoding="utf-8"), flags=re.M),
        encoding="utf-8",
    )
    deployed = gh_deploy(root, remote)
    output = deployed.stdout + deployed.stderr
    assert deployed.returncode == 1, output
    assert "set site_url in mkdocs.yml before publishing" in output
    assert "Traceback" not in output
    assert not (root / "site").exists()
    assert git("branch", "--list", cwd=remote).strip() == ""


def test_pages_workflow_builds_with_the_readme_command_and_deploys() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert "push" in triggers
    assert "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"] == "pages"
    build = workflow["jobs"]["build"]
    uses = [step.get("uses", "") for step in build["steps"]]
    assert uses[0].startswith("actions/checkout@")
    setup = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
    assert str(setup["with"]["python-version"]) == "3.11"
    runs = [step["run"] for step in build["steps"] if "run" in step]
    assert runs == ["make site"]
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site"
    assert uses.index(upload["uses"]) > uses.index(setup["uses"])
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "make site" in quick_start
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    site_target = makefile.split("\nsite:", 1)[1].split("\n\n", 1)[0]
    assert "mkdocs build --strict" in site_target
