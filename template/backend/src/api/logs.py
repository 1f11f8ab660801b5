"""Structured logs: one JSON object a line, one line per request or event, no personal data.

The functions run with Lambda's JSON log format (infra functions.py): Lambda's Python runtime
formats every `logging` record as a JSON object with its `timestamp`, `level`, `message`,
`logger`, the invocation's `requestId`, and the record's extra fields at the top level
(https://docs.aws.amazon.com/lambda/latest/dg/python-logging.html#python-logging-advanced).
So on Lambda this module only adds the fields; JsonFormatter writes the same objects where that
runtime is not (`make dev`, tests), and PrettyFormatter one readable line in a terminal.

The standard library's logging rather than Powertools Logger: nothing more to import at a cold
start (docs "Cold start" has the figures). Lines name the caller by `sub` only: never a token,
an e-mail, a phone number or a raw path (which may carry ids); routes are the app's path
templates (`GET /posts/{post_id}`).

Correlating: `requestId` is the Lambda invocation's, `apiRequestId` API Gateway's (the access
logs' `requestId`), `traceId` X-Ray's (one trace from the gateway through the function).
"""

import functools
import json
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, TextIO

from . import metrics

log = logging.getLogger(__name__)

NO_ROUTE = "(no route)"  # a path no route of the app matches: never the raw path
# The invocation's request id where Lambda's runtime does not put it on every record.
REQUEST_ID: ContextVar[str | None] = ContextVar("request_id", default=None)
# The attributes of every LogRecord: anything else on a record is an extra field.
RECORD_FIELDS = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
# Lambda's runtime names its own: https://github.com/aws/aws-lambda-python-runtime-interface-client
# (awslambdaric/lambda_runtime_log_utils.py), which JsonFormatter imitates.
RUNTIME_FIELDS = frozenset({"aws_request_id", "tenant_id", "_frame_type"})


@contextmanager
def invocation(context: Any) -> Iterator[None]:
    """The invocation's request id on every line logged inside (off Lambda: the local gateway
    and tests pass a context object with `aws_request_id`, as Lambda does)."""
    token = REQUEST_ID.set(getattr(context, "aws_request_id", None))
    try:
        yield
    finally:
        REQUEST_ID.reset(token)


def trace_id() -> str | None:
    """The X-Ray trace of this invocation (`Root=1-…;Parent=…;Sampled=1`, set by Lambda)."""
    header = os.environ.get("_X_AMZN_TRACE_ID", "")
    return next((part[5:] for part in header.split(";") if part.startswith("Root=")), None)


def caller_of(event: dict[str, Any]) -> str | None:
    """The `sub` of whoever the event is about: the REST API's verified claims, the WebSocket
    authorizer's context, a Cognito trigger's user. Nothing else of theirs."""
    context = event.get("requestContext") or {}
    authorizer = context.get("authorizer") or {}
    claims = authorizer.get("claims") or {}
    attributes = (event.get("request") or {}).get("userAttributes") or {}
    return claims.get("sub") or authorizer.get("principalId") or attributes.get("sub")


def elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def fields(**values: Any) -> dict[str, Any]:
    """Extra fields for a line, without the empty ones (as Lambda's runtime drops them)."""
    return {name: value for name, value in values.items() if value is not None}


class RequestLog:
    """ASGI middleware: one line per request the app answers, and its metric (EMF).

    After the app ran, the scope holds the route that matched (FastAPI's `route`); Mangum puts
    the API Gateway event and the Lambda context in it (`aws.event`, `aws.context`).
    """

    def __init__(self, app: Callable) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # unless the app answers: an exception escaping it is a 500

        async def sending(message: dict) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            request_line(scope, status, started)


def request_line(scope: dict, status: int, started: float) -> None:
    route = f"{scope['method']} {getattr(scope.get('route'), 'path_format', NO_ROUTE)}"
    event = scope.get("aws.event") or {}
    line = fields(
        route=route,
        status=status,
        latencyMs=elapsed_ms(started),
        sub=caller_of(event),
        apiRequestId=(event.get("requestContext") or {}).get("requestId"),
        traceId=trace_id(),
    )
    log.info("request", extra=line)
    metrics.emit({"Requests": 1}, route=route, status=str(status))


