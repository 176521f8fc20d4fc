"""The email edition as a MIME message: ``multipart/alternative`` with text and HTML parts."""
from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr, formatdate, make_msgid

from .edition import EmailEdition


def build_message(edition: EmailEdition, sender: str, sender_name: str, recipient: str = "",
                  recipient_name: str = "") -> EmailMessage:
    """One complete message. Without ``recipient`` (the preview ``.eml``) it is addressed to the
    sender. ``List-Unsubscribe`` is set whenever the edition has an unsubscribe address."""
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = edition.subject
    msg["From"] = formataddr((sender_name, sender))
    msg["To"] = formataddr((recipient_name, recipient)) if recipient else formataddr((sender_name, sender))
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    if edition.unsubscribe:
        msg["List-Unsubscribe"] = f"<{edition.unsubscribe}>"
    msg["X-Bulletin-Issue"] = edition.links.page
    msg.set_content(edition.text, subtype="plain", charset="utf-8", cte="base64")
    msg.add_alternative(edition.html, subtype="html", charset="utf-8", cte="base64")
    return msg
