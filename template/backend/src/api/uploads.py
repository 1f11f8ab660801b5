"""Uploads and their owners: what the upload recorder (triggers/uploads.py) and the purge job
record, the rule the profile and the board apply to the files they point at, and an
administrator's removal of files (a file, or a removed post's pictures).

A file under `<level>/<identity id>/` is that identity's; it is recorded in the files table
once it passed the upload rules (storage.py), by whichever path sees it first.
"""

import logging
from typing import Any

from . import accounts, records, storage

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
    owner = records.user_id_by_identity(identity_id)
    status = (records.get_user(owner) or {}).get("status") if owner else None
    if status in (records.DISABLED, records.DELETING) or (
        owner is None and accounts.identity_deleted(identity_id)
    ):
        # Credentials issued before a disable or a deletion upload for up to an hour.
        storage.delete_object(key)
        log.warning("removed %r: its owner's account is %s", key, status or "deleted")
        return None
    return records.put_file(identity_id, storage.file_record(key, found))


def is_own_public_file(key: str, identity_id: str | None) -> bool:
    """Whether a key is a public file recorded for this identity: what a profile image or a
    post's attachment must be, since anyone reads them through the CDN."""
    return (
        identity_id is not None
        and storage.level_of(key) == "public"
        and records.get_file(identity_id, key) is not None
    )


def remove(keys: list[str], removed_by: str, reason: str) -> None:
    """Take files away for good: the objects, the CDN's copies (one invalidation), and their
    records, each of which becomes the record of who removed it, when and why."""
    for key in keys:
        storage.delete_object(key)
        records.remove_file(storage.owner_of(key), key, removed_by, reason)
    storage.forget_cached(keys)
