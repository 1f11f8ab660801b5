"""Account deletion across S3, DynamoDB and Cognito, in an order that is safe to retry.

1. mark the record `deleting` (the API stops serving it, the upload recorder removes what the
user still uploads, no new post is accepted), 2. with the board, delete the user's posts (their
attachments are the user's own files, which go next), and with the chat their conversations,
3. delete everything under the user's own prefixes, then their files' records, 4. delete the
user's identity from the identity pool, so what credentials issued earlier still upload for up
to an hour is removed on arrival (`identity_deleted`), 5. delete the record, 6. delete the
Cognito user. Every step is idempotent, and the login goes last: until then the user can sign in
and call again, so a call that fails midway is finished by the next one, and nothing is left
behind that no one can reach.
"""

from contextlib import suppress

from . import records, storage
from .aws import client
from .settings import get_settings


def delete_account(user_id: str, username: str, identity_id: str | None) -> None:
    """`identity_id` owns the user's files and prefixes (auth.identity_id_of), None without a
    user record."""
    if records.get_user(user_id) is not None:
        records.mark_user(user_id, records.DELETING)
        if get_settings().board:
            from . import board

            board.delete_posts_of(user_id)
        if get_settings().realtime:
            from .realtime import chats

            chats.delete_conversations_of(user_id)
        if identity_id:
            for prefix in storage.owner_prefixes(identity_id):
                storage.delete_prefix(prefix)
            for file in records.list_files(identity_id):  # records of objects deleted above
                records.delete_file(identity_id, file["key"])
            # Already gone on a retry: listed among the unprocessed ones, which is fine.
            client("cognito-identity").delete_identities(IdentityIdsToDelete=[identity_id])
        records.delete_user(user_id)
    cognito = client("cognito-idp")
    with suppress(cognito.exceptions.UserNotFoundException):  # deleted by an earlier attempt
        cognito.admin_delete_user(UserPoolId=get_settings().user_pool_id, Username=username)


def identity_deleted(identity_id: str) -> bool:
    """Whether the identity pool no longer has this identity: its account was deleted (an
    identity that never called the API is still there)."""
    identities = client("cognito-identity")
    try:
        identities.describe_identity(IdentityId=identity_id)
    except identities.exceptions.ResourceNotFoundException:
        return True
    return False
