"""Vietnamese text helpers: NFC, tone placement, folding, dates and slugs.

Every entry point (issue files, settings, feeds) passes text through :func:`nfc`
or :func:`clean` so that the rest of the code only ever sees NFC.
"""
from __future__ import annotations

import calendar
import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
"""Every date in the bulletin is a date in Vietnam."""

# Characters XML 1.0 cannot hold (DOCX, Atom, PDF metadata): C0 controls but tab/newline/CR,
# plus the C1 block and the two non-characters.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")

# Old-style tone placement ("hoà") -> modern ("hòa"): the mark moves from the second vowel of
# oa/oe/uy onto the first. Only the common open-syllable cases, as Vietnamese style guides list them.
_OLD_TONES = {
    "òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
    "òe": "oè", "óe": "oé", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ",
    "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ",
}
_OLD_TO_MODERN = {old: new for new, old in _OLD_TONES.items()}
_OLD_RE = re.compile(  # not after "q": in "quý", "quỹ" the "u" belongs to "qu" and the mark stays on "y"
    r"(?i)(?<!q)(" + "|".join(_OLD_TO_MODERN) + r")(?![a-zà-ỹđ])"
)


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> tuple[str, list[str]]:
    """NFC plus removal of XML-illegal control characters.

    Returns the cleaned text and the list of removed characters as ``U+XXXX`` names,
    so the caller can warn about them where they came from.
    """
    text = nfc(text)
    removed = [f"U+{ord(ch):04X}" for ch in _XML_ILLEGAL.findall(text)]
    return (_XML_ILLEGAL.sub("", text) if removed else text), removed


def modern_tones(text: str) -> str:
    """Move old-style tone marks to the modern position: ``hoà`` -> ``hòa``."""

    def swap(m: re.Match[str]) -> str:
        old = m.group(1)
        new = _OLD_TO_MODERN[old.lower()]
        return new.upper() if old.isupper() else (new[0].upper() + new[1:] if old[0].isupper() else new)

    return _OLD_RE.sub(swap, nfc(text))


def number_joiner(title: str) -> str:
    """What goes between a bulletin's name and its number: " số " ("Điểm tin khoa học công nghệ số
    16/2026"), or " – số " after a name that already ends with the word "số" ("… và chuyển đổi số –
    số 03/2026", never "chuyển đổi số số 03/2026")."""
    words = nfc(title).casefold().split()
    return " – số " if words and words[-1].strip(".,;:") == "số" else " số "


def fold(text: str) -> str:
    """Case-folded, diacritics-free form for matching: ``"Chuyển đổi Số"`` -> ``"chuyen doi so"``."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


def slugify(text: str, limit: int = 60) -> str:
    """ASCII slug for ids and file names: ``"27/4: Ngọn đuốc"`` -> ``"27-4-ngon-duoc"``."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return slug[:limit].rstrip("-") or "muc"


def day_label(day: date) -> str:
    """The bulletin's day label, as in the seed: ``27/4``, ``03/5``, ``01/5``."""
    return f"{day.day:02d}/{day.month}" if day.day < 10 else f"{day.day}/{day.month}"


def week_label(start: date, end: date) -> str:
    """``27/4-03/5/2026`` as on the cover: "Tuần từ 27/4-03/5/2026"."""
    return f"{day_label(start)}-{day_label(end)}/{end.year}"


_DAY_RE = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?\s*$")


class NoSuchDay(ValueError):
    """A date written in the right form that does not exist (``31/4``); the message says why, in Vietnamese."""


def parse_day(text: str, year: int) -> date:
    """Parse ``27/4`` or ``27/4/2026`` (day first, as Vietnamese write dates).

    Raises :class:`NoSuchDay` for a well-formed date that does not exist (``31/4``, ``29/2/2027``,
    ``3/13``) and ``ValueError`` when the text is not such a date at all.
    """
    m = _DAY_RE.match(text)
    if not m:
        raise ValueError(text)
    day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3) or year)
    if not 1 <= month <= 12:
        raise NoSuchDay(f"không có tháng {month}")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise NoSuchDay(f"tháng {month}/{year} chỉ có {last} ngày" if month == 2 else f"tháng {month} chỉ có {last} ngày")
    return date(year, month, day)


def today() -> date:
    """Today's date in Asia/Ho_Chi_Minh."""
    return datetime.now(TZ).date()


def did_you_mean(value: str, choices: Iterable[str] | Mapping[str, str]) -> str:
    """A Vietnamese "did you mean" hint for a mistyped word, or ''.

    With a mapping, ``value`` is matched against its keys and the value is shown.
    """
    shown = choices if isinstance(choices, Mapping) else {c: c for c in choices}
    close = difflib.get_close_matches(value, list(shown), n=1, cutoff=0.5)
    return f' Có phải ý bạn là "{shown[close[0]]}"?' if close else ""
