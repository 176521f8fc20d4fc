"""Vietnamese text helpers, driven by the readable table tests/fixtures/text_cases.tsv."""
from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from bulletin import text

from .helpers import FIXTURES, read_tsv


def _cases():
    for function, given, expected in read_tsv(FIXTURES / "text_cases.tsv", columns=3):
        yield pytest.param(function, given, expected, id=f"{function}:{given.strip()}")


@pytest.mark.parametrize("function, given, expected", list(_cases()))
def test_text_function(function, given, expected):
    assert getattr(text, function)(given) == expected


@pytest.mark.parametrize("given", ["hoà bình", "Thuỷ Nguyên"])
def test_nfd_input_is_normalised_first(given):
    nfd = unicodedata.normalize("NFD", given)
    assert text.modern_tones(nfd) == text.modern_tones(given)
    assert text.fold(nfd) == text.fold(given)


def test_clean_removes_xml_illegal_characters_and_names_them():
    cleaned, removed = text.clean("a\x08b\x00c\td\ne")
    assert cleaned == "abc\td\ne" and removed == ["U+0008", "U+0000"]


@pytest.mark.parametrize("start, end, label", [
    (date(2026, 4, 27), date(2026, 5, 3), "27/4-03/5/2026"),
    (date(2026, 12, 28), date(2027, 1, 3), "28/12-03/1/2027"),
    (date(2026, 5, 11), date(2026, 5, 17), "11/5-17/5/2026"),
])
def test_week_label_matches_the_bulletin(start, end, label):
    assert text.week_label(start, end) == label


def test_parse_day_reads_day_first():
    assert text.parse_day("03/5", 2026) == date(2026, 5, 3)
    assert text.parse_day("1/5/2025", 2026) == date(2025, 5, 1)
    with pytest.raises(ValueError):
        text.parse_day("2026-05-01", 2026)
