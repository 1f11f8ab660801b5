"""What every table's code shares: items to and from DynamoDB's typed JSON, the time stamp
records carry, and the cursors of paged listings. boto3's (de)serializers are imported on first
use: the API's cold start."""

import base64
import binascii
import json
from datetime import UTC, datetime
from typing import Any


class BadCursor(ValueError):
    """Not a cursor this API gave (the routes answer 422 bad_cursor)."""


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


def encode_cursor(position: list[str]) -> str:
    """A page's `next_cursor`: the position of its last item (the key attributes a query
    starts after), opaque to clients."""
    raw = json.dumps(position, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, size: int) -> list[str]:
    """The `size` non-empty strings a cursor of encode_cursor names; BadCursor for anything
    else."""
    try:
        position = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError):
        raise BadCursor(cursor) from None
    if not (
        isinstance(position, list)
        and len(position) == size
        and all(isinstance(value, str) and value for value in position)
    ):
        raise BadCursor(cursor)
    return position
