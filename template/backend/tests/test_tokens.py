"""The shared token verifier (the local gateway and the WebSocket authorizer): each token is
refused for its own reason, signed with moto's pool key so only the changed claim can fail it."""

import time

import pytest

from api.tokens import TokenVerifier, TrustedPool, Unauthorized

from samples import CLIENT_ID, PROVIDER, id_token, re_signed, user_claims

REGION, POOL_ID = PROVIDER.removeprefix("cognito-idp.").split(".amazonaws.com/")


@pytest.fixture
def verifier(moto_server) -> TokenVerifier:
    """Trusts the pool the sample tokens come from; its JWKS is moto's pool key."""
    return TokenVerifier(
        TrustedPool(pool_id=POOL_ID, client_id=CLIENT_ID, region=REGION, endpoint=moto_server)
    )


def reason(verifier: TokenVerifier, token: str | None) -> str:
    with pytest.raises(Unauthorized) as refused:
        verifier.verify(token)
    assert str(refused.value) == "Unauthorized"  # what API Gateway answers, whatever the reason
    return refused.value.reason


def test_an_id_token_is_accepted_bare_or_as_bearer(verifier):
    token = id_token(user_claims())
    assert verifier.verify(token)["sub"] == user_claims()["sub"]
    assert verifier.verify(f"Bearer {token}")["sub"] == user_claims()["sub"]


def test_an_id_token_re_signed_as_an_access_token_is_refused_for_its_token_use(verifier):
    """Same audience, issuer and signature: only token_use differs, and is the reason (a real
    access token also lacks `aud`, which would refuse it by accident)."""
    token = id_token(user_claims())
    assert reason(verifier, re_signed(token, token_use="access")) == (  # noqa: S106
        "token_use is 'access', not 'id'"
    )


def test_each_bad_token_is_refused_for_its_own_reason(verifier):
    token = id_token(user_claims())
    assert reason(verifier, None) == "no token"
    bad = {
        "Signature verification failed": re_signed(token, forge=True),
        "Signature has expired": re_signed(token, exp=int(time.time()) - 60),
        "Audience doesn't match": re_signed(token, aud="someone-elses-client"),
        "Invalid issuer": re_signed(token, iss=f"https://{PROVIDER}-other"),
    }
    for expected, bad_token in bad.items():
        assert expected in reason(verifier, bad_token)
