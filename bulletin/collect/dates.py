"""Publication dates as Vietnamese sites really write them, taught to feedparser.

:func:`parse_date` reads RFC 822 (``+0700``, ``+07:00``, hours-only ``+07``, ``GMT+7``, two-digit
years), ISO 8601, ``dd/mm/yyyy hh:mm`` as Vietnamese pages write it, and the US form
``9/14/2026 6:44:00 PM`` (month first whenever AM/PM is written) with dateutil. A time without a
zone is Vietnam time (Asia/Ho_Chi_Minh), never UTC. A text missing its year, month or day is no
date: nothing is guessed.

:func:`register` installs it in front of feedparser's own handlers with
``feedparser.registerDateHandler``, so ``entry.published_parsed`` is right for every form above.
"""
from __future__ import annotations

import re
import time
from datetime import datetime, timezone

import feedparser
from dateutil import parser as dateutil_parser

from ..text import TZ

_ZONE = re.compile(r"\(?\s*\b(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\s*\)?", re.I)
_HOURS_ONLY = re.compile(r"(?<=:\d{2})\s*([+-])(\d{2})$")
_WEEKDAY = re.compile(r"^\s*(?:thứ\s+\w+|chủ\s+nhật|t[2-7]|cn)\s*[,-]?\s*", re.I)
_SEPARATORS = re.compile(r"\s+[-|]\s+|,\s*(?=\d)|\s*\|\s*")
_H_TIME = re.compile(r"(?<=\d)h(?=\d{2}\b)", re.I)
_MERIDIEM = re.compile(r"\b[AP]\.?M\.?\b", re.I)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:$|[T ])")
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))
"""Two fill-ins that differ in year, month and day: a text missing one of them parses differently."""


def parse_date(text: str) -> datetime | None:
    """``text`` -> an aware datetime in Asia/Ho_Chi_Minh, or None when it is not a whole date."""
    text = _normalise(text)
    if not text or not re.search(r"\d", text):
        return None
    try:
        first = _read(text)
    except (ValueError, OverflowError, TypeError):  # dateutil's ParserError is a ValueError
        return None
    if first is None:
        return None
    return (first if first.tzinfo else first.replace(tzinfo=TZ)).astimezone(TZ)


def _read(text: str) -> datetime | None:
    if _ISO.match(text):
        return dateutil_parser.isoparse(text)
    dayfirst = not _MERIDIEM.search(text)
    first, second = (dateutil_parser.parse(text, default=d, dayfirst=dayfirst) for d in _DEFAULTS)
    return first if first == second else None


def _normalise(text: str) -> str:
    """One line; the Vietnamese weekday and separators out; ``GMT+7`` -> ``+07:00`` (dateutil reads
    ``GMT+7`` the POSIX way, as seven hours *behind*); ``+07`` -> ``+07:00``; ``08h15`` -> ``08:15``."""
    text = " ".join((text or "").split())
    text = _WEEKDAY.sub("", text)
    text = _ZONE.sub(lambda m: f" {m.group(1)}{int(m.group(2)):02d}:{m.group(3) or '00'}", text)
    text = _HOURS_ONLY.sub(r" \1\2:00", text.strip())
    return _H_TIME.sub(":", _SEPARATORS.sub(" ", text)).strip()


def feedparser_handler(text: str) -> time.struct_time | None:
    """A feedparser date handler: :func:`parse_date` as a UTC 9-tuple, or None."""
    found = parse_date(text)
    return found.astimezone(timezone.utc).timetuple() if found else None


def register() -> None:
    """Put :func:`feedparser_handler` first among feedparser's date handlers (once)."""
    handlers = feedparser.datetimes._date_handlers
    if not handlers or handlers[0] is not feedparser_handler:
        if feedparser_handler in handlers:
            handlers.remove(feedparser_handler)
        feedparser.registerDateHandler(feedparser_handler)


def from_struct(value: time.struct_time | None) -> datetime | None:
    """feedparser's ``*_parsed`` (a UTC struct_time) -> Vietnam time."""
    if not value:
        return None
    try:
        return datetime(*value[:6], tzinfo=timezone.utc).astimezone(TZ)
    except (ValueError, OverflowError):
        return None


def shown(when: datetime | None) -> str:
    """``14/09/2026 19:46`` in Vietnam time, as the reports print a date; '' for None."""
    return f"{when.astimezone(TZ):%d/%m/%Y %H:%M}" if when else ""

