"""The WebSocket API's routes: $connect, $disconnect, and the actions join and leave.

API Gateway picks the route from the message's `action` ($request.body.action); anything else
arrives on $default. A bad message gets an error frame back, never a dropped connection.
The WebSocket only delivers: chat messages are sent through the API (routes/chat.py), which
keeps each one before anyone hears it, so a message is never heard and then lost.
"""

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError

from ..logs import logged
from . import connections
from .rooms import ROOM_PATTERN, may_join

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


Message = TypeAdapter(Annotated[Join | Leave, Field(discriminator="action")])
ACTIONS = ("join", "leave")  # the WebSocket API's named routes
# Where a message goes instead: told to a client that sends one here (an earlier release had a
# `send` action that delivered without keeping).
SEND_THROUGH_API = "PUT /chat/conversations/<user id>/messages/<message id>"


class BadMessage(ValueError):
    pass


def parse(body: str | None) -> Join | Leave:
    if body is None or len(body.encode()) > MAX_MESSAGE_BYTES:
        raise BadMessage(f"A message is JSON of at most {MAX_MESSAGE_BYTES} bytes")
    try:
        return Message.validate_json(body)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "message"
        actions = " | ".join(f'"{action}"' for action in ACTIONS)
        raise BadMessage(
            f'{where}: {first["msg"]} (send {{"action": {actions}, "room": "<room>"}}; '
            f"chat messages go through the API: {SEND_THROUGH_API})"
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
    else:
        connections.leave(connection_id, message.room)
        connections.send(connection_id, {"type": "left", "room": message.room})
    return {"statusCode": 200}
