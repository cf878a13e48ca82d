"""A cohort's sessions as an iCalendar file (RFC 5545), as bytes.

Outlook and Google keep an event when its UID stays the same and its SEQUENCE grows; a
VTIMEZONE for the cohort's zone keeps the times where the facilitator put them; a removed
session is published with STATUS:CANCELLED so a re-import removes it from calendars.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar

from modules.i18n import t

PRODID = "-//Medled//Medled calendar//EN"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    sequence: int
    title: str
    starts_at: dt.datetime  # naive, in the cohort's zone
    ends_at: dt.datetime
    place: str = ""
    prepare: str = ""  # what to prepare, already in the reader's language
    cancelled: bool = False


def _is_link(place: str) -> bool:
    return place.startswith(("https://", "http://"))


def _event(ev: CalendarEvent, zone: ZoneInfo, lang: str, stamp: dt.datetime) -> icalendar.Event:
    out = icalendar.Event()
    out.add("uid", ev.uid)
    out.add("sequence", ev.sequence)
    out.add("dtstamp", stamp)
    out.add("summary", ev.title)
    out.add("dtstart", ev.starts_at.replace(tzinfo=zone))
    out.add("dtend", ev.ends_at.replace(tzinfo=zone))
    if ev.place:
        out.add("location", ev.place)
        if _is_link(ev.place):
            out.add("url", ev.place)
    lines = []
    if ev.prepare:
        lines.append(t(lang, "distance.ics_prepare", what=ev.prepare))
    if ev.place and _is_link(ev.place):
        lines.append(t(lang, "distance.ics_link", url=ev.place))
    if lines:
        out.add("description", "\n".join(lines))
    if ev.cancelled:
        out.add("status", "CANCELLED")
    else:
        out.add("status", "CONFIRMED")
    return out


def build_calendar(name: str, timezone: str, events: list[CalendarEvent], lang: str,
                   now: dt.datetime | None = None) -> bytes:
    """The calendar file for one cohort (or one session: pass one event)."""
    zone = ZoneInfo(timezone)
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", timezone)
    for ev in events:
        cal.add_component(_event(ev, zone, lang, stamp))
    cal.add_missing_timezones()
    return cal.to_ical()
