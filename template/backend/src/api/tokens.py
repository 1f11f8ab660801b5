"""Cognito id-token verification with PyJWT, for where no API Gateway authorizer does it:
the local gateway (`make dev`) and, with realtime, the WebSocket API's $connect authorizer.

Import it only there: PyJWT and cryptography are not needed by the REST Lambda.
"""

import functools
import time
from dataclasses import dataclass
from typing import Any

import jwt


@dataclass(frozen=True)
class TrustedPool:
    """What an authorizer trusts: one user pool, and the app client its tokens are for.

    `client_id` None: any app client of the pool. That is what API Gateway's Cognito
    authorizer checks, which the local gateway imitates: the signature, `iss` (the pool),
    `exp`, and an id token (an access token needs OAuth scopes on the method); `aud` only with
    a token validation expression, which this project's REST API does not set.
    https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html
    The $connect authorizer is our own Lambda and names the web client.
    """

    pool_id: str
    client_id: str | None
    region: str
    # Where the JWKS is served: Cognito, or the moto server locally (its tokens still carry
    # the real AWS issuer, so issuer and JWKS URL are configured separately).
    endpoint: str = ""

    @property
    def issuer(self) -> str:
        return f"https://cognito-idp.{self.region}.amazonaws.com/{self.pool_id}"

    @property
    def jwks_url(self) -> str:
        endpoint = self.endpoint or f"https://cognito-idp.{self.region}.amazonaws.com"
        return f"{endpoint}/{self.pool_id}/.well-known/jwks.json"


class Unauthorized(Exception):
    """A refused token: the message is API Gateway's ("Unauthorized"), `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__("Unauthorized")
        self.reason = reason


class TokenVerifier:
    def __init__(self, pool: TrustedPool) -> None:
        self.pool = pool
        self.keys = jwt.PyJWKClient(pool.jwks_url, cache_keys=True)

    def verify(self, authorization: str | None) -> dict[str, Any]:
        """The id token's claims, or Unauthorized. Like API Gateway, a bare token or
        `Bearer <token>` are both accepted; access tokens are refused.

        A token verified once is not verified again until it expires (as API Gateway caches
        its authorizer's answers): most of a request's cost on `make dev` otherwise."""
        token = (authorization or "").removeprefix("Bearer ").strip()
        if not token:
            raise Unauthorized("no token")
        claims = self.verified(token)
        if claims["exp"] <= time.time():
            raise Unauthorized("invalid token: Signature has expired")
        return dict(claims)

    @functools.lru_cache(maxsize=1024)  # noqa: B019 (one verifier per pool, for the process)
    def verified(self, token: str) -> dict[str, Any]:
        """The claims of a token whose signature, issuer and use check out; raises otherwise
        (and nothing is kept)."""
        try:
            key = self.keys.get_signing_key_from_jwt(token)
            claims = jwt.decode(
                token,
                key.key,
                algorithms=["RS256"],
                audience=self.pool.client_id,
                issuer=self.pool.issuer,
                options={
                    "require": ["exp", "iat", "sub", "aud", "iss", "token_use"],
                    "verify_aud": self.pool.client_id is not None,
                },
            )
        except jwt.PyJWTError as error:
            raise Unauthorized(f"invalid token: {error}") from error
        if claims.get("token_use") != "id":
            raise Unauthorized(f"token_use is {claims.get('token_use')!r}, not 'id'")
        return claims
