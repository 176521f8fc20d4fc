"""Feed bytes -> UTF-8 XML that declares UTF-8, trusting the bytes over what they claim.

Real feeds declare ``encoding="utf-16"`` over UTF-8 bytes, put a byte-order mark or blank lines
before ``<?xml``, or declare nothing at all. The order of trust: a byte-order mark (or the UTF-16/32
pattern of ``<?`` without one); then bytes that are valid UTF-8; then the declared charset (XML
declaration, then HTTP header) when it decodes the bytes; then UTF-8 when only a few stray bytes
break it; then charset-normalizer's guess. Undecodable bytes and XML-illegal characters are dropped
and counted.

A body with more than :data:`~.model.MAX_ITEMS_READ` items is cut after that many, before parsing.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from ..text import clean
from .model import MAX_ITEMS_READ

_XML_DECL = re.compile(r"^<\?xml[^>]*?\?>", re.I)
_DECLARED = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']", re.I)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._-]+)", re.I)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_NO_BOM = ((b"<\0?\0", "utf-16-le"), (b"\0<\0?", "utf-16-be"))
_ITEM_END = re.compile(rb"</(?:[A-Za-z][\w.-]*:)?(?:item|entry)\s*>", re.I)
_ITEM_START = re.compile(rb"<(?:[A-Za-z][\w.-]*:)?(?:item|entry)[\s>/]", re.I)
_ROOT = re.compile(rb"<((?:[A-Za-z][\w.-]*:)?(?:rss|feed|RDF))[\s>]")
STRAY_SHARE = 0.01
"""Share of undecodable bytes below which a body is UTF-8 with a few stray bytes."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """A body ready for feedparser."""

    data: bytes
    """UTF-8 bytes that declare UTF-8 (when they declare anything)."""
    encoding: str
    """The encoding the bytes were read with."""
    dropped: int
    """Undecodable bytes and XML-illegal characters removed."""
    items: int
    """Items (``<item>``/``<entry>``) in the body as received."""
    kept_items: int
    """Items left after the cut (equal to ``items`` unless the body had too many)."""


def decode_body(body: bytes, content_type: str, max_items: int = MAX_ITEMS_READ) -> Decoded:
    """Decode, clean and re-declare ``body``; cut it after ``max_items`` items."""
    text, encoding = _decode(body, content_type)
    dropped = text.count("\ufffd")
    text, removed = clean(text.replace("\ufffd", "").lstrip("\ufeff").lstrip())
    text = _XML_DECL.sub('<?xml version="1.0" encoding="utf-8"?>', text, count=1)
    data = text.encode("utf-8")
    items = len(_ITEM_START.findall(data))
    data, kept = _cut(data, max_items) if items > max_items else (data, items)
    return Decoded(data, encoding, dropped + len(removed), items, kept)


def _decode(body: bytes, content_type: str) -> tuple[str, str]:
    for mark, codec in _BOMS:
        if body.startswith(mark):
            return body[len(mark):].decode(codec, errors="replace"), codec
    for start, codec in _NO_BOM:
        if body.startswith(start):
            return body.decode(codec, errors="replace"), codec
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared(body, content_type)
    if declared and not declared.startswith(("utf-8", "utf-16", "utf-32")):
        try:
            return body.decode(declared), declared
        except UnicodeDecodeError:
            pass
    text = body.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= max(1, len(body) * STRAY_SHARE):
        return text, "utf-8"
    best = from_bytes(body).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    return text, "utf-8"


def _declared(body: bytes, content_type: str) -> str:
    """The codec the XML declaration (first) or the HTTP header names, normalised; '' when none is known."""
    m = _DECLARED.match(body)
    name = m.group(1).decode("ascii") if m else ""
    if not name:
        found = _CHARSET.search(content_type or "")
        name = found.group(1) if found else ""
    try:
        return codecs.lookup(name).name if name else ""
    except LookupError:
        return ""


def _cut(data: bytes, max_items: int) -> tuple[bytes, int]:
    """``data`` up to the end of item ``max_items``, with the root element closed again."""
    end = 0
    for n, m in enumerate(_ITEM_END.finditer(data), 1):
        end = m.end()
        if n == max_items:
            break
    root = _ROOT.search(data)
    name = root.group(1) if root else b"rss"
    closing = b"</channel></rss>" if name.lower().endswith(b"rss") else b"</" + name + b">"
    return data[:end] + closing, max_items
