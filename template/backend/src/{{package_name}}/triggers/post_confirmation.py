"""Post-confirmation: create the user's database record, once, and welcome them.

Cognito retries a trigger that fails or times out, and may deliver it twice: the conditional
put makes every repeat a no-op, and the welcome mail goes out only with the first record.
"""

import json
import logging
from typing import Any

from .. import db
from ..services.email import send_email, welcome_email

log = logging.getLogger(__name__)

# The custom attribute the client fills at sign-up: {"signup_type": "...", "lang": "..."}.
SIGNUP_META = "custom:signup_meta"
SIGNUP_TYPES = {"email", "phone", "google", "apple"}
DEFAULT_LANG = "en"


def signup_meta(attributes: dict[str, str]) -> dict[str, str]:
    """Language and sign-up type from the sign-up metadata, ignoring anything malformed."""
    try:
        meta = json.loads(attributes.get(SIGNUP_META) or "{}")
    except ValueError:
        meta = {}
    if not isinstance(meta, dict):
        meta = {}
    lang = meta.get("lang")
    signup_type = meta.get("signup_type")
    return {
        "lang": lang if isinstance(lang, str) and 2 <= len(lang) <= 10 else DEFAULT_LANG,
        "signup_type": signup_type
        if signup_type in SIGNUP_TYPES
        else default_signup_type(attributes),
    }


def default_signup_type(attributes: dict[str, str]) -> str:
    identities = attributes.get("identities")
    if identities:
        try:
            return json.loads(identities)[0]["providerName"].lower()
        except (ValueError, LookupError, AttributeError):
            pass
    return "email" if attributes.get("email") else "phone"


def handler(event: dict[str, Any], _context: Any) -> dict[str, Any]:
    if event.get("triggerSource") != "PostConfirmation_ConfirmSignUp":
        return event  # e.g. ConfirmForgotPassword: the user already exists
    attributes = event["request"]["userAttributes"]
    record = {
        "id": attributes["sub"],
        "username": event["userName"],
        "email": attributes.get("email"),
        "phone_number": attributes.get("phone_number"),
        **signup_meta(attributes),
    }
    created = db.create_user_if_absent(record)
    log.info("post-confirmation", extra={"user_id": record["id"], "created": created})
    if created and record["email"]:
        try:
            send_email(record["email"], *welcome_email(record["email"]))
        except Exception:  # a welcome mail is not worth failing (and retrying) the sign-up
            log.exception("welcome mail not sent", extra={"user_id": record["id"]})
    return event
