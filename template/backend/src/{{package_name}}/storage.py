"""S3 key conventions for user files (Amplify access levels). The database stores keys only."""

from .aws import client
from .settings import get_settings

# Amplify access levels: who may touch `<level>/<identity id>/...` is enforced by IAM.
OWNER_LEVELS = ("private", "protected")


def user_prefixes(identity_id: str) -> list[str]:
    return [f"{level}/{identity_id}/" for level in OWNER_LEVELS]


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
