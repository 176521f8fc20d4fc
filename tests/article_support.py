"""Shared pieces of the article tests: fixture pages and generated pictures on a loopback server."""
from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from PIL import Image

from bulletin.collect import FetchOptions

from .feedserver import FEEDS, FeedServer, Route
from .helpers import FIXTURES

ARTICLES = FIXTURES / "articles"
"""Fixture article pages (modelled on real outlets) and their expected fields."""
REALWORLD = ARTICLES / "realworld"
"""Pages real outlets served, saved by other public projects (copied from shared/realworld/pages;
provenance in its SOURCES.tsv)."""
ROBOTS = b"User-agent: *\nDisallow: /rieng/\n\nUser-agent: bulletin-collector\nDisallow: /rieng/\nAllow: /\n"
FAST = FetchOptions(connect_timeout=2.0, read_timeout=0.5, total_timeout=3.0, allow_private=True, max_bytes=2 * 1024 * 1024)
"""Short timeouts and a 2 MiB cap, for loopback."""
HTML = "text/html; charset=utf-8"


def picture(kind: str, size: tuple[int, int] = (800, 500), colour: str = "#3a7bd5") -> bytes:
    """A real picture file of ``kind`` (JPEG, PNG, WEBP, GIF)."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, kind)
    return out.getvalue()


def bomb() -> bytes:
    """A PNG of 20000×20000 pixels (400 million) in a few hundred KiB: a decompression bomb."""
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, "PNG", optimize=True)
    return out.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="800" height="500"><rect width="800" height="500"/></svg>'


PAYWALL = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
           '"isAccessibleForFree": "False", "hasPart": {"@type": "WebPageElement", "isAccessibleForFree": "False", '
           '"cssSelector": ".paywall"}}</script>')
"""How news sites mark a paywalled article (schema.org, as Google asks them to)."""


def paywalled() -> bytes:
    """The VnExpress-like page marked as paywalled."""
    page = (ARTICLES / "vnexpress-like.html").read_text(encoding="utf-8")
    return page.replace("</head>", PAYWALL + "\n</head>").encode("utf-8")


def routes() -> dict[str, Route]:
    """Every page and picture the article tests ask for."""
    table = {f"/bai/{p.name}": Route(body=p.read_bytes(), content_type=HTML) for p in ARTICLES.glob("*.html")}
    table.update({
        "/robots.txt": Route(body=ROBOTS, content_type="text/plain"),
        "/rieng/bai.html": Route(body=(ARTICLES / "vnexpress-like.html").read_bytes(), content_type=HTML),
        "/bai/403.html": Route(status=403, content_type=HTML),
        "/bai/khong-lo.html": Route(generate=5 * 1024 * 1024),
        "/bai/tai-lieu.pdf": Route(body=b"%PDF-1.7\n" + b"0" * 2000, content_type="application/pdf"),
        "/bai/thu-thach.html": Route(file="challenge.html", content_type=HTML, status=503),
        "/bai/thu-phi.html": Route(body=paywalled(), content_type=HTML),
        "/images/tram-quan-trac.jpg": Route(body=picture("JPEG"), content_type="image/jpeg"),
        "/images/cho-cong-nghe.webp": Route(body=picture("WEBP"), content_type="image/webp"),
    })
    assert (FEEDS / "challenge.html").is_file()
    return table


@pytest.fixture
def site() -> Iterator[FeedServer]:
    srv = FeedServer()
    srv.routes.update(routes())
    yield srv
    srv.close()


def served_picture(spec: str) -> tuple[str, Route]:
    """The path and route of a picture described as in pictures.tsv: ``jpeg 800x500``, ``webp-alpha
    640x480``, ``gif 1x1``, ``jpeg 800x500 logo``, ``jpeg-cut 800x500``, ``bomb``, ``svg`` or ``huge``."""
    kind, _, rest = spec.partition(" ")
    size_text, _, label = rest.partition(" ")
    if kind == "bomb":
        return "/anh/bom.png", Route(body=bomb(), content_type="image/png")
    if kind == "svg":
        return "/anh/hinh.svg", Route(body=SVG, content_type="image/svg+xml")
    if kind == "huge":
        return "/anh/khong-lo.jpg", Route(generate=3 * 1024 * 1024)
    width, height = (int(n) for n in size_text.split("x"))
    name = f"/anh/{label or 'anh'}-{kind}-{width}x{height}.img"
    if kind == "webp-alpha":
        out = io.BytesIO()
        Image.new("RGBA", (width, height), (200, 30, 30, 120)).save(out, "WEBP")
        return name, Route(body=out.getvalue(), content_type="image/webp")
    data = picture(kind.removesuffix("-cut").upper(), (width, height))
    return name, Route(body=data[: len(data) // 2] if kind.endswith("-cut") else data, content_type="image/jpeg")
