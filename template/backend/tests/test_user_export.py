"""The daily export of the user pools (api.user_export): what AWS cannot back up, as JSON in the
backups bucket."""

import json

from stacks.config import PROJECT


def test_the_export_writes_each_pools_users_and_groups(aws, monkeypatch):
    from api import user_export
    from api.aws import client
    from api.settings import get_settings

    location = {} if PROJECT.region == "us-east-1" else {"LocationConstraint": PROJECT.region}
    client("s3").create_bucket(Bucket="test-backups", CreateBucketConfiguration=location)
    monkeypatch.setenv("APP_BACKUPS_BUCKET", "test-backups")
    get_settings.cache_clear()
    cognito = client("cognito-idp")
    for pool, email in ((aws.user_pool_id, "ana@example.com"), (aws.admin_user_pool_id, "op@x.io")):
        cognito.admin_create_user(
            UserPoolId=pool,
            Username=email,
            UserAttributes=[{"Name": "email", "Value": email}],
            MessageAction="SUPPRESS",
        )
    cognito.create_group(UserPoolId=aws.admin_user_pool_id, GroupName="admin")
    cognito.admin_add_user_to_group(
        UserPoolId=aws.admin_user_pool_id, Username="op@x.io", GroupName="admin"
    )

    written = user_export.handler({}, None)["written"]

    exports = {
        key.split("/")[1]: json.loads(
            client("s3").get_object(Bucket="test-backups", Key=key)["Body"].read()
        )
        for key in written
    }
    assert [key.split("/")[0] for key in written] == [user_export.USERS_PREFIX] * 2
    (user,) = exports["users"]["users"]
    assert user["attributes"]["email"] == "ana@example.com" and user["enabled"]
    assert exports["users"]["groups"] == {}
    (admin,) = exports["admins"]["users"]
    assert exports["admins"]["groups"] == {"admin": [admin["username"]]}
    assert exports["admins"]["pool_id"] == aws.admin_user_pool_id
