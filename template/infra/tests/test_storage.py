"""Files: a locked-down bucket, identity-scoped access levels, a CDN for public/ only."""

import json

from aws_cdk.assertions import Match

IDENTITY = "${cognito-identity.amazonaws.com:sub}"


def statements(template, resource_type):
    return [
        statement
        for resource in template.find_resources(resource_type).values()
        for statement in resource["Properties"]["PolicyDocument"]["Statement"]
    ]


def resources_of(statement):
    resources = statement["Resource"]
    return json.dumps(resources if isinstance(resources, list) else [resources])


def test_bucket_cors_from_the_stage_and_multipart_cleanup(dev_template):
    dev_template.has_resource_properties(
        "AWS::S3::Bucket",
        {
            "CorsConfiguration": {
                "CorsRules": [
                    Match.object_like(
                        {
                            "AllowedOrigins": ["http://localhost:3000", "http://localhost:5173"],
                            "AllowedMethods": Match.array_with(["GET", "PUT", "POST"]),
                        }
                    )
                ]
            },
            "LifecycleConfiguration": {
                "Rules": Match.array_with(
                    [
                        Match.object_like(
                            {"AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}}
                        )
                    ]
                )
            },
        },
    )


def test_signed_in_users_get_amplify_access_levels_scoped_by_identity(dev_template):
    role_statements = [
        s
        for s in statements(dev_template, "AWS::IAM::Policy")
        if "s3:" in json.dumps(s["Action"]) and IDENTITY in json.dumps(s)
    ]
    writes = [s for s in role_statements if "s3:PutObject" in s["Action"]]
    assert len(writes) == 1
    written = resources_of(writes[0])
    assert "/public/*" in written
    assert f"/protected/{IDENTITY}/*" in written
    assert f"/private/{IDENTITY}/*" in written
    assert '/private/*"' not in written and '/protected/*"' not in written
    listing = next(s for s in role_statements if s["Action"] == "s3:ListBucket")
    prefixes = listing["Condition"]["StringLike"]["s3:prefix"]
    assert f"private/{IDENTITY}/*" in prefixes and "private/*" not in prefixes


def test_guests_get_no_credentials(dev_template):
    dev_template.has_resource_properties(
        "AWS::Cognito::IdentityPool", {"AllowUnauthenticatedIdentities": False}
    )


def test_cdn_reads_public_keys_only_over_https(dev_template):
    dev_template.has_resource_properties(
        "AWS::CloudFront::Distribution",
        {
            "DistributionConfig": Match.object_like(
                {
                    "DefaultCacheBehavior": Match.object_like(
                        {"ViewerProtocolPolicy": "https-only"}
                    ),
                    "Origins": [Match.object_like({"OriginAccessControlId": Match.any_value()})],
                }
            )
        },
    )
    cdn_reads = [
        s
        for s in statements(dev_template, "AWS::S3::BucketPolicy")
        if s.get("Principal") == {"Service": "cloudfront.amazonaws.com"}
    ]
    assert len(cdn_reads) == 1
    assert cdn_reads[0]["Action"] == "s3:GetObject"
    assert resources_of(cdn_reads[0]).endswith('"/public/*"]]}]')
    assert "FilesBaseUrl" in dev_template.to_json()["Outputs"]


def test_uploads_under_owner_prefixes_go_to_the_upload_recorder(dev_template):
    (notifications,) = dev_template.find_resources("Custom::S3BucketNotifications").values()
    configurations = notifications["Properties"]["NotificationConfiguration"][
        "LambdaFunctionConfigurations"
    ]
    filters = [c["Filter"]["Key"]["FilterRules"] for c in configurations]
    assert sorted(json.dumps(rules) for rules in filters) == [
        json.dumps([{"Name": "prefix", "Value": level}]) for level in ("private/", "protected/")
    ]
    assert {event for c in configurations for event in c["Events"]} == {"s3:ObjectCreated:*"}
    (recorder,) = {json.dumps(c["LambdaFunctionArn"]) for c in configurations}
    assert "UploadRecorder" in recorder


def test_no_upload_recorder_when_a_stage_turns_it_off(synth_stage):
    template = synth_stage(record_uploads=False)
    template.resource_count_is("Custom::S3BucketNotifications", 0)
    assert "UploadRecorder" not in json.dumps(template.to_json())