def logged(function: Callable | None = None, *, metric: str | None = None) -> Callable:
    """A Lambda handler (a trigger, a job step, a WebSocket route) that logs one line per event:
    which function, its outcome and latency, whom it concerns (`sub`), and the ids that tie it
    to the request that caused it. With `metric`, a count of invocations by outcome too."""

    def decorate(handler: Callable) -> Callable:
        name = f"{handler.__module__.removeprefix(__package__ + '.')}.{handler.__name__}"

        @functools.wraps(handler)
        def run(event: dict[str, Any], context: Any = None) -> Any:
            started, outcome = time.perf_counter(), "error"
            with invocation(context):
                try:
                    result = handler(event, context)
                    outcome = "ok"
                    return result
                finally:
                    request = event.get("requestContext") or {}
                    line = fields(
                        function=name,
                        outcome=outcome,
                        latencyMs=elapsed_ms(started),
                        sub=caller_of(event),
                        trigger=event.get("triggerSource"),  # Cognito's
                        route=request.get("routeKey"),  # the WebSocket API's
                        apiRequestId=request.get("requestId"),
                        executionId=event.get("execution_id"),  # a job's (Step Functions)
                        traceId=trace_id(),
                    )
                    log.info("event", extra=line)
                    if metric:
                        metrics.emit({metric: 1}, function=name, outcome=outcome)

        return run

    return decorate(function) if function else decorate


class JsonFormatter(logging.Formatter):
    """A record as Lambda's runtime writes it with the JSON log format."""

    def fields(self, record: logging.LogRecord) -> dict[str, Any]:
        line: dict[str, Any] = {
            "timestamp": datetime.fromtimestamp(record.created, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "message": record.getMessage(),
            "logger": record.name,
            "requestId": getattr(record, "aws_request_id", None) or REQUEST_ID.get(),
        }
        if record.exc_info and record.exc_info[0]:
            line["errorType"] = record.exc_info[0].__name__
            line["errorMessage"] = str(record.exc_info[1])
            line["stackTrace"] = traceback.format_tb(record.exc_info[2])
        skipped = RECORD_FIELDS | RUNTIME_FIELDS | line.keys()
        line.update((name, value) for name, value in vars(record).items() if name not in skipped)
        return {name: value for name, value in line.items() if value is not None}

    def format(self, record: logging.LogRecord) -> str:
        return json.dumps(self.fields(record), default=str, ensure_ascii=False)


class PrettyFormatter(JsonFormatter):
    """The same fields on one line for a person at a terminal:
    `12:00:01.234 INFO request route="GET /me" status=200 latencyMs=3.1 sub=…`."""

    def format(self, record: logging.LogRecord) -> str:
        line = self.fields(record)
        clock = line.pop("timestamp")[11:23]
        level, message = line.pop("level"), line.pop("message")
        line.pop("logger")
        trace = line.pop("stackTrace", None)
        ids_last = sorted(line.items(), key=lambda item: item[0].endswith("Id"))
        pairs = " ".join(f"{name}={pretty(value)}" for name, value in ids_last)
        text = f"{clock} {level:<7} {message} {pairs}".rstrip()
        return text + ("\n" + "".join(trace).rstrip() if trace else "")


def pretty(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return json.dumps(text) if not text or " " in text or '"' in text else text


def configure(stream: TextIO | None = None, level: int | str = logging.INFO) -> None:
    """Off Lambda (`make dev`, `make job`): every record as Lambda's runtime writes it, or one
    readable line when `stream` (stderr) is a terminal. No EMF documents: nothing reads them
    here, and they would mix with what the commands print on stdout."""
    stream = stream or sys.stderr
    handler = logging.StreamHandler(stream)
    terminal = stream.isatty()
    handler.setFormatter(PrettyFormatter() if terminal else JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # On every new client: "Found endpoint for s3 via: environment_global" (AWS_ENDPOINT_URL,
    # which points the local stack's clients at moto).
    logging.getLogger("botocore.configprovider").setLevel(logging.WARNING)
    metrics.silence()
