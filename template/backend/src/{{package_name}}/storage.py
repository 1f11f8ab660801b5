"""S3 conventions for user files. Files never pass through the API; the database keeps keys.

Keys follow Amplify's access levels, and every key names its owner's identity pool id:
`public/<identity id>/...` (served by the CDN), `protected/<identity id>/...` (signed-in users
read) and `private/<identity id>/...` (owner only). Only that identity writes there (the identity
pool's role in the infra, or an upload form the API signs for it), so a key proves its owner;
nothing a client sets (metadata) does. The upload rules (types, size) are the same whichever way
a file arrives: the API's forms enforce them at S3, `check_upload` after the fact.
"""

import re
import uuid
from typing import Annotated, Any

from pydantic import AfterValidator

from .aws import client
from .settings import get_settings

LEVELS = ("public", "protected", "private")
# Language bundles the API publishes (i18n.py): nobody's upload, never recorded nor purged.
I18N_PREFIX = "public/i18n/"
# S3 allows 1,024 bytes and DynamoDB sort keys 1,024 bytes; keys here are ASCII, so characters
# are bytes, and the limit leaves room for a prefix.
MAX_KEY_LENGTH = 512
# `<region>:<uuid>`, as Cognito identity pools issue them.
IDENTITY_ID = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d:[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$")
# One path segment: letters, digits and . _ -
_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")
FOLDER = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")
# The upload rules: the only content types accepted, with the extension their keys get.
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


class UploadRefused(ValueError):
    """An uploaded object that breaks the upload rules; the message says which."""


def validate_key(key: str) -> str:
    """The key if it is `<level>/<identity id>/<name>...` and well-formed, else InvalidKey."""
    if not key or len(key) > MAX_KEY_LENGTH:
        raise InvalidKey(f"A key has 1 to {MAX_KEY_LENGTH} characters")
    if key.startswith("/"):
        raise InvalidKey("A key must not start with /")
    segments = key.split("/")
    if segments[0] not in LEVELS:
        raise InvalidKey(f"A key starts with one of {', '.join(f'{lvl}/' for lvl in LEVELS)}")
    if len(segments) < 3 or not IDENTITY_ID.match(segments[1]):
        raise InvalidKey(f"A {segments[0]} key is {segments[0]}/<identity id>/<name>")
    for segment in segments[2:]:
        if segment in ("", ".", ".."):
            raise InvalidKey("A key has no empty, '.' or '..' segments")
        if not _SEGMENT.match(segment):
            raise InvalidKey(f"Key segment {segment!r} may hold only letters, digits and . _ -")
    return key


# A key in a request: refused with 422 and the reason before anything reaches S3 or DynamoDB.
ObjectKey = Annotated[str, AfterValidator(validate_key)]


def level_of(key: str) -> str:
    return key.split("/", 1)[0]


def is_upload(key: str) -> bool:
    """Whether a key is a user's upload: under a level, outside what the API publishes."""
    return level_of(key) in LEVELS and not key.startswith(I18N_PREFIX)


def owner_of(key: str) -> str:
    """The identity id a valid key names."""
    return key.split("/", 2)[1]


def owner_prefixes(identity_id: str) -> list[str]:
    return [f"{level}/{identity_id}/" for level in LEVELS]


def new_key(level: str, identity_id: str, folder: str, content_type: str) -> str:
    """`<level>/<identity id>/<folder>/<uuid><ext>`: unguessable, never user-chosen."""
    if level not in LEVELS:
        raise InvalidKey(f"level is one of {', '.join(LEVELS)}")
    if not FOLDER.match(folder):
        raise InvalidKey("folder has 1 to 32 lower-case letters, digits and dashes")
    return validate_key(
        f"{level}/{identity_id}/{folder}/{uuid.uuid4().hex}{EXTENSIONS[content_type]}"
    )


def check_upload(found: dict[str, Any]) -> None:
    """UploadRefused unless an uploaded object (`head`'s answer) follows the upload rules."""
    content_type = found.get("ContentType", "")
    if content_type not in EXTENSIONS:
        allowed = ", ".join(EXTENSIONS)
        raise UploadRefused(f"Content type {content_type!r} is not accepted: use one of {allowed}")
    limit = get_settings().max_upload_bytes
    if not 1 <= found["ContentLength"] <= limit:
        raise UploadRefused(f"A file has 1 to {limit} bytes, not {found['ContentLength']}")


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


def presigned_post(key: str, content_type: str) -> dict[str, Any]:
    """A browser-form upload S3 accepts only for this key, this type and the size limit."""
    settings = get_settings()
    return client("s3").generate_presigned_post(
        Bucket=settings.files_bucket,
        Key=key,
        Fields={"Content-Type": content_type},
        Conditions=[
            {"Content-Type": content_type},
            ["content-length-range", 1, settings.max_upload_bytes],
        ],
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
