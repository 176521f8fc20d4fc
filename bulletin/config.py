"""``sources.yaml`` -> :class:`Settings`: one schema, every error reported at once.

The file has four blocks: ``publication`` (who publishes, how it looks), ``parts`` (order, titles,
which tag feeds each), ``publish`` (where the archive goes), and the collector's ``keywords`` and
``sources``. Another department adopts the tool by editing this file only.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from .errors import ConfigError, Problem
from .model import TAGS, PartSpec, Publication
from .text import did_you_mean, nfc

SCOPES = ("national", "local")


@dataclass(frozen=True, slots=True)
class FeedSource:
    """One feed the collector reads."""

    name: str
    """Display name, as printed after "Chi tiết:"."""
    url: str
    """Feed URL (http or https)."""
    scope: str
    """``national`` or ``local``: local sources suggest the ``local`` tag."""
    enabled: bool
    """Disabled sources are skipped."""
    include: tuple[str, ...]
    """Extra keywords that make an item of this source relevant."""
    exclude: tuple[str, ...]
    """Keywords that make an item of this source irrelevant."""


@dataclass(frozen=True, slots=True)
class CollectorSettings:
    """How the collector fetches: the optional ``collector`` block of ``sources.yaml``."""

    timeout: float = 20.0
    """Seconds to wait for a connection, or for the next bytes of an answer."""
    concurrency: int = 16
    """How many feeds are fetched at once."""


@dataclass(frozen=True, slots=True)
class FeedList:
    """The collector's keywords and feeds, from ``sources.yaml`` or a file given with ``--nguon``."""

    keywords: tuple[str, ...]
    """Global relevance keywords."""
    sources: tuple[FeedSource, ...]
    """Feeds to collect from."""
    has_keywords: bool
    """True when the file has a ``keywords`` entry (a ``--nguon`` file may leave it out)."""


@dataclass(frozen=True, slots=True)
class PublishTarget:
    """Where ``make publish`` deploys ``build/site``."""

    method: str
    """``local`` (a directory, e.g. a web server's document root) or ``rsync`` (over SSH)."""
    target: str
    """A directory path, or ``user@host:/path`` for rsync; '' when not configured."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything ``sources.yaml`` says, checked."""

    root: Path
    """The project folder (where ``sources.yaml``, ``issues/`` and ``templates/`` live)."""
    path: Path
    """The settings file itself."""
    publication: Publication
    """Publication settings the renderers need."""
    publish: PublishTarget
    """Deployment target."""
    keywords: tuple[str, ...]
    """Global relevance keywords for the collector."""
    sources: tuple[FeedSource, ...]
    """Feeds to collect from."""
    collector: CollectorSettings = CollectorSettings()
    """Fetching limits for the collector."""


