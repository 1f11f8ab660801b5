"""Messages to users in their language, from template files: Cognito's codes and invitations
(triggers/custom_message.py) and the product's own mail, which `send_email` sends through SES.

`templates/<lang>/<name>.txt` is the plain-text form (an SMS for Cognito's messages, the text
part of our mail) and sets `subject`; `<name>.html` is the e-mail, escaped as HTML. A language
is a folder: add `templates/<lang>/` with every name to add one. Jinja2 is imported on first
use, so importing this module costs a cold start nothing.

Our mail is one MIME message with a plain-text and an HTML part, from a verified SES identity of
the account, sent raw: what a test reads back from SES is exactly what a mail client gets (moto
keeps only the HTML of a "Simple" message).
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .aws import client
from .profiles import DEFAULT_LANG
from .settings import get_settings

TEMPLATES = Path(__file__).with_name("templates")


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    html: str


@lru_cache
def languages() -> frozenset[str]:
    return frozenset(folder.name for folder in TEMPLATES.iterdir() if folder.is_dir())


def language(lang: str | None) -> str:
    """The templates' language for a user's `lang` (ko-KR -> ko); the default for any other."""
    for candidate in (lang, (lang or "").partition("-")[0]):
        if candidate in languages():
            return candidate
    return DEFAULT_LANG


@lru_cache
def environment() -> Any:
    import jinja2  # first use only

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,  # a missing value fails the test, not a user's mail
    )


def render(template: str, lang: str | None, **context: str) -> Message:
    """Message `template` in the user's language. Values arrive as variables, never as template
    text: Cognito's code placeholder `{####}` would read as a Jinja comment."""
    lang = language(lang)
    context = {"product": get_settings().project_name, "lang": lang, **context}
    text = environment().get_template(f"{lang}/{template}.txt").make_module(context)
    html = environment().get_template(f"{lang}/{template}.html").render(context)
    return Message(subject=str(text.subject).strip(), text=str(text).strip(), html=html)


def send_email(to: str, message: Message) -> str:
    """Send one message (text and HTML alternatives); returns SES's message id."""
    from email.message import EmailMessage
    from email.policy import SMTP

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
