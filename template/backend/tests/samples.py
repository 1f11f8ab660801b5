"""Sample values for backend tests."""

import gzip
import json
import socket
import time
from email import message_from_string, policy
from email.message import EmailMessage
from functools import cache
from importlib import resources
from typing import Any

import jwt
import requests
from cryptography.hazmat.primitives.asymmetric import rsa

from api.settings import Settings

from local.events import authorizer_claims, cognito_event, response_body, rest_event

# What each actor may do with another user's files (keys `<level>/<owner's identity id>/...`):
# the expectation that the synthesized policies (infra/tests/test_storage_access.py) and the
# local stack (local/tests/test_dev_files.py) are both checked against; docs/security.md says it.
STORAGE_ACCESS = {
    "owner": {"public": "Get Put Delete List", "protected": "Get Put Delete List",
              "private": "Get Put Delete List"},
    "other user": {"public": "Get List", "protected": "Get List", "private": ""},
    "anonymous": {"public": "", "protected": "", "private": ""},
    "CDN": {"public": "Get", "protected": "", "private": ""},
}  # fmt: skip

# What accepted files start with (storage.SIGNATURES): a PNG and a JPEG as S3 would hold them.
PNG = b"\x89PNG\r\n\x1a\n a picture"
JPEG = b"\xff\xd8\xff\xe0 a photo"

# The user pool the sample tokens come from; the tests' identity pool trusts it (conftest.py).
PROVIDER = "cognito-idp.ap-northeast-2.amazonaws.com/ap-northeast-2_Example"
CLIENT_ID = "4p1example0client0id"

# Where app.py mounts the jobs: under /admin with the admin pool, whose tokens the gateway
# requires there (backend tests/test_jobs.py, local tests/test_dev_jobs.py).
JOBS_PATH = ("/admin" if Settings().admin_pool else "") + "/jobs"


def free_port() -> int:
    """A loopback port no one listens on, for a server a test starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def user_claims(sub: str = "7d8ca528-4931-4254-9273-ea5ee853f271", **extra: Any) -> dict[str, str]:
    """A user-pool id token's claims as the REST API's Cognito authorizer passes them."""
    return authorizer_claims(
        {
            "sub": sub,
            "email": "ana@example.com",
            "email_verified": True,
            "token_use": "id",
            "aud": CLIENT_ID,
            "iss": f"https://{PROVIDER}",
            "cognito:username": sub,
            "auth_time": 1700000000,
            "iat": 1700000000,
            "exp": 1700003600,
            **extra,
        }
    )


def admin_claims(settings, groups: str = "admin") -> dict[str, str]:
    """An administrator's claims: of the admin pool, or of the user pool without one (a user
    there, with the profile every user has)."""
    pool_id = settings.admin_user_pool_id if settings.admin_pool else settings.user_pool_id
    issuer = f"https://cognito-idp.{settings.region}.amazonaws.com/{pool_id}"
    claims = user_claims(sub="admin-1", iss=issuer, **{"cognito:groups": groups})
    if not settings.admin_pool:
        sign_up(claims["sub"], claims["email"])
    return claims


def sign_up(sub: str, email: str) -> dict[str, str]:
    """A confirmed user's claims, with the record the post-confirmation trigger writes."""
    from api.triggers.post_confirmation import handler as post_confirmation

    attributes = {"sub": sub, "email": email}
    post_confirmation(cognito_event("PostConfirmation_ConfirmSignUp", attributes), None)
    return user_claims(sub=sub, email=email)


def upload(form, data, content_type) -> requests.Response:
    """A browser's upload with a form of POST /files/upload-url."""
    return requests.post(
        form["url"], data=form["fields"], files={"file": ("f", data, content_type)}, timeout=10
    )


def uploaded(claims, content_type="image/png", data=PNG, **request) -> str:
    """A file uploaded through the API's form and registered; returns its key."""
    status, form = call(
        "POST", "/files/upload-url", claims, {"content_type": content_type, **request}
    )
    assert status == 200, form
    assert upload(form, data, content_type).status_code in (200, 204)
    assert call("POST", "/files", claims, {"key": form["key"]})[0] == 201
    return form["key"]


def id_token(claims: dict[str, str]) -> str:
    """A valid id token (moto's pool key) for these authorizer claims: what the client sent."""
    now = int(time.time())
    names = ("sub", "iss", "aud", "token_use", "cognito:username", "email")
    payload = {name: claims[name] for name in names if name in claims}
    if "cognito:groups" in claims:  # a list in the token, joined by commas in the claims
        payload["cognito:groups"] = claims["cognito:groups"].split(",")
    return sign(payload | {"iat": now, "exp": now + 3600})


def call(method: str, path: str, claims=None, body=None, query=None) -> tuple[int, Any]:
    """The Lambda handler called as API Gateway calls it after its authorizer passed `claims`;
    returns the status and the JSON body (None when empty)."""
    from api.handler import handler

    headers = {"Authorization": [id_token(claims)]} if claims else {}
    event = rest_event(method, path, claims=claims, body=body, query=query, headers=headers)
    response = handler(event, None)
    return response["statusCode"], response_json(response) if response["body"] else None


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
    if not forge:
        return sign(claims)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    kid = jwt.get_unverified_header(token)["kid"]
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})


def sign(claims: dict[str, Any]) -> str:
    """Signed with moto's own user pool key, as moto's Cognito signs every token."""
    kid, key = moto_pool_key()
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})


@cache
def moto_pool_key() -> tuple[str, Any]:
    """moto's key id and private key, loaded once (its JWK has no primes: deriving them takes
    about a second)."""
    path = resources.files("moto.cognitoidp") / "resources" / "jwks-private.json.gz"
    jwk = json.loads(gzip.decompress(path.read_bytes()))
    return jwk["kid"], jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(jwk))


def sent_mails() -> list[EmailMessage]:
    """The mails SES sent, parsed as a mail client reads them (moto keeps each raw message: the
    internal API its SES documentation gives; the tests' moto server runs in this process)."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses import ses_backends

    raw = [
        sent.raw_data
        for backend in ses_backends[DEFAULT_ACCOUNT_ID].values()
        for sent in backend.sent_messages
        if hasattr(sent, "raw_data")
    ]
    assert all(text.isascii() for text in raw), "SES wants non-ASCII content encoded"
    return [message_from_string(text, policy=policy.default) for text in raw]
