"""A user's profile record: its first version, made from what Cognito knows of the user, and
the rule on which records the API serves.

Two paths create it, with the same conditional put (whichever runs first wins; a repeat
changes nothing): the post-confirmation trigger, for self sign-ups, and the API itself on the
user's first authenticated request (auth.profile_of), from the attributes Cognito holds.
Cognito runs no post-confirmation for users an operator creates (AdminCreateUser, `make user`),
yet sends them an invitation, so without the second path they would sign in to 404s.
"""

import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import StringConstraints

from . import records
from .settings import get_settings

# How API Gateway's Cognito authorizer writes a token's times (`iat`, `exp`).
GATEWAY_TIME = "%a %b %d %H:%M:%S UTC %Y"

# The custom attribute the client fills at sign-up: {"signup_type": "...", "lang": "..."}.
SIGNUP_META = "custom:signup_meta"
SIGNUP_TYPES = {"email", "phone", "google", "apple", "kakao"}
# Cognito's names of the social providers (`identities`, federated user names) -> signup_type.
PROVIDER_SIGNUP_TYPES = {"Google": "google", "SignInWithApple": "apple", "Kakao": "kakao"}
DISPLAY_NAME_MAX = 50
DEFAULT_LANG = "en"
# A language tag the API keeps: sign-up metadata and PATCH /me follow the same rule.
LANG_PATTERN = r"^[a-z]{2}(-[A-Z]{2})?$"
Lang = Annotated[str, StringConstraints(pattern=LANG_PATTERN)]


def signup_meta(attributes: Mapping[str, Any]) -> dict[str, str]:
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
        "lang": lang if isinstance(lang, str) and re.match(LANG_PATTERN, lang) else DEFAULT_LANG,
        "signup_type": signup_type
        if signup_type in SIGNUP_TYPES
        else default_signup_type(attributes),
    }


def default_signup_type(attributes: Mapping[str, Any]) -> str:
    """The social provider of a federated user, else what the user signs in with. Triggers get
    `identities` as JSON; API Gateway hands the same claim over in its own notation."""
    found = re.search(r"providerName\W+(\w+)", str(attributes.get("identities") or ""))
    if found and found[1] in PROVIDER_SIGNUP_TYPES:
        return PROVIDER_SIGNUP_TYPES[found[1]]
    return "email" if attributes.get("email") else "phone"


def email_proven(attributes: Mapping[str, Any]) -> bool:
    """Whether the user's e-mail is known to be theirs: Cognito checked a code sent there, or a
    social provider vouched for it. With auto_verify, Cognito marks sign-ups' e-mails verified
    without any proof (the pre-sign-up trigger), so `email_verified` alone proves nothing."""
    if str(attributes.get("email_verified")).lower() != "true":
        return False
    return bool(attributes.get("identities")) or not get_settings().auto_verify


def first_record(attributes: Mapping[str, Any], username: str) -> dict[str, Any]:
    """A new user's record from Cognito's attributes (a trigger's event, AdminGetUser). Keyed
    on `sub`: a social user may have no e-mail and no phone (Kakao's e-mail is optional). The
    nickname a provider shares (Kakao's) is the first display name."""
    record = {
        "id": attributes["sub"],
        "username": username,
        "email": attributes.get("email"),
        "phone_number": attributes.get("phone_number"),
        **signup_meta(attributes),
    }
    nickname = str(attributes.get("nickname") or "").strip()[:DISPLAY_NAME_MAX].strip()
    if nickname:
        record["display_name"] = nickname
    return record


class NotServed(Exception):
    """A record the API does not serve: `code` is the API's error code (errors.ErrorCode, not
    imported: the WebSocket authorizer uses this module without FastAPI), the message the
    reason."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code


def ensure_served(
    record: dict[str, Any] | None, claims: dict[str, Any], *, deleting_allowed: bool = False
) -> None:
    """NotServed unless the API serves this record to the bearer of a token with these claims:
    never a disabled account (the administrator's `disable`), nor a token issued before its
    latest disable (an enable revives none: global sign-out revoked only the refresh tokens),
    nor an account being deleted, except to the call that finishes deleting it."""
    status = (record or {}).get("status")
    if status == records.DISABLED or issued_by_then(claims, (record or {}).get("disabled_at")):
        raise NotServed("account_disabled", "This account is disabled")
    if status == records.DELETING and not deleting_allowed:
        raise NotServed("profile_not_found", "No profile: the account is being deleted")


def issued_by_then(claims: dict[str, Any], moment: str | None) -> bool:
    """Whether the token was issued at or before an ISO moment (`iat`, in whole seconds: a
    number from a token verified here, API Gateway's date text from its authorizer)."""
    if not moment:
        return False
    issued = claims.get("iat", 0)
    if isinstance(issued, str) and not issued.isdigit():
        issued = datetime.strptime(issued, GATEWAY_TIME).replace(tzinfo=UTC).timestamp()
    return float(issued) <= datetime.fromisoformat(moment).timestamp()
