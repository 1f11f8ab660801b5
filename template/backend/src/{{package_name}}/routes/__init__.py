"""The API's routers, and what they share."""

from typing import Any

from ..settings import get_settings


def tell_user(user_id: str, message: dict[str, Any]) -> None:
    """Push to the user's open WebSocket connections when realtime is on; never fails."""
    if get_settings().realtime:
        from ..realtime.connections import notify_quietly

        notify_quietly(user_id, message)


def disconnect_user(user_id: str) -> None:
    """Close the user's open WebSocket connections when realtime is on."""
    if get_settings().realtime:
        from ..realtime.connections import disconnect

        disconnect(user_id)
