"""Knowing what happens: one JSON line per request or event, EMF metrics, nothing personal."""

import io
import json
import logging
from dataclasses import dataclass

import pytest

from api import logs, metrics, records
from api.handler import handler
from api.triggers.post_confirmation import handler as post_confirmation

from local.events import LambdaContext, cognito_event, rest_event
from samples import id_token, sign_up, user_claims

EMAIL, PHONE = "ana.secret@example.com", "+15555550123"
SUB = "0b5d3f7e-1c2a-4e6b-8d9f-a1b2c3d4e5f6"


@dataclass
class Output:
    """Every log record as Lambda's runtime writes it (JSON lines), and stdout's lines."""

    logs: io.StringIO
    capsys: pytest.CaptureFixture

    def lines(self, message: str | None = None) -> list[dict]:
        parsed = [json.loads(line) for line in self.logs.getvalue().splitlines()]
        return [line for line in parsed if message is None or line["message"] == message]

    def metrics(self) -> list[dict]:
        return [json.loads(line) for line in self.capsys.readouterr().out.splitlines()]

    def text(self) -> str:
        return self.logs.getvalue()

    def clear(self) -> None:
        self.logs.seek(0)
        self.logs.truncate()


@pytest.fixture
def output(capsys, monkeypatch):
    monkeypatch.setattr(metrics, "_silenced", False)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.JsonFormatter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)  # Lambda's application log level by default
    capsys.readouterr()
    yield Output(stream, capsys)
    root.removeHandler(handler)
    root.setLevel(level)


def claims_with_personal_data(sub: str = SUB) -> dict[str, str]:
    return user_claims(sub=sub, email=EMAIL, phone_number=PHONE)


def request(method: str, path: str, claims: dict | None = None, **query: str) -> tuple:
    """Through the Lambda handler as API Gateway sends it, a token in the header."""
    headers = {"Authorization": [f"Bearer {id_token(claims)}"]} if claims else {}
    event = rest_event(
        method, path, claims=claims, headers=headers, query={k: [v] for k, v in query.items()}
    )
    context = LambdaContext("api")
    return handler(event, context), event, context


def assert_nothing_personal(text: str, *secrets: str) -> None:
    for secret in (EMAIL, PHONE, "ana.secret", *secrets):
        assert secret not in text


def test_a_request_logs_one_line_with_route_status_latency_caller_and_ids(aws, output):
    claims = sign_up(SUB, EMAIL) | {"phone_number": PHONE}
    output.clear()  # the sign-up's own line
    response, event, context = request("GET", "/me", claims, email=EMAIL)
    assert response["statusCode"] == 200
    (line,) = output.lines("request")
    assert line["route"] == "GET /me"
    assert line["status"] == 200
    assert isinstance(line["latencyMs"], float) and line["latencyMs"] >= 0
    assert line["sub"] == SUB
    assert line["requestId"] == context.aws_request_id  # Lambda's
    assert line["apiRequestId"] == event["requestContext"]["requestId"]  # the access logs'
    assert line["level"] == "INFO" and line["timestamp"].endswith("Z")
    token = event["headers"]["Authorization"].removeprefix("Bearer ")
    assert_nothing_personal(output.text(), token)


def test_the_route_is_the_template_never_the_raw_path(aws, output):
    claims = sign_up(SUB, EMAIL)
    response, *_ = request("DELETE", f"/files/public/{EMAIL}.png", claims)
    assert response["statusCode"] >= 400  # not a key of this user's
    request("GET", f"/nowhere/{EMAIL}", claims)
    assert [line["route"] for line in output.lines("request")] == [
        "DELETE /files/{key}",
        f"GET {logs.NO_ROUTE}",
    ]
    assert_nothing_personal(output.text())


def test_a_request_counts_as_an_emf_metric_by_route_and_status(aws, output):
    request("GET", "/health")
    (document,) = output.metrics()
    # https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
    (directive,) = document["_aws"]["CloudWatchMetrics"]
    assert isinstance(document["_aws"]["Timestamp"], int)
    assert directive["Namespace"] == aws.metrics_namespace
    for dimension_set in directive["Dimensions"]:
        assert all(isinstance(document[key], str) for key in dimension_set)
    assert {"stage", "route", "status"} == set(*directive["Dimensions"])
    for metric in directive["Metrics"]:
        assert isinstance(document[metric["Name"]], int | float)
    assert (document["route"], document["status"], document["Requests"]) == (
        "GET /health",
        "200",
        1,
    )


def test_a_sign_up_logs_its_trigger_line_and_counts_once(aws, output):
    event = cognito_event(
        "PostConfirmation_ConfirmSignUp", {"sub": SUB, "email": EMAIL, "phone_number": PHONE}
    )
    context = LambdaContext("post-confirmation")
    post_confirmation(event, context)
    post_confirmation(event, LambdaContext("post-confirmation"))  # Cognito's retry
    first, repeat = output.lines("event")
    assert first["function"] == "triggers.post_confirmation.handler"
    assert (first["outcome"], first["sub"]) == ("ok", SUB)
    assert first["trigger"] == "PostConfirmation_ConfirmSignUp"
    assert first["requestId"] == context.aws_request_id
    assert repeat["requestId"] != first["requestId"]
    assert [document.get("SignUps") for document in output.metrics()] == [1]
    assert_nothing_personal(output.text())


def test_an_upload_registered_counts_once(aws, output):
    record = {"key": "public/abc/1.png", "size": 1, "content_type": "image/png"}
    records.put_file("abc", record)
    records.put_file("abc", record)  # the recorder and POST /files both saw it
    (document,) = output.metrics()
    assert (document["UploadsRegistered"], document["level"]) == (1, "public")


def test_a_failing_event_is_logged_as_an_error_and_still_raises(output):
    @logs.logged
    def handler(event, context):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        handler({"triggerSource": "CustomMessage_SignUp"}, LambdaContext("custom-message"))
    (line,) = output.lines("event")
    assert line["outcome"] == "error"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("stream", [Terminal(), io.StringIO()], ids=["terminal", "pipe"])
def test_make_dev_writes_the_same_lines_readable_in_a_terminal(stream, monkeypatch):
    monkeypatch.setattr(metrics, "_silenced", False)
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    monkeypatch.setattr(root, "level", root.level)
    logs.configure(stream)
    request("GET", "/health")
    (text,) = stream.getvalue().splitlines()
    if stream.isatty():
        assert ' INFO    request route="GET /health" status=200 latencyMs=' in text
    else:
        assert json.loads(text)["route"] == "GET /health"
    assert metrics._silenced  # nothing reads EMF documents locally
