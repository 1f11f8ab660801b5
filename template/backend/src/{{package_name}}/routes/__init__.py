"""The API's routers, and what they share."""

from typing import Any

from fastapi import Depends, Response

from ..settings import get_settings

# After max-age, CloudFront (and a browser) may answer with the stale copy this many seconds
# more while one request fetches a fresh one: readers never wait for the app.
STALE_WHILE_REVALIDATE = 60


def cache_for(seconds: int) -> Any:
    """A route dependency: its successful answers may be cached `seconds` by anyone, the
    public face included (errors carry no Cache-Control). For public GET routes."""

    def cache_control(response: Response) -> None:
        response.headers["Cache-Control"] = (
            f"public, max-age={seconds}, stale-while-revalidate={STALE_WHILE_REVALIDATE}"
        )

    return Depends(cache_control)


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


def tell_room(room: str, message: dict[str, Any]) -> None:
    """Push to every connection in a WebSocket room when realtime is on; never fails."""
    if get_settings().realtime:
        from ..realtime.connections import broadcast_quietly

        broadcast_quietly(room, message)
