"""The API's routers, and what they share."""

from typing import Any

from fastapi import Depends, Response

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
