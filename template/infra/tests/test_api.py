"""The gateway is where auth lives: every method but the public list carries the authorizer."""

from aws_cdk.assertions import Match


def methods(template):
    """(http method, path, properties) for every API Gateway method in the template."""
    resources = template.find_resources("AWS::ApiGateway::Resource")

    def path_of(ref):
        if isinstance(ref, dict) and "Ref" in ref and ref["Ref"] in resources:
            props = resources[ref["Ref"]]["Properties"]
            return path_of(props["ParentId"]) + "/" + props["PathPart"]
        return ""  # the API's root resource

    for method in template.find_resources("AWS::ApiGateway::Method").values():
        props = method["Properties"]
        yield props["HttpMethod"], path_of(props["ResourceId"]) or "/", props


def test_every_method_but_health_and_preflight_requires_the_cognito_authorizer(dev_template):
    seen = set()
    for http_method, path, props in methods(dev_template):
        seen.add((http_method, path))
        if http_method == "OPTIONS" or (http_method, path) == ("GET", "/health"):
            assert props["AuthorizationType"] == "NONE", (http_method, path)
            continue
        assert props["AuthorizationType"] == "COGNITO_USER_POOLS", (http_method, path)
        assert "AuthorizerId" in props, (http_method, path)
    assert ("GET", "/health") in seen
    assert ("ANY", "/{proxy+}") in seen
    assert ("ANY", "/") not in seen, "a root ANY method would bypass the explicit route list"


def test_the_authorizer_trusts_only_this_stacks_user_pool(dev_template):
    authorizers = dev_template.find_resources("AWS::ApiGateway::Authorizer")
    assert len(authorizers) == 1
    (authorizer,) = authorizers.values()
    assert authorizer["Properties"]["Type"] == "COGNITO_USER_POOLS"
    (pool_arn,) = authorizer["Properties"]["ProviderARNs"]
    (pool_id,) = dev_template.find_resources("AWS::Cognito::UserPool")
    assert pool_arn == {"Fn::GetAtt": [pool_id, "Arn"]}


def test_lambda_is_arm64_python_with_the_backend_handler(dev_template):
    dev_template.has_resource_properties(
        "AWS::Lambda::Function",
        {
            "Architectures": ["arm64"],
            "Runtime": Match.string_like_regexp(r"^python3\.1[3-9]$"),
            "Handler": Match.string_like_regexp(r"\.handler\.handler$"),
            "TracingConfig": {"Mode": "Active"},
        },
    )


def test_warmup_schedule_follows_warmer_minutes(synth_with):
    warm = synth_with(warmer_minutes=7)
    warm.has_resource_properties(
        "AWS::Events::Rule",
        {
            "ScheduleExpression": "rate(7 minutes)",
            "Targets": [Match.object_like({"Input": '{"warmup":true}'})],
        },
    )
    synth_with(warmer_minutes=0).resource_count_is("AWS::Events::Rule", 0)


def test_stage_throttling_and_access_logs(dev_template):
    dev_template.has_resource_properties(
        "AWS::ApiGateway::Stage",
        {
            "StageName": "dev",
            "AccessLogSetting": Match.object_like({"DestinationArn": Match.any_value()}),
            "MethodSettings": Match.array_with(
                [Match.object_like({"ThrottlingRateLimit": 50, "ThrottlingBurstLimit": 100})]
            ),
        },
    )
