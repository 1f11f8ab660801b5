"""The client-config writer: Amplify v6 outputs and aws-exports.js from one set of values."""

import dataclasses
import json
import os
import re
import shutil
import subprocess

import boto3
import pytest

from stacks import client_config
from stacks import outputs as keys
from stacks.config import (
    LOCAL_STAGE,
    PASSWORD_RULES,
    PROJECT,
    ROOT,
    STAGES,
    TABLES,
)

VALUES = {
    keys.REGION: PROJECT.region,
    keys.API_URL: "https://abc123.execute-api.example.com/dev/",
    keys.PUBLIC_API_URL: "https://d222222abcdef8.cloudfront.net/",
    keys.USER_POOL_ID: f"{PROJECT.region}_Users1234",
    keys.USER_POOL_CLIENT_ID: "userclient1234",
    keys.IDENTITY_POOL_ID: f"{PROJECT.region}:0f1e2d3c-aaaa-bbbb-cccc-000000000001",
    keys.FILES_BUCKET_NAME: "files-bucket",
    keys.FILES_TABLE_NAME: "files-table",
    keys.USERS_TABLE_NAME: "users-table",
    keys.FILES_BASE_URL: "https://d111111abcdef8.cloudfront.net",
    keys.ADMIN_USER_POOL_ID: f"{PROJECT.region}_Admins123",
    keys.ADMIN_USER_POOL_CLIENT_ID: "adminclient1234",
    keys.AUTH_DOMAIN: f"shop-dev.auth.{PROJECT.region}.amazoncognito.com",
}


def write(tmp_path, **answers):
    project = dataclasses.replace(PROJECT, **answers)
    client_config.write_client_config(project, STAGES["dev"], VALUES, tmp_path)
    return json.loads((tmp_path / "amplify_outputs.json").read_text())


def test_every_output_the_writer_reads_is_a_stack_output(dev_template, synth_with):
    declared = set(dev_template.to_json()["Outputs"])
    everything = set(synth_with(admin_pool=True, social_providers=("google",)).to_json()["Outputs"])
    names = {name: value for name, value in vars(keys).items() if name.isupper()}
    read = {value for value in names.values() if isinstance(value, str)}  # not APP_ENVIRONMENT
    options_off = {
        keys.STATIC_IP: not PROJECT.static_ip,
        keys.JOBS_TABLE_NAME: not PROJECT.batch,
        keys.CONNECTIONS_TABLE_NAME: not PROJECT.realtime,
        keys.MESSAGES_TABLE_NAME: not PROJECT.realtime,
        keys.CONVERSATIONS_TABLE_NAME: not PROJECT.realtime,
        keys.WEBSOCKET_URL: not PROJECT.realtime,
        keys.POSTS_TABLE_NAME: "posts" not in TABLES,
        keys.WEB_URL: not PROJECT.web_app,
        keys.BACKUPS_BUCKET_NAME: not STAGES["dev"].backups,  # prod's: test_backups.py
    }
    read -= {name for name, off in options_off.items() if off}
    assert read <= everything
    assert {keys.USER_POOL_ID, keys.IDENTITY_POOL_ID, keys.FILES_BUCKET_NAME} <= declared


def test_user_config_has_auth_storage_and_api(tmp_path):
    document = write(tmp_path, login_id="email", social_providers=())
    auth = document["auth"]
    assert document["version"] == "1.4"
    assert auth["user_pool_id"] == VALUES[keys.USER_POOL_ID]
    assert auth["user_pool_client_id"] == VALUES[keys.USER_POOL_CLIENT_ID]
    assert auth["identity_pool_id"] == VALUES[keys.IDENTITY_POOL_ID]
    assert auth["username_attributes"] == ["email"]
    assert auth["password_policy"]["min_length"] == PASSWORD_RULES.min_length
    assert "oauth" not in auth
    assert document["storage"] == {"aws_region": PROJECT.region, "bucket_name": "files-bucket"}
    assert document["custom"]["api_url"] == VALUES[keys.API_URL]
    assert document["custom"]["public_api_url"] == VALUES[keys.PUBLIC_API_URL]
    assert document["custom"]["files_base_url"] == VALUES[keys.FILES_BASE_URL]


@pytest.mark.parametrize(
    ("login_id", "attributes"),
    [
        ("email", ["email"]),
        ("phone", ["phone_number"]),
        ("email_or_phone", ["email", "phone_number"]),
    ],
)
def test_login_mechanisms_follow_login_id(tmp_path, login_id, attributes):
    assert write(tmp_path, login_id=login_id)["auth"]["username_attributes"] == attributes


