"""What every table's code shares: items to and from DynamoDB's typed JSON, and the time stamp
records carry. boto3's (de)serializers are imported on first use: the API's cold start."""

from datetime import UTC, datetime
from typing import Any


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def serialize(item: dict[str, Any]) -> dict[str, Any]:
    """DynamoDB's typed JSON of `item`, leaving out None (DynamoDB stores no nulls here)."""
    from boto3.dynamodb.types import TypeSerializer

    serializer = TypeSerializer()
    return {key: serializer.serialize(value) for key, value in item.items() if value is not None}


def deserialize(item: dict[str, Any]) -> dict[str, Any]:
    from boto3.dynamodb.types import TypeDeserializer

    deserializer = TypeDeserializer()
    return {key: deserializer.deserialize(value) for key, value in item.items()}
