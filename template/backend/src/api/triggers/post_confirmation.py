"""Post-confirmation: create the user's database record, once, and welcome them.

Cognito runs it when a sign-up is confirmed (ConfirmSignUp, AdminConfirmSignUp, or a pre-sign-up
trigger's autoConfirmUser), never for users an operator creates: the API creates their record on
their first request (profiles.py). Cognito retries a trigger that fails or times out, and may
deliver it twice: the conditional put makes every repeat a no-op, and the welcome mail goes out
only with the first record.
"""

import logging
from typing import Any

from .. import metrics, records
from ..logs import logged
from ..messages import send_email, welcome_email
from ..profiles import email_proven, first_record

log = logging.getLogger(__name__)


@logged
def handler(event: dict[str, Any], _context: Any) -> dict[str, Any]:
    if event.get("triggerSource") != "PostConfirmation_ConfirmSignUp":
        return event  # e.g. ConfirmForgotPassword: the user already exists
    attributes = event["request"]["userAttributes"]
    record = first_record(attributes, event["userName"])
    created = records.create_user_if_absent(record)
    if created:  # the first delivery: a repeat is not another sign-up
        metrics.emit({"SignUps": 1})
    # Never to an address nobody proved is theirs (auto_verify): it may be someone else's.
    if created and record["email"] and email_proven(attributes):
        try:
            send_email(record["email"], welcome_email(record["email"], record["lang"]))
        except Exception:  # a welcome mail is not worth failing (and retrying) the sign-up
            log.exception("welcome mail not sent", extra={"user_id": record["id"]})
    return event
