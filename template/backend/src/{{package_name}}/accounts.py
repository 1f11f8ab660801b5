"""Account deletion across Cognito, S3 and DynamoDB, in an order that is safe to retry.

1. mark the record `deleting` (the API stops serving it), 2. delete the user's files (the
registered ones and everything under their own prefixes), 3. delete the Cognito user,
4. delete the record. Every step is idempotent, so a call that
fails midway is finished by calling it again; nothing is left orphaned behind a live login.
"""

from contextlib import suppress

from . import db, storage
from .aws import client
from .settings import get_settings


def delete_account(user_id: str, username: str) -> None:
    record = db.get_user(user_id)
    if record is not None:
        db.mark_user(user_id, db.DELETING)
        for file in db.list_files(user_id):
            storage.delete_object(file["key"])
            db.delete_file(user_id, file["key"])
        if identity_id := record.get("identity_id"):
            for prefix in storage.owner_prefixes(identity_id):
                storage.delete_prefix(prefix)
    cognito = client("cognito-idp")
    with suppress(cognito.exceptions.UserNotFoundException):  # deleted by an earlier attempt
        cognito.admin_delete_user(UserPoolId=get_settings().user_pool_id, Username=username)
    db.delete_user(user_id)
