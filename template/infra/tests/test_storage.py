"""Files: a locked-down bucket, a CDN for public/ only that never serves a page, the upload
recorder, and prod's retention. Who may do what with which key: test_storage_access.py."""

import json
import subprocess

import pytest
from aws_cdk.assertions import Match


def statements(template, resource_type):
    return [
        statement
        for resource in template.find_resources(resource_type).values()
        for statement in resource["Properties"]["PolicyDocument"]["Statement"]
    ]


def storage_resource(template, kind: str) -> dict:
    """The storage construct's one resource of a kind (with web_app, the app has its own)."""
    (resource,) = [
        found for name, found in template.find_resources(kind).items() if name.startswith("Storage")
    ]
    return resource


def resources_of(statement):
    resources = statement["Resource"]
    return json.dumps(resources if isinstance(resources, list) else [resources])


def test_bucket_cors_from_the_stage_and_multipart_cleanup(dev_template):
    dev_template.has_resource_properties(
        "AWS::S3::Bucket",
        {
            "CorsConfiguration": {
                "CorsRules": Match.array_with(  # with web_app, a rule for its origin follows
                    [
                        Match.object_like(
                            {
                                "AllowedOrigins": [
                                    "http://localhost:3000",
                                    "http://localhost:5173",
                                ],
                                "AllowedMethods": Match.array_with(["GET", "PUT", "POST"]),
                            }
                        )
                    ]
                )
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


def test_guests_get_no_credentials(dev_template):
    dev_template.has_resource_properties(
        "AWS::Cognito::IdentityPool", {"AllowUnauthenticatedIdentities": False}
    )


def test_signed_out_users_get_no_new_credentials(dev_template):
    # Disabling an account signs the user out; the identity pool then refuses their id token only
    # with ServerSideTokenCheck (https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_CognitoIdentityProvider.html).
    dev_template.has_resource_properties(
        "AWS::Cognito::IdentityPool",
        {"CognitoIdentityProviders": [Match.object_like({"ServerSideTokenCheck": True})]},
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
        and "FilesBucket" in resources_of(s)  # (with web_app, the app's CDN reads its own)
    ]
    assert len(cdn_reads) == 1
    assert cdn_reads[0]["Action"] == "s3:GetObject"
    assert resources_of(cdn_reads[0]).endswith('"/public/*"]]}]')
    assert "FilesBaseUrl" in dev_template.to_json()["Outputs"]


def test_language_bundles_keep_their_no_cache_at_the_edge_and_any_page_may_fetch_them(
    dev_template,
):
    resources = dev_template.to_json()["Resources"]
    config = storage_resource(dev_template, "AWS::CloudFront::Distribution")["Properties"][
        "DistributionConfig"
    ]
    (bundles,) = config["CacheBehaviors"]
    assert bundles["PathPattern"] == "public/i18n/*"
    assert bundles["AllowedMethods"] == ["GET", "HEAD"]
    # CloudFront caches a no-cache answer for the minimum TTL: it must be 0, or the index could
    # name an old bundle after a publish (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/Expiration.html).
    cache = resources[bundles["CachePolicyId"]["Ref"]]["Properties"]["CachePolicyConfig"]
    assert cache["MinTTL"] == 0 and cache["MaxTTL"] >= 31536000
    cors = resources[bundles["ResponseHeadersPolicyId"]["Ref"]]["Properties"][
        "ResponseHeadersPolicyConfig"
    ]["CorsConfig"]
    assert cors["AccessControlAllowOrigins"]["Items"] == ["*"]
    assert cors["AccessControlAllowCredentials"] is False
    assert cors["AccessControlAllowMethods"]["Items"] == ["GET", "HEAD"]
    files_headers = resources[config["DefaultCacheBehavior"]["ResponseHeadersPolicyId"]["Ref"]]
    assert "CorsConfig" not in files_headers["Properties"]["ResponseHeadersPolicyConfig"]


def test_every_upload_goes_to_the_recorder_and_failures_to_an_alarmed_queue(dev_template):
    (notifications,) = dev_template.find_resources("Custom::S3BucketNotifications").values()
    configurations = notifications["Properties"]["NotificationConfiguration"][
        "LambdaFunctionConfigurations"
    ]
    filters = [c["Filter"]["Key"]["FilterRules"] for c in configurations]
    assert sorted(json.dumps(rules) for rules in filters) == [
        json.dumps([{"Name": "prefix", "Value": level}])
        for level in ("private/", "protected/", "public/")
    ]
    assert {event for c in configurations for event in c["Events"]} == {"s3:ObjectCreated:*"}
    (recorder,) = {json.dumps(c["LambdaFunctionArn"]) for c in configurations}
    assert "UploadRecorder" in recorder

    (invoke_config,) = dev_template.find_resources("AWS::Lambda::EventInvokeConfig").values()
    config = invoke_config["Properties"]
    assert config["MaximumRetryAttempts"] == 2
    queue_arn = config["DestinationConfig"]["OnFailure"]["Destination"]
    (queue_id,) = dev_template.find_resources("AWS::SQS::Queue")
    assert queue_arn == {"Fn::GetAtt": [queue_id, "Arn"]}
    alarms = dev_template.find_resources("AWS::CloudWatch::Alarm")
    assert any(
        alarm["Properties"].get("MetricName") == "ApproximateNumberOfMessagesVisible"
        and {"Name": "QueueName", "Value": {"Fn::GetAtt": [queue_id, "QueueName"]}}
        in alarm["Properties"]["Dimensions"]
        for alarm in alarms.values()
    )


def test_no_upload_recorder_when_a_stage_turns_it_off(synth_stage):
    template = synth_stage(record_uploads=False)
    template.resource_count_is("Custom::S3BucketNotifications", 0)
    template.resource_count_is("AWS::SQS::Queue", 0)
    assert "UploadRecorder" not in json.dumps(template.to_json())


def lifecycle_rules(template) -> list[dict]:
    (files_bucket,) = [
        bucket["Properties"]
        for bucket in template.find_resources("AWS::S3::Bucket").values()
        if "CorsConfiguration" in bucket["Properties"]
    ]
    return files_bucket.get("VersioningConfiguration"), files_bucket["LifecycleConfiguration"][
        "Rules"
    ]


def test_prod_keeps_old_versions_30_days_then_removes_them(prod_template, dev_template):
    versioning, rules = lifecycle_rules(prod_template)
    assert versioning == {"Status": "Enabled"}
    assert {
        "NoncurrentVersionExpiration": {"NoncurrentDays": 30},
        "ExpiredObjectDeleteMarker": True,
        "Status": "Enabled",
    } in rules
    versioning, rules = lifecycle_rules(dev_template)
    assert versioning is None  # dev keeps no old versions at all
    assert not [rule for rule in rules if "NoncurrentVersionExpiration" in rule]


def test_the_cdn_serves_user_files_as_data_never_as_pages(dev_template):
    resources = dev_template.to_json()["Resources"]
    distribution = storage_resource(dev_template, "AWS::CloudFront::Distribution")
    config = distribution["Properties"]["DistributionConfig"]
    for behavior in (config["DefaultCacheBehavior"], *config["CacheBehaviors"]):  # + bundles
        policy = resources[behavior["ResponseHeadersPolicyId"]["Ref"]]
        headers = policy["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
        assert headers["ContentTypeOptions"] == {"Override": True}
        csp = headers["ContentSecurityPolicy"]["ContentSecurityPolicy"]
        assert "default-src 'none'" in csp and "sandbox" in csp
        assert headers["FrameOptions"]["FrameOption"] == "DENY"
    (association,) = config["DefaultCacheBehavior"]["FunctionAssociations"]
    assert association["EventType"] == "viewer-response"


def run_attachment_function(dev_template, content_type: str | None) -> dict:
    """The CDN's viewer-response function run by node on a CloudFront event."""
    function = storage_resource(dev_template, "AWS::CloudFront::Function")
    code = function["Properties"]["FunctionCode"]
    headers = {"content-type": {"value": content_type}} if content_type else {}
    event = {"response": {"statusCode": 200, "headers": headers}}
    script = f"{code}\nconsole.log(JSON.stringify(handler({json.dumps(event)}).headers));"
    done = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)  # noqa: S603, S607
    return json.loads(done.stdout)


@pytest.mark.parametrize(
    ("content_type", "download"),
    [
        ("image/png", False),
        ("image/jpeg; charset=binary", False),
        ("text/html", True),
        ("image/svg+xml", True),
        ("application/pdf", True),
        (None, True),
    ],
)
def test_types_a_browser_would_not_show_inline_are_downloads(dev_template, content_type, download):
    headers = run_attachment_function(dev_template, content_type)
    assert ("content-disposition" in headers) == download
    if download:
        assert headers["content-disposition"] == {"value": "attachment"}
