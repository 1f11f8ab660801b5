"""Account deletion across S3, DynamoDB and Cognito, in an order that is safe to retry.

1. mark the record `deleting` (the API stops serving it), 2. delete the user's files (the
registered ones and everything under their own prefixes), 3. delete the record, 4. delete the
Cognito user. Every step is idempotent, and the login goes last: until then the user can sign
in and call again, so a call that fails midway is finished by the next one, and nothing is
left behind that no one can reach.
"""

from contextlib import suppress

from . import db, storage
from .aws import client
from .settings import get_settings


def delete_account(user_id: str, username: str, identity_id: str | None) -> None:
    """`identity_id` names the user's own prefixes (auth.identity_id_of), None without one."""
    if db.get_user(user_id) is not None:
        db.mark_user(user_id, db.DELETING)
        for file in db.list_files(user_id):
            storage.delete_object(file["key"])
            db.delete_file(user_id, file["key"])
        if identity_id:
            for prefix in storage.owner_prefixes(identity_id):
                storage.delete_prefix(prefix)
        db.delete_user(user_id)
    cognito = client("cognito-idp")
    with suppress(cognito.exceptions.UserNotFoundException):  # deleted by an earlier attempt
        cognito.admin_delete_user(UserPoolId=get_settings().user_pool_id, Username=username)
