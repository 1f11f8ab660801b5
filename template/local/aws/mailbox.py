"""The local stack's mailbox: every e-mail and SMS the product sends on `make dev`, kept in
memory, printed in the dev log in one line, and shown on the AWS endpoint at /_mail (a page) and
/_mail.json (for scripts and tests). Nothing leaves the machine.

- Cognito's codes and invitations, which user_pools writes as Cognito would (moto sends none);
  the codes it expects back are kept here, and another code is refused as Cognito refuses it.
- The product's own mail (SES v2 SendEmail), as it passes to moto.
"""

import base64
import email
import email.policy
import html
import json
import re
import sys
import threading
import time
from dataclasses import asdict, dataclass
from typing import Any

from .wsgi import AwsError

MISMATCH = AwsError(
    400, "CodeMismatchException", "Invalid verification code provided, please try again."
)
SES_SEND_PATH = "/v2/email/outbound-emails"


@dataclass
class Message:
    at: str
    medium: str  # EMAIL or SMS
    to: str
    subject: str
    text: str
    html: str = ""
    code: str = ""  # the Cognito code it carries


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        # (pool, user name, purpose) -> the code, and the attribute it was sent to
        self.codes: dict[tuple[str, str, str], tuple[str, str]] = {}
        self.lock = threading.Lock()

    def keep(self, message: Message) -> None:
        with self.lock:
            self.messages.append(message)
        code = f" (code {message.code})" if message.code else ""
        summary = " ".join(message.subject.split())  # an SMS's text, on one line
        line = f"[mail] {message.medium} to {message.to}: {summary}{code}"
        print(line, file=sys.stderr, flush=True)

    def expect_code(self, key: tuple[str, str, str], code: str, attribute: str) -> None:
        """Keep the code sent for `key` (pool, user name, purpose) to `attribute`."""
        with self.lock:
            self.codes[key] = (code, attribute)

    def check_code(self, key: tuple[str, str, str], code: str) -> str | None:
        """The attribute the code was sent to (e-mail or phone, which it proves), or a refusal
        as Cognito's for another code; with none sent, None (moto's to answer: an unknown user,
        or one already confirmed)."""
        with self.lock:
            if key not in self.codes:
                return None
            sent, attribute = self.codes[key]
            if sent != code:
                raise MISMATCH
            del self.codes[key]  # a code confirms once
        return attribute

    def sent_by_ses(self, request: dict[str, Any]) -> None:
        """A SendEmail request's message: raw MIME (what messages.send_email sends), or simple."""
        content = request.get("Content", {})
        if "Raw" in content:
            mime = email.message_from_bytes(
                base64.b64decode(content["Raw"]["Data"]), policy=email.policy.default
            )
            parts = (mime.get_body((kind,)) for kind in ("plain", "html"))
            text, page = (part.get_content() if part else "" for part in parts)
            subject, recipients = str(mime["Subject"]), [str(mime["To"])]
        else:
            simple = content.get("Simple", {})
            text = simple.get("Body", {}).get("Text", {}).get("Data", "")
            page = simple.get("Body", {}).get("Html", {}).get("Data", "")
            subject = simple.get("Subject", {}).get("Data", "")
            recipients = request.get("Destination", {}).get("ToAddresses", [])
        for to in recipients:
            self.keep(Message(now(), "EMAIL", to, subject, text or as_text(page), page))

    def json(self) -> bytes:
        with self.lock:
            return json.dumps({"messages": [asdict(m) for m in self.messages]}).encode()

    def page(self) -> bytes:
        """Newest first: who got what; the e-mail's text (its HTML is in /_mail.json)."""
        with self.lock:
            rows = "".join(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td><b>{}</b><pre>{}</pre></td></tr>".format(
                    *(html.escape(v) for v in (m.at, m.medium, m.to, m.subject, m.text))
                )
                for m in reversed(self.messages)
            )
        return (
            "<!doctype html><html lang=en><meta charset=utf-8><title>Local mailbox</title>"
            "<style>body{font-family:sans-serif;margin:2rem}td{vertical-align:top;padding:.5rem;"
            "border-bottom:1px solid #ccc}pre{white-space:pre-wrap}</style>"
            "<h1>Local mailbox</h1><p>Every e-mail and SMS sent on <code>make dev</code>, newest "
            "first (<a href=/_mail.json>as JSON</a>).</p>"
            "<table><tr><th>Sent<th>By<th>To<th>Message</tr>"
            f"{rows or '<tr><td colspan=4>Nothing sent yet.</tr>'}</table></html>"
        ).encode()


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def as_text(page: str) -> str:
    """An HTML mail's words, for the page's one column."""
    text = re.sub(r"<(br|/p|/h\d|/li|/tr)\b[^>]*>", "\n", page, flags=re.IGNORECASE)
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
