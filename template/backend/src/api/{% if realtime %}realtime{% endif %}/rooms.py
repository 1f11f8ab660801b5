"""Who may be in which room: a user outside a room can neither join it nor hear it.

- A direct room between two users, `dm:<sub>:<sub>` with the two subs sorted
  (`direct_room(a, b)`): those two users only.
- An open room, listed in OPEN_ROOMS: every signed-in user listens (e.g. notifications anyone
  may follow). With the board, its room (board.ROOM, where new posts are announced) is open.
Only the server speaks in rooms (the API's `tell_room`); users listen. Every check goes through
may_join, so another kind of room (a membership table the API writes) is one more rule here.
"""

import re

from ..settings import get_settings

OPEN_ROOMS: frozenset[str] = frozenset()
MAX_TEXT_LENGTH = 2000  # of a chat message (routes/chat.py)
_NAME = r"[a-z0-9][a-z0-9-]{0,63}"
_SUB = r"[A-Za-z0-9-]{1,64}"
ROOM_PATTERN = rf"^(?:{_NAME}|dm:{_SUB}:{_SUB})$"
_DIRECT = re.compile(rf"^dm:({_SUB}):({_SUB})$")


def direct_room(user_id: str, other_user_id: str) -> str:
    """The one room of two users, whichever of them names it."""
    return "dm:" + ":".join(sorted((user_id, other_user_id)))


def is_open(room: str) -> bool:
    return room in OPEN_ROOMS or (get_settings().board and room == "board")  # board.ROOM


def may_join(user_id: str, room: str) -> bool:
    if is_open(room):
        return True
    found = _DIRECT.match(room)
    return bool(found) and found[1] < found[2] and user_id in (found[1], found[2])
