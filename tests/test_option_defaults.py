"""Each option's default is written once: the plugin's config and the CLI read the core's.

The online check's defaults live in ``OnlineOptions`` (``ONLINE_DEFAULTS``); the checks
plugin's ``online_*`` options and ``modelpress links`` take theirs from it, and the
records folder's default from ``siteconfig.DATA_DIR``. Changing one must change all.
"""

from __future__ import annotations

import argparse
import dataclasses

from modelpress._internal.checks.online import LINK_CACHE, LINK_CACHE_MAX_AGE, ONLINE_DEFAULTS
from modelpress._internal.cli.links import _online_options
from modelpress._internal.mkdocs_plugins.checks import ChecksConfig
from modelpress._internal.mkdocs_plugins.records import RecordsConfig
from modelpress._internal.siteconfig import DATA_DIR

ONLINE_FIELDS = ("timeout", "retries", "backoff", "host_concurrency", "host_interval")


def test_checks_plugin_online_defaults_are_the_online_checks() -> None:
    config = ChecksConfig()
    config.load_dict({})
    assert not config.validate()[0]
    for name in ONLINE_FIELDS:
        assert config[f"online_{name}"] == getattr(ONLINE_DEFAULTS, name), name
    assert tuple(config["online_blocked_hosts"]) == ONLINE_DEFAULTS.blocked_hosts
    assert config["online_cache"] == LINK_CACHE
    assert config["online_max_age"] == LINK_CACHE_MAX_AGE


def test_links_command_without_options_uses_the_online_checks_defaults() -> None:
    args = argparse.Namespace(
        timeout=None,
        retries=None,
        backoff=None,
        host_concurrency=None,
        host_interval=None,
        blocked_host=None,
    )
    assert _online_options(args, {}) == ONLINE_DEFAULTS
    given = _online_options(args, {"online_timeout": 3, "online_retries": 0})
    assert given == dataclasses.replace(ONLINE_DEFAULTS, timeout=3.0, retries=0)


def test_records_plugin_data_dir_default_is_the_site_configs() -> None:
    config = RecordsConfig()
    config.load_dict({})
    assert not config.validate()[0]
    assert config["data_dir"] == DATA_DIR
