"""The WebSocket API's routes: $connect, $disconnect, and the actions join, leave and send.

API Gateway picks the route from the message's `action` ($request.body.action); anything else
arrives on $default. A bad message gets an error frame back, never a dropped connection.
"""

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError

from ..logs import logged
from . import connections
from .rooms import MAX_TEXT_LENGTH, ROOM_PATTERN, may_join, may_send

MAX_MESSAGE_BYTES = 8 * 1024
Room = Annotated[str, StringConstraints(pattern=ROOM_PATTERN)]


class Join(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: Literal["join"]
    room: Room


class Leave(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: Literal["leave"]
    room: Room


class Send(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: Literal["send"]
    room: Room
    text: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_LENGTH)
    ]


Message = TypeAdapter(Annotated[Join | Leave | Send, Field(discriminator="action")])
ACTIONS = ("join", "leave", "send")  # the WebSocket API's named routes


class BadMessage(ValueError):
    pass


def parse(body: str | None) -> Join | Leave | Send:
    if body is None or len(body.encode()) > MAX_MESSAGE_BYTES:
        raise BadMessage(f"A message is JSON of at most {MAX_MESSAGE_BYTES} bytes")
    try:
        return Message.validate_json(body)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "message"
        actions = " | ".join(f'"{action}"' for action in ACTIONS)
        raise BadMessage(
            f'{where}: {first["msg"]} (send {{"action": {actions}, "room": "<room>", '
            f'"text": "<text>" with send}})'
        ) from None


@logged
def handler(event: dict[str, Any], _context: Any) -> dict[str, Any]:
    context = event["requestContext"]
    route, connection_id = context["routeKey"], context["connectionId"]
    if route == "$connect":
        connections.add(connection_id, context["authorizer"]["principalId"])
        return {"statusCode": 200}
    if route == "$disconnect":
        connections.remove(connection_id)
        return {"statusCode": 200}
    try:
        message = parse(event.get("body"))
    except BadMessage as error:
        connections.send(connection_id, {"type": "error", "message": str(error)})
        return {"statusCode": 400}
    user_id = connections.user_of(connection_id)
    if isinstance(message, Join):
        if user_id is None or not may_join(user_id, message.room):
            reason = f"You may not join {message.room!r}: it is neither open nor a room of yours"
            connections.send(connection_id, {"type": "error", "message": reason})
            return {"statusCode": 403}
        connections.join(connection_id, message.room)
        connections.send(connection_id, {"type": "joined", "room": message.room})
    elif isinstance(message, Leave):
        connections.leave(connection_id, message.room)
        connections.send(connection_id, {"type": "left", "room": message.room})
    elif message.room not in connections.rooms_of(connection_id):
        connections.send(
            connection_id, {"type": "error", "message": f"Join room {message.room!r} first"}
        )
        return {"statusCode": 403}
    elif not may_send(user_id, message.room):
        reason = f"Room {message.room!r} carries announcements only: nobody sends there"
        connections.send(connection_id, {"type": "error", "message": reason})
        return {"statusCode": 403}
    else:
        connections.broadcast(
            message.room,
            {
                "type": "message",
                "room": message.room,
                "from": user_id,
                "text": message.text,
                "at": datetime.now(UTC).isoformat(timespec="seconds"),
            },
        )
    return {"statusCode": 200}
