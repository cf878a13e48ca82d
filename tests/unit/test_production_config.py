"""make run's configuration is production-safe, and README shows the proxy's security headers."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_served_config_has_no_file_watcher_and_no_run_on_save():
    server = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]
    assert server["fileWatcherType"] == "none"
    assert server["runOnSave"] is False


def test_the_deployment_section_sets_the_security_headers_at_the_proxy():
    readme = (ROOT / "README.md").read_text()
    for header in ("Strict-Transport-Security", "X-Content-Type-Options", "frame-ancestors", "Referrer-Policy"):
        assert f"add_header {header}" in readme or header in readme.split("```nginx")[1].split("```")[0]


def test_the_served_config_skips_the_full_garbage_collection_after_each_run():
    runner = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["runner"]
    assert runner["postScriptGC"] is False


def test_make_bench_runs_the_login_flood_benchmark():
    assert "login_flood_bench.py" in (ROOT / "bench" / "run_all.py").read_text()
