"""The served app's Streamlit configuration keeps the server fast under a full room (see BENCHMARKS.md)."""

import tomllib
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"


def test_no_full_garbage_collection_after_every_script_run():
    assert tomllib.loads(CONFIG.read_text())["runner"]["postScriptGC"] is False


def test_the_served_app_watches_no_files():
    assert tomllib.loads(CONFIG.read_text())["server"]["fileWatcherType"] == "none"
