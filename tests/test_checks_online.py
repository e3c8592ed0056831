"""The online link check against a real misbehaving HTTP server on 127.0.0.1.

Every class is produced by a real socket: redirect chains and loops, 404 and
410, 429 with ``Retry-After``, 403 from a host on the blocked list, a flaky
500, a response that never comes, a reset connection and a refused port.
Assertions about waiting are about gaps the *server* saw between requests,
never about how fast the checker ran. Nothing leaves loopback.

The blocked-host case uses the name ``localhost``, which resolves to
127.0.0.1 here without touching /etc/hosts: requests to ``localhost:PORT``
are on the blocked list, the same paths on ``127.0.0.1:PORT`` are not.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from modelpress._internal.checks.linkcache import LinkCache
from modelpress._internal.checks.online import LinkClass, OnlineOptions, archive_url, check_urls
from modelpress._internal.cli import main
from tests.support.misbehaving_http import (
    NO_HEAD_BODY_BYTES,
    RETRY_AFTER_SECONDS,
    MisbehavingServer,
    refused_port,
    serve_misbehaving,
)
from tests.support.site import clean_env

pytestmark = pytest.mark.timeout(60)

FAST = OnlineOptions(
    timeout=1.0,
    retries=2,
    backoff=0.1,
    host_concurrency=8,
    host_interval=0.0,
    workers=16,
    blocked_hosts=("localhost",),
)


@pytest.fixture
def server() -> Iterator[MisbehavingServer]:
    with serve_misbehaving() as running:
        yield running


def test_each_misbehaviour_gets_its_class(server: MisbehavingServer) -> None:
    dead = f"http://127.0.0.1:{refused_port()}/nothing"
    blocked = f"http://localhost:{server.port}/forbidden"
    urls = {
        "/ok": LinkClass.OK,
        "/chain/3": LinkClass.REDIRECTED,
        "/loop/a": LinkClass.BROKEN,
        "/missing": LinkClass.BROKEN,
        "/gone": LinkClass.BROKEN,
        "/forbidden": LinkClass.BROKEN,
        "/rate-limited": LinkClass.OK,
        "/always-429": LinkClass.BLOCKED,
        "/flaky": LinkClass.OK,
        "/no-head": LinkClass.OK,
        "/slow": LinkClass.TIMEOUT,
        "/reset": LinkClass.UNREACHABLE,
    }
    everything = [server.url(path) for path in urls] + [
        dead,
        blocked,
        "http://GROK%203%20IMPROVES%20DAILY—YOU’LL%20SEE",
    ]
    results = check_urls(everything, FAST)
    classes = {url: result.link_class for url, result in results.items()}
    assert classes == {
        **{server.url(path): expected for path, expected in urls.items()},
        dead: LinkClass.UNREACHABLE,
        blocked: LinkClass.BLOCKED,
        "http://GROK%203%20IMPROVES%20DAILY—YOU’LL%20SEE": LinkClass.MALFORMED,
    }
    chain = results[server.url("/chain/3")]
    assert chain.final_url == server.url("/final")
    assert [status for status, _ in chain.redirects] == [301, 301, 301]
    assert results[server.url("/gone")].status == 410
    assert "refused" in results[dead].detail
    assert "reset" in results[server.url("/reset")].detail
    assert "redirect loop" in results[server.url("/loop/a")].detail
    assert results[blocked].status == 403
    assert server.hits_for("/rate-limited")[0].method != "GET"  # a 429 is not dodged
    assert archive_url(server.url("/missing")) == (
        f"https://web.archive.org/web/*/{server.url('/missing')}"
    )


def test_retries_wait_as_long_as_retry_after_asks(server: MisbehavingServer) -> None:
    result = check_urls([server.url("/rate-limited")], FAST)[server.url("/rate-limited")]
    hits = server.hits_for("/rate-limited")
    assert result.link_class is LinkClass.OK
    assert len(hits) == 2
    assert hits[1].at - hits[0].at >= RETRY_AFTER_SECONDS


def test_server_errors_are_retried_then_trusted(server: MisbehavingServer) -> None:
    result = check_urls([server.url("/flaky")], FAST)[server.url("/flaky")]
    hits = server.hits_for("/flaky")
    assert result.link_class is LinkClass.OK
    assert [hit.method for hit in hits] == ["HEAD", "HEAD"]
    assert hits[1].at - hits[0].at >= FAST.backoff


def test_rate_limits_that_never_lift_are_blocked_after_every_retry(
    server: MisbehavingServer,
) -> None:
    url = server.url("/always-429")
    result = check_urls([url], FAST)[url]
    assert result.link_class is LinkClass.BLOCKED
    assert len(server.hits_for("/always-429")) == FAST.retries + 1


def test_head_refused_falls_back_to_get_without_the_body(server: MisbehavingServer) -> None:
    url = server.url("/no-head")
    assert check_urls([url], FAST)[url].link_class is LinkClass.OK
    assert [hit.method for hit in server.hits_for("/no-head")] == ["HEAD", "GET"]
    deadline = time.monotonic() + 10
    while server.body_bytes_sent == 0 and time.monotonic() < deadline:
        time.sleep(0.05)  # the server notices the hang-up only when its buffers fill
    assert 0 < server.body_bytes_sent < NO_HEAD_BODY_BYTES


def test_per_host_interval_spaces_requests(server: MisbehavingServer) -> None:
    options = OnlineOptions(timeout=1.0, retries=0, host_concurrency=1, host_interval=0.3)
    check_urls([server.url(f"/ok?{n}") for n in range(3)], options)
    times = sorted(hit.at for hit in server.hits if hit.path.startswith("/ok"))
    assert len(times) == 3
    # The checker spaces the *starts* 0.3 s apart; connecting and sending take a varying
    # few milliseconds before the server reads each request, hence the small allowance.
    assert all(b - a >= 0.3 - 0.05 for a, b in itertools.pairwise(times))


def test_second_run_is_served_from_the_cache(server: MisbehavingServer, tmp_path: Path) -> None:
    urls = [server.url("/ok"), server.url("/chain/2"), server.url("/missing")]
    cache_file = tmp_path / "links.json"
    with LinkCache(cache_file, max_age=3600) as cache:
        check_urls(urls, FAST, cache)
    server.clear()
    with LinkCache(cache_file, max_age=3600) as cache:
        second = check_urls(urls, FAST, cache)
    assert second[server.url("/ok")].cached
    assert second[server.url("/chain/2")].final_url == server.url("/final")
    assert second[server.url("/chain/2")].link_class is LinkClass.REDIRECTED
    # Failures are asked again; good answers cost the server nothing.
    assert {hit.path for hit in server.hits} == {"/missing"}
    with LinkCache(cache_file, max_age=0, now=time.time() + 1) as stale:
        assert len(stale) == 0


def _tiny_site(root: Path, server: MisbehavingServer, paths: list[str]) -> Path:
    (root / "site").mkdir(parents=True)
    links = "\n".join(f'<p><a href="{server.url(path)}">{path}</a></p>' for path in paths)
    (root / "site" / "index.html").write_text(
        f"<!doctype html>\n<html><body>\n{links}\n</body></html>\n", encoding="utf-8"
    )
    (root / "mkdocs.yml").write_text(
        "site_name: tiny\ndocs_dir: docs\nplugins:\n  - modelpress/checks:\n"
        "      online_cache: cache/links.json\n      online_blocked_hosts: [localhost]\n",
        encoding="utf-8",
    )
    return root


def test_an_interrupted_run_leaves_a_usable_cache(
    server: MisbehavingServer, tmp_path: Path
) -> None:
    root = _tiny_site(tmp_path, server, ["/ok", "/chain/1", "/slow"])
    command = [sys.executable, "-m", "modelpress", "links", "site", "--online", "--timeout", "30"]
    process = subprocess.Popen(
        command, cwd=root, env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    cache_file = root / "cache" / "links.json"
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            lines = cache_file.read_text().splitlines() if cache_file.exists() else []
            if len(lines) >= 2 and server.hits_for("/slow"):
                break
            time.sleep(0.05)
        assert process.poll() is None, "the run must still be waiting on /slow"
    finally:
        process.kill()
        process.wait(timeout=10)
    server.clear()
    code = main(
        [
            "links",
            str(root / "site"),
            "--config",
            str(root / "mkdocs.yml"),
            "--online",
            "--timeout",
            "1",
            "--retries",
            "0",
            "--format",
            "json",
        ]
    )
    assert code == 0  # a timeout is reported, but only broken or malformed links fail
    assert {hit.path for hit in server.hits} == {"/slow"}


def test_links_command_reports_json_with_every_use(
    server: MisbehavingServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _tiny_site(tmp_path, server, ["/ok", "/missing", "/chain/2", "/ok"])
    argv = ["links", str(root / "site"), "--config", str(root / "mkdocs.yml"), "--online"]
    code = main([*argv, "--format", "json", "--retries", "0", "--no-cache"])
    report = {item["url"]: item for item in json.loads(capsys.readouterr().out)}
    assert code == 1
    assert report[server.url("/ok")] | {"uses": None} == report[server.url("/ok")] | {
        "url": server.url("/ok"),
        "class": "ok",
        "status": 200,
        "final_url": None,
        "uses": None,
    }
    assert report[server.url("/ok")]["uses"] == ["site/index.html:3", "site/index.html:6"]
    missing = report[server.url("/missing")]
    assert (missing["class"], missing["status"]) == ("broken", 404)
    assert missing["suggestion"] == archive_url(server.url("/missing"))
    assert report[server.url("/chain/2")]["final_url"] == server.url("/final")


def test_strict_fails_on_redirects_too(
    server: MisbehavingServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _tiny_site(tmp_path, server, ["/ok", "/chain/2"])
    argv = ["links", str(root / "site"), "--config", str(root / "mkdocs.yml"), "--online"]
    assert main([*argv, "--no-cache"]) == 0
    text = capsys.readouterr().out
    assert (
        f"site/index.html:4:1: warning: '{server.url('/chain/2')}' redirects (2 hops) to "
        f"'{server.url('/final')}'; link the final address [link-redirected]"
    ) in text
    assert main([*argv, "--no-cache", "--strict"]) == 1


def test_a_torn_cache_line_is_skipped_and_failures_are_not_kept(tmp_path: Path) -> None:
    cache_file = tmp_path / "links.json"
    good = {"url": "https://a.example/", "class": "ok", "checked_at": time.time()}
    broken = {"url": "https://b.example/", "class": "broken", "checked_at": time.time()}
    cache_file.write_text(
        json.dumps(good) + "\n" + json.dumps(broken) + "\n" + '{"url": "https://c.exa',
        encoding="utf-8",
    )
    with LinkCache(cache_file, max_age=3600) as cache:
        assert cache.get("https://a.example/") == good
        assert cache.get("https://b.example/") is None
        assert len(cache) == 1


def test_uses_come_from_the_markdown_with_their_lines(
    server: MisbehavingServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _tiny_site(tmp_path, server, [])
    (root / "docs").mkdir()
    (root / "docs" / "review.md").write_text(
        "---\nmodelpress_ignore_urls: ['/gone$']\n---\n# Review\n\n"
        f"The [launch]({server.url('/missing')}) and [notes]({server.url('/gone')}).\n",
        encoding="utf-8",
    )
    argv = ["links", str(root / "site"), "--config", str(root / "mkdocs.yml"), "--online"]
    assert main([*argv, "--no-cache", "--retries", "0"]) == 1
    out = capsys.readouterr().out
    assert (
        f"docs/review.md:6:1: error: '{server.url('/missing')}' is broken (HTTP 404); an archived "
        f"copy may be at https://web.archive.org/web/*/{server.url('/missing')} [link-broken]"
    ) in out
    assert not server.hits_for("/gone")


def test_non_ascii_paths_and_queries_are_sent_encoded(server: MisbehavingServer) -> None:
    url = server.url("/ok?q=é—x")
    assert check_urls([url], FAST)[url].link_class is LinkClass.OK
    assert [hit.path for hit in server.hits] == ["/ok?q=%C3%A9%E2%80%94x"]
