"""The SMTP boundary: turns an outbox row into a MIME message and hands it to the server."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from modules.settings import Settings


def build_message(settings: Settings, row) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = settings.mail_from or f"Medled <noreply@{settings.smtp_host or 'localhost'}>"
    msg["To"] = row.to_address
    msg["Subject"] = row.subject
    msg["Date"] = formatdate(localtime=False)
    # The same outbox row always carries the same Message-ID: receiving servers can drop a duplicate.
    msg["Message-ID"] = make_msgid(idstring=f"medled-outbox-{row.id}", domain="medled")
    msg["Content-Language"] = row.language
    msg.set_content(row.body_text)
    msg.add_alternative(row.body_html, subtype="html")
    if row.attachment and row.attachment_name:
        msg.add_attachment(row.attachment, maintype="text", subtype="calendar", filename=row.attachment_name,
                           params={"method": "PUBLISH"})
    return msg


class SmtpSender:
    """One connection for a batch; `send` raises smtplib/OS errors for the outbox to classify."""

    def __init__(self, settings: Settings, timeout: float = 30):
        self.settings, self.timeout, self._conn = settings, timeout, None

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        if s.smtp_security == "tls":
            conn = smtplib.SMTP_SSL(s.smtp_host, s.smtp_port, timeout=self.timeout,
                                    context=ssl.create_default_context())
        else:
            conn = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=self.timeout)
            if s.smtp_security == "starttls":
                conn.starttls(context=ssl.create_default_context())
        if s.smtp_user:
            conn.login(s.smtp_user, s.smtp_password)
        return conn

    def send(self, row) -> None:
        if self._conn is None:
            self._conn = self._connect()
        try:
            self._conn.send_message(build_message(self.settings, row))
        except (smtplib.SMTPServerDisconnected, OSError):
            self.close()
            raise

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.quit()
            except (smtplib.SMTPException, OSError):
                pass
            self._conn = None
