"""Links: tracking parameters out, one canonical form (w3lib's) to compare stories by, and the
configured source a link's site belongs to."""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

from ..config import FeedSource
from ..text import fold

TRACKING = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid",
    "igshid", "igsh", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_enc_id",
    "oly_anon_id", "vero_id", "zarsrc", "zalo_source", "ref_src", "spm", "cmpid",
})
"""Query parameters that only track the reader (``utm_*`` too)."""


def _tracking(name: str) -> bool:
    name = name.lower()
    return name.startswith(("utm_", "utm-")) or name in TRACKING


def strip_tracking(url: str) -> str:
    """``url`` without tracking parameters (and without a ``#utm…`` fragment); '' if not http(s)."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    names = [k for k, _v in parse_qsl(parts.query, keep_blank_values=True) if _tracking(k)]
    url = urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, parts.fragment))
    if names:
        url = url_query_cleaner(url, names, remove=True, unique=False, keep_fragments=True)
    if parts.fragment.lower().startswith(("utm", "xtor")):
        url = url.split("#", 1)[0]
    return url


def canonical(url: str) -> str:
    """Comparison key of a link: w3lib's canonical form (sorted query, no fragment, normalised
    escapes) without the scheme, ``www.``, the default port, a trailing slash or tracking
    parameters. '' for anything that is not http(s)."""
    clean = strip_tracking(url)
    if not clean:
        return ""
    try:
        parts = urlsplit(canonicalize_url(clean, keep_fragments=False))
        port = parts.port
    except ValueError:
        return ""
    host = (parts.hostname or "").removeprefix("www.")
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/") or "/"
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def item_id(site: str, guid: str, link: str, title: str) -> str:
    """Stable id of a feed item: its GUID (as a link when it is one), else its link, else its title.

    A GUID that is not a link, and a title, only mean something within one site: ``site`` (the
    feed's own link, or its URL) is part of the key then."""
    guid = (guid or "").strip()
    if guid and canonical(guid):
        key = canonical(guid)
    elif guid:
        key = f"{canonical(site)}|{guid}"
    elif canonical(link):
        key = canonical(link)
    else:
        key = f"{canonical(site)}|{fold(title)}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def site_source(url: str, sources: Sequence[FeedSource]) -> FeedSource | None:
    """The configured source on the same site as ``url`` (its host or a parent domain), or None."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    for source in sources:
        site = (urlsplit(source.url).hostname or "").removeprefix("www.")
        if site and (host == site or host.endswith("." + site)):
            return source
    return None


def site_name(url: str, sources: Sequence[FeedSource], own: str = "") -> str:
    """What to call the site of ``url``: its configured source's name, else the name the page gives
    itself (``own``: ``Báo VnExpress``), else its host (``vnexpress.net``)."""
    source = site_source(url, sources)
    return source.name if source else own or (urlsplit(url).hostname or "").removeprefix("www.")
