"""``sources.yaml`` -> :class:`Settings`: one schema, every error reported at once.

The file has four blocks: ``publication`` (who publishes, how it looks), ``parts`` (order, titles,
which tag feeds each), ``publish`` (where the archive goes), and the collector's ``keywords`` and
``sources``. Another department adopts the tool by editing this file only.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .checker import Checker, read_yaml
from .errors import ConfigError, Problem
from .model import Publication
from .publication import PLACEHOLDERS, read_publication

SCOPES = ("national", "local")

TOP_KEYS = {"publication": "đơn vị xuất bản", "parts": "các phần", "labels": "chữ và định dạng",
            "masthead": "đầu trang bìa", "publish": "nơi xuất bản", "collector": "bộ thu thập tin",
            "keywords": "từ khóa", "sources": "nguồn tin", "mail": "gửi bản thư điện tử",
            "sites": "cách đọc bài viết của từng trang"}
"""The blocks of ``sources.yaml`` -> what each is for. Any other key is reported."""
PUBLISH_KEYS = {"method": "cách xuất bản", "target": "nơi xuất bản"}
COLLECTOR_KEYS = {"timeout": "thời gian chờ", "concurrency": "số nguồn đọc cùng lúc"}
MAIL_KEYS = {"server": "máy chủ gửi thư (SMTP)", "port": "cổng", "security": "kiểu mã hóa: starttls hoặc ssl",
             "user": "tên đăng nhập máy chủ thư", "sender": "địa chỉ gửi", "sender_name": "tên người gửi",
             "password_env": "tên biến môi trường chứa mật khẩu", "subscribers": "tệp danh sách người nhận",
             "per_minute": "số thư gửi tối đa mỗi phút", "subject": "tiêu đề thư"}
SITE_KEYS = {"body": "bộ chọn CSS của phần thân bài", "drop": "danh sách bộ chọn CSS của những phần cần bỏ"}
SOURCE_KEYS = {"name": "tên nguồn", "url": "địa chỉ RSS/Atom", "scope": "phạm vi", "enabled": "bật/tắt",
               "include": "từ khóa riêng", "exclude": "từ khóa loại trừ", "kind": "loại nguồn: feed hoặc html",
               "links": "bộ chọn CSS các liên kết tới bài trên trang danh sách",
               "date": "bộ chọn CSS ngày đăng bên cạnh mỗi liên kết"}
KINDS = ("feed", "html")
"""``feed``: an RSS/Atom feed; ``html``: a listing page (a section of a site), read with CSS selectors."""


@dataclass(frozen=True, slots=True)
class FeedSource:
    """One feed the collector reads."""

    name: str
    """Display name, as printed after the source label ("Chi tiết:")."""
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
    kind: str = "feed"
    """``feed`` (RSS/Atom) or ``html`` (a listing page with no feed, read with :attr:`links`)."""
    links: str = ""
    """For ``html``: CSS selector of the links to articles on the page (``h3 a``)."""
    date: str = ""
    """For ``html``: CSS selector of the publication date next to each link (``.time``), or ''."""


@dataclass(frozen=True, slots=True)
class SiteRule:
    """How to read the article pages of one site: the optional ``sites`` block of ``sources.yaml``."""

    host: str
    """The site's host name (``baochinhphu.vn``); its subdomains follow the same rule."""
    body: str = ""
    """CSS selector of the element holding the article's text; '' lets the extractor find it."""
    drop: tuple[str, ...] = ()
    """CSS selectors of elements removed before extraction (related links, share buttons)."""


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
class MailSettings:
    """How the email edition is sent: the optional ``mail`` block of ``sources.yaml``.

    The password is never here: it comes from the environment variable ``password_env`` names,
    or from the project's git-ignored ``.env`` file."""

    server: str = ""
    """SMTP server host name; '' when mail is not configured."""
    port: int = 587
    """SMTP port (587 with STARTTLS; 465 is the default with SSL)."""
    security: str = "starttls"
    """``starttls`` or ``ssl``: the connection is always encrypted."""
    user: str = ""
    """Login name on the SMTP server ('' to send without logging in)."""
    sender: str = ""
    """The From address; also where ``List-Unsubscribe`` mails go."""
    sender_name: str = ""
    """Display name of the sender ('' uses the publication's title)."""
    password_env: str = "BULLETIN_SMTP_PASSWORD"
    """Name of the environment variable (or ``.env`` entry) holding the SMTP password."""
    subscribers: str = "subscribers.csv"
    """The subscriber list, relative to the project folder."""
    per_minute: float = 30.0
    """At most this many messages a minute (a gentle rate for shared mail servers)."""
    subject: str = ""
    """The subject as a format with the cover lines' placeholders ({title}, {label}, {week}, {start},
    {end}…); '' gives "<title> số <label> (<first day>–<last day>/<year>)"."""


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
    mail: MailSettings = MailSettings()
    """Sending the email edition."""
    sites: tuple[SiteRule, ...] = ()
    """Per-site rules for reading article pages."""


