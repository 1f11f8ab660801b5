"""The local stack's mailbox: every e-mail and SMS the product sends on `make dev`, kept in
memory, printed in the dev log in one line, and shown on the AWS endpoint at /_mail (a page) and
/_mail.json (for scripts and tests). Nothing leaves the machine.

- Cognito's codes, which moto neither sends nor checks: a sign-up's (and its resend) and a
  password reset's, random as Cognito's, written by the pool's custom message trigger as Cognito
  invokes it (else in Cognito's default words), and checked when they come back: another code
  is refused as Cognito refuses it. An operator's invitation (AdminCreateUser) too, with the
  user name and temporary password.
  https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-message.html
- The product's own mail (SES v2 SendEmail), as it passes to moto.
"""

import base64
import email
import email.policy
import html
import json
import re
import secrets
import sys
import threading
import time
from dataclasses import asdict, dataclass
from typing import Any

from .wsgi import AwsError

# The trigger source of each code Cognito sends, and what the code is for.
CODE_PURPOSES = {
    "CustomMessage_SignUp": "sign-up",
    "CustomMessage_ResendCode": "sign-up",
    "CustomMessage_ForgotPassword": "password reset",
    "CustomMessage_AdminCreateUser": None,  # the temporary password: moto checks it
}
CODE_PARAMETER = "{####}"
USERNAME_PARAMETER = "{username}"
# Cognito's words where a pool has no custom message trigger (its default verification message).
DEFAULT_SUBJECT = "Your verification code"
DEFAULT_MESSAGE = f"Your verification code is {CODE_PARAMETER}. "
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

    def send_code(
        self, pools, pool, source: str, username: str, answer: dict, request: dict, code: str = ""
    ) -> None:
        """The code of `source` (a random one, unless given) for the user, where moto's `answer`
        says it was delivered."""
        delivery = answer.get("CodeDeliveryDetails")
        user = pool._get_user(username)
        if not delivery or user is None:
            return
        from ..events import cognito_event

        code = code or f"{secrets.randbelow(10**6):06d}"
        event = cognito_event(
            source,
            dict(user.attribute_lookup),
            user.username,
            user_pool_id=pool.id,
            region=pool.region,
            client_id=request.get("ClientId") or "CLIENT_ID_NOT_APPLICABLE",
            codeParameter=CODE_PARAMETER,
            linkParameter="{##Click Here##}",
            usernameParameter=USERNAME_PARAMETER if source.endswith("AdminCreateUser") else None,
            clientMetadata=request.get("ClientMetadata") or {},
        )
        event["response"] = {"smsMessage": None, "emailMessage": None, "emailSubject": None}
        words = pools.invoke(pool, "CustomMessage", event)["response"]
        email = delivery["DeliveryMedium"] == "EMAIL"
        words_sent = words.get("emailMessage" if email else "smsMessage") or DEFAULT_MESSAGE
        body = words_sent.replace(CODE_PARAMETER, code).replace(USERNAME_PARAMETER, user.username)
        if CODE_PURPOSES[source]:
            with self.lock:
                key = (pool.id, user.username, CODE_PURPOSES[source])
                self.codes[key] = (code, delivery["AttributeName"])
        self.keep(
            Message(
                at=now(),
                medium=delivery["DeliveryMedium"],
                to=user.attribute_lookup.get(delivery["AttributeName"], ""),
                subject=(words.get("emailSubject") or DEFAULT_SUBJECT) if email else body,
                text=as_text(body) if email else body,
                html=body if email else "",
                code=code,
            )
        )

    def check_code(self, pool, username: str, purpose: str, code: str) -> str | None:
        """The attribute the code was sent to (e-mail or phone, which it proves), or a refusal
        as Cognito's for another code; a user with none sent is moto's to answer (unknown, or
        already confirmed)."""
        user = pool._get_user(username)
        key = (pool.id, user.username if user else username, purpose)
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
