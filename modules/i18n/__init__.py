"""UI strings in Swedish and English, and locale-aware formatting (Babel).

Catalogs are YAML files in catalogs/: NAME.sv.yaml and NAME.en.yaml, flat maps of
key -> text with {placeholders}. Every key must exist in both languages
(tests/unit/test_i18n.py fails otherwise).
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import yaml
from babel import Locale
from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_decimal, format_percent

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
LOCALES = {"sv": "sv_SE", "en": "en_GB"}
CATALOG_DIR = Path(__file__).resolve().parent / "catalogs"


@functools.cache
def catalog(lang: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in sorted(CATALOG_DIR.glob(f"*.{lang}.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, value in data.items():
            if key in merged:
                raise ValueError(f"{path.name}: key {key!r} is defined twice")
            merged[key] = str(value)
    return merged


def t(lang: str, key: str, **params) -> str:
    """Translate key; a missing key shows itself (and a test catches it) rather than crash."""
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    text = catalog(lang).get(key) or catalog(DEFAULT_LANGUAGE).get(key) or key
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def fmt_date(value: dt.date | None, lang: str, style: str = "medium") -> str:
    return "" if value is None else format_date(value, format=style, locale=LOCALES.get(lang, "sv_SE"))


def _aware(value: dt.datetime) -> dt.datetime:
    """Stored times without a zone are UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def fmt_datetime(value: dt.datetime | None, lang: str, style: str = "medium", tz: str = "Europe/Stockholm") -> str:
    if value is None:
        return ""
    return format_datetime(_aware(value), format=style, tzinfo=_zone(tz), locale=LOCALES.get(lang, "sv_SE"))


def fmt_day_time(value: dt.datetime | None, lang: str, tz: str = "Europe/Stockholm") -> str:
    """An appointment: the day written out and the time in hours and minutes ("lördag 19 december
    2026 08:00"), without Babel's "full" seconds and time-zone name (a time in the reader's own
    zone, or a meeting's wall-clock time, needs neither)."""
    if value is None:
        return ""
    locale = LOCALES.get(lang, "sv_SE")
    local = _aware(value).astimezone(_zone(tz))
    return str(Locale.parse(locale).datetime_formats["full"]).format(
        format_time(local, "HH:mm", locale=locale), format_date(local, "full", locale=locale))


def fmt_time(value: dt.time | None, lang: str) -> str:
    return "" if value is None else format_time(value, format="HH:mm", locale=LOCALES.get(lang, "sv_SE"))


def fmt_number(value: float | None, lang: str, digits: int = 1) -> str:
    if value is None:
        return "–"
    return format_decimal(round(value, digits), format=f"#,##0.{'0' * digits}" if digits else "#,##0",
                          locale=LOCALES.get(lang, "sv_SE"))


def fmt_percent(value: float | None, lang: str, digits: int = 1) -> str:
    """A share as a percentage in the locale's own style, up to `digits` decimals: "58,3 %", "9 %"."""
    if value is None:
        return "–"
    locale = Locale.parse(LOCALES.get(lang, "sv_SE"))
    pattern = locale.percent_formats[None].pattern
    if digits:
        pattern = pattern.replace("0", "0." + "#" * digits, 1)
    return format_percent(value, format=pattern, locale=locale)


def sort_key(lang: str):
    """Sort key that follows the language: in Swedish å, ä, ö come after z."""
    order = "abcdefghijklmnopqrstuvwxyzåäö" if lang == "sv" else "abcdefghijklmnopqrstuvwxyz"
    fold = {"é": "e", "è": "e", "à": "a", "ü": "y" if lang == "sv" else "u", "æ": "ä", "ø": "ö"}
    if lang != "sv":
        fold.update({"å": "a", "ä": "a", "ö": "o"})

    def key(text: str):
        out = []
        for ch in (text or "").lower():
            ch = fold.get(ch, ch)
            idx = order.find(ch)
            if ch.isdigit():
                out.append((0, ord(ch)))
            elif idx >= 0:
                out.append((1, idx))
            else:
                out.append((2, ord(ch)))
        return out

    return key


@functools.cache
def _zone(name: str):
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)
