"""The catch path of every job: record the failure, once per execution, for 90 days."""

import time
from contextlib import suppress
from typing import Any

from .. import dynamo
from ..aws import client
from ..logs import logged
from ..settings import get_settings

KEEP_SECONDS = 90 * 24 * 3600


@logged(metric="JobSteps")
def record_failure(event: dict[str, Any], _context: Any = None) -> dict[str, Any]:
    """Store {execution_id, job, error, cause}; a retried call keeps the first record."""
    item = {
        "execution_id": event["execution_id"],
        "job": event["job"],
        "error": event.get("error") or "Unknown",
        "cause": (event.get("cause") or "")[:4000],
        "failed_at": dynamo.now(),
        "expires_at": int(time.time()) + KEEP_SECONDS,
    }
    dynamodb = client("dynamodb")
    with suppress(dynamodb.exceptions.ConditionalCheckFailedException):  # recorded already
        dynamodb.put_item(
            TableName=get_settings().jobs_table,
            Item=dynamo.serialize(item),
            ConditionExpression="attribute_not_exists(execution_id)",
        )
    return item
