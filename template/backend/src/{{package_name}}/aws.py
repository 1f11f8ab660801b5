"""boto3 clients, created on first use so the Lambda's cold start does not pay for them.

Endpoints follow boto3's own configuration, so `AWS_ENDPOINT_URL` points every client at the
local stack or moto in tests.
"""

import threading
from functools import cache
from typing import Any

from .settings import get_settings

_lock = threading.Lock()


@cache
def client(service: str, endpoint_url: str | None = None) -> Any:
    with _lock:  # botocore sessions are not safe to build from several threads at once
        import boto3

        return boto3.session.Session().client(
            service, region_name=get_settings().region, endpoint_url=endpoint_url
        )
