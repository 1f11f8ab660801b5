"""Pushes to users' open WebSocket connections, for the REST routes: each does nothing unless
`realtime` is on, and never fails the request that calls it (realtime/ is imported on first use).
"""

from typing import Any

from .settings import get_settings


def tell_user(user_id: str, message: dict[str, Any]) -> None:
    """Push to the user's open WebSocket connections when realtime is on; never fails."""
    if get_settings().realtime:
        from .realtime.connections import notify_quietly

        notify_quietly(user_id, message)


def disconnect_user(user_id: str) -> None:
    """Close the user's open WebSocket connections when realtime is on."""
    if get_settings().realtime:
        from .realtime.connections import disconnect

        disconnect(user_id)


def tell_room(room: str, message: dict[str, Any]) -> None:
    """Push to every connection in a WebSocket room when realtime is on; never fails."""
    if get_settings().realtime:
        from .realtime.connections import broadcast_quietly

        broadcast_quietly(room, message)
