"""Backend tests: a clean emulated account per test on the moto server (see ../../conftest.py)."""

import pytest

from stacks.config import PROJECT, TABLES

from samples import CLIENT_ID, PROVIDER


@pytest.fixture
def aws(moto_server, monkeypatch):
    """A clean emulated account per test: tables, bucket, user pools, a verified sender."""
    import requests

    from api.aws import client
    from api.settings import get_settings

    requests.post(f"{moto_server}/moto-api/reset", timeout=5).raise_for_status()
    # The app's own clients, made once: boto3 takes ~10 ms to make one, every test would.
    for name, spec in TABLES.items():
        client("dynamodb").create_table(**spec.create_table_request(f"test-{name}"))
    location = {} if PROJECT.region == "us-east-1" else {"LocationConstraint": PROJECT.region}
    client("s3").create_bucket(Bucket="test-files", CreateBucketConfiguration=location)
    client("ses").verify_email_identity(EmailAddress="no-reply@example.com")
    cognito = client("cognito-idp")
    pools = {
        "APP_USER_POOL_ID": cognito.create_user_pool(PoolName="test-users")["UserPool"]["Id"],
        "APP_ADMIN_USER_POOL_ID": cognito.create_user_pool(PoolName="test-admins")["UserPool"][
            "Id"
        ],
    }
    pools["APP_IDENTITY_POOL_ID"] = client("cognito-identity").create_identity_pool(
        IdentityPoolName="test_identities",
        AllowUnauthenticatedIdentities=False,
        # The pool the sample tokens come from (samples.id_token).
        CognitoIdentityProviders=[{"ProviderName": PROVIDER, "ClientId": CLIENT_ID}],
    )["IdentityPoolId"]
    for key, value in pools.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


@pytest.fixture
def state_machine(aws, monkeypatch):
    """purge-uploads as a state machine, so POST [/admin]/jobs/<name> starts it as on AWS."""
    import json

    import boto3

    from api.settings import get_settings

    arn = boto3.client("stepfunctions").create_state_machine(
        name="purge-uploads",
        definition=json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}),
        roleArn="arn:aws:iam::123456789012:role/jobs",
    )["stateMachineArn"]
    monkeypatch.setenv("APP_JOB_STATE_MACHINES", json.dumps({"purge-uploads": arn}))
    get_settings.cache_clear()
    return arn
