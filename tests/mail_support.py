"""A real SMTP server on 127.0.0.1 (aiosmtpd) with STARTTLS or implicit TLS, a login and a list of
addresses it refuses, plus a scratch project whose ``sources.yaml`` points at it."""
from __future__ import annotations

import asyncio
import email
import shutil
import socket
import ssl
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from .helpers import FIXTURES, ROOT, copy_sample_issues

MAIL_FIXTURES = FIXTURES / "mail"
USER, PASSWORD = "diemtin", "Mk-9f3#Qz!v2-khong-lo"
"""The test server's account; the password is distinctive so a leak is easy to find."""
SENDER = "diemtin@sokhcn.example.org"


@dataclass
class Inbox:
    """What the server accepted, and which recipients it refuses."""

    refuse: set[str] = field(default_factory=set)
    messages: list[tuple[list[str], bytes]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    hold_at: int = 0
    """When > 0: the transaction of that message (1-based) waits for :attr:`release` before answering."""
    held: threading.Event = field(default_factory=threading.Event)
    """Set while the held transaction waits (the client is mid-transaction)."""
    release: threading.Event = field(default_factory=threading.Event)
    accept_held: bool = True
    """Whether the held message is accepted once released (False: dropped, as by a crash)."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.hold_at and self.count() + 1 == self.hold_at and not self.release.is_set():
            self.held.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 60)
            if not self.accept_held:
                return "451 4.3.0 Dropped"
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), envelope.original_content or envelope.content))
        return "250 2.0.0 Accepted"

    def parsed(self) -> list[tuple[list[str], EmailMessage]]:
        with self.lock:
            return [(rcpt, email.message_from_bytes(data, policy=policy.default)) for rcpt, data in self.messages]

    def count(self) -> int:
        with self.lock:
            return len(self.messages)


def _authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)


@dataclass(frozen=True)
class MailServer:
    """A running test server."""

    port: int
    security: str
    inbox: Inbox
    ca_file: Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Controller(Controller):
    def factory(self):
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS", UserWarning)
            return super().factory()


@contextmanager
def mail_server(tmp: Path, security: str = "starttls", refuse: set[str] | None = None) -> Iterator[MailServer]:
    """Start aiosmtpd on 127.0.0.1 with a freshly made certificate authority and server certificate."""
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    ca_file = tmp / "test-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    inbox = Inbox(refuse=set(refuse or ()))
    # aiosmtpd 1.4 counts only STARTTLS as TLS for AUTH; with implicit TLS the whole session is
    # encrypted, so its "AUTH without TLS" warning (raised when each session starts) does not apply.
    tls = {"ssl_context": context, "auth_require_tls": False} if security == "ssl" else \
        {"tls_context": context, "require_starttls": True}
    controller = _Controller(inbox, hostname="127.0.0.1", port=_free_port(), authenticator=_authenticate,
                             auth_required=True, **tls)
    controller.start()
    try:
        yield MailServer(controller.port, security, inbox, ca_file)
    finally:
        controller.stop()


def mail_project(tmp: Path, server: MailServer, per_minute: int = 6000, password: str = PASSWORD,
                 subscribers: str = "subscribers.csv") -> Path:
    """A project copy (sample issue 16) mailing through ``server``; the password goes in ``.env``."""
    shutil.copy(ROOT / "sources.yaml", tmp / "sources.yaml")
    copy_sample_issues(tmp)
    with (tmp / "sources.yaml").open("a", encoding="utf-8") as settings:
        settings.write(f"\nmail:\n  server: 127.0.0.1\n  port: {server.port}\n  security: {server.security}\n"
                       f"  user: {USER}\n  sender: {SENDER}\n  sender_name: Điểm tin KHCN\n"
                       f"  per_minute: {per_minute}\n")
    (tmp / ".env").write_text(f"BULLETIN_SMTP_PASSWORD={password}\n", encoding="utf-8")
    shutil.copy(MAIL_FIXTURES / subscribers, tmp / "subscribers.csv")
    return tmp
