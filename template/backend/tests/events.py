"""API Gateway events in the shape Lambda receives them (REST API, Lambda proxy integration)."""

import json
from typing import Any


def rest_event(
    method: str,
    path: str,
    *,
    claims: dict[str, Any] | None = None,
    body: Any = None,
    query: dict[str, str] | None = None,
) -> dict[str, Any]:
    request_context: dict[str, Any] = {
        "accountId": "123456789012",
        "apiId": "abc123defg",
        "domainName": "abc123defg.execute-api.ap-northeast-2.amazonaws.com",
        "httpMethod": method,
        "identity": {"sourceIp": "203.0.113.10", "userAgent": "pytest"},
        "path": f"/dev{path}",
        "protocol": "HTTP/1.1",
        "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
        "requestTimeEpoch": 1700000000000,
        "resourcePath": "/{proxy+}",
        "stage": "dev",
    }
    if claims is not None:
        request_context["authorizer"] = {"claims": claims}
    return {
        "resource": "/{proxy+}",
        "path": path,
        "httpMethod": method,
        "headers": {"Host": request_context["domainName"], "Content-Type": "application/json"},
        "multiValueHeaders": {
            "Host": [request_context["domainName"]],
            "Content-Type": ["application/json"],
        },
        "queryStringParameters": query,
        "multiValueQueryStringParameters": {k: [v] for k, v in query.items()} if query else None,
        "pathParameters": {"proxy": path.lstrip("/")},
        "stageVariables": None,
        "requestContext": request_context,
        "body": None if body is None else json.dumps(body),
        "isBase64Encoded": False,
    }


def user_claims(sub: str = "7d8ca528-4931-4254-9273-ea5ee853f271", **extra: Any) -> dict[str, Any]:
    """Claims of a Cognito id token as the REST API's Cognito authorizer passes them (strings)."""
    return {
        "sub": sub,
        "email": "ana@example.com",
        "email_verified": "true",
        "token_use": "id",
        "aud": "4p1example0client0id",
        "iss": "https://cognito-idp.ap-northeast-2.amazonaws.com/ap-northeast-2_Example",
        "cognito:username": sub,
        "auth_time": "1700000000",
        "exp": "Tue Nov 14 23:13:20 UTC 2023",
        **extra,
    }


def response_json(response: dict[str, Any]) -> Any:
    """The JSON body, or the text of a non-JSON one (e.g. a 500 from Mangum)."""
    try:
        return json.loads(response["body"])
    except ValueError:
        return response["body"]


def cognito_event(
    trigger_source: str, attributes: dict[str, str], user_name: str | None = None, **request: Any
) -> dict[str, Any]:
    """A Cognito user pool trigger event (as in the Lambda trigger documentation)."""
    return {
        "version": "1",
        "region": "ap-northeast-2",
        "userPoolId": "ap-northeast-2_Example",
        # Pools with e-mail/phone usernames name users by their sub.
        "userName": user_name or attributes.get("sub", "c1d2e3f4-0000-4000-8000-000000000000"),
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "4p1example"},
        "triggerSource": trigger_source,
        "request": {"userAttributes": attributes, **request},
        "response": {},
    }
