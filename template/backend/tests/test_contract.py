"""The API is a contract: one error body with stable codes, every status in the OpenAPI
document, operation ids a client generator can use, CORS for the allowed origins only."""

import re

import pytest
from mangum import Mangum

from api.app import DOCS_PATHS, create_app
from api.errors import ErrorCode
from api.handler import handler
from api.settings import Settings
from stacks.config import GATEWAY_RESPONSES, PUBLIC_ROUTES

from local.events import rest_event
from samples import call, sign_up, user_claims

ERROR_BODY = "#/components/schemas/ErrorBody"
METHODS = ("get", "put", "post", "delete", "patch")


@pytest.fixture(scope="module")
def document() -> dict:
    return create_app().openapi()


def operations(document: dict):
    for path, item in document["paths"].items():
        for method in METHODS:
            if method in item:
                yield method.upper(), path, item[method]


def test_error_codes_are_stable_snake_case_ids_with_a_status():
    for code in ErrorCode:
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", code.value), code
        assert code.status in ("4XX", "5XX") or 400 <= code.status < 600, code


def test_the_gateway_answers_with_the_same_codes(document):
    """infra config.GATEWAY_RESPONSES (API Gateway and the local gateway) uses ErrorCode's ids,
    and the document lists every code a client can get."""
    for response_type, (status, code) in GATEWAY_RESPONSES.items():
        assert ErrorCode(code).status == status, response_type
    assert document["components"]["schemas"]["ErrorCode"]["enum"] == [c.value for c in ErrorCode]


def test_every_operation_declares_every_status_it_can_return(document):
    public = {(route.method, route.path) for route in PUBLIC_ROUTES}
    for method, path, operation in operations(document):
        declared = set(operation["responses"])
        expected = {"429", "5XX"}
        if (method, path) not in public:
            expected |= {"401", "403"}  # the authorizer, then the app's own checks
        if operation.get("parameters") or "requestBody" in operation:
            expected.add("422")
        if "requestBody" in operation:
            expected.add("413")  # over API Gateway's payload limit
        assert expected <= declared, (method, path, sorted(expected - declared))


def test_every_error_response_is_the_error_body(document):
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas  # FastAPI's, which no response follows
    assert set(schemas["ErrorBody"]["required"]) == {"code", "message"}
    for method, path, operation in operations(document):
        for status, response in operation["responses"].items():
            if not status.startswith(("2", "3")):
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": ERROR_BODY}, (method, path, status)


def test_operation_ids_are_kebab_case_tag_and_name_and_unique(document):
    ids = [operation["operationId"] for _method, _path, operation in operations(document)]
    assert len(ids) == len(set(ids))
    for operation_id in ids:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", operation_id), operation_id
    expected = {"health-check", "me-read", "me-update", "me-delete", "files-create-upload"}
    expected |= {"files-register", "files-list", "files-delete", "files-remove"}
    expected |= {"languages-publish"}
    answers = Settings()  # its defaults are the project's answers
    if answers.admin_pool:
        expected |= {"admin-users-list", "admin-users-read"}
        expected |= {"admin-users-disable", "admin-users-enable"}
    if answers.batch:
        expected |= {"jobs-list", "jobs-start"}
    if answers.board:
        expected |= {"posts-list", "posts-read", "posts-create", "posts-update", "posts-delete"}
        expected |= {"posts-moderation-list", "posts-hide", "posts-unhide", "posts-remove"}
    if answers.realtime:
        expected |= {"chat-read-settings", "chat-update-settings", "chat-find-people", "chat-list"}
        expected |= {"chat-list-messages", "chat-send", "chat-mark-read"}
    assert set(ids) == expected


def test_a_lone_surrogate_is_refused_with_the_error_body_not_a_500(aws):
    """JSON may escape half a UTF-16 pair ("\\ud800"); Python decodes it into a string that
    cannot be encoded back: the default validation handler failed on it with a 500."""
    member = sign_up("5a6b7c8d-1111-4222-8333-944455556666", "ana@example.com")
    for body in ('{"display_name": "\\ud800"}', '{"\\ud800": "x"}', '{"lang": "e\\udfffn"}'):
        status, answer = call("PATCH", "/me", member, body)
        assert (status, answer["code"]) == (422, "validation_failed"), body
        assert answer["errors"] and answer["message"], body


def test_validation_errors_name_each_field(aws):
    member = sign_up("5a6b7c8d-1111-4222-8333-944455556666", "ana@example.com")
    status, answer = call("PATCH", "/me", member, {"display_name": "", "lang": "x", "id": "me"})
    assert (status, answer["code"]) == (422, "validation_failed")
    assert [error["field"] for error in answer["errors"]] == [
        "body.display_name",
        "body.lang",
        "body.id",
    ]
    # What is wrong, by stable names a client translates (the web app: ErrorAlert)
    assert [(error["kind"], error.get("limit")) for error in answer["errors"]] == [
        ("string_too_short", 1),
        ("string_pattern_mismatch", None),
        ("extra_forbidden", None),
    ]
    assert answer["message"].startswith("body.display_name: ")
    assert answer["message"].endswith("(and 2 more)")
    status, answer = call("PATCH", "/me", member, "{not json")
    assert (status, answer["code"]) == (422, "validation_failed")


def test_unknown_routes_and_methods_get_the_error_body():
    not_found = {"code": "not_found", "message": "Not Found"}
    assert call("GET", "/nope", user_claims()) == (404, not_found)
    status, answer = call("PUT", "/me", user_claims())
    assert (status, answer["code"]) == (405, "method_not_allowed")


def headers_of(event: dict) -> dict[str, str]:
    return {k.lower(): v for k, v in handler(event, None)["headers"].items()}


def cors(origin: str) -> dict[str, str]:
    return headers_of(rest_event("GET", "/health", headers={"Origin": [origin]}))


def test_an_unexpected_failure_is_a_500_with_the_error_body(aws, monkeypatch):
    from api import records

    def broken(_user_id):
        raise RuntimeError("the database is on fire")

    monkeypatch.setattr(records, "get_user", broken)
    status, answer = call("GET", "/me", user_claims())
    assert (status, answer["code"]) == (500, "internal_error")
    assert "fire" not in answer["message"]  # the cause goes to the logs, not to the client
    origin = aws.allowed_origins[0]  # and a browser can read it
    event = rest_event("GET", "/me", claims=user_claims(), headers={"Origin": [origin]})
    assert headers_of(event)["access-control-allow-origin"] == origin


def test_cors_answers_the_allowed_origins_only():
    from api.settings import get_settings

    for origin in get_settings().allowed_origins:
        assert cors(origin)["access-control-allow-origin"] == origin
    assert "access-control-allow-origin" not in cors("https://evil.example.com")


@pytest.mark.parametrize(("stage", "served"), [("local", True), ("dev", False), ("prod", False)])
def test_the_api_docs_are_served_on_the_local_stack_only(monkeypatch, stage, served):
    from api.settings import get_settings

    monkeypatch.setenv("APP_STAGE", stage)
    get_settings.cache_clear()
    try:
        app = create_app()
    finally:
        get_settings.cache_clear()
    for path in DOCS_PATHS:
        response = Mangum(app, lifespan="off")(rest_event("GET", path), None)
        assert response["statusCode"] == (200 if served else 404), (stage, path)
    assert app.openapi()["paths"]  # `make openapi` writes it whatever the stage
