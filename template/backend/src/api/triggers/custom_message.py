"""Custom message: Cognito's codes and invitations in the user's language.

Cognito invokes it before sending a sign-up or attribute verification code, a password-reset
code, an invitation (AdminCreateUser) or an MFA code, and sends what it returns
(https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-message.html):
`response.emailSubject`, `emailMessage` and `smsMessage`, where it then puts the code in place
of `request.codeParameter` and, for an invitation, the user name in place of
`request.usernameParameter`; an invitation must show both. Limits (MessageTemplateType in the
API reference): the e-mail at most 20,000 characters, subject and SMS at most 140.

The language: `lang` in the call's clientMetadata (what the user reads now), else the sign-up
metadata's, else the user's `locale` attribute (an operator sets it when inviting someone, e.g.
an administrator: the admin pool has this trigger too), else the default (messages.language).
"""

from typing import Any

from ..logs import logged
from ..messages import render
from ..profiles import SIGNUP_META, signup_meta

# Cognito's trigger source -> the message (templates/<lang>/<name>.txt and .html).
MESSAGES = {
    "CustomMessage_SignUp": "verify_signup",
    "CustomMessage_ResendCode": "verify_signup",
    "CustomMessage_ForgotPassword": "reset_password",
    "CustomMessage_UpdateUserAttribute": "verify_attribute",
    "CustomMessage_VerifyUserAttribute": "verify_attribute",
    "CustomMessage_AdminCreateUser": "invitation",
    "CustomMessage_Authentication": "mfa_code",
}


@logged
def handler(event: dict[str, Any], _context: Any) -> dict[str, Any]:
    name = MESSAGES.get(event.get("triggerSource"))
    if name is None:
        return event  # a source Cognito adds later keeps its default message
    request = event["request"]
    attributes = request.get("userAttributes") or {}
    lang = (
        (request.get("clientMetadata") or {}).get("lang")
        or (signup_meta(attributes)["lang"] if SIGNUP_META in attributes else None)
        or attributes.get("locale")
    )
    message = render(
        name,
        lang,
        code=request["codeParameter"],
        username=request.get("usernameParameter") or "",
    )
    event["response"] = {
        **(event.get("response") or {}),
        "emailSubject": message.subject,
        "emailMessage": message.html,
        "smsMessage": message.text,
    }
    return event
