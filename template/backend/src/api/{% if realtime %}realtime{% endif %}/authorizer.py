"""$connect authorizer: the user pool's id token, as the `token` query parameter.

Browsers cannot set headers on a WebSocket handshake, so the token travels in the URL
(`wss://…/<stage>?token=<id token>`); it is checked here with the same verifier the local
gateway uses. No valid token, no connection: API Gateway answers 401 and no route runs. Nor
for a disabled account: its id token stays valid until it expires, so the users table's status
is checked too (the REST API's auth.get_profile does the same).

This is our own Lambda, not API Gateway's Cognito authorizer, so it also checks the token's
audience (the web client): the REST API's gateway does not (tokens.py).
"""

from functools import cache
from typing import Any

from .. import profiles, records
from ..logs import logged
from ..settings import get_settings
from ..tokens import TokenVerifier, TrustedPool, Unauthorized


@cache
def verifier() -> TokenVerifier:
    settings = get_settings()
    pool = TrustedPool(
        settings.user_pool_id, settings.user_pool_client_id, settings.region, settings.cognito_url
    )
    return TokenVerifier(pool)


@logged
def handler(event: dict[str, Any], _context: Any) -> dict[str, Any]:
    token = (event.get("queryStringParameters") or {}).get("token")
    try:
        claims = verifier().verify(token)
        profiles.ensure_served(records.get_user(claims["sub"]), claims)
    except (Unauthorized, profiles.NotServed):
        raise Exception("Unauthorized") from None  # API Gateway's cue for a 401
    return {
        "principalId": claims["sub"],
        "policyDocument": {
            "Version": "2012-10-17",
            "Statement": [
                {"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": event["methodArn"]}
            ],
        },
        "context": {"username": claims.get("cognito:username", claims["sub"])},
    }
