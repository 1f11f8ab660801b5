"""purge-uploads: delete uploads that nobody registered.

Clients upload straight to S3, then register the key (POST /files); an upload never registered
within the grace period was abandoned (a closed tab, a failed client) and only costs storage.
One page of objects per round keeps every state well inside Step Functions' payload limit.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

from .. import db, storage
from ..aws import client
from ..settings import get_settings

PAGE_SIZE = 500  # objects per round; DeleteObjects takes up to 1,000


def find_unregistered(state: dict[str, Any], _context: Any = None) -> dict[str, Any]:
    """One page of the bucket: the keys older than the grace period that nobody registered."""
    settings = get_settings()
    grace = timedelta(hours=state.get("grace_hours", settings.upload_grace_hours))
    request = {"Bucket": settings.files_bucket, "MaxKeys": state.get("page_size", PAGE_SIZE)}
    if state.get("cursor"):
        request["ContinuationToken"] = state["cursor"]
    page = client("s3").list_objects_v2(**request)
    cutoff = datetime.now(UTC) - grace
    unregistered = [
        item["Key"]
        for item in page.get("Contents", [])
        if storage.level_of(item["Key"]) in storage.LEVELS  # other prefixes are not uploads
        and item["LastModified"] <= cutoff
        and not db.file_registered(item["Key"])
    ]
    return {
        **state,
        "cursor": page.get("NextContinuationToken"),
        "keys": unregistered,
        "scanned": state.get("scanned", 0) + page.get("KeyCount", 0),
    }


def purge(state: dict[str, Any], _context: Any = None) -> dict[str, Any]:
    """Delete the keys found, unless one was registered since; safe to retry."""
    keys = [key for key in state.get("keys", []) if not db.file_registered(key)]
    if keys:
        client("s3").delete_objects(
            Bucket=get_settings().files_bucket,
            Delete={"Objects": [{"Key": key} for key in keys], "Quiet": True},
        )
    return {**state, "keys": [], "deleted": state.get("deleted", 0) + len(keys)}
