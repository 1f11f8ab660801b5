"""Open WebSocket connections in DynamoDB, and pushing messages to them.

One item per connection (`item` = "connection", with the user id) and one per room it joined
(`item` = "room#<name>", with the room); the by-user_id and by-room indexes find them. Items
expire after a day, so a connection whose $disconnect never ran does not linger. A connection
is in a room only if its user may be there (handlers.py checks rooms.may_join before join), so
a broadcast reaches members only.
"""

import json
import logging
import time
from collections.abc import Callable
from typing import Any

from ..aws import client
from ..settings import get_settings

CONNECTION = "connection"
TTL_SECONDS = 24 * 3600
logger = logging.getLogger(__name__)


def _table() -> str:
    return get_settings().connections_table


def _put(connection_id: str, item: str, **attributes: str) -> None:
    values = {"connection_id": connection_id, "item": item, **attributes}
    client("dynamodb").put_item(
        TableName=_table(),
        Item={
            **{key: {"S": value} for key, value in values.items()},
            "expires_at": {"N": str(int(time.time()) + TTL_SECONDS)},
        },
    )


def _query(**condition: str) -> list[dict[str, Any]]:
    """Items where the one attribute given equals its value (the key or an index)."""
    ((name, value),) = condition.items()
    request: dict[str, Any] = {
        "TableName": _table(),
        "KeyConditionExpression": "#name = :value",
        "ExpressionAttributeNames": {"#name": name},
        "ExpressionAttributeValues": {":value": {"S": value}},
    }
    if name != "connection_id":
        request["IndexName"] = f"by-{name}"
    items: list[dict[str, Any]] = []
    while True:
        page = client("dynamodb").query(**request)
        items += page["Items"]
        if "LastEvaluatedKey" not in page:
            return items
        request["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def add(connection_id: str, user_id: str) -> None:
    _put(connection_id, CONNECTION, user_id=user_id)


def user_of(connection_id: str) -> str | None:
    found = client("dynamodb").get_item(
        TableName=_table(),
        Key={"connection_id": {"S": connection_id}, "item": {"S": CONNECTION}},
    )
    return found["Item"]["user_id"]["S"] if "Item" in found else None


def rooms_of(connection_id: str) -> set[str]:
    return {item["room"]["S"] for item in _query(connection_id=connection_id) if "room" in item}


def join(connection_id: str, room: str) -> None:
    _put(connection_id, f"room#{room}", room=room)


def leave(connection_id: str, room: str) -> None:
    client("dynamodb").delete_item(
        TableName=_table(),
        Key={"connection_id": {"S": connection_id}, "item": {"S": f"room#{room}"}},
    )


def remove(connection_id: str) -> None:
    """Forget a connection and its rooms; safe to repeat."""
    for item in _query(connection_id=connection_id):
        client("dynamodb").delete_item(
            TableName=_table(),
            Key={"connection_id": item["connection_id"], "item": item["item"]},
        )


def management_api() -> Any:
    callback_url = get_settings().websocket_callback_url or None  # None: AWS_ENDPOINT_URL
    return client("apigatewaymanagementapi", endpoint_url=callback_url)


def send(connection_id: str, message: dict[str, Any]) -> bool:
    """Post to one connection; a gone one is removed (never retried). True if delivered."""
    api = management_api()
    try:
        api.post_to_connection(ConnectionId=connection_id, Data=json.dumps(message).encode())
    except api.exceptions.GoneException:
        remove(connection_id)
        return False
    return True


def notify(user_id: str, message: dict[str, Any]) -> int:
    """Push to every open connection of one user; returns how many got it."""
    items = _query(user_id=user_id)
    return sum(send(item["connection_id"]["S"], message) for item in items)


def broadcast(room: str, message: dict[str, Any]) -> int:
    """Push to every connection in a room; returns how many got it."""
    return sum(send(item["connection_id"]["S"], message) for item in _query(room=room))


def disconnect(user_id: str) -> int:
    """Close every open connection of one user (a disabled account); returns how many.
    API Gateway runs $disconnect for each; their items go here already, so a repeat is safe."""
    api = management_api()
    closed = 0
    for item in _query(user_id=user_id):
        connection_id = item["connection_id"]["S"]
        try:
            api.delete_connection(ConnectionId=connection_id)
            closed += 1
        except api.exceptions.GoneException:
            pass
        remove(connection_id)
    return closed


def notify_quietly(user_id: str, message: dict[str, Any]) -> None:
    """notify() for REST routes: a failed push is logged, never fails the request."""
    _quietly(notify, user_id, message)


def broadcast_quietly(room: str, message: dict[str, Any]) -> None:
    """broadcast() for REST routes: a failed push is logged, never fails the request."""
    _quietly(broadcast, room, message)


def _quietly(push: Callable[[str, dict[str, Any]], int], to: str, message: dict[str, Any]) -> None:
    try:
        push(to, message)
    except Exception:
        logger.exception("could not push to %s", to)
