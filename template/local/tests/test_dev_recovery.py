"""The restore runbook rehearsed on `make dev` (docs/backups.md), through the commands the make
targets run (`make backup`, `make restore`, `make export-users` with STAGE=local)."""

import json

import httpx
import jwt
import pytest

from stacks import outputs as keys
from stacks.config import PROJECT, TABLES
from stacks.recovery import main


@pytest.fixture
def recovery(stack, capsys):
    """`python -m stacks.recovery <args>` as the make targets run it, on the running stack (in
    this process: it changes no environment); what it printed."""

    def run(*args: str) -> str:
        capsys.readouterr()
        main(list(args))
        return capsys.readouterr().out

    return run


def test_a_lost_profile_comes_back_from_the_backup_into_a_new_table(
    stack, make_user, aws, recovery
):
    token = make_user("restored@example.com")
    sub = jwt.decode(token, options={"verify_signature": False})["sub"]
    me = f"{stack['api']}/me"
    named = httpx.patch(me, headers={"Authorization": token}, json={"display_name": "Kept"})
    assert named.status_code == 200, named.text
    arns = dict(line.split(": ", 1) for line in recovery("backup", "local").splitlines())
    assert sorted(arns) == sorted(TABLES)

    dynamodb = aws("dynamodb")
    users_table = stack["values"][keys.TABLE_NAMES["users"]]
    dynamodb.delete_item(TableName=users_table, Key={"id": {"S": sub}})  # the loss
    assert "Item" not in dynamodb.get_item(TableName=users_table, Key={"id": {"S": sub}})

    said = recovery("restore", "local", "users", "--backup", arns["users"])
    restored = said.split(" into ", 1)[1].split(".\n", 1)[0]
    assert restored.startswith(f"{users_table}-") and "rehearsal" in said
    item = dynamodb.get_item(TableName=restored, Key={"id": {"S": sub}})["Item"]
    assert item["display_name"] == {"S": "Kept"}
    # What a restore does not carry over, given back as the stack's tables have it.
    backups = dynamodb.describe_continuous_backups(TableName=restored)[
        "ContinuousBackupsDescription"
    ]
    assert backups["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"] == "ENABLED"
    arn = dynamodb.describe_table(TableName=restored)["Table"]["TableArn"]
    tags = {t["Key"]: t["Value"] for t in dynamodb.list_tags_of_resource(ResourceArn=arn)["Tags"]}
    assert tags["project"] == PROJECT.slug


def test_users_and_groups_are_exported_to_the_backups_bucket(stack, make_user, aws, recovery):
    make_user("exported@example.com")
    make_user("exported-admin@example.com", admin=True)
    written = recovery("export-users", "local").split()
    bucket = stack["values"][keys.BACKUPS_BUCKET_NAME]
    exports = {}
    for url in written[1::2]:
        key = url.removeprefix(f"s3://{bucket}/")
        exports[key.split("/")[1]] = json.loads(
            aws("s3").get_object(Bucket=bucket, Key=key)["Body"].read()
        )
    assert sorted(exports) == (["admins", "users"] if PROJECT.admin_pool else ["users"])
    users = exports["users"]
    assert users["pool_id"] == stack["values"][keys.USER_POOL_ID]
    logins = [
        user["attributes"].get("email") or user["attributes"].get("phone_number")
        for user in users["users"]
    ]
    assert "exported@example.com" in logins or PROJECT.login_id == "phone"
    administrators = exports["admins" if PROJECT.admin_pool else "users"]
    admin_names = {
        user["username"]
        for user in administrators["users"]
        if user["attributes"].get("email") == "exported-admin@example.com"
    }
    assert admin_names and admin_names <= set(administrators["groups"]["admin"])
