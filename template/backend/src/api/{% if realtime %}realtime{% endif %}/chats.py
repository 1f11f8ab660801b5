"""Direct messages kept in DynamoDB (infra tables.TABLES "messages" and "conversations"), and
the directory of users who chose to be findable by name.

A message is one item in its room (rooms.direct_room), keyed by the id its sender's client chose:
sending is one transaction that puts the message only if that id is new and updates both users'
conversation items (the last message; the recipient's unread count + 1). A retried send fails
the put's condition, so the whole transaction writes nothing: never a message or a count twice.
"""

from datetime import UTC, datetime
from typing import Any

from .. import records
from ..aws import client
from ..dynamo import decode_cursor, deserialize, encode_cursor, serialize
from ..settings import get_settings
from .rooms import direct_room

PREVIEW_LENGTH = 100  # of the last message, kept on each conversation
FINDABLE = "findable"  # the users table's `directory` value of a findable user


def now() -> str:
    """To the microsecond: the listings' sort key, so messages of one second keep their order."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _query_page(
    request: dict[str, Any], limit: int, cursor: str | None, position: tuple[str, ...]
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of an index query, newest first, and the cursor of the next (None: the last).
    `position`: the attributes naming an item in the index (the table's keys and the index's)."""
    request = {**request, "ScanIndexForward": False, "Limit": limit + 1}  # one more: a next?
    if cursor:
        request["ExclusiveStartKey"] = serialize(
            dict(zip(position, decode_cursor(cursor, len(position)), strict=True))
        )
    items = [deserialize(item) for item in client("dynamodb").query(**request)["Items"]]
    if len(items) <= limit:
        return items, None
    last = items[limit - 1]
    return items[:limit], encode_cursor([last[name] for name in position])


def send(sender: str, recipient: str, message_id: str, text: str) -> tuple[dict[str, Any], bool]:
    """Keep a message from `sender` to `recipient`; returns it and whether it is new (False: a
    retry of a message already kept, returned as kept and counted once)."""
    settings = get_settings()
    room = direct_room(sender, recipient)
    message = {"room": room, "id": message_id, "from_id": sender, "text": text, "sent_at": now()}
    last = {
        ":text": text[:PREVIEW_LENGTH],
        ":from": sender,
        ":at": message["sent_at"],
    }

    def conversation(owner: str, other: str, unread: str, count: int) -> dict[str, Any]:
        return {
            "Update": {
                "TableName": settings.conversations_table,
                "Key": serialize({"user_id": owner, "room": room}),
                "UpdateExpression": "SET other_id = :other, last_text = :text, "
                f"last_from = :from, last_at = :at{unread}",
                "ExpressionAttributeValues": serialize({**last, ":other": other, ":n": count}),
            }
        }

    dynamodb = client("dynamodb")
    try:
        dynamodb.transact_write_items(
            TransactItems=[
                {
                    "Put": {
                        "TableName": settings.messages_table,
                        "Item": serialize(message),
                        "ConditionExpression": "attribute_not_exists(id)",
                    }
                },
                conversation(sender, recipient, ", unread = :n", 0),  # they read what they wrote
                conversation(recipient, sender, " ADD unread :n", 1),
            ]
        )
    except dynamodb.exceptions.TransactionCanceledException as error:
        reasons = [reason.get("Code") for reason in error.response.get("CancellationReasons", [])]
        if reasons[:1] != ["ConditionalCheckFailed"]:
            raise
        kept = dynamodb.get_item(
            TableName=settings.messages_table,
            Key=serialize({"room": room, "id": message_id}),
            ConsistentRead=True,
        )
        return deserialize(kept["Item"]), False
    return message, True


def messages(
    user_id: str, other: str, limit: int, cursor: str | None = None
) -> tuple[list[dict[str, Any]], str | None]:
    """A page of the two users' messages, newest first."""
    request = {
        "TableName": get_settings().messages_table,
        "IndexName": "by-room",
        "KeyConditionExpression": "room = :room",
        "ExpressionAttributeValues": serialize({":room": direct_room(user_id, other)}),
    }
    return _query_page(request, limit, cursor, ("sent_at", "id", "room"))


def conversations(
    user_id: str, limit: int, cursor: str | None = None
) -> tuple[list[dict[str, Any]], str | None]:
    """A page of the user's conversations, the one with the latest message first."""
    request = {
        "TableName": get_settings().conversations_table,
        "IndexName": "by-user_id",
        "KeyConditionExpression": "user_id = :user",
        "ExpressionAttributeValues": serialize({":user": user_id}),
    }
    return _query_page(request, limit, cursor, ("last_at", "room", "user_id"))


def mark_read(user_id: str, other: str) -> bool:
    """Clear the user's unread count of a conversation; False if they have no such one."""
    dynamodb = client("dynamodb")
    try:
        dynamodb.update_item(
            TableName=get_settings().conversations_table,
            Key=serialize({"user_id": user_id, "room": direct_room(user_id, other)}),
            UpdateExpression="SET unread = :zero",
            ConditionExpression="attribute_exists(room)",
            ExpressionAttributeValues=serialize({":zero": 0}),
        )
    except dynamodb.exceptions.ConditionalCheckFailedException:
        return False
    return True


def delete_conversations_of(user_id: str) -> None:
    """Account deletion: the user's conversations go (their unread counts and previews); the
    messages stay with the other person, as a letter stays with whoever received it. Safe to
    repeat, as board.delete_posts_of."""
    dynamodb, table = client("dynamodb"), get_settings().conversations_table
    request: dict[str, Any] = {
        "TableName": table,
        "KeyConditionExpression": "user_id = :user",
        "ExpressionAttributeValues": serialize({":user": user_id}),
        "ProjectionExpression": "user_id, room",
    }
    while True:
        page = dynamodb.query(**request)
        for key in page["Items"]:
            dynamodb.delete_item(TableName=table, Key=key)
        if "LastEvaluatedKey" not in page:
            return
        request["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def set_findable(user_id: str, findable: bool) -> dict[str, Any]:
    """Put the user in the directory (`directory`, indexed with records' `name_key`) or take
    them out; returns their record."""
    if findable:
        # (a user without a display name is findable once they have one: update_user)
        record = records.get_user(user_id) or {}
        name_key = records.name_key(record.get("display_name"))
        changes = {"directory": FINDABLE} | ({"name_key": name_key} if name_key else {})
        return records.update_user(user_id, changes)
    return records.update_user(user_id, {}, remove=("directory",))


def find(prefix: str, limit: int) -> list[dict[str, Any]]:
    """Active findable users whose display name starts with `prefix` (any case), by name."""
    found = client("dynamodb").query(
        TableName=get_settings().users_table,
        IndexName="by-directory",
        KeyConditionExpression="directory = :findable AND begins_with(name_key, :prefix)",
        ExpressionAttributeValues=serialize(
            {":findable": FINDABLE, ":prefix": records.name_key(prefix)}
        ),
        Limit=limit,
    )["Items"]
    ids = [item["id"]["S"] for item in found]
    users = records.get_users(ids) if ids else {}
    return [
        users[user_id]
        for user_id in ids
        if user_id in users
        and users[user_id].get("status") == records.ACTIVE
        and users[user_id].get("directory") == FINDABLE  # the index may lag a moment behind
    ]
