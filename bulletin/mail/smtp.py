"""Opening an encrypted, logged-in SMTP connection, with Vietnamese messages for what goes wrong.

The password is read from the environment variable ``mail.password_env`` names, or from the
project's git-ignored ``.env`` file; it is passed to :mod:`smtplib` only and never logged.
"""
from __future__ import annotations

import os
import smtplib
import socket
import ssl
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

from ..config import MailSettings
from ..errors import BulletinError

TIMEOUT = 30.0
"""Seconds to wait for the server at any step."""


class MailError(BulletinError):
    """The mail server cannot be used: not reachable, no encryption, login refused."""


@dataclass(frozen=True, slots=True)
class Server:
    """Where and how to connect."""

    host: str
    """Server name."""
    port: int
    """Port."""
    security: str
    """``starttls`` or ``ssl``."""
    user: str
    """Login name, or '' for no login."""
    password: str = field(repr=False)
    """The password ('' without login); never shown in a repr or a message."""
    password_env: str = ""
    """Where the password came from (named in messages)."""


def find_password(mail: MailSettings, root: Path) -> str:
    """The SMTP password from the environment, else from ``<root>/.env``; '' when neither has it."""
    value = os.environ.get(mail.password_env)
    if value:
        return value
    env_file = root / ".env"
    if env_file.is_file():
        return dotenv_values(env_file).get(mail.password_env) or ""
    return ""


def server_for(mail: MailSettings, root: Path) -> Server:
    """The configured server. Raises :class:`MailError` when something needed is missing."""
    if not mail.server or not mail.sender:
        raise MailError('sources.yaml chưa có khối "mail" với "server" (máy chủ gửi thư) và "sender" '
                        "(địa chỉ gửi); xem hướng dẫn gửi thư trong README")
    password = find_password(mail, root) if mail.user else ""
    if mail.user and not password:
        raise MailError(f"chưa có mật khẩu máy chủ thư: đặt biến môi trường {mail.password_env} hoặc thêm dòng "
                        f"{mail.password_env}=… vào tệp .env trong thư mục dự án (tệp này không được đưa lên git)")
    return Server(mail.server, mail.port, mail.security, mail.user, password, mail.password_env)


def connect(server: Server, context: ssl.SSLContext | None = None) -> smtplib.SMTP:
    """An encrypted connection, logged in when a user is configured."""
    context = context or ssl.create_default_context()
    where = f"{server.host}:{server.port}"
    try:
        if server.security == "ssl":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(server.host, server.port, timeout=TIMEOUT, context=context)
        else:
            smtp = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
            smtp.starttls(context=context)
    except smtplib.SMTPNotSupportedError:
        raise MailError(f"máy chủ thư {where} không hỗ trợ STARTTLS; thử security: ssl (cổng 465) trong sources.yaml") from None
    except ssl.SSLError as exc:
        raise MailError(f"không lập được kết nối mã hóa với máy chủ thư {where} ({exc.reason or exc}); kiểm tra "
                        "mail.port và mail.security (cổng 587 dùng starttls, cổng 465 dùng ssl)") from None
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(f"không kết nối được máy chủ thư {where}: {_reason(exc)}; kiểm tra mail.server, mail.port "
                        "trong sources.yaml và kết nối mạng") from None
    _login(smtp, server, where)
    return smtp


def _login(smtp: smtplib.SMTP, server: Server, where: str) -> None:
    if not server.user:
        return
    try:
        smtp.login(server.user, server.password)
    except smtplib.SMTPAuthenticationError as exc:
        close_quietly(smtp)
        raise MailError(f'máy chủ thư {where} từ chối đăng nhập tài khoản "{server.user}" (mã {exc.smtp_code}): '
                        f"sai tên đăng nhập (mail.user) hoặc mật khẩu ({server.password_env})") from None
    except smtplib.SMTPNotSupportedError:
        close_quietly(smtp)
        raise MailError(f"máy chủ thư {where} không cho đăng nhập (AUTH); bỏ mail.user nếu máy chủ không cần đăng nhập") from None
    except (OSError, smtplib.SMTPException) as exc:
        close_quietly(smtp)
        raise MailError(f"đăng nhập máy chủ thư {where} không được: {_reason(exc)}") from None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, socket.gaierror):
        return "không tìm thấy tên máy chủ"
    if isinstance(exc, ConnectionRefusedError):
        return "máy chủ từ chối kết nối (sai cổng hoặc máy chủ không chạy)"
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return "quá thời gian chờ máy chủ trả lời"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"máy chủ trả lời mã {exc.smtp_code}"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return "máy chủ ngắt kết nối"
    return exc.__class__.__name__


def close_quietly(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()
