"""Check a YAML file read with ruamel (which keeps every key's line) and collect every problem.

This is the one schema checker of ``sources.yaml``: each block states its keys, every value is
checked, and nothing stops at the first problem. Unknown keys are problems too, with a
"Có phải ý bạn là …" hint, so a typo such as ``keyword:`` never silently switches a setting off.

Why not strictyaml or pydantic (issue 10 §5): strictyaml raises on the first violation (its issue #15,
"report all violations and not just the first one", is still open), so an editor would fix one line
per run. pydantic does collect every error, but names each by its path in the data, not by its line;
we would still read with ruamel for the lines, map paths back to lines and translate every pydantic
error type into Vietnamese: a second layer, not less code. This checker is small and does all three.
"""
from __future__ import annotations

import string
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from .errors import ConfigError, Problem
from .text import did_you_mean, nfc


def read_yaml(path: Path, missing: str, invalid: str | None = None) -> Any:
    """The YAML document in ``path`` (NFC, with line information). Raises :class:`ConfigError`."""
    try:
        return YAML(typ="rt").load(nfc(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise ConfigError([Problem(path, 0, missing)]) from None
    except UnicodeDecodeError:
        raise ConfigError([Problem(path, 0, invalid or "tệp phải được lưu với mã UTF-8")]) from None
    except YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", -1) + 1
        raise ConfigError([Problem(path, 0 if invalid else line, invalid or
                                   "sai cú pháp YAML: kiểm tra thụt lề, dấu hai chấm sau mỗi khóa và các dấu nháy")]) from None


class Checker:
    """Collects problems while reading one file; never stops at the first."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []

    def fail(self, node: Any, key: Any, message: str) -> None:
        self.problems.append(Problem(self.path, line_of(node, key), message))

    def raise_problems(self) -> None:
        """Raise :class:`ConfigError` with every problem found, in line order."""
        if self.problems:
            raise ConfigError(sorted(self.problems, key=lambda p: p.line))

    def keys(self, node: Any, allowed: Mapping[str, str], where: str) -> None:
        """Report every key of ``node`` not in ``allowed`` (key -> what it is for)."""
        if not isinstance(node, dict):
            return
        for key in node:
            if str(key) not in allowed:
                hint = did_you_mean(str(key), list(allowed))
                self.fail(node, key, f'khóa "{key}" không được dùng {where}; các khóa hợp lệ: {", ".join(allowed)}.{hint}')

    def text(self, node: Any, key: str, what: str, default: str | None = None) -> str:
        value = node.get(key) if isinstance(node, dict) else None
        if value is None:
            if default is None:
                self.fail(node, None, f'thiếu mục "{key}" ({what})')
            return default or ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.fail(node, key, f'mục "{key}" ({what}) phải là một dòng chữ')
            return ""
        return nfc(str(value)).strip()

    def url(self, node: Any, key: str, what: str, required: bool = True) -> str:
        value = self.text(node, key, what, None if required else "")
        if value and urlsplit(value).scheme not in ("http", "https"):
            self.fail(node, key, f'mục "{key}" ({what}) phải là địa chỉ bắt đầu bằng http:// hoặc https://, không phải "{value}"')
        return value

    def selector(self, node: Any, key: str, what: str, required: bool = True) -> str:
        """A CSS selector (``h3 a``, ``.news-item .time``), checked by cssselect as the collector compiles it."""
        value = self.text(node, key, what, None if required else "")
        return value if value and self._css(node, key, what, value) else ""

    def selectors(self, node: Any, key: str, what: str) -> tuple[str, ...]:
        """A list of CSS selectors (``drop: [".box-related", ".tags"]``), each checked as :meth:`selector` does."""
        return tuple(value for value in self.words(node, key) if self._css(node, key, what, value))

    def _css(self, node: Any, key: str, what: str, value: str) -> bool:
        from cssselect import HTMLTranslator, SelectorError  # only sources.yaml files with selectors need it

        try:
            HTMLTranslator().css_to_xpath(value)
        except SelectorError:
            self.fail(node, key, f'mục "{key}" ({what}) không phải bộ chọn CSS hợp lệ: "{value}"; '
                      'ví dụ đúng: "h3 a", ".tin-tuc .tieu-de a", "ul.ArticleList li > a"')
            return False
        return True

    def words(self, node: Any, key: str) -> tuple[str, ...]:
        value = node.get(key) if isinstance(node, dict) else None
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(node, key, f'mục "{key}" phải là một danh sách từ khóa, mỗi dòng bắt đầu bằng "- "')
            return ()
        return tuple(nfc(v).strip() for v in value if v.strip())

    def integer(self, node: Any, key: str, what: str, default: int, low: int = 0) -> int:
        value = node.get(key) if isinstance(node, dict) else None
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            self.fail(node, key, f'mục "{key}" ({what}) phải là một số nguyên không nhỏ hơn {low}')
            return default
        return value

    def template(self, node: Any, key: str, what: str, default: str, sample: Mapping[str, Any]) -> str:
        """A ``str.format`` text whose placeholders must be among ``sample``'s keys (its values
        are used to try the format, so a bad format spec is caught here, not while rendering)."""
        value = self.text(node, key, what, default)
        try:
            names = [name for _, name, _, _ in string.Formatter().parse(value) if name is not None]
        except ValueError:
            self.fail(node, key, f'mục "{key}" ({what}) có dấu ngoặc nhọn {{ }} không khớp: "{value}"')
            return default
        allowed = ", ".join("{" + name + "}" for name in sample) or "không có chỗ thay thế nào"
        unknown = [name for name in names if name not in sample]
        for name in unknown:
            hint = did_you_mean(name, list(sample))
            self.fail(node, key, f'mục "{key}" ({what}) dùng chỗ thay thế không có "{{{name}}}"; được dùng: {allowed}.{hint}')
        if unknown:
            return default
        try:
            value.format(**sample)
        except (ValueError, TypeError, IndexError, KeyError):
            self.fail(node, key, f'mục "{key}" ({what}) có định dạng không hợp lệ: "{value}"')
            return default
        return value


def line_of(node: Any, key: Any) -> int:
    """1-based line of ``key`` in a ruamel mapping (or of the mapping itself)."""
    try:
        if key is not None and key in node:
            return node.lc.key(key)[0] + 1
        return node.lc.line + 1
    except (AttributeError, TypeError, KeyError):
        return 0
