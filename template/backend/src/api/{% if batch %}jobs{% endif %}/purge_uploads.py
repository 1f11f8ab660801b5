"""purge-uploads: settle every object nobody recorded: record it, or delete it.

The upload recorder (triggers/uploads.py) records each upload as S3 reports it; this job catches
what it missed (a failed invocation, a stage with record_uploads off). An object under an
owner's `<level>/<identity id>/` prefix is that owner's file, whatever its name: it is recorded
as the recorder would (or removed if it breaks the upload rules). Only objects under no one's
prefix are deleted, each with a log line saying so. The grace period leaves young objects to
the recorder. One page of objects per round keeps every state well inside Step Functions'
payload limit.
"""

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from .. import records, storage
from ..aws import client
from ..logs import logged
from ..settings import get_settings
from ..uploads import record_upload

PAGE_SIZE = 500  # objects per round; DeleteObjects takes up to 1,000
log = logging.getLogger(__name__)


@logged(metric="JobSteps")
def find_unregistered(state: dict[str, Any], _context: Any = None) -> dict[str, Any]:
    """One page of the bucket: the keys older than the grace period that nobody recorded."""
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
        if storage.is_upload(item["Key"])  # other prefixes, and language bundles, are not
        and item["LastModified"] <= cutoff
        and not records.file_registered(item["Key"])
    ]
    return {
        **state,
        "cursor": page.get("NextContinuationToken"),
        "keys": unregistered,
        "scanned": state.get("scanned", 0) + page.get("KeyCount", 0),
    }


@logged(metric="JobSteps")
def purge(state: dict[str, Any], _context: Any = None) -> dict[str, Any]:
    """Record the owned keys found, delete the others, unless recorded since; safe to retry."""
    keys = [key for key in state.get("keys", []) if not records.file_registered(key)]
    owned = [key for key in keys if storage.owner_of(key) is not None]
    recorded = sum(record_upload(key) is not None for key in owned)
    orphans = [key for key in keys if storage.owner_of(key) is None]
    for key in orphans:
        log.warning("deleted %r: under no one's <level>/<identity id>/ prefix", key)
    if orphans:
        client("s3").delete_objects(
            Bucket=get_settings().files_bucket,
            Delete={"Objects": [{"Key": key} for key in orphans], "Quiet": True},
        )
    return {
        **state,
        "keys": [],
        "recorded": state.get("recorded", 0) + recorded,
        "deleted": state.get("deleted", 0) + len(orphans),
    }