def test_social_sign_in_adds_oauth(tmp_path):
    document = write(tmp_path, social_providers=("google", "apple", "kakao"))
    oauth = document["auth"]["oauth"]
    assert oauth["identity_providers"] == ["GOOGLE", "SIGN_IN_WITH_APPLE"]
    # Amplify's schema names no OpenID Connect provider: the app finds Kakao here.
    assert document["custom"]["oidc_providers"] == ["Kakao"]
    assert oauth["domain"] == VALUES[keys.AUTH_DOMAIN]
    # the stage's web origins first (then the mobile app's scheme, with mobile_app)
    web_callbacks = list(STAGES["dev"].oauth_callback_urls)
    assert oauth["redirect_sign_in_uri"][: len(web_callbacks)] == web_callbacks
    assert oauth["response_type"] == "code"


@pytest.mark.parametrize(
    ("mfa", "login_id", "configuration", "methods", "exported"),
    [
        ("off", "email_or_phone", "NONE", None, ("OFF", [])),
        ("optional", "email", "OPTIONAL", ["TOTP"], ("OPTIONAL", ["TOTP"])),
        ("required", "phone", "REQUIRED", ["TOTP", "SMS"], ("ON", ["TOTP", "SMS"])),
    ],
)
def test_mfa_follows_the_answer(tmp_path, mfa, login_id, configuration, methods, exported):
    auth = write(tmp_path, mfa=mfa, login_id=login_id)["auth"]
    assert (auth["mfa_configuration"], auth.get("mfa_methods")) == (configuration, methods)
    text = (tmp_path / "aws-exports.js").read_text()
    exports = json.loads(re.search(r"const awsmobile = (\{.*\});", text, re.S).group(1))
    assert (exports["aws_cognito_mfa_configuration"], exports["aws_cognito_mfa_types"]) == exported


def test_admin_role_gets_its_own_files(tmp_path):
    write(tmp_path, admin_pool=True)
    admin = json.loads((tmp_path / "admin" / "amplify_outputs.json").read_text())
    assert admin["auth"]["user_pool_id"] == VALUES[keys.ADMIN_USER_POOL_ID]
    assert admin["auth"]["mfa_configuration"] == "REQUIRED"
    assert "storage" not in admin
    assert (tmp_path / "admin" / "aws-exports.js").exists()
    write(tmp_path / "no-admin", admin_pool=False)
    assert not (tmp_path / "no-admin" / "admin").exists()


def test_the_local_stack_writes_beside_a_deployed_stage_with_its_endpoints(tmp_path):
    assert client_config.client_dir_of(STAGES["dev"]) == ROOT / "client"
    assert client_config.client_dir_of(LOCAL_STAGE) == ROOT / "client" / "local"
    endpoints = client_config.local_endpoints("http://127.0.0.1:5000")
    assert endpoints == dict.fromkeys(("user_pool", "identity_pool", "s3"), "http://127.0.0.1:5000")
    written = client_config.write_client_config(
        dataclasses.replace(PROJECT, admin_pool=True), LOCAL_STAGE, VALUES, tmp_path, endpoints
    )
    for path in (p for p in written if p.suffix == ".json"):  # the admin app's too
        assert json.loads(path.read_text())["custom"]["local_endpoints"] == endpoints
    assert "local_endpoints" not in write(tmp_path / "deployed")["custom"]


def test_aws_exports_carries_the_same_values(tmp_path):
    write(tmp_path, social_providers=("google",))
    text = (tmp_path / "aws-exports.js").read_text()
    exports = json.loads(re.search(r"const awsmobile = (\{.*\});", text, re.S).group(1))
    assert exports["aws_user_pools_id"] == VALUES[keys.USER_POOL_ID]
    assert exports["aws_user_pools_web_client_id"] == VALUES[keys.USER_POOL_CLIENT_ID]
    assert exports["aws_cognito_identity_pool_id"] == VALUES[keys.IDENTITY_POOL_ID]
    assert exports["aws_user_files_s3_bucket"] == "files-bucket"
    assert exports["oauth"]["domain"] == VALUES[keys.AUTH_DOMAIN]
    endpoints = {api["name"]: api["endpoint"] for api in exports["aws_cloud_logic_custom"]}
    assert endpoints == {"api": VALUES[keys.API_URL], "public": VALUES[keys.PUBLIC_API_URL]}
    assert text.rstrip().endswith("export default awsmobile;")


def test_reads_a_deployed_stacks_outputs_from_cloudformation(moto_server, tmp_path, monkeypatch):
    monkeypatch.setattr(client_config, "CDK_OUTPUTS_FILE", tmp_path / "absent.json")
    template = {
        "Resources": {"Marker": {"Type": "AWS::SNS::Topic"}},
        "Outputs": {key: {"Value": value} for key, value in VALUES.items()},
    }
    cloudformation = boto3.client("cloudformation", region_name=PROJECT.region)
    cloudformation.create_stack(StackName="shop-dev", TemplateBody=json.dumps(template))
    assert client_config.deployed_outputs("shop-dev", PROJECT.region) == VALUES


