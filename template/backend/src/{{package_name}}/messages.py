"""Messages to users in their language, from template files: Cognito's codes and invitations
(triggers/custom_message.py) and the product's own mail (services/email.py).

`templates/<lang>/<name>.txt` is the plain-text form (an SMS for Cognito's messages, the text
part of our mail) and sets `subject`; `<name>.html` is the e-mail, escaped as HTML. A language
is a folder: add `templates/<lang>/` with every name to add one. Jinja2 is imported on first
use, so importing this module costs a cold start nothing.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

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
