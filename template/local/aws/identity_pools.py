"""Cognito identity pools as AWS runs them (moto: a new random id on every call, one set of
credentials for everybody, no DescribeIdentity or DeleteIdentities).

https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetId.html
https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_DeleteIdentities.html
"""

import gzip
import hashlib
import json
import secrets
import threading
import time
import uuid
from importlib import resources
from typing import Any

import jwt
from moto.core import DEFAULT_ACCOUNT_ID

from .wsgi import AwsError


def moto_public_key():
    """moto signs every user pool's tokens with one key pair; GetId checks against it."""
    path = resources.files("moto.cognitoidp") / "resources" / "jwks-public.json.gz"
    (jwk,) = json.loads(gzip.decompress(path.read_bytes()))["keys"]
    return jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(jwk))


class Identities:
    """Identity pools as AWS runs them: one identity per (pool, provider, user), credentials
    that name it. Each identity's credentials are remembered by their access key id."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, str, str], str] = {}
        self.logins: dict[str, tuple[str, str]] = {}  # identity id -> (provider, user sub)
        self.by_access_key: dict[str, str] = {}
        self.public_key = moto_public_key()
        self.lock = threading.Lock()

    def pool(self, pool_id: str):
        from moto.cognitoidentity.models import cognitoidentity_backends

        region = pool_id.split(":")[0]
        backend = cognitoidentity_backends[DEFAULT_ACCOUNT_ID][region]
        if pool_id not in backend.identity_pools:
            raise AwsError(400, "ResourceNotFoundException", f"IdentityPool '{pool_id}' not found")
        return backend, backend.identity_pools[pool_id]

    def login(self, pool_id: str, logins: dict[str, str]) -> tuple[str, str]:
        """(provider, user sub) of the one user-pool login, if the pool trusts its token."""
        _backend, pool = self.pool(pool_id)
        trusted = {p["ProviderName"]: p.get("ClientId") for p in pool.cognito_identity_providers}
        if len(logins) != 1:
            raise AwsError(400, "NotAuthorizedException", "Unauthenticated access is not supported")
        ((provider, token),) = logins.items()
        if provider not in trusted:
            message = "Invalid login token. Token is not from a supported provider of this pool."
            raise AwsError(400, "NotAuthorizedException", message)
        try:
            claims = jwt.decode(
                token,
                self.public_key,
                algorithms=["RS256"],
                issuer=f"https://{provider}",
                options={"verify_aud": False, "require": ["exp", "sub", "iss"]},
            )
        except jwt.PyJWTError as error:
            raise AwsError(400, "NotAuthorizedException", f"Invalid login token. {error}") from None
        audience = claims.get("aud") or claims.get("client_id")
        if trusted[provider] and audience != trusted[provider]:
            message = "Invalid login token. Incorrect token audience."
            raise AwsError(400, "NotAuthorizedException", message)
        return provider, claims["sub"]

    def get_id(self, request: dict[str, Any]) -> dict[str, Any]:
        pool_id = request["IdentityPoolId"]
        provider, sub = self.login(pool_id, request.get("Logins") or {})
        with self.lock:
            key = (pool_id, provider, sub)
            if key not in self.ids:
                identity_id = f"{pool_id.split(':')[0]}:{uuid.uuid4()}"
                self.ids[key] = identity_id
                self.logins[identity_id] = (provider, sub)
                backend, _pool = self.pool(pool_id)
                backend.pools_identities[pool_id]["Identities"].append(
                    {"IdentityId": identity_id, "Logins": [provider]}
                )
            return {"IdentityId": self.ids[key]}

    def describe(self, request: dict[str, Any]) -> dict[str, Any]:
        """DescribeIdentity; an identity deleted or never made is not found."""
        identity_id = request["IdentityId"]
        if identity_id not in self.logins:
            raise AwsError(400, "ResourceNotFoundException", f"Identity '{identity_id}' not found")
        return {"IdentityId": identity_id, "Logins": [self.logins[identity_id][0]]}

    def delete(self, request: dict[str, Any]) -> dict[str, Any]:
        """DeleteIdentities: gone from the pool (the same login gets a new identity id); the
        credentials issued to them stay valid until they expire, as STS's do."""
        with self.lock:
            for identity_id in request["IdentityIdsToDelete"]:
                self.logins.pop(identity_id, None)
                for key in [key for key, known in self.ids.items() if known == identity_id]:
                    backend, _pool = self.pool(key[0])
                    listed = backend.pools_identities[key[0]]["Identities"]
                    listed[:] = [each for each in listed if each["IdentityId"] != identity_id]
                    del self.ids[key]
        return {"UnprocessedIdentityIds": []}

    def get_credentials(self, request: dict[str, Any]) -> dict[str, Any]:
        identity_id = request["IdentityId"]
        if identity_id not in self.logins:
            raise AwsError(400, "ResourceNotFoundException", f"Identity '{identity_id}' not found")
        pool_id = next(pool for (pool, *_), known in self.ids.items() if known == identity_id)
        if self.login(pool_id, request.get("Logins") or {}) != self.logins[identity_id]:
            raise AwsError(400, "NotAuthorizedException", "Logins don't match the identity")
        access_key = "ASIA" + hashlib.sha256(identity_id.encode()).hexdigest()[:16].upper()
        self.by_access_key[access_key] = identity_id
        return {
            "IdentityId": identity_id,
            "Credentials": {
                "AccessKeyId": access_key,
                "SecretKey": secrets.token_urlsafe(30),
                "SessionToken": secrets.token_urlsafe(60),
                "Expiration": time.time() + 3600,
            },
        }
