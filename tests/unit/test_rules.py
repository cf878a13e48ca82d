"""Rules that need no database: catalogs, settings, layering, security helpers, sorting."""

import ast
import re
from pathlib import Path

from modules.i18n import catalog, fmt_date, fmt_day_time, sort_key, t
from modules.services import security
from modules.settings import documented_options, load_settings

ROOT = Path(__file__).resolve().parents[2]


def test_every_ui_key_exists_in_swedish_and_english():
    sv, en = catalog("sv"), catalog("en")
    assert set(sv) == set(en), sorted(set(sv) ^ set(en))
    assert all(v.strip() for v in sv.values()) and all(v.strip() for v in en.values())


def test_placeholders_agree_between_the_languages():
    sv, en = catalog("sv"), catalog("en")
    for key in sv:
        assert set(re.findall(r"{(\w+)}", sv[key])) == set(re.findall(r"{(\w+)}", en[key])), key


def test_every_key_the_code_uses_is_in_the_catalog():
    used = set()
    for path in (ROOT / "modules").rglob("*.py"):
        used |= set(re.findall(r"""(?:tr|t\(\w+,|DomainError|PermissionDenied|Throttled)\(\s*"([a-z_]+\.[a-z0-9_.]+)\"""",
                               path.read_text()))
        used |= set(re.findall(r"""\btr\("([a-z_]+\.[a-z0-9_.]+)\"""", path.read_text()))
    missing = sorted(k for k in used if k not in catalog("sv"))
    assert not missing, missing


def test_services_and_everything_below_never_import_streamlit():
    offenders = []
    for path in (ROOT / "modules").rglob("*.py"):
        if "ui" in path.relative_to(ROOT / "modules").parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n == "streamlit" or n.startswith("streamlit.") for n in names):
                offenders.append(str(path))
    assert offenders == []


def test_the_readme_lists_every_setting_with_its_environment_variable_and_default():
    readme = (ROOT / "README.md").read_text()
    for _field, env, _default, _help in documented_options():
        assert f"`{env}`" in readme, env
    assert "make run" in readme and "make test" in readme


def test_no_page_script_relies_on_streamlit_magic():
    """.streamlit/config.toml turns magic off: a bare expression in a page would show nothing."""
    scripts = [Path("app.py"), *sorted(Path("modules/ui/pages").glob("*.py"))]
    bare = []
    for script in scripts:
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            for field in ("body", "orelse", "finalbody"):
                block = getattr(node, field, None)
                if not isinstance(block, list):
                    continue
                for i, stmt in enumerate(block):
                    if not isinstance(stmt, ast.Expr) or isinstance(stmt.value, (ast.Call, ast.Await)):
                        continue
                    if i == 0 and field == "body" and isinstance(stmt.value, ast.Constant) \
                            and isinstance(stmt.value.value, str):
                        continue  # a docstring
                    bare.append(f"{script}:{stmt.lineno}")
    assert len(scripts) > 10 and bare == []
    assert "magicEnabled = false" in Path(".streamlit/config.toml").read_text(encoding="utf-8")


def test_settings_read_the_environment_and_reject_bad_numbers():
    s = load_settings({"MEDLED_SESSION_HOURS": "3", "MEDLED_COOKIE_SECURE": "true"})
    assert s.session_hours == 3 and s.cookie_secure is True
    try:
        load_settings({"MEDLED_SESSION_HOURS": "many"})
    except ValueError as exc:
        assert "MEDLED_SESSION_HOURS" in str(exc)
    else:
        raise AssertionError("a bad number must be refused")


def test_codes_use_an_alphabet_without_look_alikes():
    assert not set("0O1IL") & set(security.JOIN_ALPHABET)
    assert security.normalise_code(" abcd-2345 ") == "ABCD2345"


def test_passwords_hash_with_argon2id_and_verify():
    stored = security.hash_password("a long passphrase")
    assert stored.startswith("$argon2id$")
    assert security.verify_password(stored, "a long passphrase")
    assert not security.verify_password(stored, "another phrase")
    assert not security.verify_password(None, "a long passphrase")


def test_swedish_sorting_puts_a_ring_a_umlaut_and_o_umlaut_last():
    names = ["Örjan", "Anna", "Åsa", "Zlatan", "Ärla", "bo"]
    assert sorted(names, key=sort_key("sv")) == ["Anna", "bo", "Zlatan", "Åsa", "Ärla", "Örjan"]


def test_dates_follow_the_language():
    import datetime as dt

    day = dt.date(2026, 3, 5)
    assert fmt_date(day, "sv", "long") == "5 mars 2026"
    assert fmt_date(day, "en", "long") == "5 March 2026"
    assert t("en", "error.locked", date="2026-03-05") == "This module opens on 2026-03-05."


def test_an_appointment_shows_the_day_and_the_time_without_seconds_or_zone_name():
    import datetime as dt

    at = dt.datetime(2026, 12, 19, 8, 0, tzinfo=dt.UTC)  # 09:00 in Stockholm
    assert fmt_day_time(at, "sv", "Europe/Stockholm") == "lördag 19 december 2026 09:00"
    assert fmt_day_time(at, "en", "UTC") == "Saturday, 19 December 2026, 08:00"
