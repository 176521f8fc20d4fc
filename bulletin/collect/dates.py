"""Publication dates as Vietnamese sites really write them.

RFC 822 with ``+0700`` or ``GMT+7``, ``dd/mm/yyyy HH:MM`` (day first), ISO 8601 with or without
a zone. A time without a zone is Vietnam time (Asia/Ho_Chi_Minh), never UTC.
"""
from __future__ import annotations

import re
import time
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from ..text import TZ

_ZONE = re.compile(r"\(?\s*(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\s*\)?", re.I)
_DMY = re.compile(
    r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)"
    r"(?:[\sT,|-]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?"
)
_COLON_OFFSET = re.compile(r"([+-])(\d{2}):(\d{2})\s*$")


def parse_date(text: str) -> datetime | None:
    """``text`` -> an aware datetime in Asia/Ho_Chi_Minh, or None when it is not a date."""
    text = " ".join((text or "").split())
    if not text:
        return None
    for parse in (_iso, _day_first, _rfc822):
        try:
            found = parse(text)
        except (ValueError, TypeError, IndexError, OverflowError):
            found = None
        if found is not None:
            return (found if found.tzinfo else found.replace(tzinfo=TZ)).astimezone(TZ)
    return None


def from_struct(value: time.struct_time | None) -> datetime | None:
    """feedparser's ``*_parsed`` (a UTC struct_time) -> Vietnam time."""
    if not value:
        return None
    try:
        return datetime(*value[:6], tzinfo=timezone.utc).astimezone(TZ)
    except (ValueError, OverflowError):
        return None


def _zone(text: str) -> tuple[str, timezone | None]:
    """Cut a ``GMT+7`` / ``(UTC+07:00)`` zone out of ``text``."""
    m = _ZONE.search(text)
    if not m:
        return text, None
    offset = timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0))
    zone = timezone(-offset if m.group(1) == "-" else offset)
    return (text[: m.start()] + text[m.end():]).strip(), zone


def _iso(text: str) -> datetime | None:
    if not re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return None
    return datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text else text)


def _day_first(text: str) -> datetime | None:
    rest, zone = _zone(text)
    m = _DMY.search(rest)
    if not m:
        return None
    day, month, year, hour, minute, second = (int(g) if g else 0 for g in m.groups())
    return datetime(year, month, day, hour, minute, second, tzinfo=zone)


def _rfc822(text: str) -> datetime | None:
    rest, zone = _zone(text)
    rest = _COLON_OFFSET.sub(r"\1\2\3", rest)
    found = parsedate_to_datetime(rest)
    if zone is not None:
        found = found.replace(tzinfo=zone)
    return found
