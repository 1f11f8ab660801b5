"""boto3 clients, created on first use so the Lambda's cold start does not pay for them.

Endpoints follow boto3's own configuration, so `AWS_ENDPOINT_URL` points every client at the
local stack or moto in tests.

S3 clients sign with Signature Version 4 and name the bucket's regional endpoint: left to
itself, botocore presigns Signature Version 2 forms and URLs for the regions that once took
it (us-east-1, eu-west-1, …), which S3 refuses for buckets created since 2020
(https://docs.aws.amazon.com/AmazonS3/latest/API/specify-signature-version.html),
and the global endpoint, which redirects a new bucket's browser uploads elsewhere.
"""

import threading
from functools import cache
from typing import Any

from .settings import get_settings

_lock = threading.Lock()


@cache
def _session() -> Any:
    """One botocore session for every client: each session parses the endpoint rules and
    service models again (~0.1 s a client)."""
    import boto3

    return boto3.session.Session()


@cache
def client(service: str, endpoint_url: str | None = None) -> Any:
    with _lock:  # a session is not safe to use from several threads at once; its clients are
        config = None
        if service == "s3":
            from botocore.config import Config

            config = Config(signature_version="s3v4", s3={"addressing_style": "virtual"})
        return _session().client(
            service, region_name=get_settings().region, endpoint_url=endpoint_url, config=config
        )
