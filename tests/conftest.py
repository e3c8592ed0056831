"""Shared fixtures and the ``--update-fixtures`` flag for fixture-file tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parent.parent

# Property tests judge behaviour, never speed: no per-example deadline and no "too slow"
# health check, which a loaded machine would trip. On CI (CI=true) the examples are
# derived from each test's name, so a run is repeatable and a red build never depends on luck;
# locally they are random, to keep exploring.
settings.register_profile(
    "modelpress",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=os.environ.get("CI", "").lower() == "true",
)
settings.load_profile("modelpress")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-fixtures",
        action="store_true",
        help="rewrite the expected outputs of fixture-file tests after a deliberate change",
    )


@pytest.fixture
def update_fixtures(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-fixtures"))


@pytest.fixture
def repo() -> Path:
    return REPO
