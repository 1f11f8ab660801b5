"""S3 ObjectCreated: record uploads under a user's own prefixes in the files table.

The second path next to `POST /files`: the record no longer depends on the client registering.
The owner comes from the key's identity segment (`protected|private/<identity id>/...`), which
only that identity can write (the identity pool's roles, the API's upload forms); `public/` keys
carry no such proof, so those are recorded through `POST /files` only. S3 delivers events at
least once: a repeat finds the record and changes nothing.
"""

import logging
from typing import Any
from urllib.parse import unquote_plus

from .. import db, storage

log = logging.getLogger(__name__)


def record_upload(key: str) -> dict[str, Any] | None:
    """The files-table record of an uploaded key, or None when the key is not recordable."""
    try:
        storage.validate_key(key)
    except storage.InvalidKey as error:
        log.warning("upload not recorded: %s", error, extra={"key": key})
        return None
    if storage.level_of(key) not in storage.OWNER_LEVELS:
        return None
    owner = db.user_id_by_identity(key.split("/")[1])
    user = db.get_user(owner) if owner else None
    if user is None or user["status"] != db.ACTIVE:
        # No record holds that identity yet (POST /files can still register the key), or the
        # account is being deleted.
        log.warning("upload of no active user not recorded", extra={"key": key})
        return None
    found = storage.head(key)
    if found is None:  # deleted again before the event arrived
        return None
    return db.put_file(user["id"], storage.file_record(key, found))


def handler(event: dict[str, Any], _context: Any) -> None:
    for record in event.get("Records", []):
        record_upload(unquote_plus(record["s3"]["object"]["key"]))
