"""Sample values for backend tests."""

import gzip
import json
from importlib import resources
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

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


def re_signed(token: str, *, forge: bool = False, **changes: Any) -> str:
    """The token's claims with `changes`, signed with moto's own pool key (a valid signature:
    only the changed claims can make it fail) or, with forge, with a key nobody trusts."""
    claims = jwt.decode(token, options={"verify_signature": False}) | changes
    if forge:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        kid = jwt.get_unverified_header(token)["kid"]
    else:
        path = resources.files("moto.cognitoidp") / "resources" / "jwks-private.json.gz"
        jwk = json.loads(gzip.decompress(path.read_bytes()))
        key, kid = jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(jwk)), jwk["kid"]
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})