class _Checker:
    """Collects problems while reading one mapping; never stops at the first."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []

    def fail(self, node: Any, key: Any, message: str) -> None:
        self.problems.append(Problem(self.path, _line(node, key), message))

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

    def words(self, node: Any, key: str) -> tuple[str, ...]:
        value = node.get(key) if isinstance(node, dict) else None
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(node, key, f'mục "{key}" phải là một danh sách từ khóa, mỗi dòng bắt đầu bằng "- "')
            return ()
        return tuple(nfc(v).strip() for v in value if v.strip())


def _line(node: Any, key: Any) -> int:
    """1-based line of ``key`` in a ruamel mapping (or of the mapping itself)."""
    try:
        if key is not None and key in node:
            return node.lc.key(key)[0] + 1
        return node.lc.line + 1
    except (AttributeError, TypeError, KeyError):
        return 0


def load_settings(path: Path) -> Settings:
    """Read and check ``sources.yaml``. Raises :class:`ConfigError` listing every problem."""
    path = Path(path)
    try:
        data = YAML(typ="rt").load(nfc(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise ConfigError([Problem(path, 0, "không tìm thấy tệp cấu hình")]) from None
    except UnicodeDecodeError:
        raise ConfigError([Problem(path, 0, "tệp phải được lưu với mã UTF-8")]) from None
    except YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", -1) + 1
        raise ConfigError([Problem(path, line, "sai cú pháp YAML: kiểm tra thụt lề, dấu hai chấm sau mỗi khóa và các dấu nháy")]) from None
    check = _Checker(path)
    if not isinstance(data, dict):
        raise ConfigError([Problem(path, 1, 'tệp cấu hình phải có các mục "publication", "parts", "sources"')])
    root = path.resolve().parent
    publication = _publication(check, data, root)
    settings = Settings(
        root=root,
        path=path,
        publication=publication,
        publish=_publish(check, data.get("publish") or {}),
        keywords=check.words(data, "keywords"),
        sources=_sources(check, data),
        collector=_collector(check, data.get("collector") or {}),
    )
    if check.problems:
        raise ConfigError(sorted(check.problems, key=lambda p: p.line))
    return settings


def _publication(check: _Checker, data: Any, root: Path) -> Publication:
    node = data.get("publication")
    if not isinstance(node, dict):
        check.fail(data, "publication", 'thiếu khối "publication" (thông tin đơn vị xuất bản)')
        node = {}
    logo = check.text(node, "logo", "ảnh logo", default="")
    logo_path = (root / logo).resolve() if logo else None
    if logo_path and not logo_path.is_file():
        check.fail(node, "logo", f'không tìm thấy ảnh logo "{logo}"')
    province = check.text(node, "province", "tỉnh/thành phố")
    return Publication(
        title=check.text(node, "title", "tên bản tin"),
        department=check.text(node, "department", "đơn vị thực hiện"),
        parent=check.text(node, "parent", "cơ quan chủ quản"),
        province=province,
        website=check.url(node, "website", "trang thông tin điện tử"),
        social=check.url(node, "social", "trang mạng xã hội", required=False),
        logo=logo_path,
        parts=_parts(check, data, province),
        docx_font=check.text(node, "docx_font", "phông chữ bản Word", default="Times New Roman"),
        base_url=check.url(node, "base_url", "địa chỉ công khai của kho lưu trữ", required=False),
    )


def _parts(check: _Checker, data: Any, province: str) -> tuple[PartSpec, ...]:
    node = data.get("parts")
    if not isinstance(node, list) or not node:
        check.fail(data, "parts", 'thiếu danh sách "parts" (các phần của bản tin, theo thứ tự)')
        return ()
    parts: list[PartSpec] = []
    for entry in node:
        if not isinstance(entry, dict):
            check.fail(node, None, 'mỗi phần cần "tag" và "title"')
            continue
        tag = check.text(entry, "tag", "loại tin của phần")
        if tag and tag not in TAGS:
            check.fail(entry, "tag", f'tag "{tag}" không hợp lệ; chỉ được dùng: {", ".join(TAGS)}.{did_you_mean(tag, TAGS)}')
        elif tag in {p.tag for p in parts}:
            check.fail(entry, "tag", f'tag "{tag}" đã được dùng cho một phần khác')
        title = check.text(entry, "title", "tên phần").replace("{province}", province)
        parts.append(PartSpec(tag=tag, title=title))
    return tuple(parts)


def _publish(check: _Checker, node: Any) -> PublishTarget:
    method = check.text(node, "method", "cách xuất bản", default="local")
    if method not in ("local", "rsync"):
        check.fail(node, "method", f'cách xuất bản "{method}" không hợp lệ; chỉ được dùng: local, rsync')
    return PublishTarget(method=method, target=check.text(node, "target", "nơi xuất bản", default=""))


def _collector(check: _Checker, node: Any) -> CollectorSettings:
    values = {}
    for key, kind, low in (("timeout", float, 0.1), ("concurrency", int, 1)):
        value = node.get(key) if isinstance(node, dict) else None
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < low or kind(value) != value:
            check.fail(node, key, f'mục "collector.{key}" phải là một số {"nguyên " if kind is int else ""}không nhỏ hơn {low}')
        else:
            values[key] = kind(value)
    return CollectorSettings(**values)


def load_sources(path: Path) -> FeedList:
    """Read only ``keywords`` and ``sources`` from a YAML file (``--nguon``). Raises :class:`ConfigError`."""
    path = Path(path)
    try:
        data = YAML(typ="rt").load(nfc(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise ConfigError([Problem(path, 0, "không tìm thấy tệp danh sách nguồn tin")]) from None
    except (UnicodeDecodeError, YAMLError):
        raise ConfigError([Problem(path, 0, 'tệp danh sách nguồn tin phải là YAML (UTF-8) có mục "sources"')]) from None
    check = _Checker(path)
    if not isinstance(data, dict):
        raise ConfigError([Problem(path, 1, 'tệp danh sách nguồn tin phải có mục "sources"')])
    feeds = FeedList(keywords=check.words(data, "keywords"), sources=_sources(check, data), has_keywords="keywords" in data)
    if check.problems:
        raise ConfigError(sorted(check.problems, key=lambda p: p.line))
    return feeds


def _sources(check: _Checker, data: Any) -> tuple[FeedSource, ...]:
    node = data.get("sources") or []
    if not isinstance(node, list):
        check.fail(data, "sources", 'mục "sources" phải là một danh sách nguồn tin')
        return ()
    sources = []
    for entry in node:
        if not isinstance(entry, dict):
            check.fail(node, None, 'mỗi nguồn tin cần "name", "url" và "scope"')
            continue
        scope = check.text(entry, "scope", "phạm vi: national hoặc local", default="national")
        if scope not in SCOPES:
            check.fail(entry, "scope", f'phạm vi "{scope}" không hợp lệ; chỉ được dùng: national, local')
        enabled = entry.get("enabled", True)
        if not isinstance(enabled, bool):
            check.fail(entry, "enabled", 'mục "enabled" phải là true hoặc false')
        sources.append(FeedSource(
            name=check.text(entry, "name", "tên nguồn"),
            url=check.url(entry, "url", "địa chỉ RSS/Atom"),
            scope=scope,
            enabled=enabled is not False,
            include=check.words(entry, "include"),
            exclude=check.words(entry, "exclude"),
        ))
    return tuple(sources)
