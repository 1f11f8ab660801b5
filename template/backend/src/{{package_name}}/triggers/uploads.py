"""S3 ObjectCreated: record every upload in the files table, or remove one that breaks the rules.

The second path next to `POST /files`, so a record never depends on the client registering: an
upload made with the identity pool's credentials (Amplify Storage) is recorded like one made with
the API's form. The owner is the key's identity id, which only that identity can write under
(the role, the API's forms); the upload rules (types, size) are checked here because the role's
uploads are not limited by a form. S3 delivers events at least once: a repeat finds the record
and changes nothing.
"""

import logging
from typing import Any
from urllib.parse import unquote_plus

from .. import accounts, db, storage

log = logging.getLogger(__name__)


def record_upload(key: str) -> dict[str, Any] | None:
    """The files-table record of an uploaded key, or None when there is nothing to record: a
    key under no one's prefix (the purge job deletes those), an object gone again, or one
    removed for breaking the upload rules (its type, size or an unsafe name) or because its
    owner's account is disabled, being deleted or deleted."""
    identity_id = storage.owner_of(key)
    if identity_id is None:
        log.warning("not recorded %r: under no one's prefix", key)
        return None
    found = storage.head(key)
    if found is None:  # deleted again before the event arrived
        return None
    try:
        storage.validate_key(key)
        storage.check_upload(found, storage.first_bytes(key))
    except (storage.InvalidKey, storage.UploadRefused) as error:
        storage.delete_object(key)
        log.warning("removed %r: %s", key, error)
        return None
    owner = db.user_id_by_identity(identity_id)
    status = (db.get_user(owner) or {}).get("status") if owner else None
    if status in (db.DISABLED, db.DELETING) or (
        owner is None and accounts.identity_deleted(identity_id)
    ):
        # Credentials issued before a disable or a deletion upload for up to an hour.
        storage.delete_object(key)
        log.warning("removed %r: its owner's account is %s", key, status or "deleted")
        return None
    return db.put_file(identity_id, storage.file_record(key, found))


def handler(event: dict[str, Any], _context: Any) -> None:
    for record in event.get("Records", []):
        key = unquote_plus(record["s3"]["object"]["key"])
        if storage.is_upload(key):  # not the language bundles the API publishes
            record_upload(key)
