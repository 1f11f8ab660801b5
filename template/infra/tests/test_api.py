"""The gateway is where auth lives: every method but the public list carries the authorizer."""

import json

from aws_cdk.assertions import Match

from stacks.config import GATEWAY_RESPONSES, PROJECT, PUBLIC_ROUTES, STAGES


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


def authorizer_pools(template):
    """Authorizer logical id -> the logical id of the one user pool it trusts."""
    pools = {}
    for authorizer_id, authorizer in template.find_resources("AWS::ApiGateway::Authorizer").items():
        assert authorizer["Properties"]["Type"] == "COGNITO_USER_POOLS"
        (pool_arn,) = authorizer["Properties"]["ProviderARNs"]
        pools[authorizer_id] = pool_arn["Fn::GetAtt"][0]
    return pools


def pool_id(template, name_suffix):
    for logical_id, pool in template.find_resources("AWS::Cognito::UserPool").items():
        if pool["Properties"]["UserPoolName"].endswith(name_suffix):
            return logical_id
    return None


def check_methods(template):
    """Every method but the public list and CORS preflight needs the right pool's token."""
    pools = authorizer_pools(template)
    user_pool, admin_pool = pool_id(template, "-users"), pool_id(template, "-admins")
    public = {(route.method, route.path) for route in PUBLIC_ROUTES}
    seen = set()
    for http_method, path, props in methods(template):
        seen.add((http_method, path))
        if http_method == "OPTIONS" or (http_method, path) in public:
            assert props["AuthorizationType"] == "NONE", (http_method, path)
            continue
        assert props["AuthorizationType"] == "COGNITO_USER_POOLS", (http_method, path)
        trusted = pools[props["AuthorizerId"]["Ref"]]
        assert trusted == (admin_pool if path.startswith("/admin/") else user_pool), path
    assert public <= seen
    assert ("ANY", "/{proxy+}") in seen
    assert ("ANY", "/") not in seen, "a root ANY method would bypass the explicit route list"
    return seen


def test_every_method_but_the_public_list_and_preflight_requires_the_cognito_authorizer(
    dev_template,
):
    check_methods(dev_template)


def test_other_methods_of_public_paths_keep_the_authorizer(dev_template):
    """PATCH /posts/{post_id} must not depend on how API Gateway falls back to {proxy+}."""
    seen = check_methods(dev_template)
    for route in PUBLIC_ROUTES:
        segments = route.path.strip("/").split("/")
        for depth in range(1, len(segments) + 1):
            assert ("ANY", "/" + "/".join(segments[:depth])) in seen, route.path


def test_admin_routes_trust_only_the_admin_pool(synth_with):
    with_admin = check_methods(synth_with(admin_pool=True))
    assert ("ANY", "/admin/{proxy+}") in with_admin
    without_admin = check_methods(synth_with(admin_pool=False))
    assert not any(path.startswith("/admin") for _, path in without_admin)


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
    warmup = {"Targets": [Match.object_like({"Input": '{"warmup":true}'})]}
    warm = synth_with(warmer_minutes=7)
    warm.has_resource_properties(
        "AWS::Events::Rule", {"ScheduleExpression": "rate(7 minutes)", **warmup}
    )
    assert not synth_with(warmer_minutes=0).find_resources(
        "AWS::Events::Rule", {"Properties": warmup}
    )


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


def execution_log_retention(template, api_id: str) -> int:
    """Days API Gateway's execution-log group of the API's dev stage is kept: that group is
    created by API Gateway itself, so a LogRetention sets it."""
    (retention,) = [
        resource["Properties"]
        for resource in template.find_resources("Custom::LogRetention").values()
        if resource["Properties"]["LogGroupName"]
        == {"Fn::Join": ["", ["API-Gateway-Execution-Logs_", {"Ref": api_id}, "/dev"]]}
    ]
    return retention["RetentionInDays"]


def test_execution_logs_expire_with_the_stages_retention(dev_template):
    (api_id,) = dev_template.find_resources("AWS::ApiGateway::RestApi")
    assert execution_log_retention(dev_template, api_id) == 14  # dev: TWO_WEEKS


def test_the_gateways_own_answers_have_the_error_body_and_cors(dev_template, prod_template):
    """401 from the authorizer, 403, 413, 429 and every other 4xx/5xx of API Gateway: the app's
    error body with a stable code, and CORS headers so a browser can read them."""
    for template, stage in ((dev_template, STAGES["dev"]), (prod_template, STAGES["prod"])):
        responses = {
            props["ResponseType"]: props
            for props in (
                resource["Properties"]
                for resource in template.find_resources("AWS::ApiGateway::GatewayResponse").values()
            )
        }
        assert set(responses) == set(GATEWAY_RESPONSES)
        for response_type, (_status, code) in GATEWAY_RESPONSES.items():
            props = responses[response_type]
            # API Gateway puts the message in, JSON-quoted (the body is no template otherwise).
            template_body = props["ResponseTemplates"]["application/json"]
            body = template_body.replace("$context.error.messageString", '"Unauthorized"')
            assert json.loads(body) == {"code": code, "message": "Unauthorized"}, response_type
            headers = props["ResponseParameters"]
            origin = headers["gatewayresponse.header.Access-Control-Allow-Origin"]
            # One origin is named; several are echoed. The stack adds the web app's own origin.
            if len(stage.allowed_origins) + PROJECT.web_app == 1:
                assert origin == f"'{stage.allowed_origins[0]}'", response_type
            else:
                assert origin == "method.request.header.Origin", response_type