def load_settings(path: Path) -> Settings:
    """Read and check ``sources.yaml``. Raises :class:`ConfigError` listing every problem."""
    path = Path(path)
    data = read_yaml(path, "không tìm thấy tệp cấu hình")
    check = Checker(path)
    if not isinstance(data, dict):
        raise ConfigError([Problem(path, 1, 'tệp cấu hình phải có các mục "publication", "parts", "sources"')])
    check.keys(data, TOP_KEYS, "ở cấp ngoài cùng")
    root = path.resolve().parent
    publication = read_publication(check, data, root)
    settings = Settings(
        root=root,
        path=path,
        publication=publication,
        publish=_publish(check, data.get("publish") or {}),
        keywords=check.words(data, "keywords"),
        sources=_sources(check, data),
        collector=_collector(check, data.get("collector") or {}),
        mail=_mail(check, data.get("mail") or {}),
        sites=_sites(check, data),
    )
    check.raise_problems()
    return settings


def _sites(check: Checker, data: Any) -> tuple[SiteRule, ...]:
    node = data.get("sites") or {}
    if not isinstance(node, dict):
        check.fail(data, "sites", 'mục "sites" phải gồm các tên miền, mỗi tên miền có "body" và/hoặc "drop"')
        return ()
    rules = []
    for host, rule in node.items():
        host = str(host).strip().lower().rstrip(".")
        if "/" in host or not host or " " in host:
            check.fail(node, host, f'"{host}" phải là một tên miền, ví dụ baochinhphu.vn (không có http:// hay /)')
        if not isinstance(rule, dict):
            check.fail(node, host, f'trang "{host}" cần "body: <bộ chọn CSS>" và/hoặc "drop: [<bộ chọn CSS>, …]"')
            continue
        check.keys(rule, SITE_KEYS, f'trong cách đọc trang "{host}"')
        body = check.selector(rule, "body", SITE_KEYS["body"], required=False)
        drop = check.selectors(rule, "drop", SITE_KEYS["drop"])
        rules.append(SiteRule(host=host.removeprefix("www."), body=body, drop=drop))
    return tuple(rules)


def _publish(check: Checker, node: Any) -> PublishTarget:
    check.keys(node, PUBLISH_KEYS, 'trong khối "publish"')
    method = check.text(node, "method", "cách xuất bản", default="local")
    if method not in ("local", "rsync"):
        check.fail(node, "method", f'cách xuất bản "{method}" không hợp lệ; chỉ được dùng: local, rsync')
    return PublishTarget(method=method, target=check.text(node, "target", "nơi xuất bản", default=""))


def _collector(check: Checker, node: Any) -> CollectorSettings:
    check.keys(node, COLLECTOR_KEYS, 'trong khối "collector"')
    return CollectorSettings(**_numbers(check, node, "collector", (("timeout", float, 0.1), ("concurrency", int, 1))))


def _numbers(check: Checker, node: Any, block: str, specs) -> dict[str, Any]:
    """The numeric keys of a block that are present and valid: (key, int or float, lowest allowed)."""
    values = {}
    for key, kind, low in specs:
        value = node.get(key) if isinstance(node, dict) else None
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < low or kind(value) != value:
            check.fail(node, key, f'mục "{block}.{key}" phải là một số {"nguyên " if kind is int else ""}không nhỏ hơn {low}')
        else:
            values[key] = kind(value)
    return values


