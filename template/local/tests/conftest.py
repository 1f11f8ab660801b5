"""The running local stack (`python -m local`, as `make dev` starts it) for end-to-end tests.

It listens on free loopback ports only; tests talk to it on 127.0.0.1 and nothing else.
"""

import hashlib
import json
import os
import subprocess
import sys
import time

import boto3
import httpx
import jwt
import pytest

from stacks import outputs as keys
from stacks.config import LOCAL_STATE_FILE, PROJECT, ROOT

from local.users import sign_in
from samples import free_port

PASSWORD = "Corr3ct-Horse-Battery"  # noqa: S105 (a local test user)


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    aws_port, port = free_port(), free_port()
    log = tmp_path_factory.mktemp("dev") / "stderr.log"  # what `make dev` says in its terminal
    env = {**os.environ, "AWS_PORT": str(aws_port), "PORT": str(port)}
    env["PYTHONPATH"] = str(ROOT / "infra")
    for name in [n for n in env if n.startswith(("AWS_", "APP_", "WEB_")) and n != "AWS_PORT"]:
        del env[name]  # the stack sets its own; no web server (the browser tests start one)
    env["AWS_PORT"] = str(aws_port)
    # No firewall rate limit: the suite's load test alone sends more than waf_rate_limit from
    # one address in WAF's window (test_gateway.py shows the 429 a burst gets).
    env["WAF_RATE_LIMIT"] = "0"
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "local"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=log.open("w"),
        text=True,
    )
    api = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120  # a busy CI machine
    while True:
        try:
            if httpx.get(f"{api}/health", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"make dev did not come up:\n{process.stdout.read()}{log.read_text()}")
        time.sleep(0.3)
    state = json.loads(LOCAL_STATE_FILE.read_text())
    yield {
        "api": api,
        "endpoint": state["endpoint"],
        "values": state["values"],
        "env": env,
        "password": PASSWORD,
        "log": log,
    }
    process.terminate()
    process.wait(timeout=15)
    assert not LOCAL_STATE_FILE.exists(), "the stack cleans up after itself"
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{state['endpoint']}/moto-api/", timeout=2)  # moto stopped with it


def phone_for(email: str) -> str:
    """A fictional +1 555 number, the same for the same e-mail, for phone-only pools."""
    return f"+1555{int(hashlib.sha256(email.encode()).hexdigest(), 16) % 10**7:07d}"


def login_of(email: str) -> str:
    """What the user pool's user made for `email` signs in with."""
    return phone_for(email) if PROJECT.login_id == "phone" else email


def local_users(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """`make user` (or with --sign-in, `make token`) with these variables."""
    command = [sys.executable, "-m", "local.users", *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603


@pytest.fixture
def users_cli(stack):
    """`make user` (`make token` with --sign-in) on the stack for this e-mail (or its phone, on
    a phone-only pool), with these variables."""

    def run(email: str, *args: str, **variables: str) -> subprocess.CompletedProcess:
        login = {"PHONE" if PROJECT.login_id == "phone" else "EMAIL": login_of(email)}
        return local_users({**stack["env"], **login, **variables}, *args)

    return run


@pytest.fixture
def make_user(stack):
    """`make user`, for real: returns the id token it printed."""

    def make(email: str, *, admin: bool = False) -> str:
        env = {**stack["env"], "EMAIL": email, "PASSWORD": PASSWORD, "ADMIN": "1" if admin else ""}
        if PROJECT.login_id == "phone" and not (admin and PROJECT.admin_pool):
            env["PHONE"] = phone_for(email)  # the admin pool signs in by email
        done = local_users(env)
        assert done.returncode == 0, done.stderr
        return next(line for line in done.stdout.splitlines() if line.count(".") == 2)

    return make


@pytest.fixture
def tokens_of(stack, aws):
    """The tokens of a user `make_user` made, signed in as `make token` signs in
    (USER_PASSWORD_AUTH, with the second factor where the pool asks for one)."""

    def sign_in_as(email: str) -> dict[str, str]:
        client_id = stack["values"][keys.USER_POOL_CLIENT_ID]
        return sign_in(aws("cognito-idp"), client_id, login_of(email), stack["password"])

    return sign_in_as


@pytest.fixture
def mail_to(stack):
    """The newest e-mail or SMS the local mailbox (/_mail.json) holds for an address or number."""

    def newest(to: str) -> dict:
        messages = httpx.get(f"{stack['endpoint']}/_mail.json").json()["messages"]
        return next(message for message in reversed(messages) if message["to"] == to)

    return newest


@pytest.fixture
def aws(stack):
    """A boto3 client of the local stack's moto server."""

    def client(service: str):
        return boto3.client(
            service,
            endpoint_url=stack["endpoint"],
            region_name=PROJECT.region,
            aws_access_key_id="local",
            aws_secret_access_key="local",  # noqa: S106
        )

    return client


@pytest.fixture
def amplify_session(stack, aws):
    """What Amplify's fetchAuthSession gives a signed-in user: the identity id, and an S3 client
    with that identity's credentials (the identity pool's role)."""

    def session(token: str):
        issuer = jwt.decode(token, options={"verify_signature": False})["iss"]
        logins = {issuer.removeprefix("https://"): token}
        cognito = aws("cognito-identity")
        pool_id = stack["values"][keys.IDENTITY_POOL_ID]
        identity_id = cognito.get_id(IdentityPoolId=pool_id, Logins=logins)["IdentityId"]
        credentials = cognito.get_credentials_for_identity(IdentityId=identity_id, Logins=logins)
        s3 = boto3.client(
            "s3",
            endpoint_url=stack["endpoint"],
            region_name=PROJECT.region,
            aws_access_key_id=credentials["Credentials"]["AccessKeyId"],
            aws_secret_access_key=credentials["Credentials"]["SecretKey"],
            aws_session_token=credentials["Credentials"]["SessionToken"],
        )
        return identity_id, s3

    return session
