"""The real Lambda handler, fed the events API Gateway sends."""

import random

from snapshot_restore_py import get_after_restore

from api.handler import handler

from local.events import rest_event
from samples import response_json, user_claims


def test_health_is_public():
    response = handler(rest_event("GET", "/health"), None)
    assert response["statusCode"] == 200
    assert response_json(response) == {"status": "ok"}


def test_me_without_authorizer_claims_is_refused():
    response = handler(rest_event("GET", "/me"), None)
    assert response["statusCode"] == 401


def test_unknown_route_is_404():
    response = handler(rest_event("GET", "/nope", claims=user_claims()), None)
    assert response["statusCode"] == 404


def test_warmup_event_never_reaches_the_app(monkeypatch):
    import api.handler as module

    def fail(*_args):
        raise AssertionError("the app ran for a warm-up event")

    monkeypatch.setattr(module, "_asgi_handler", fail)
    assert handler({"warmup": True}, None) == {"warm": True}


def test_random_is_reseeded_after_a_snapstart_restore():
    """Environments resumed from one snapshot start with the same random state; the handler's
    after-restore hook (run as Lambda's runtime runs it) gives each its own."""
    random.seed(7)  # the state in the snapshot
    snapshot_state = random.getstate()
    for hook, args, kwargs in get_after_restore():
        hook(*args, **kwargs)
    assert random.getstate() != snapshot_state
