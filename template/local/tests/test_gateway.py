"""The local gateway in-process, in front of a handler that records the events it gets: public
routes need no token, and its twin of the public face (LOCAL_PUBLIC_PATH) hands the app nothing
of the caller but the path and the route's declared query strings, as CloudFront does."""

import asyncio
import json
import re

import httpx
import pytest

from api.tokens import TrustedPool
from stacks.config import (
    LOCAL_PUBLIC_PATH,
    MAX_BODY_BYTES,
    PROJECT,
    PUBLIC_NOT_FOUND,
    PUBLIC_ROUTES,
    RATE_LIMITED_KEY,
    REFUSALS,
)

from local.gateway import LocalGateway
from samples import id_token, user_claims

ORIGIN = "http://localhost:5173"
GET_ROUTES = [route for route in PUBLIC_ROUTES if route.method == "GET"]


class Recorder:
    """A Lambda handler that keeps each event and answers 200."""

    def __init__(self) -> None:
        self.events: list[dict] = []

    def __call__(self, event: dict, _context) -> dict:
        self.events.append(event)
        return {"statusCode": 200, "headers": {"content-type": "application/json"}, "body": "{}"}


@pytest.fixture
def app():
    return Recorder()


@pytest.fixture
def rate_limit() -> int | None:
    """The gateway's rate limit per client IP (none unless a test sets one)."""
    return None


@pytest.fixture
def request_(app, rate_limit):
    """An HTTP request to a gateway in front of `app`; its JWKS is never fetched here."""
    pool = TrustedPool("local_Pool", "local-client", PROJECT.region, "http://127.0.0.1:9")
    gateway = LocalGateway(
        app, users=pool, admins=None, allowed_origins=(ORIGIN,), rate_limit=rate_limit
    )

    def send(method: str, path: str, **options) -> httpx.Response:
        async def go() -> httpx.Response:
            client = httpx.AsyncClient(
                transport=httpx.ASGITransport(app=gateway), base_url="http://127.0.0.1"
            )
            async with client:
                return await client.request(method, path, **options)

        return asyncio.run(go())

    yield send
    gateway.workers.shutdown()


def sample_path(route) -> str:
    return re.sub(r"\{[^}]+\}", "abc-123", route.path)


def public_face_path(route) -> str:
    return LOCAL_PUBLIC_PATH.rstrip("/") + sample_path(route)


def test_public_routes_need_no_token_and_others_do(request_, app):
    for route in PUBLIC_ROUTES:
        assert request_(route.method, sample_path(route)).status_code == 200, route.path
    assert request_("GET", "/me").status_code == 401
    assert len(app.events) == len(PUBLIC_ROUTES)


def test_a_token_sent_to_the_public_face_never_reaches_the_app(request_, app):
    token = id_token(user_claims())
    caller = {"Authorization": f"Bearer {token}", "Cookie": "session=secret", "X-Custom": "1"}
    for route in GET_ROUTES:
        sent = {"cursor": "abc", "limit": "5", "debug": "1", "token": token}
        answer = request_("GET", public_face_path(route), headers=caller, params=sent)
        assert answer.status_code == 200, route.path
        event = app.events[-1]
        assert event["path"] == sample_path(route)
        assert "authorizer" not in event["requestContext"], route.path
        forwarded = json.dumps(event["headers"]) + json.dumps(event["multiValueHeaders"])
        for secret in (token, "secret", "X-Custom", "Authorization", "Cookie"):
            assert secret not in forwarded, (route.path, secret)
        query = event["multiValueQueryStringParameters"] or {}
        assert set(query) == set(route.query) & set(sent), route.path


def test_the_public_face_serves_the_public_get_routes_only(request_, app):
    unlisted = [("GET", "/me"), ("GET", "/admin/users"), ("GET", "/healthz"), ("GET", "/")]
    unlisted += [("HEAD", sample_path(route)) for route in GET_ROUTES]
    unlisted += [("GET", sample_path(route) + "/x/y") for route in GET_ROUTES]
    for method, path in unlisted:  # the function's 404
        answer = request_(method, LOCAL_PUBLIC_PATH.rstrip("/") + path)
        assert answer.status_code == 404, (method, path)
        assert method == "HEAD" or answer.text == PUBLIC_NOT_FOUND, (method, path)
    for method in ("POST", "PUT", "PATCH", "DELETE", "OPTIONS"):  # CloudFront's refusal
        for route in GET_ROUTES:
            answer = request_(method, public_face_path(route), headers={"Authorization": "x"})
            assert answer.status_code == 403, (method, route.path)
    assert app.events == []


def test_public_face_answers_carry_cors_for_any_origin_and_nosniff(request_):
    route = GET_ROUTES[0]
    for origin in (ORIGIN, "https://elsewhere.example"):
        answer = request_("GET", public_face_path(route), headers={"Origin": origin})
        assert answer.headers["access-control-allow-origin"] == "*"
        assert answer.headers["x-content-type-options"] == "nosniff"
    assert "access-control-allow-credentials" not in answer.headers


@pytest.mark.parametrize("rate_limit", [3])
def test_a_burst_beyond_the_rate_limit_gets_429_with_cors_and_a_reason(request_, app, rate_limit):
    """As the web ACL's rate rule answers a client IP over the stage's waf_rate_limit (`make
    dev` applies its stage's): 429, the gateway's CORS headers, the firewall's JSON body."""
    answers = [
        request_("GET", "/health", headers={"Origin": ORIGIN}) for _ in range(rate_limit + 2)
    ]
    assert [answer.status_code for answer in answers] == [200] * rate_limit + [429, 429]
    refused = answers[-1]
    assert refused.headers["access-control-allow-origin"] == ORIGIN
    assert refused.json() == {"code": "throttled", "message": REFUSALS[RATE_LIMITED_KEY].message}
    assert len(app.events) == rate_limit  # the app never saw the burst
    # The CDN twins count apart, as the CloudFront web ACL does.
    assert request_("GET", public_face_path(GET_ROUTES[0])).status_code == 200


def test_a_body_over_the_firewalls_limit_gets_413_before_the_authorizer(request_, app):
    """Outside /admin (language bundles are larger), as the web ACL's body size rule."""
    too_large = b"x" * (MAX_BODY_BYTES + 1)
    refused = request_("POST", "/files", content=too_large, headers={"Origin": ORIGIN})
    assert refused.status_code == 413
    assert refused.json()["code"] == "request_too_large"
    assert refused.headers["access-control-allow-origin"] == ORIGIN
    assert request_("POST", "/files", content=too_large[1:]).status_code == 401  # the authorizer
    assert request_("PUT", "/admin/i18n/ko", content=too_large).status_code == 401
    assert app.events == []
