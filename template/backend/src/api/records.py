"""The users' and their files' records in DynamoDB. Cognito holds identity; this holds the
profile, and what each user uploaded.

Every write is conditional, so a retried trigger or request never duplicates or clobbers.
"""

import time
from collections.abc import Iterable
from contextlib import suppress
from typing import Any

from . import metrics
from .aws import client
from .dynamo import deserialize, now, serialize
from .settings import get_settings

ACTIVE = "active"
DELETING = "deleting"
DISABLED = "disabled"


class UserNotFound(LookupError):
    pass


def _table() -> str:
    return get_settings().users_table


def create_user_if_absent(user: dict[str, Any]) -> bool:
    """Put the first record of a user; True if it was created, False if it already existed."""
    stamp = now()
    item = {"status": ACTIVE, "created_at": stamp, "updated_at": stamp, **user}
    try:
        client("dynamodb").put_item(
            TableName=_table(),
            Item=serialize(item),
            ConditionExpression="attribute_not_exists(id)",
        )
    except client("dynamodb").exceptions.ConditionalCheckFailedException:
        return False
    return True


def get_user(user_id: str) -> dict[str, Any] | None:
    found = client("dynamodb").get_item(
        TableName=_table(), Key={"id": {"S": user_id}}, ConsistentRead=True
    )
    return deserialize(found["Item"]) if "Item" in found else None


def name_key(display_name: str | None) -> str | None:
    """How names are compared in a search by name (the chat's directory): case left out."""
    return display_name.casefold() if display_name else None


def update_user(
    user_id: str, changes: dict[str, Any], *, status: str = ACTIVE, remove: Iterable[str] = ()
) -> dict[str, Any]:
    """Set these fields (and remove those) on a user whose status is `status`; returns the
    whole new record. A display name's `name_key` goes with it."""
    changes = {**changes, "updated_at": now()}
    if changes.get("display_name"):
        changes["name_key"] = name_key(changes["display_name"])
    names = {f"#f{i}": key for i, key in enumerate(changes)}
    values = {f":v{i}": value for i, value in enumerate(changes.values())}
    assignments = ", ".join(f"#f{i} = :v{i}" for i in range(len(changes)))
    removals = {f"#r{i}": key for i, key in enumerate(remove)}
    if removals:
        assignments += " REMOVE " + ", ".join(removals)
    try:
        updated = client("dynamodb").update_item(
            TableName=_table(),
            Key={"id": {"S": user_id}},
            UpdateExpression=f"SET {assignments}",
            ConditionExpression="attribute_exists(id) AND #status = :expected",
            ExpressionAttributeNames={**names, **removals, "#status": "status"},
            ExpressionAttributeValues=serialize({**values, ":expected": status}),
            ReturnValues="ALL_NEW",
        )
    except client("dynamodb").exceptions.ConditionalCheckFailedException as error:
        raise UserNotFound(user_id) from error
    return deserialize(updated["Attributes"])


def mark_user(user_id: str, status: str) -> None:
    """Move a user to `status` (deleting, disabled) whatever it was; no-op for a missing user.
    A disable also stamps `disabled_at`, which outlives an enable: tokens issued before it stay
    refused (profiles.ensure_served)."""
    stamp = now()
    update = "SET #status = :status, updated_at = :now"
    if status == DISABLED:
        update += ", disabled_at = :now"
    try:
        client("dynamodb").update_item(
            TableName=_table(),
            Key={"id": {"S": user_id}},
            UpdateExpression=update,
            ConditionExpression="attribute_exists(id)",
            ExpressionAttributeNames={"#status": "status"},
            ExpressionAttributeValues=serialize({":status": status, ":now": stamp}),
        )
    except client("dynamodb").exceptions.ConditionalCheckFailedException:
        pass


def delete_user(user_id: str) -> None:
    client("dynamodb").delete_item(TableName=_table(), Key={"id": {"S": user_id}})


def user_id_by_identity(identity_id: str) -> str | None:
    """The user whose record holds this identity pool id (the users table's by-identity_id
    index), or None if no user's record has it yet."""
    found = client("dynamodb").query(
        TableName=_table(),
        IndexName="by-identity_id",
        KeyConditionExpression="identity_id = :identity",
        ExpressionAttributeValues={":identity": {"S": identity_id}},
        Limit=1,
    )
    return found["Items"][0]["id"]["S"] if found["Items"] else None


