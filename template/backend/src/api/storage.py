"""S3 conventions for user files. Files never pass through the API; the database keeps keys.

Keys follow Amplify's access levels, and every key names its owner's identity pool id:
`public/<identity id>/...` (served by the CDN), `protected/<identity id>/...` (signed-in users
read) and `private/<identity id>/...` (owner only). Only that identity writes there (the identity
pool's role in the infra, or an upload form the API signs for it), so a key proves its owner;
nothing a client sets (metadata) does. The upload rules (types, size) are the same whichever way
a file arrives: the API's forms enforce type and size at S3, `check_upload` all of them (the
content too) after the fact.
"""

import re
import uuid
from typing import Annotated, Any
from urllib.parse import quote, unquote

from pydantic import AfterValidator

from .aws import client
from .settings import get_settings

LEVELS = ("public", "protected", "private")
# Language bundles the API publishes (i18n.py): nobody's upload, never recorded nor purged.
I18N_PREFIX = "public/i18n/"
# S3's limit, which DynamoDB's sort keys share: keys are stored exactly as S3 has them.
MAX_KEY_BYTES = 1024
# `<region>:<uuid>`, as Cognito identity pools issue them.
IDENTITY_ID = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d:[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$")
# Control characters (C0, DEL, C1): S3 takes them, but they break logs, headers and URLs.
CONTROL_CHARACTERS = r"\x00-\x1f\x7f-\x9f"
CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")
# The tag of an object a moderator took down (infra config.TAKEDOWN_TAG: the bucket's policy).
TAKEDOWN_TAG = {"Key": "takedown", "Value": "true"}
# A file's own name, as the user gave it, in the metadata of uploads through the API's form:
# percent-encoded UTF-8, since S3 sends metadata as ASCII headers.
NAME_FIELD = "x-amz-meta-name"
MAX_NAME_LENGTH = 255
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


# The first bytes of each accepted binary format (WebP: content_is; text: any UTF-8).
SIGNATURES = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "application/pdf": (b"%PDF-",),
}
SNIFF_BYTES = 64 * 1024


class InvalidKey(ValueError):
    """A key the API refuses; the message says why."""


class UploadRefused(ValueError):
    """An uploaded object that breaks the upload rules; the message says which."""


def validate_key(key: str) -> str:
    """The key if it is `<level>/<identity id>/<name>`, else InvalidKey saying why.

    The name is whatever S3 and Amplify accept (any UTF-8 up to S3's 1,024 bytes: spaces,
    Hangul, brackets, a leading dot), except what is unsafe wherever a key travels: control
    characters, and `.` or `..` segments, which URLs and file systems read as paths."""
    size = len(key.encode("utf-8", "surrogatepass"))
    if not 1 <= size <= MAX_KEY_BYTES:
        raise InvalidKey(f"A key has 1 to {MAX_KEY_BYTES} bytes (UTF-8), not {size}")
    if key.startswith("/"):
        raise InvalidKey("A key must not start with /")
    segments = key.split("/")
    if segments[0] not in LEVELS:
        raise InvalidKey(f"A key starts with one of {', '.join(f'{lvl}/' for lvl in LEVELS)}")
    if len(segments) < 3 or not IDENTITY_ID.match(segments[1]) or not segments[-1]:
        raise InvalidKey(f"A {segments[0]} key is {segments[0]}/<identity id>/<name>")
    if CONTROL.search(key):
        raise InvalidKey("A key has no control characters (tabs, line breaks, …)")
    if any(segment in (".", "..") for segment in segments):
        raise InvalidKey("A key has no '.' or '..' segments")
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidKey("A key is text S3 can store (UTF-8)") from None
    return key


# A key in a request: refused with 422 and the reason before anything reaches S3 or DynamoDB.
ObjectKey = Annotated[str, AfterValidator(validate_key)]


def level_of(key: str) -> str:
    return key.split("/", 1)[0]


def is_upload(key: str) -> bool:
    """Whether a key is a user's upload: under a level, outside what the API publishes."""
    return level_of(key) in LEVELS and not key.startswith(I18N_PREFIX)


def owner_of(key: str) -> str | None:
    """The identity id whose prefix a key is under (`<level>/<identity id>/…`), whatever its
    name; None if it is under no one's. Only that identity can write there."""
    segments = key.split("/", 2)
    if len(segments) == 3 and segments[0] in LEVELS and IDENTITY_ID.match(segments[1]):
        return segments[1]
    return None


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


