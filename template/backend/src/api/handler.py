"""Lambda entry point: API Gateway REST proxy events in, FastAPI through Mangum.

Everything built here at import (the app, the settings from the function's environment) is the
same for every execution environment, so SnapStart may snapshot it; AWS clients are created on
first use, after any restore (aws.py).
"""

import logging
import random
from typing import Any

from mangum import Mangum

from . import logs
from .app import create_app

WARMUP_KEY = "warmup"

_asgi_handler = Mangum(create_app(), lifespan="off")
# Mangum logs each request's raw path and query string (ids, e-mails in a query) at INFO: the
# app's own line (logs.RequestLog) says the same with the route's template instead.
logging.getLogger("mangum").setLevel(logging.WARNING)

try:  # the SnapStart hooks library of Lambda's Python runtime (a dev dependency here)
    from snapshot_restore_py import register_after_restore
except ImportError:  # elsewhere nothing is restored from a snapshot
    pass
else:
    # random's generator was seeded at import: every environment resumed from one snapshot
    # would draw the same numbers (botocore's retry jitter) until reseeded from os.urandom.
    register_after_restore(random.seed)


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    # The warm-up schedule only needs a live container: answer before touching the app.
    if event.get(WARMUP_KEY):
        return {"warm": True}
    with logs.invocation(context):  # the request's lines carry the invocation's id
        return _asgi_handler(event, context)
