"""Tests talk to AWS services emulated by moto's server on 127.0.0.1, never to AWS.

Settings and boto3 read the environment, so it is set here before any app module loads.
"""

import os
import time

import pytest

from stacks.config import PROJECT

from samples import free_port

MOTO_PORT = free_port()
os.environ.update(
    {
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{MOTO_PORT}",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": PROJECT.region,
        "APP_REGION": PROJECT.region,
        "APP_USERS_TABLE": "test-users",
        "APP_FILES_BUCKET": "test-files",
        "APP_FILES_TABLE": "test-files",
        "APP_JOBS_TABLE": "test-jobs",
        "APP_CONNECTIONS_TABLE": "test-connections",
        "APP_POSTS_TABLE": "test-posts",
        "APP_MESSAGES_TABLE": "test-messages",
        "APP_CONVERSATIONS_TABLE": "test-conversations",
        "APP_FILES_BASE_URL": "https://cdn.example.com",
        "APP_EMAIL_SENDER": "no-reply@example.com",
    }
)


@pytest.fixture(scope="session")
def moto_server():
    """moto with what AWS does and moto does not (local/aws.py), as `make dev` runs it."""
    from local.aws import serve_in_thread

    server = serve_in_thread("127.0.0.1", MOTO_PORT)
    yield os.environ["AWS_ENDPOINT_URL"]
    server.shutdown()


# make test's phase lines: the time each test directory took, and collecting them.
_seconds: dict[str, float] = {}


def pytest_sessionstart(session):
    _seconds["collection"] = -time.perf_counter()


def pytest_collection_finish(session):
    _seconds["collection"] += time.perf_counter()


def pytest_runtest_logreport(report):
    directory = report.nodeid.split("::")[0].rsplit("/", 1)[0]
    _seconds[directory] = _seconds.get(directory, 0.0) + report.duration


def pytest_terminal_summary(terminalreporter):
    for name, seconds in _seconds.items():
        terminalreporter.write_line(f"[time] pytest {name}: {seconds:.1f} s")
