"""S3 conventions for user files. Files never pass through the API; the database keeps keys.

Keys follow Amplify's access levels: `public/...` (served by the CDN), `protected/<identity
id>/...` (owner writes, signed-in users read) and `private/<identity id>/...` (owner only).
The identity pool's IAM roles enforce the levels; the rules here check what the API accepts.
"""

import re
import uuid
from typing import Any

from .aws import client
from .settings import get_settings

LEVELS = ("public", "protected", "private")
OWNER_LEVELS = ("private", "protected")
MAX_KEY_LENGTH = 512
# One path segment: letters, digits and . _ - (an identity id also has a colon).
_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$")
FOLDER = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")
EXTENSIONS = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/webp": ".webp",
    "image/gif": ".gif",
    "application/pdf": ".pdf",
    "text/plain": ".txt",
}


class InvalidKey(ValueError):
    """A key the API refuses; the message says why."""


def validate_key(key: str) -> str:
    """The key if it is well-formed, else InvalidKey with the reason."""
    if not key or len(key) > MAX_KEY_LENGTH:
        raise InvalidKey(f"A key has 1 to {MAX_KEY_LENGTH} characters")
    if key.startswith("/"):
        raise InvalidKey("A key must not start with /")
    segments = key.split("/")
    if segments[0] not in LEVELS:
        raise InvalidKey(f"A key starts with one of {', '.join(f'{lvl}/' for lvl in LEVELS)}")
    if len(segments) < 2:
        raise InvalidKey("A key names a file under its level")
    for segment in segments[1:]:
        if segment in ("", ".", ".."):
            raise InvalidKey("A key has no empty, '.' or '..' segments")
        if not _SEGMENT.match(segment):
            raise InvalidKey(f"Key segment {segment!r} may hold only letters, digits and . _ - :")
    if segments[0] in OWNER_LEVELS and len(segments) < 3:
        raise InvalidKey(f"A {segments[0]} key is {segments[0]}/<identity id>/<name>")
    return key


def level_of(key: str) -> str:
    return key.split("/", 1)[0]


def owner_prefixes(identity_id: str) -> list[str]:
    return [f"{level}/{identity_id}/" for level in OWNER_LEVELS]


def is_owned_prefix(key: str, identity_id: str) -> bool:
    return any(key.startswith(prefix) for prefix in owner_prefixes(identity_id))


def new_key(level: str, identity_id: str, folder: str, content_type: str) -> str:
    """`<level>[/<identity id>]/<folder>/<uuid><ext>`: unguessable, never user-chosen."""
    if level not in LEVELS:
        raise InvalidKey(f"level is one of {', '.join(LEVELS)}")
    if not FOLDER.match(folder):
        raise InvalidKey("folder has 1 to 32 lower-case letters, digits and dashes")
    base = "public" if level == "public" else f"{level}/{identity_id}"
    return validate_key(f"{base}/{folder}/{uuid.uuid4().hex}{EXTENSIONS[content_type]}")


def file_url(key: str) -> str:
    """Where a client reads a key: the CDN for public keys, a short presigned URL otherwise."""
    settings = get_settings()
    if level_of(key) == "public":
        return f"{settings.files_base_url.rstrip('/')}/{key}"
    return client("s3").generate_presigned_url(
        "get_object",
        Params={"Bucket": settings.files_bucket, "Key": key},
        ExpiresIn=settings.download_url_seconds,
    )


def presigned_post(key: str, content_type: str, owner: str) -> dict[str, Any]:
    """A browser-form upload limited to this key, type, size and owner metadata."""
    settings = get_settings()
    fields = {"Content-Type": content_type, "x-amz-meta-owner": owner}
    conditions = [
        {"Content-Type": content_type},
        {"x-amz-meta-owner": owner},
        ["content-length-range", 1, settings.max_upload_bytes],
    ]
    return client("s3").generate_presigned_post(
        Bucket=settings.files_bucket,
        Key=key,
        Fields=fields,
        Conditions=conditions,
        ExpiresIn=settings.upload_url_seconds,
    )


def head(key: str) -> dict[str, Any] | None:
    """The object's size, type and metadata, or None if nothing was uploaded there."""
    s3 = client("s3")
    try:
        found = s3.head_object(Bucket=get_settings().files_bucket, Key=key)
    except s3.exceptions.ClientError as error:
        if error.response["Error"]["Code"] in ("404", "NoSuchKey", "NotFound"):
            return None
        raise
    return found


def file_record(key: str, found: dict[str, Any]) -> dict[str, Any]:
    """What the files table keeps of an uploaded object (`head`'s answer): never a URL."""
    return {"key": key, "content_type": found["ContentType"], "size": found["ContentLength"]}


def delete_object(key: str) -> None:
    client("s3").delete_object(Bucket=get_settings().files_bucket, Key=key)


def delete_prefix(prefix: str) -> int:
    """Delete every object under a prefix; returns how many. Safe to repeat."""
    s3 = client("s3")
    bucket = get_settings().files_bucket
    deleted = 0
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        keys = [{"Key": item["Key"]} for item in page.get("Contents", [])]
        if keys:
            s3.delete_objects(Bucket=bucket, Delete={"Objects": keys, "Quiet": True})
            deleted += len(keys)
    return deleted