def test_a_deployed_stage_without_credentials_is_one_sentence(tmp_path, monkeypatch):
    monkeypatch.setattr(client_config, "CDK_OUTPUTS_FILE", tmp_path / "absent.json")
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)  # no credentials cached by other tests
    for name in [name for name in os.environ if name.startswith("AWS_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    with pytest.raises(SystemExit) as refused:
        client_config.main(["client_config", "dev"])
    assert str(refused.value).startswith("No AWS credentials to read the ")
    assert "STAGE=local" in str(refused.value)


def test_a_stage_never_deployed_is_one_sentence(moto_server, tmp_path, monkeypatch):
    monkeypatch.setattr(client_config, "CDK_OUTPUTS_FILE", tmp_path / "absent.json")
    with pytest.raises(SystemExit, match=r"^shop-prod in .*: Stack with id shop-prod does not"):
        client_config.deployed_outputs("shop-prod", PROJECT.region)


def test_prefers_the_cdk_outputs_file(tmp_path, monkeypatch):
    saved = tmp_path / "cdk-outputs.json"
    saved.write_text(json.dumps({"shop-dev": {keys.API_URL: "https://saved.example.com/"}}))
    monkeypatch.setattr(client_config, "CDK_OUTPUTS_FILE", saved)
    assert client_config.deployed_outputs("shop-dev", PROJECT.region) == {
        keys.API_URL: "https://saved.example.com/"
    }


def check_client_config(*paths) -> subprocess.CompletedProcess:
    """client/check-config.mjs: the files against Amplify's schema (1.4), then loaded by aws-amplify
    v6 as an app loads them (`make test` installs both, pinned)."""
    node = shutil.which("node")
    assert node, "node is needed for the client check"
    check = ROOT / "client" / "check-config.mjs"
    return subprocess.run([node, check, *paths], capture_output=True, text=True, timeout=60)  # noqa: S603


def test_every_written_file_matches_the_schema_and_amplify_takes_it(tmp_path):
    values = VALUES | {keys.WEBSOCKET_URL: "wss://ws.example.com/dev"}
    variants = [
        {"login_id": "email", "social_providers": (), "admin_pool": True, "mfa": "off"},
        {"login_id": "phone", "social_providers": ("kakao",), "mfa": "required"},
        {"login_id": "email_or_phone", "social_providers": ("google", "apple"), "mfa": "optional"},
    ]
    documents = []
    for number, answers in enumerate(variants):
        project = dataclasses.replace(PROJECT, **answers)
        directory = tmp_path / f"{number}"
        endpoints = client_config.local_endpoints("http://127.0.0.1:5000") if number else None
        written = client_config.write_client_config(
            project, STAGES["dev"], values, directory, endpoints
        )
        documents += [path for path in written if path.suffix == ".json"]
    done = check_client_config(*documents)  # one node process: its start-up is most of the time
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("schema 1.4, Amplify.configure() took it") == len(documents) >= 4


def changed(document: dict, change: dict) -> dict:
    """`document` with `change` merged into it; None removes a key."""
    for key, value in change.items():
        if value is None:
            del document[key]
        elif isinstance(value, dict):
            changed(document[key], value)
        else:
            document[key] = value
    return document


# Broken files and what the check must say about each.
BREAKAGES = {
    # the schema and Amplify both miss it
    "no-user-pool-id": (
        {"auth": {"user_pool_id": None}},
        ["auth: Property 'user_pool_id' is missing", "did not get Auth.Cognito.userPoolId"],
    ),
    # Amplify.configure() passes over a misspelled key or a value it does not know
    "misspelled-key": ({"auth": {"user_pool_clientid": "x"}}, ["auth.user_pool_clientid: Object"]),
    "unknown-value": ({"auth": {"mfa_configuration": "OFF"}}, ["auth.mfa_configuration: Type"]),
    "unknown-storage-key": ({"storage": {"bucket": "x"}}, ["storage.bucket: Object literal"]),
}


def test_client_check_fails_on_broken_files(tmp_path):
    broken = {name: tmp_path / f"{name}.json" for name in BREAKAGES}
    for name, (change, _) in BREAKAGES.items():
        broken[name].write_text(json.dumps(changed(write(tmp_path), change)))
    done = check_client_config(*broken.values())
    assert done.returncode == 1
    for name, (_, reported) in BREAKAGES.items():
        said = [line for line in done.stderr.splitlines() if line.startswith(str(broken[name]))]
        for text in reported:
            assert any(text in line for line in said), (name, text, done.stderr)
