"""Lambda entry point: API Gateway REST proxy events in, FastAPI through Mangum."""

from typing import Any

from mangum import Mangum

from .app import create_app

WARMUP_KEY = "warmup"

_asgi_handler = Mangum(create_app(), lifespan="off")


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    # The warm-up schedule only needs a live container: answer before touching the app.
    if event.get(WARMUP_KEY):
        return {"warm": True}
    return _asgi_handler(event, context)
