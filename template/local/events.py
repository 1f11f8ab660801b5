"""Lambda events in the shapes AWS sends them: API Gateway REST proxy, Cognito triggers, S3.

The local gateway builds its events here, `make user` its trigger events, and the tests both,
so the handler sees one shape everywhere.
"""

import base64
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote_plus


@dataclass(frozen=True)
class LambdaContext:
    """What Lambda passes a handler with each event, as much as the backend reads: the
    invocation's request id, which every log line of the invocation carries (backend logs.py)."""

    function_name: str
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))


def rest_event(
    method: str,
    path: str,
    *,
    headers: dict[str, list[str]] | None = None,
    query: dict[str, list[str]] | None = None,
    body: Any = None,
    claims: dict[str, str] | None = None,
    source_ip: str = "127.0.0.1",
    stage: str = "local",
) -> dict[str, Any]:
    """A REST API (v1) Lambda proxy event; `claims` is what the Cognito authorizer verified.

    `body` may be bytes (sent base64-encoded unless UTF-8 text), text, or any JSON value.
    """
    headers = {"Content-Type": ["application/json"], **(headers or {})}
    encoded, is_base64 = _encode_body(body)
    request_context: dict[str, Any] = {
        "accountId": "123456789012",
        "apiId": "local",
        "domainName": (headers.get("Host") or headers.get("host") or ["localhost"])[-1],
        "httpMethod": method,
        "identity": {"sourceIp": source_ip, "userAgent": _last(headers, "user-agent")},
        "path": f"/{stage}{path}",
        "protocol": "HTTP/1.1",
        "requestId": str(uuid.uuid4()),
        "requestTimeEpoch": int(datetime.now(UTC).timestamp() * 1000),
        "resourcePath": "/{proxy+}",
        "stage": stage,
    }
    if claims is not None:
        request_context["authorizer"] = {"claims": claims}
    return {
        "resource": "/{proxy+}",
        "path": path,
        "httpMethod": method,
        "headers": {name: values[-1] for name, values in headers.items()},
        "multiValueHeaders": headers,
        "queryStringParameters": {k: v[-1] for k, v in query.items()} if query else None,
        "multiValueQueryStringParameters": query or None,
        "pathParameters": {"proxy": path.lstrip("/")},
        "stageVariables": None,
        "requestContext": request_context,
        "body": encoded,
        "isBase64Encoded": is_base64,
    }


def _encode_body(body: Any) -> tuple[str | None, bool]:
    if body is None:
        return None, False
    if isinstance(body, bytes):
        try:
            return body.decode(), False
        except UnicodeDecodeError:
            return base64.b64encode(body).decode(), True
    return (body if isinstance(body, str) else json.dumps(body)), False


def _last(headers: dict[str, list[str]], name: str) -> str | None:
    for key, values in headers.items():
        if key.lower() == name:
            return values[-1]
    return None


def authorizer_claims(token_claims: dict[str, Any]) -> dict[str, str]:
    """Verified token claims as API Gateway's Cognito authorizer hands them over: strings,
    lists joined by commas, times in its date format."""
    formatted = {}
    for name, value in token_claims.items():
        if name in ("exp", "iat") and isinstance(value, int | float):
            value = datetime.fromtimestamp(value, UTC).strftime("%a %b %d %H:%M:%S UTC %Y")
        elif isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, list | tuple):
            value = ",".join(str(item) for item in value)
        formatted[name] = str(value)
    return formatted


def response_body(response: dict[str, Any]) -> bytes:
    """The bytes of a Lambda proxy response's body."""
    body = response.get("body") or ""
    return base64.b64decode(body) if response.get("isBase64Encoded") else body.encode()


def cognito_event(
    trigger_source: str,
    attributes: dict[str, str],
    user_name: str | None = None,
    *,
    user_pool_id: str = "local_UserPool",
    region: str = "us-east-1",
    client_id: str = "local-client",
    **request: Any,
) -> dict[str, Any]:
    """A Cognito user pool trigger event (as in the Lambda trigger documentation)."""
    return {
        "version": "1",
        "region": region,
        "userPoolId": user_pool_id,
        # Pools with e-mail/phone usernames name users by their sub.
        "userName": user_name or attributes.get("sub", "c1d2e3f4-0000-4000-8000-000000000000"),
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": client_id},
        "triggerSource": trigger_source,
        "request": {"userAttributes": attributes, **request},
        "response": {},
    }


def s3_event(
    bucket: str, key: str, size: int, *, event_name: str = "ObjectCreated:Post"
) -> dict[str, Any]:
    """An S3 event notification with one record (as in the S3 documentation): the key arrives
    URL-encoded, e.g. an identity id's `:` as `%3A`."""
    return {
        "Records": [
            {
                "eventVersion": "2.1",
                "eventSource": "aws:s3",
                "awsRegion": "us-east-1",
                "eventTime": datetime.now(UTC).isoformat(timespec="milliseconds"),
                "eventName": event_name,
                "userIdentity": {"principalId": "AWS:AROAEXAMPLE:CognitoIdentityCredentials"},
                "requestParameters": {"sourceIPAddress": "127.0.0.1"},
                "responseElements": {"x-amz-request-id": uuid.uuid4().hex[:16].upper()},
                "s3": {
                    "s3SchemaVersion": "1.0",
                    "configurationId": "record-uploads",
                    "bucket": {"name": bucket, "arn": f"arn:aws:s3:::{bucket}"},
                    "object": {
                        "key": quote_plus(key, safe="/"),
                        "size": size,
                        "eTag": uuid.uuid4().hex,
                        "sequencer": uuid.uuid4().hex[:18].upper(),
                    },
                },
            }
        ]
    }
