"""The Vietnamese sentence splitter, driven by the readable table tests/fixtures/sentences.tsv."""
from __future__ import annotations

import unicodedata

import pytest

from bulletin.sentences import split_sentences

from .helpers import FIXTURES, read_tsv

SEPARATOR = " ‖ "


def _cases():
    for name, given, expected in read_tsv(FIXTURES / "sentences.tsv", 3):
        yield pytest.param(given.replace("\\n", "\n"), expected.split(SEPARATOR), id=name)


@pytest.mark.parametrize("given, expected", list(_cases()))
def test_split_sentences(given, expected):
    assert split_sentences(given) == expected


def test_every_character_is_kept_in_order():
    text = "TS. Lê nói: “Xong.” Tiếp theo là 1.100 người. Hết"
    assert "".join(split_sentences(text)).replace(" ", "") == text.replace(" ", "")


def test_decomposed_input_comes_back_composed():
    decomposed = unicodedata.normalize("NFD", "Chuyển đổi số. Dữ liệu mở.")
    assert split_sentences(decomposed) == ["Chuyển đổi số.", "Dữ liệu mở."]


def test_empty_text_has_no_sentence():
    assert split_sentences("  \n\n ") == []
