"""E-mail through SES. The sender must be a verified SES identity of the account."""

from ..aws import client
from ..settings import get_settings


def send_email(to: str, subject: str, text: str, html: str | None = None) -> str:
    """Send one message; returns SES's message id."""
    body = {"Text": {"Data": text, "Charset": "UTF-8"}}
    if html is not None:
        body["Html"] = {"Data": html, "Charset": "UTF-8"}
    sent = client("sesv2").send_email(
        FromEmailAddress=get_settings().email_sender,
        Destination={"ToAddresses": [to]},
        Content={"Simple": {"Subject": {"Data": subject, "Charset": "UTF-8"}, "Body": body}},
    )
    return sent["MessageId"]


def welcome_email(name: str) -> tuple[str, str]:
    """Subject and text of the mail a confirmed user gets once."""
    product = get_settings().project_name
    return (
        f"Welcome to {product}",
        f"Hello {name},\n\nyour {product} account is ready. Sign in any time.\n\n"
        f"- The {product} team\n",
    )
