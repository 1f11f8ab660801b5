"""Data, auth and storage as the answers and stages ask."""

from aws_cdk.assertions import Match

from stacks.config import PROJECT

USERNAME_ATTRIBUTES = {
    "email": ["email"],
    "phone": ["phone_number"],
    "email_or_phone": ["email", "phone_number"],
}


def test_user_pool_signs_in_with_the_chosen_login_id(dev_template):
    dev_template.has_resource_properties(
        "AWS::Cognito::UserPool",
        {
            "UsernameAttributes": USERNAME_ATTRIBUTES[PROJECT.login_id],
            "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": False},
            "Policies": {"PasswordPolicy": Match.object_like({"MinimumLength": 12})},
        },
    )


def test_every_login_id_synthesizes(synth_with):
    for login_id, attributes in USERNAME_ATTRIBUTES.items():
        synth_with(login_id=login_id).has_resource_properties(
            "AWS::Cognito::UserPool", {"UsernameAttributes": attributes}
        )


def test_users_table_is_keyed_by_cognito_sub(dev_template):
    dev_template.has_resource_properties(
        "AWS::DynamoDB::GlobalTable",
        {"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]},
    )


def test_prod_retains_data_and_dev_does_not(dev_template, prod_template):
    retained = ("AWS::DynamoDB::GlobalTable", "AWS::Cognito::UserPool", "AWS::S3::Bucket")
    for resource_type in retained:
        prod_template.has_resource(resource_type, {"DeletionPolicy": "Retain"})
        dev_template.has_resource(resource_type, {"DeletionPolicy": "Delete"})
    prod_template.has_resource_properties(
        "AWS::Cognito::UserPool", {"DeletionProtection": "ACTIVE"}
    )
    for table in prod_template.find_resources("AWS::DynamoDB::GlobalTable").values():
        (replica,) = table["Properties"]["Replicas"]
        assert replica["DeletionProtectionEnabled"] is True
        assert replica["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    prod_template.has_resource_properties(
        "AWS::S3::Bucket", {"VersioningConfiguration": {"Status": "Enabled"}}
    )
    # Dev empties its buckets on delete, so `make destroy STAGE=dev` removes the stack whole.
    buckets = len(dev_template.find_resources("AWS::S3::Bucket"))
    dev_template.resource_count_is("Custom::S3AutoDeleteObjects", buckets)
    prod_template.resource_count_is("Custom::S3AutoDeleteObjects", 0)


def test_files_bucket_is_private_and_tls_only(dev_template):
    dev_template.has_resource_properties(
        "AWS::S3::Bucket",
        {
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True,
                "BlockPublicPolicy": True,
                "IgnorePublicAcls": True,
                "RestrictPublicBuckets": True,
            },
            "BucketEncryption": Match.any_value(),
        },
    )
    dev_template.has_resource_properties(
        "AWS::S3::BucketPolicy",
        {
            "PolicyDocument": {
                "Statement": Match.array_with(
                    [
                        Match.object_like(
                            {
                                "Effect": "Deny",
                                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                            }
                        )
                    ]
                )
            }
        },
    )


def test_outputs_are_the_stable_contract(dev_template):
    outputs = dev_template.to_json()["Outputs"]
    for key in (
        "Region",
        "ApiUrl",
        "UserPoolId",
        "UserPoolClientId",
        "UsersTableName",
        "FilesBucketName",
    ):
        assert key in outputs, key
