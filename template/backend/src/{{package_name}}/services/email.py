"""Our own mail through SES, in the user's language (messages.py): one MIME message with a
plain-text and an HTML part. The sender must be a verified SES identity of the account.

Sent raw, as the MIME message built here, so what a test reads back from SES is exactly what a
mail client gets (moto keeps only the HTML of a "Simple" message).
"""

from email.message import EmailMessage
from email.policy import SMTP

from ..aws import client
from ..messages import Message, render
from ..settings import get_settings


def send_email(to: str, message: Message) -> str:
    """Send one message (text and HTML alternatives); returns SES's message id."""
    sender = get_settings().email_sender
    mime = EmailMessage()
    mime["From"], mime["To"], mime["Subject"] = sender, to, message.subject
    # SES wants non-ASCII parts encoded (base64 here; headers per RFC 2047):
    # https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_RawMessage.html
    mime.set_content(message.text, cte="base64")
    mime.add_alternative(message.html, subtype="html", cte="base64")
    # The recipients are the message's To header (a raw message needs no Destination).
    sent = client("sesv2").send_email(
        FromEmailAddress=sender, Content={"Raw": {"Data": mime.as_bytes(policy=SMTP)}}
    )
    return sent["MessageId"]


def welcome_email(name: str, lang: str | None) -> Message:
    """The mail a confirmed user gets once."""
    return render("welcome", lang, name=name)
