"""The email edition as a MIME message: ``multipart/alternative`` with text and HTML parts.

Headers are encoded with :class:`email.header.Header` (RFC 2047 words of at most 75 characters that
keep their spaces): the newer ``email.policy`` folder drops the space between two encoded words of
a long Vietnamese subject ("đổi mới sáng tạo" arrives as "đổi mớisáng tạo").
"""
from __future__ import annotations

from email.header import Header
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr, formatdate, make_msgid

from .edition import EmailEdition


def build_message(edition: EmailEdition, sender: str, sender_name: str, recipient: str = "",
                  recipient_name: str = "") -> MIMEMultipart:
    """One complete message. Without ``recipient`` (the preview ``.eml``) it is addressed to the
    sender. ``List-Unsubscribe`` is set whenever the edition has an unsubscribe address."""
    msg = MIMEMultipart("alternative")
    msg["Subject"] = Header(edition.subject, "utf-8", header_name="Subject")
    msg["From"] = formataddr((sender_name, sender), charset="utf-8")
    msg["To"] = formataddr((recipient_name, recipient) if recipient else (sender_name, sender), charset="utf-8")
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    if edition.unsubscribe:
        msg["List-Unsubscribe"] = f"<{edition.unsubscribe}>"
    msg["X-Bulletin-Issue"] = edition.links.page
    msg.attach(MIMEText(edition.text, "plain", "utf-8"))
    msg.attach(MIMEText(edition.html, "html", "utf-8"))
    return msg
