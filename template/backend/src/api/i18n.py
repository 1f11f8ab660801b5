"""Language bundles: the clients' strings per language, published to the files bucket and read
through the CDN (the kit's i18n package).

`public/i18n/<lang>.<content hash>.json` holds one version of a language's strings: its name
changes with its content, so it is cached for a year (immutable). `public/i18n/index.json` names
each language's current file and is cached with `no-cache` (revalidated on every read), so a
client that reads the index after a publish gets the new file whatever the CDN still holds.
A publish writes the file, then the index with a conditional write (If-Match, or If-None-Match
for the first), so two publishes at once never drop each other's language. Old files stay:
a client holding the old index still finds its file.
"""

import hashlib
import json
from typing import Any

from .aws import client
from .settings import get_settings
from .storage import I18N_PREFIX as PREFIX

INDEX_KEY = f"{PREFIX}index.json"
MAX_BUNDLE_BYTES = 256 * 1024
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
CONTENT_TYPE = "application/json; charset=utf-8"
# S3's answers to a conditional write that lost a race:
# https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
LOST_RACE = {"PreconditionFailed", "ConditionalRequestConflict"}
# Each lost race is another publish's success: this many publishes at once all succeed.
ATTEMPTS = 20


def encode(strings: dict[str, str]) -> bytes:
    """The bundle's bytes: the same strings give the same bytes, so the same file name."""
    return json.dumps(strings, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def file_name(lang: str, body: bytes) -> str:
    return f"{lang}.{hashlib.sha256(body).hexdigest()[:16]}.json"


def read_index() -> tuple[dict[str, str], str | None]:
    """The index and its ETag; an empty one (None) before the first publish."""
    s3 = client("s3")
    try:
        found = s3.get_object(Bucket=get_settings().files_bucket, Key=INDEX_KEY)
    except s3.exceptions.ClientError as error:  # botocore's, not imported with the app
        # The API may not list the bucket, so S3 answers a missing key with 403, not 404
        # (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html). Taking either as
        # "no index yet" is safe: the first write's If-None-Match never replaces an index.
        if error.response["Error"]["Code"] in ("NoSuchKey", "AccessDenied"):
            return {}, None
        raise
    return json.loads(found["Body"].read()), found["ETag"]


def publish(lang: str, strings: dict[str, str]) -> str:
    """Make `strings` the current bundle of `lang`; returns its key."""
    s3, bucket = client("s3"), get_settings().files_bucket
    body = encode(strings)
    key = PREFIX + file_name(lang, body)
    s3.put_object(
        Bucket=bucket, Key=key, Body=body, ContentType=CONTENT_TYPE, CacheControl=IMMUTABLE
    )
    for _ in range(ATTEMPTS):
        index, etag = read_index()
        condition: dict[str, Any] = {"IfMatch": etag} if etag else {"IfNoneMatch": "*"}
        try:
            s3.put_object(
                Bucket=bucket,
                Key=INDEX_KEY,
                Body=encode({**index, lang: key.removeprefix(PREFIX)}),
                ContentType=CONTENT_TYPE,
                CacheControl=REVALIDATE,
                **condition,
            )
            return key
        except s3.exceptions.ClientError as error:
            if error.response["Error"]["Code"] not in LOST_RACE:
                raise
    raise RuntimeError(f"The bundle index changed {ATTEMPTS} times during one publish")
