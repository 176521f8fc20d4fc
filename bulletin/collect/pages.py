"""HTML answered where a feed was expected: a script challenge, or a page that links to its feeds.

Some sites answer scripts with a JavaScript cookie challenge (Cloudflare's "Just a moment…",
``document.cookie`` set by an inline script then a reload); that is reported as such, not as
"not a feed". A page that declares ``<link rel="alternate" type="application/rss+xml">`` names the
feed an editor should configure instead.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|script|meta)(?=[\s>/])",
                         re.I | re.S)
_CHALLENGE = re.compile(
    r"_cf_chl|cf-browser-verification|challenge-platform|cf_clearance|jschl|__ddg|ddos-guard|"
    r"checking (?:if the site connection is secure|your browser)|just a moment\.\.\.|enable javascript and cookies|"
    r"slowaes|toNumbers\(|document\.cookie\s*=[^;]{0,400}(?:location\.(?:reload|href|replace)|window\.location)",
    re.I | re.S)
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json"})
MAX_SCAN = 512 * 1024
"""Characters of a page looked at."""


def looks_like_html(data: bytes) -> bool:
    """True when the body starts like an HTML page (after an optional XML declaration and comments)."""
    return bool(_HTML_START.match(data[:4096]))


def is_challenge(text: str) -> bool:
    """True for a JavaScript/cookie challenge page meant to stop scripts."""
    return bool(_CHALLENGE.search(text[:MAX_SCAN]))


class _Alternates(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        a = {k.lower(): (v or "").strip() for k, v in attrs}
        if "alternate" in a.get("rel", "").lower().split() and a.get("type", "").lower() in FEED_TYPES and a.get("href"):
            self.found.append((a["href"], a.get("title", "")))

    handle_startendtag = handle_starttag


def feed_links(text: str, base: str) -> tuple[str, ...]:
    """Absolute http(s) URLs of the feeds a page declares, in page order, without repeats."""
    parser = _Alternates()
    try:
        parser.feed(text[:MAX_SCAN])
        parser.close()
    except (AssertionError, ValueError):  # html.parser on hostile markup
        pass
    links = (urljoin(base, href) for href, _title in parser.found)
    return tuple(dict.fromkeys(u for u in links if urlsplit(u).scheme in ("http", "https")))
