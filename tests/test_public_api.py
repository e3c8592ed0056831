"""The public API is what ``modelpress`` exports; everything else is ``modelpress._internal``."""

from __future__ import annotations

import subprocess
import sys
from importlib import import_module

import pytest

import modelpress


def test_every_exported_name_resolves_to_its_internal_home() -> None:
    for name, home in modelpress._HOMES.items():
        assert getattr(modelpress, name) is getattr(
            import_module(f"modelpress._internal.{home}"), name
        )
    assert modelpress.__version__ == import_module("modelpress._internal.version").__version__


def test_the_export_list_and_the_lazy_table_agree() -> None:
    lazy = set(modelpress._HOMES)
    assert set(modelpress.__all__) == lazy | {"__version__"}
    assert dir(modelpress) == sorted(modelpress.__all__)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="load_catalogue"):
        modelpress.load_catalogue  # noqa: B018


def test_importing_the_package_or_its_core_does_not_import_mkdocs() -> None:
    probe = (
        "import sys, modelpress; from modelpress import load_catalog, Diagnostic, main; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_mkdocs_entry_points_load_the_public_plugin_classes() -> None:
    from importlib.metadata import entry_points

    plugins = {
        ep.name: ep
        for ep in entry_points(group="mkdocs.plugins")
        if ep.name.startswith("modelpress/")
    }
    assert set(plugins) == {
        "modelpress/records",
        "modelpress/charts",
        "modelpress/checks",
        "modelpress/reviews",
        "modelpress/cache",
    }
    for ep in plugins.values():
        assert ep.value.startswith("modelpress:")
        assert ep.load() is getattr(modelpress, ep.value.split(":")[1])
