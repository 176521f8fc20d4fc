"""Sending the email edition: one message per subscriber, gently, resumably, never twice.

Every send goes through the SQLite :class:`~.ledger.Ledger`; a run that stops (crash, lost
network, Ctrl+C) is simply run again. A recipient the server refuses is recorded and reported at
the end while the others are still delivered.
"""
from __future__ import annotations

import logging
import signal
import smtplib
import ssl
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from . import ledger as states
from .edition import EmailEdition
from .ledger import Ledger
from .message import build_message
from .smtp import MailError, Server, close_quietly, connect
from .subscribers import Subscriber

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Mailing:
    """One issue's mailing: what to send, from whom, how fast."""

    edition: EmailEdition
    """The body shared by every message."""
    key: str
    """The issue's key in the ledger, e.g. ``2026/17``."""
    sender: str
    """From address."""
    sender_name: str
    """From display name."""
    per_minute: float
    """Rate limit."""
    retry_unknown: bool = False
    """Send again to addresses whose earlier send was interrupted mid-transaction."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one run did."""

    sent: tuple[str, ...]
    """Addresses the server accepted in this run."""
    earlier: int
    """Subscribers skipped because an earlier run already sent to them."""
    rejected: tuple[tuple[str, str], ...]
    """(address, reason) the server refused, in this or an earlier run."""
    failed: tuple[tuple[str, str], ...]
    """(address, reason) temporarily refused: the next run tries again."""
    unknown: tuple[str, ...]
    """Addresses whose earlier send stopped mid-transaction (not sent again)."""


def deliver(mailing: Mailing, recipients: Sequence[Subscriber], server: Server, ledger: Ledger,
            context: ssl.SSLContext | None = None) -> Outcome:
    """Send to every recipient the ledger has no final state for."""
    done = ledger.states(mailing.key)
    skip = states.FINAL if not mailing.retry_unknown else (states.SENT, states.REJECTED)
    todo = [r for r in recipients if done.get(r.address.casefold(), ("", ""))[0] not in skip]
    previous = {r.address: done[r.address.casefold()] for r in recipients if r.address.casefold() in done}
    earlier = sum(1 for state, _ in previous.values() if state == states.SENT)
    log.info("Gửi số %s: %d người nhận, %d đã nhận từ lần trước, còn %d", mailing.key, len(recipients), earlier, len(todo))
    sent, rejected, failed = [], [(a, d) for a, (s, d) in previous.items() if s == states.REJECTED], []
    unknown = [a for a, (s, _) in previous.items() if s == states.SENDING and not mailing.retry_unknown]
    if todo:
        smtp = connect(server, context)
        try:
            with deferred_interrupt() as stop:
                _loop(mailing, todo, smtp, ledger, stop, (sent, rejected, failed))
        finally:
            close_quietly(smtp)
    return Outcome(tuple(sent), earlier, tuple(rejected), tuple(failed), tuple(unknown))


@contextmanager
def deferred_interrupt() -> Iterator[threading.Event]:
    """Ctrl+C while sending only sets the yielded event: the message in flight is finished and
    recorded, then the loop stops (raising ``KeyboardInterrupt``). Outside the main thread, as-is."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    previous = signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


def _loop(mailing: Mailing, todo: Sequence[Subscriber], smtp: smtplib.SMTP, ledger: Ledger,
          stop: threading.Event, results) -> None:
    sent, rejected, failed = results
    interval, start = 60.0 / mailing.per_minute, time.monotonic()
    for n, recipient in enumerate(todo):
        if stop.wait(max(0.0, start + n * interval - time.monotonic())):
            raise KeyboardInterrupt
        state, detail = _send_one(mailing, recipient, smtp, ledger)
        {states.SENT: lambda: sent.append(recipient.address),
         states.REJECTED: lambda: rejected.append((recipient.address, detail)),
         states.FAILED: lambda: failed.append((recipient.address, detail))}[state]()
        log.info("[%d/%d] %s: %s", n + 1, len(todo), recipient.address,
                 "đã gửi" if state == states.SENT else f"không gửi được ({detail})")


def _send_one(mailing: Mailing, recipient: Subscriber, smtp: smtplib.SMTP, ledger: Ledger) -> tuple[str, str]:
    """Send one message; return its recorded (state, detail). Raises :class:`MailError` when the
    connection is lost (the address stays ``sending``: not sent again without asking)."""
    message = build_message(mailing.edition, mailing.sender, mailing.sender_name, recipient.address, recipient.name)
    ledger.record(mailing.key, recipient.address, states.SENDING)
    try:
        smtp.send_message(message, from_addr=mailing.sender, to_addrs=[recipient.address])
    except smtplib.SMTPRecipientsRefused as exc:
        code, reply = next(iter(exc.recipients.values()))
        return _refused(mailing, recipient, ledger, code, reply)
    except smtplib.SMTPSenderRefused as exc:
        ledger.record(mailing.key, recipient.address, states.FAILED, f"mã {exc.smtp_code}")
        raise MailError(f'máy chủ thư không nhận địa chỉ gửi "{mailing.sender}" (mã {exc.smtp_code}); '
                        "kiểm tra mail.sender trong sources.yaml") from None
    except smtplib.SMTPDataError as exc:
        return _refused(mailing, recipient, ledger, exc.smtp_code, exc.smtp_error)
    except (OSError, smtplib.SMTPException):
        raise MailError(f"mất kết nối với máy chủ thư khi đang gửi tới {recipient.address}; chạy lại lệnh để gửi "
                        "tiếp (người đã nhận sẽ không bị gửi lại)") from None
    ledger.record(mailing.key, recipient.address, states.SENT)
    return states.SENT, ""


def _refused(mailing: Mailing, recipient: Subscriber, ledger: Ledger, code: int, reply: bytes | str) -> tuple[str, str]:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    detail = f"máy chủ từ chối, mã {code}: {text.strip()[:200]}"
    state = states.REJECTED if 500 <= code < 600 else states.FAILED
    ledger.record(mailing.key, recipient.address, state, detail)
    return state, detail
