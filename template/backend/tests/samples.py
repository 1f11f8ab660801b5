"""Sample values for backend tests."""

import json
from typing import Any

from local.events import authorizer_claims, response_body


def user_claims(sub: str = "7d8ca528-4931-4254-9273-ea5ee853f271", **extra: Any) -> dict[str, str]:
    """A user-pool id token's claims as the REST API's Cognito authorizer passes them."""
    return authorizer_claims(
        {
            "sub": sub,
            "email": "ana@example.com",
            "email_verified": True,
            "token_use": "id",
            "aud": "4p1example0client0id",
            "iss": "https://cognito-idp.ap-northeast-2.amazonaws.com/ap-northeast-2_Example",
            "cognito:username": sub,
            "auth_time": 1700000000,
            "exp": 1700003600,
            **extra,
        }
    )


def response_json(response: dict[str, Any]) -> Any:
    """The JSON body, or the text of a non-JSON one (e.g. a 500 from Mangum)."""
    body = response_body(response).decode()
    try:
        return json.loads(body)
    except ValueError:
        return body
