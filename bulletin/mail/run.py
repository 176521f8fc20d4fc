"""The mail commands' pipeline: read and check everything, then write or send.

``write_email`` makes the preview files beside the editions; ``send_issue`` sends to the
subscribers (or, for a dry run, writes each message to a folder); ``send_test`` sends one message.
"""
from __future__ import annotations

import logging
import ssl
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from ..atomic import atomic_write
from ..config import Settings
from ..images import prepare_all
from ..model import Issue
from ..text import TZ
from .deliver import Mailing, Outcome, deliver
from .edition import MAX_HTML_BYTES, EmailEdition, compose
from .ledger import open_ledger
from .message import build_message
from .smtp import server_for
from .subscribers import Subscriber, SubscriberList, check_address, read_subscribers

log = logging.getLogger(__name__)

LEDGER = Path(".state") / "mail.sqlite3"
"""The send log, relative to the project folder."""


@dataclass(frozen=True, slots=True)
class EmailFiles:
    """What ``bulletin email`` wrote."""

    eml: Path
    """The complete message (addressed to the sender)."""
    html: Path
    """The HTML body, to look at in a browser."""
    html_bytes: int
    """Size of the HTML body."""


def email_edition(settings: Settings, issue: Issue, out_root: Path) -> EmailEdition:
    """Compose the issue's email edition; Phần 1's pictures use the archive's web copies."""
    first = next((part for part in issue.parts if part.items), None)
    images = [img for item in (first.items if first else ()) for img in item.images]
    prepared = prepare_all(images, ("web",), out_root / ".cache" / "images")["web"] if images else {}
    edition = compose(issue, {ref: p.path.name for ref, p in prepared.items()}, settings.mail.sender, settings.mail.subject)
    size = len(edition.html.encode("utf-8"))
    if size > MAX_HTML_BYTES:
        log.warning("Phần HTML của thư nặng %d KB, quá %d KB: Gmail sẽ cắt bớt thư (rút gọn Phần 1 hoặc các đoạn mở đầu)",
                    size // 1024, MAX_HTML_BYTES // 1024)
    return edition


def sender_of(settings: Settings) -> tuple[str, str]:
    """(address, display name) of the sender; a preview without ``mail.sender`` uses the website's domain."""
    mail, pub = settings.mail, settings.publication
    address = mail.sender or f"diem-tin@{urlsplit(pub.website).hostname or 'localhost'}"
    return address, mail.sender_name or pub.title


def write_email(settings: Settings, issue: Issue, out_root: Path) -> EmailFiles:
    """``build/<year>-<NN>/<slug>.eml`` and ``<slug>-thu.html``."""
    edition = email_edition(settings, issue, out_root)
    folder = out_root / f"{issue.year}-{issue.number:02d}"
    eml, html = folder / f"{issue.slug}.eml", folder / f"{issue.slug}-thu.html"
    _write(eml, build_message(edition, *sender_of(settings)).as_bytes())
    _write(html, edition.html.encode("utf-8"))
    return EmailFiles(eml, html, len(edition.html.encode("utf-8")))


def _mailing(settings: Settings, issue: Issue, edition: EmailEdition, key: str = "") -> Mailing:
    address, name = sender_of(settings)
    return Mailing(edition, key or f"{issue.year}/{issue.number}", address, name, settings.mail.per_minute)


def subscriber_list(settings: Settings, path: Path | None = None) -> SubscriberList:
    """The subscribers; every skipped row is logged with its line."""
    found = read_subscribers(path or settings.root / settings.mail.subscribers)
    for problem in found.skipped:
        log.warning("%s", problem)
    return found


def send_issue(settings: Settings, issue: Issue, out_root: Path, subscribers: SubscriberList,
               retry_unknown: bool = False, context: ssl.SSLContext | None = None) -> Outcome:
    """Send the issue to every subscriber who has not had it yet."""
    server = server_for(settings.mail, settings.root)
    mailing = replace(_mailing(settings, issue, email_edition(settings, issue, out_root)), retry_unknown=retry_unknown)
    with open_ledger(settings.root / LEDGER) as ledger:
        return deliver(mailing, subscribers.subscribers, server, ledger, context)


def dry_run(settings: Settings, issue: Issue, out_root: Path, subscribers: SubscriberList) -> Path:
    """Write each subscriber's message to ``build/thu-xem-truoc/<year>-<NN>/`` instead of sending."""
    mailing = _mailing(settings, issue, email_edition(settings, issue, out_root))
    folder = out_root / "thu-xem-truoc" / f"{issue.year}-{issue.number:02d}"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.eml"):
        old.unlink()
    for n, who in enumerate(subscribers.subscribers, 1):
        message = build_message(mailing.edition, mailing.sender, mailing.sender_name, who.address, who.name)
        _write(folder / f"{n:05d}-{who.address.replace('/', '_')}.eml", message.as_bytes())
    return folder


def send_test(settings: Settings, issue: Issue, out_root: Path, address: str,
              context: ssl.SSLContext | None = None) -> Outcome:
    """Send one test message to ``address`` (recorded under its own key, so the real mailing still
    reaches that address). Raises ``ValueError`` when the address is not one."""
    who = Subscriber(check_address(address), "", 0)
    edition = email_edition(settings, issue, out_root)
    test = EmailEdition(f"[Thử] {edition.subject}", edition.html, edition.text, edition.links, edition.unsubscribe)
    stamp = datetime.now(TZ).isoformat(timespec="seconds")
    mailing = _mailing(settings, issue, test, key=f"{issue.year}/{issue.number}#thu-{stamp}")
    with open_ledger(settings.root / LEDGER) as ledger:
        return deliver(mailing, [who], server_for(settings.mail, settings.root), ledger, context)


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, data)