def _mail(check: Checker, node: Any) -> MailSettings:
    check.keys({k: v for k, v in node.items() if k != "password"} if isinstance(node, dict) else node, MAIL_KEYS,
               'trong khối "mail"')
    if isinstance(node, dict) and "password" in node:
        check.fail(node, "password", f'không ghi mật khẩu trong sources.yaml (tệp này được đưa lên git): xóa dòng này '
                   f'và đặt mật khẩu trong tệp .env, dòng {node.get("password_env") or "BULLETIN_SMTP_PASSWORD"}=…')
    texts = ("server", "user", "sender", "sender_name", "password_env", "subscribers")
    values: dict[str, Any] = {key: check.text(node, key, MAIL_KEYS[key], default="") for key in texts}
    values = {key: value for key, value in values.items() if value}
    security = check.text(node, "security", MAIL_KEYS["security"], default="starttls")
    if security not in ("starttls", "ssl"):
        check.fail(node, "security", f'kiểu mã hóa "{security}" không hợp lệ; chỉ được dùng: starttls, ssl')
    values.update(_numbers(check, node, "mail", (("port", int, 1), ("per_minute", float, 0.1))))
    values["subject"] = check.template(node, "subject", MAIL_KEYS["subject"], "", PLACEHOLDERS["number_line"])
    if "port" not in values and security == "ssl":
        values["port"] = 465
    if "@" not in values.get("sender", "@"):
        check.fail(node, "sender", f'mục "mail.sender" phải là một địa chỉ thư, ví dụ diemtin@sokhcn.gov.vn, không phải "{values["sender"]}"')
    return MailSettings(security=security, **values)


def load_sources(path: Path) -> FeedList:
    """Read only ``keywords`` and ``sources`` from a YAML file (``--nguon``). Raises :class:`ConfigError`."""
    path = Path(path)
    data = read_yaml(path, "không tìm thấy tệp danh sách nguồn tin",
                     'tệp danh sách nguồn tin phải là YAML (UTF-8) có mục "sources"')
    check = Checker(path)
    if not isinstance(data, dict):
        raise ConfigError([Problem(path, 1, 'tệp danh sách nguồn tin phải có mục "sources"')])
    check.keys(data, TOP_KEYS, "ở cấp ngoài cùng")
    feeds = FeedList(keywords=check.words(data, "keywords"), sources=_sources(check, data), has_keywords="keywords" in data)
    check.raise_problems()
    return feeds


def _sources(check: Checker, data: Any) -> tuple[FeedSource, ...]:
    node = data.get("sources") or []
    if not isinstance(node, list):
        check.fail(data, "sources", 'mục "sources" phải là một danh sách nguồn tin')
        return ()
    sources = []
    for entry in node:
        if not isinstance(entry, dict):
            check.fail(node, None, 'mỗi nguồn tin cần "name", "url" và "scope"')
            continue
        check.keys(entry, SOURCE_KEYS, "trong một nguồn tin")
        scope = check.text(entry, "scope", "phạm vi: national hoặc local", default="national")
        if scope not in SCOPES:
            check.fail(entry, "scope", f'phạm vi "{scope}" không hợp lệ; chỉ được dùng: national, local')
        enabled = entry.get("enabled", True)
        if not isinstance(enabled, bool):
            check.fail(entry, "enabled", 'mục "enabled" phải là true hoặc false')
        sources.append(FeedSource(
            name=check.text(entry, "name", "tên nguồn"),
            url=check.url(entry, "url", "địa chỉ RSS/Atom hoặc trang danh sách tin"),
            scope=scope,
            enabled=enabled is not False,
            include=check.words(entry, "include"),
            exclude=check.words(entry, "exclude"),
            **_listing(check, entry),
        ))
    return tuple(sources)


def _listing(check: Checker, entry: Any) -> dict[str, str]:
    """``kind`` and, for a listing page (``kind: html``), its ``links`` and ``date`` selectors."""
    kind = check.text(entry, "kind", SOURCE_KEYS["kind"], default="feed")
    if kind not in KINDS:
        check.fail(entry, "kind", f'loại nguồn "{kind}" không hợp lệ; chỉ được dùng: feed (RSS/Atom), '
                   'html (trang danh sách tin không có feed)')
        return {}
    if kind == "feed":
        for key in ("links", "date"):
            if key in entry:
                check.fail(entry, key, f'mục "{key}" chỉ dùng cho trang danh sách tin: thêm dòng "kind: html" '
                           'vào nguồn này, hoặc xóa dòng này')
        return {}
    if "links" not in entry:
        check.fail(entry, None, 'nguồn "kind: html" cần mục "links": bộ chọn CSS các liên kết tới bài, ví dụ links: "h3 a"')
    links = check.selector(entry, "links", SOURCE_KEYS["links"], required=False)
    return {"kind": kind, "links": links, "date": check.selector(entry, "date", SOURCE_KEYS["date"], required=False)}
