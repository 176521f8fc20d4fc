"""Links: tracking parameters out, and one canonical form to compare stories by."""
from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

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
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not _tracking(k)]
    query = parts.query if len(kept) == len(pairs) else urlencode(kept)
    fragment = "" if parts.fragment.lower().startswith(("utm", "xtor")) else parts.fragment
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", query, fragment))


def canonical(url: str) -> str:
    """Comparison key of a link: no scheme, no ``www.``, no default port, no trailing slash,
    no tracking parameters, sorted query, no fragment. '' for anything that is not http(s)."""
    clean = strip_tracking(url)
    if not clean:
        return ""
    parts = urlsplit(clean)
    host = (parts.hostname or "").removeprefix("www.")
    port = parts.port
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/") or "/"
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return f"{host}{path}" + (f"?{query}" if query else "")


def entry_id(site: str, guid: str, link: str, title: str) -> str:
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