def check_upload(found: dict[str, Any], start: bytes) -> None:
    """UploadRefused unless an uploaded object (`head`'s answer, and its `first_bytes`) follows
    the upload rules: an accepted type, a size within the limit, and content that is what its
    type says (a text file named `.png` would show as a broken image, or worse)."""
    content_type = found.get("ContentType", "")
    if content_type not in EXTENSIONS:
        allowed = ", ".join(EXTENSIONS)
        raise UploadRefused(f"Content type {content_type!r} is not accepted: use one of {allowed}")
    limit = get_settings().max_upload_bytes
    if not 1 <= found["ContentLength"] <= limit:
        raise UploadRefused(f"A file has 1 to {limit} bytes, not {found['ContentLength']}")
    if not content_is(content_type, start, whole=found["ContentLength"] <= len(start)):
        raise UploadRefused(f"The file's content is not what {content_type} files hold")


def content_is(content_type: str, start: bytes, *, whole: bool) -> bool:
    """Whether the first bytes of a file fit its type: the signature of its format, or for text,
    UTF-8 without NUL (a character cut at the end of a partial read is fine)."""
    if content_type == "text/plain":
        try:
            start.decode("utf-8")
        except UnicodeDecodeError as error:
            if whole or error.reason != "unexpected end of data":
                return False
        return b"\x00" not in start
    if content_type == "image/webp":
        return start[:4] == b"RIFF" and start[8:12] == b"WEBP"
    return start.startswith(SIGNATURES[content_type])


def first_bytes(key: str) -> bytes:
    """The start of an object, enough to tell its format (check_upload)."""
    found = client("s3").get_object(
        Bucket=get_settings().files_bucket, Key=key, Range=f"bytes=0-{SNIFF_BYTES - 1}"
    )
    return found["Body"].read()


def file_url(key: str) -> str:
    """Where a client reads a key: the CDN for public keys, a short presigned URL otherwise."""
    settings = get_settings()
    if level_of(key) == "public":  # the key's characters, percent-encoded: `사진 (1).png`
        return f"{settings.files_base_url.rstrip('/')}/{quote(key, safe='/:')}"
    return client("s3").generate_presigned_url(
        "get_object",
        Params={"Bucket": settings.files_bucket, "Key": key},
        ExpiresIn=settings.download_url_seconds,
    )


def presigned_post(key: str, content_type: str, name: str | None = None) -> dict[str, Any]:
    """A browser-form upload S3 accepts only for this key, this type and the size limit, and
    with the file's own name (`name`) as its metadata."""
    settings = get_settings()
    fields = {"Content-Type": content_type}
    if name:
        fields[NAME_FIELD] = quote(name, safe="")
    return client("s3").generate_presigned_post(
        Bucket=settings.files_bucket,
        Key=key,
        Fields=fields,
        Conditions=[
            *({field: value} for field, value in fields.items()),
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
    """What the files table keeps of an uploaded object (`head`'s answer): never a URL. Its
    name: the one the API's form carried, else the key's last segment (Amplify's uploads keep
    the user's name there)."""
    carried = found.get("Metadata", {}).get(NAME_FIELD.removeprefix("x-amz-meta-"))
    name = unquote(carried) if carried else key.rsplit("/", 1)[-1]
    return {
        "key": key,
        "name": CONTROL.sub("", name),
        "content_type": found["ContentType"],
        "size": found["ContentLength"],
    }


def delete_object(key: str) -> None:
    client("s3").delete_object(Bucket=get_settings().files_bucket, Key=key)


def take_down(keys: list[str]) -> None:
    """Make objects unreadable by anyone, the CDN included (the bucket's policy refuses
    GetObject of an object with TAKEDOWN_TAG), and forget the CDN's copies. `restore` undoes it."""
    for key in keys:
        client("s3").put_object_tagging(
            Bucket=get_settings().files_bucket, Key=key, Tagging={"TagSet": [TAKEDOWN_TAG]}
        )
    forget_cached(keys)


def restore(keys: list[str]) -> None:
    for key in keys:
        client("s3").delete_object_tagging(Bucket=get_settings().files_bucket, Key=key)


def forget_cached(keys: list[str]) -> None:
    """Invalidate the CDN's copies of the public ones among these keys, in one request (the
    local stack has no CDN cache: nothing to do there)."""
    paths = [f"/{quote(key, safe='/:')}" for key in keys if level_of(key) == "public"]
    distribution = get_settings().files_distribution_id
    if not paths or not distribution:
        return
    client("cloudfront").create_invalidation(
        DistributionId=distribution,
        InvalidationBatch={
            "Paths": {"Quantity": len(paths), "Items": paths},
            "CallerReference": uuid.uuid4().hex,
        },
    )


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