def get_users(user_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The records of these users (at most 100: one BatchGetItem) by id; users without a record
    are left out. Keys DynamoDB leaves unprocessed (throttled) are asked again after a pause."""
    keys = [{"id": {"S": user_id}} for user_id in dict.fromkeys(user_ids)]
    found: dict[str, dict[str, Any]] = {}
    for attempt in range(8):
        if not keys:
            return found
        if attempt:  # throttled: back off, as DynamoDB advises for unprocessed keys
            time.sleep(0.05 * 2**attempt)
        answer = client("dynamodb").batch_get_item(RequestItems={_table(): {"Keys": keys}})
        items = answer["Responses"].get(_table(), [])
        found |= {item["id"]["S"]: deserialize(item) for item in items}
        keys = answer.get("UnprocessedKeys", {}).get(_table(), {}).get("Keys", [])
    raise RuntimeError("DynamoDB left users' records unread after 8 attempts")


# Files: one record per uploaded object, under its owner's identity id (the key's second
# segment: the owner is known from the key alone, whether or not they ever called the API).


def put_file(identity_id: str, record: dict[str, Any]) -> dict[str, Any]:
    """Record a file; recording the same key again keeps the first record (a removed file's
    record, kept to say who removed it and why, gives way to a new upload there)."""
    item = {"owner_id": identity_id, "created_at": now(), **record}
    try:
        client("dynamodb").put_item(
            TableName=get_settings().files_table,
            Item=serialize(item),
            ConditionExpression="attribute_not_exists(#key) OR attribute_exists(removed_at)",
            ExpressionAttributeNames={"#key": "key"},
        )
    except client("dynamodb").exceptions.ConditionalCheckFailedException:
        return get_file(identity_id, record["key"]) or item
    metrics.emit({"UploadsRegistered": 1}, level=record["key"].split("/", 1)[0])
    return item


def get_file(identity_id: str, key: str) -> dict[str, Any] | None:
    """The record of a file the owner has (not one an administrator removed)."""
    found = client("dynamodb").get_item(
        TableName=get_settings().files_table,
        Key={"owner_id": {"S": identity_id}, "key": {"S": key}},
        ConsistentRead=True,
    )
    item = deserialize(found["Item"]) if "Item" in found else None
    return item if item and "removed_at" not in item else None


def mark_file(identity_id: str, key: str, *, taken_down: bool) -> None:
    """Say on a file's record whether a moderator took it down (storage.take_down)."""
    update = "SET taken_down = :yes" if taken_down else "REMOVE taken_down"
    request: dict[str, Any] = {
        "TableName": get_settings().files_table,
        "Key": {"owner_id": {"S": identity_id}, "key": {"S": key}},
        "UpdateExpression": update,
        "ConditionExpression": "attribute_exists(#key)",
        "ExpressionAttributeNames": {"#key": "key"},
    }
    if taken_down:
        request["ExpressionAttributeValues"] = {":yes": {"BOOL": True}}
    with suppress(client("dynamodb").exceptions.ConditionalCheckFailedException):
        client("dynamodb").update_item(**request)  # no record (an older upload): nothing to say


def remove_file(identity_id: str, key: str, removed_by: str, reason: str) -> dict[str, Any]:
    """Replace a file's record with who removed it, when and why (an administrator's removal):
    no longer listed, kept as the record of the removal."""
    item = {"owner_id": identity_id, "key": key, "removed_at": now()}
    item |= {"removed_by": removed_by, "reason": reason}
    client("dynamodb").put_item(TableName=get_settings().files_table, Item=serialize(item))
    return item


def list_files(identity_id: str) -> list[dict[str, Any]]:
    dynamodb = client("dynamodb")
    request = {
        "TableName": get_settings().files_table,
        "KeyConditionExpression": "owner_id = :owner",
        "FilterExpression": "attribute_not_exists(removed_at)",
        "ExpressionAttributeValues": {":owner": {"S": identity_id}},
    }
    items: list[dict[str, Any]] = []
    while True:
        page = dynamodb.query(**request)
        items += [deserialize(item) for item in page["Items"]]
        if "LastEvaluatedKey" not in page:
            return items
        request["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def delete_file(identity_id: str, key: str) -> None:
    client("dynamodb").delete_item(
        TableName=get_settings().files_table,
        Key={"owner_id": {"S": identity_id}, "key": {"S": key}},
    )


def file_registered(key: str) -> bool:
    """Whether anyone registered this object key (the files table's by-key index)."""
    found = client("dynamodb").query(
        TableName=get_settings().files_table,
        IndexName="by-key",
        KeyConditionExpression="#key = :key",
        ExpressionAttributeNames={"#key": "key"},
        ExpressionAttributeValues={":key": {"S": key}},
    )
    return any("removed_at" not in item for item in found["Items"])
