"""Warm requests through the Lambda handler vs the same FastAPI app called as plain ASGI.

bench/benchmark.py copies this file into a rendered project's backend/tests/ and runs it with
that project's pytest, so it reuses the project's own fixtures: the emulated account (`aws`,
tables and user pools on moto) and a confirmed user (`member`). moto runs as `moto_server` in its
own process here, so the emulator does not share the measured interpreter. Not a test of the
template (pytest does not collect `benchmark_*.py`); it writes medians to $BENCH_RESULTS.
"""

import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from local.events import rest_event
from test_me import member  # noqa: F401  (the confirmed-user fixture, used by name below)

CALLS = int(os.environ.get("BENCH_CALLS", "300"))


@pytest.fixture(scope="session")
def moto_server():
    """moto's server on the free port the project's conftest chose (AWS_ENDPOINT_URL)."""
    endpoint = os.environ["AWS_ENDPOINT_URL"]
    port = endpoint.rsplit(":", 1)[1]
    command = [str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1", "-p", port]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.1)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


def asgi_scope(event: dict) -> dict:
    """The HTTP scope of a proxy event, with the event where Mangum puts it (auth reads it)."""
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.0"},
        "http_version": "1.1",
        "method": event["httpMethod"],
        "scheme": "https",
        "path": event["path"],
        "raw_path": None,
        "root_path": "",
        "query_string": b"",
        "headers": [(k.lower().encode(), v.encode()) for k, v in event["headers"].items()],
        "server": ("localhost", 443),
        "client": ("127.0.0.1", 0),
        "aws.event": event,
        "aws.context": None,
    }


async def call_asgi(app, scope: dict) -> int:
    sent = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return sent[0]["status"]


def test_warm_requests(member):  # noqa: F811  (the imported fixture, requested by name)
    from api.app import create_app
    from api.handler import handler

    app = create_app()
    loop = asyncio.new_event_loop()
    events = {
        "/health": rest_event("GET", "/health"),
        "/me": rest_event("GET", "/me", claims=member),
    }
    results = {}
    for path, event in events.items():
        scope = asgi_scope(event)
        # Both ways answer 200 before anything is timed: a fast error is no figure.
        assert handler(event, None)["statusCode"] == 200
        assert loop.run_until_complete(call_asgi(app, scope)) == 200
        through_handler, plain_asgi = [], []
        for _ in range(CALLS):
            started = time.perf_counter()
            handler(event, None)
            through_handler.append(time.perf_counter() - started)
            started = time.perf_counter()
            loop.run_until_complete(call_asgi(app, scope))
            plain_asgi.append(time.perf_counter() - started)
        results[path] = {
            "handler": statistics.median(through_handler),
            "asgi": statistics.median(plain_asgi),
        }
    Path(os.environ["BENCH_RESULTS"]).write_text(json.dumps(results))
