"""The subscriber list: ``subscribers.csv`` (UTF-8, as Excel or LibreOffice save it).

Columns: ``email`` (required) and ``name`` (optional; ``ten``/``họ tên`` are accepted too). Every
row is checked: a bad address or a repeated one is reported with its line number and skipped,
never silently dropped.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from email_validator import EmailNotValidError, validate_email

from ..errors import BulletinError, Problem
from ..text import fold, nfc

MAX_SUBSCRIBERS = 100_000
"""A list longer than this is refused (most likely the wrong file)."""
_EMAIL = {"email", "e-mail", "dia chi thu", "thu dien tu"}
_NAME = {"name", "ten", "ho ten", "ho va ten"}


@dataclass(frozen=True, slots=True)
class Subscriber:
    """One recipient."""

    address: str
    """The address, normalised (domain lower case, NFC)."""
    name: str
    """Display name, or ''."""
    line: int
    """Line in the CSV file."""


@dataclass(frozen=True, slots=True)
class SubscriberList:
    """What the CSV file held."""

    subscribers: tuple[Subscriber, ...]
    """Valid, distinct recipients in file order."""
    skipped: tuple[Problem, ...]
    """Rows that were skipped, with their line and why."""


def check_address(address: str) -> str:
    """The normalised address; raises ``ValueError`` with a Vietnamese reason when it is not one."""
    try:
        return validate_email(nfc(address.strip()), check_deliverability=False).normalized
    except EmailNotValidError:
        hint = "" if "@" in address else " (thiếu @)"
        raise ValueError(f'"{address.strip()}" không phải địa chỉ thư hợp lệ{hint}') from None


def read_subscribers(path: Path) -> SubscriberList:
    """Read and check the list. Raises :class:`BulletinError` when the file cannot be used at all."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise BulletinError(f"không tìm thấy danh sách người nhận {path}; tạo tệp CSV có cột email "
                            "(và cột name nếu muốn), mỗi người một dòng") from None
    except UnicodeDecodeError:
        raise BulletinError(f"{path}: tệp phải được lưu với mã UTF-8 (trong Excel: Lưu dưới dạng CSV UTF-8)") from None
    rows = csv.reader(io.StringIO(text))
    header = [fold(cell) for cell in next(rows, [])]
    column = next((n for n, cell in enumerate(header) if cell in _EMAIL), None)
    if column is None:
        raise BulletinError(f"{path}:1: dòng đầu phải là tên các cột và có cột email, ví dụ: email,name")
    name_column = next((n for n, cell in enumerate(header) if cell in _NAME), None)
    return _rows(path, rows, column, name_column)


def _rows(path: Path, rows, column: int, name_column: int | None) -> SubscriberList:
    found: dict[str, Subscriber] = {}
    skipped: list[Problem] = []
    for row in rows:
        line = rows.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(found) >= MAX_SUBSCRIBERS:
            raise BulletinError(f"{path}: hơn {MAX_SUBSCRIBERS} người nhận; hãy kiểm tra lại tệp")
        cell = row[column] if column < len(row) else ""
        try:
            address = check_address(cell)
        except ValueError as exc:
            skipped.append(Problem(path, line, f"bỏ qua dòng này: {exc}"))
            continue
        key = address.casefold()
        if key in found:
            skipped.append(Problem(path, line, f'bỏ qua dòng này: "{address}" đã có ở dòng {found[key].line}'))
            continue
        name = nfc(row[name_column].strip()) if name_column is not None and name_column < len(row) else ""
        found[key] = Subscriber(address, name, line)
    return SubscriberList(tuple(found.values()), tuple(skipped))
