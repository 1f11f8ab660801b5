"""S3's rules that moto leaves out: what the identity pool's role allows each identity (infra
storage.py's policy, from config.STORAGE_LEVELS and SHARED_LEVELS), a browser form's POST policy
(expiration, every condition, the size range, no field without a condition), no Signature
Version 2, no reading of a taken-down object (config.TAKEDOWN_TAG), CORS as the bucket says.

https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html
https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
https://docs.aws.amazon.com/AmazonS3/latest/API/specify-signature-version.html
"""

import base64
import json
import re
from datetime import UTC, datetime
from urllib.parse import parse_qs, unquote

from moto.core import DEFAULT_ACCOUNT_ID

from stacks.config import SHARED_LEVELS, STORAGE_LEVELS, TAKEDOWN_TAG

from .wsgi import AwsError

# Form fields a POST policy need not name (the POST policy page above).
UNCONDITIONED_FIELDS = {"policy", "x-amz-signature", "file"}


def role_allows(identity_id: str, action: str, key: str = "", prefix: str | None = None) -> bool:
    """What the identity pool's authenticated role allows (infra/storage.py builds the policy
    from the same levels): write and delete under one's own identity id, read the shared levels
    and one's own keys, list the shared levels and one's own prefix of the others."""
    level = (prefix if prefix is not None else key).split("/", 1)[0]
    if level not in STORAGE_LEVELS:
        return False
    own = f"{level}/{identity_id}/"
    if action in ("s3:PutObject", "s3:DeleteObject"):
        return key.startswith(own) and len(key) > len(own)
    if action == "s3:GetObject":
        return level in SHARED_LEVELS or (key.startswith(own) and len(key) > len(own))
    if action == "s3:ListBucket":
        return (level in SHARED_LEVELS and prefix.startswith(f"{level}/")) or prefix.startswith(own)
    return False


# Query parameters of ListObjects(V2); any other subresource is an action the role lacks.
LIST_PARAMETERS = {
    "list-type", "prefix", "delimiter", "max-keys", "continuation-token", "start-after",
    "encoding-type", "fetch-owner", "marker",
}  # fmt: skip


# Query parameters that name no subresource of an object request.
OBJECT_PARAMETERS = {"x-id", "uploadId", "partNumber", "uploads"}


def s3_requests(method: str, key: str, query: dict[str, list[str]], headers) -> list[tuple]:
    """The IAM actions an S3 REST request needs, as (action, object key, list prefix)."""
    if not key:
        if method == "GET" and set(query) <= LIST_PARAMETERS:
            return [("s3:ListBucket", "", query.get("prefix", [""])[0])]
        return [(f"{method} on the bucket", "", None)]
    if set(query) - OBJECT_PARAMETERS:
        return [(f"{method} ?{'&'.join(sorted(set(query) - OBJECT_PARAMETERS))}", key, None)]
    if method in ("GET", "HEAD"):
        return [("s3:GetObject", key, None)]
    if method == "DELETE":
        action = "s3:AbortMultipartUpload" if "uploadId" in query else "s3:DeleteObject"
        return [(action, key, None)]
    needed = [("s3:PutObject", key, None)]  # PUT, and creating, sending, completing parts
    source = headers.get("x-amz-copy-source")
    if source:
        _bucket, _, source_key = unquote(source).lstrip("/").partition("/")
        needed.append(("s3:GetObject", source_key.split("?")[0], None))
    return needed


def access_key_of(headers, query: dict[str, list[str]]) -> str | None:
    credential = query.get("X-Amz-Credential", [None])[0]
    if credential is None:
        found = re.search(r"Credential=([^/,\s]+)", headers.get("authorization", ""))
        credential = found and found.group(1)
    return credential and credential.split("/")[0]


def version_2_refused() -> AwsError:
    """S3's answer to a request signed with Signature Version 2."""
    message = "The authorization mechanism you have provided is not supported. Please use "
    return AwsError(400, "InvalidRequest", f"{message}AWS4-HMAC-SHA256.")


def signed_with_version_2(environ) -> bool:
    """A presigned URL or an Authorization header of Signature Version 2 (forms: check_s3)."""
    query = parse_qs(environ.get("QUERY_STRING", ""))
    return "AWSAccessKeyId" in query or environ.get("HTTP_AUTHORIZATION", "").startswith("AWS ")


def post_policy_error(fields: dict[str, str], size: int, bucket: str) -> AwsError | None:
    """What S3 answers a browser-form upload whose policy it does not satisfy; None if it does."""
    policy = fields.get("policy")
    if not policy:
        return AwsError(403, "AccessDenied", "Access Denied")
    document = json.loads(base64.b64decode(policy))
    expiration = datetime.fromisoformat(document["expiration"].replace("Z", "+00:00"))
    if expiration <= datetime.now(UTC):
        return AwsError(403, "AccessDenied", "Invalid according to Policy: Policy expired.")
    values = {name.lower(): value for name, value in fields.items()} | {"bucket": bucket}
    conditioned = set()
    for condition in document["conditions"]:
        if isinstance(condition, dict):
            ((name, expected),) = condition.items()
            operator = "eq"
        elif condition[0] == "content-length-range":
            low, high = int(condition[1]), int(condition[2])
            if size > high:
                return AwsError(
                    400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size"
                )
            if size < low:
                return AwsError(
                    400,
                    "EntityTooSmall",
                    "Your proposed upload is smaller than the minimum allowed size",
                )
            continue
        else:
            operator, name, expected = condition[0], condition[1], condition[2]
        name = name.lstrip("$").lower()
        conditioned.add(name)
        actual = values.get(name)
        matched = actual is not None and (
            actual == expected if operator == "eq" else actual.startswith(expected)
        )
        if not matched:
            failed = json.dumps(
                condition if isinstance(condition, list) else ["eq", f"${name}", expected]
            )
            return AwsError(
                403,
                "AccessDenied",
                f"Invalid according to Policy: Policy Condition failed: {failed}",
            )
    extra = sorted(
        name
        for name in values
        if name not in conditioned | UNCONDITIONED_FIELDS | {"bucket"}
        and not name.startswith("x-ignore-")
    )
    if extra:
        return AwsError(
            403,
            "AccessDenied",
            f"Invalid according to Policy: Extra input fields: {', '.join(extra)}",
        )
    return None


def taken_down(bucket_name: str, key: str) -> bool:
    """Whether an object carries the takedown tag, which the files bucket's policy denies every
    reader on (infra storage.py; moto stores tags and enforces no policy)."""
    from moto.s3.models import s3_backends

    backend = s3_backends[DEFAULT_ACCOUNT_ID]["aws"]
    try:
        found = backend.get_object(bucket_name, key)
    except Exception:  # no such bucket: moto answers that itself
        return False
    if found is None:
        return False
    tag, value = TAKEDOWN_TAG
    tags = backend.get_object_tagging(found)["Tags"]
    return any(each["Key"] == tag and each["Value"] == value for each in tags)


def cors_allows(bucket_name: str, origin: str) -> bool:
    """Whether the bucket's CORS rules (moto keeps them) allow this origin."""
    from moto.s3.models import s3_backends
    from moto.s3.utils import cors_matches_origin

    bucket = s3_backends[DEFAULT_ACCOUNT_ID]["aws"].buckets.get(bucket_name)
    rules = bucket.cors if bucket else []
    return any(cors_matches_origin(origin, rule.allowed_origins or []) for rule in rules)
