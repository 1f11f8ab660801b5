"""AWS WAF on both faces of a stage with `waf` on (StageConfig): a regional web ACL on the REST
API's stage and the user pools (sign-in and sign-up are calls to Cognito's API), and a
CloudFront web ACL on every distribution of the stack.

A CloudFront web ACL must be created in us-east-1: in any other region it lives in the stage's
stack there (edge.py's EdgeStack).

Each web ACL: a rate limit per client IP on every request (waf_rate_limit), a stricter one on
sign-in, sign-up and writes (waf_write_rate_limit, regional), a body size limit matching the
API's (regional), then AWS's managed rule groups. Blocked and counted requests are logged to
CloudWatch Logs; allowed requests are not (the API's access logs have them).
"""

import aws_cdk as cdk
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_logs as logs
from aws_cdk import aws_wafv2 as wafv2
from constructs import Construct

from .config import ProjectConfig, StageConfig
from .nag import acknowledge
from .waf_rules import (
    BODY_TOO_LARGE_KEY,
    MAX_BODY_BYTES,
    RATE_LIMITED_KEY,
    REFUSALS,
    UNLIMITED_BODY_PATHS,
    WINDOW_SECONDS,
    WRITE_METHODS,
    Refusal,
)

# AWS's baseline managed rule groups, in the order WAF evaluates them (no fee beyond a rule's):
# known malicious IPs, request patterns of known exploits (Log4j...), then the OWASP common set.
MANAGED_RULE_GROUPS = (
    "AWSManagedRulesAmazonIpReputationList",
    "AWSManagedRulesKnownBadInputsRuleSet",
    "AWSManagedRulesCommonRuleSet",
)
# The common set blocks bodies over 8 KB; the API takes larger ones (posts, language bundles),
# so that rule only counts (logged), and the body limit rule below is the API's own.
COUNTED_RULES = {"AWSManagedRulesCommonRuleSet": ("SizeRestrictions_BODY",)}

NO_WAF_FINDINGS = {
    "AwsSolutions-APIG3": (
        "This stage runs without AWS WAF (StageConfig.waf is off: two web ACLs cost about $20 "
        "a month, README 'Protection'): every route but the public list needs a Cognito token "
        "checked at the gateway, and the stage is throttled."
    ),
    "AwsSolutions-CFR2": (
        "This stage runs without AWS WAF (StageConfig.waf is off: two web ACLs cost about $20 "
        "a month, README 'Protection'): the distribution serves only GET requests for public "
        "data, from its cache where it can."
    ),
}
NO_WAF_FINDINGS["CKV_AWS_68"] = NO_WAF_FINDINGS["AwsSolutions-CFR2"]


class WebAcl(Construct):
    """One web ACL (scope CLOUDFRONT or REGIONAL) with its rules and its log group."""

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        project: ProjectConfig,
        stage: StageConfig,
        cloudfront_scope: bool,
        allowed_origins: tuple[str, ...] = (),
    ) -> None:
        super().__init__(scope, id)
        face = "cdn" if cloudfront_scope else "api"
        name = stage.resource_name(project, face)
        # Refusals carry the API's CORS headers, so a browser can read why.
        headers = Refusal.headers(allowed_origins)
        rules = [rate_rule(f"{name}-requests", 0, stage.waf_rate_limit, headers)]
        if not cloudfront_scope:  # the distributions serve GETs only: no writes, no bodies
            writes = wafv2.CfnWebACL.StatementProperty(
                or_statement=wafv2.CfnWebACL.OrStatementProperty(
                    statements=[method_is(method) for method in WRITE_METHODS]
                )
            )
            rules += [
                rate_rule(f"{name}-writes", 1, stage.waf_write_rate_limit, headers, writes),
                body_limit_rule(f"{name}-body-size", 2, headers),
            ]
        rules += [
            managed_rule(f"{name}-{group}", len(rules) + index, group)
            for index, group in enumerate(MANAGED_RULE_GROUPS)
        ]
        self.web_acl = wafv2.CfnWebACL(
            self,
            "WebAcl",
            name=name,
            description=f"{project.slug} {stage.name}: the firewall of the {face}",
            scope="CLOUDFRONT" if cloudfront_scope else "REGIONAL",
            default_action=wafv2.CfnWebACL.DefaultActionProperty(allow={}),
            rules=rules,
            custom_response_bodies={
                key: wafv2.CfnWebACL.CustomResponseBodyProperty(
                    content_type="APPLICATION_JSON", content=refusal.body
                )
                for key, refusal in REFUSALS.items()
            },
            association_config=None if cloudfront_scope else inspect_whole_bodies(),
            visibility_config=visibility(name),
        )
        # WAF writes to log groups whose name starts with aws-waf-logs-, in the web ACL's region.
        self.log_group = logs.LogGroup(
            self,
            "Logs",
            log_group_name=f"aws-waf-logs-{name}",
            retention=logs.RetentionDays[stage.log_retention],
            removal_policy=cdk.RemovalPolicy.DESTROY,
        )
        wafv2.CfnLoggingConfiguration(
            self,
            "Logging",
            resource_arn=self.web_acl.attr_arn,
            # The group's ARN without the `:*` the CDK's log_group_arn ends with.
            log_destination_configs=[
                cdk.Stack.of(self).format_arn(
                    service="logs",
                    resource="log-group",
                    resource_name=self.log_group.log_group_name,
                    arn_format=cdk.ArnFormat.COLON_RESOURCE_NAME,
                )
            ],
            # Blocked and counted requests only: allowed ones are in the access logs already.
            logging_filter={
                "DefaultBehavior": "DROP",
                "Filters": [
                    {
                        "Behavior": "KEEP",
                        "Requirement": "MEETS_ANY",
                        "Conditions": [
                            {"ActionCondition": {"Action": "BLOCK"}},
                            {"ActionCondition": {"Action": "COUNT"}},
                        ],
                    }
                ],
            },
        ).node.add_dependency(self.log_group)

    @property
    def arn(self) -> str:
        return self.web_acl.attr_arn

    def associate(self, id: str, resource_arn: str) -> None:
        """Put the web ACL in front of a regional resource (an API stage, a user pool)."""
        wafv2.CfnWebACLAssociation(self, id, resource_arn=resource_arn, web_acl_arn=self.arn)

    def metric_blocked(self) -> cdk.aws_cloudwatch.Metric:
        """Requests this web ACL blocked, by any rule, per minute."""
        dimensions = {"WebACL": self.web_acl.name, "Rule": "ALL"}
        if self.web_acl.scope == "REGIONAL":
            dimensions["Region"] = cdk.Stack.of(self).region
        return cdk.aws_cloudwatch.Metric(
            namespace="AWS/WAFV2",
            metric_name="BlockedRequests",
            dimensions_map=dimensions,
            statistic="Sum",
            period=cdk.Duration.minutes(1),
            region=cdk.Stack.of(self).region,
        )


def protect(
    stack: cdk.Stack,
    *,
    project: ProjectConfig,
    stage: StageConfig,
    rest_api: cdk.aws_apigateway.RestApi,
    user_pools: list[cdk.aws_cognito.IUserPool],
    edge_acl: WebAcl | None,
) -> tuple[WebAcl, WebAcl] | None:
    """The stage's web ACLs in front of its API stage, user pools and distributions: the
    regional one and the CloudFront one (edge_acl, the us-east-1 stack's, else made here in
    us-east-1). Without `waf`,
    the cdk-nag findings of running without are acknowledged, and None."""
    distributions = [c for c in stack.node.find_all() if isinstance(c, cloudfront.Distribution)]
    if not stage.waf:
        acknowledge(rest_api, [("AwsSolutions-APIG3", NO_WAF_FINDINGS["AwsSolutions-APIG3"])])
        for distribution in distributions:
            acknowledge(
                distribution,
                [(rule, NO_WAF_FINDINGS[rule]) for rule in ("AwsSolutions-CFR2", "CKV_AWS_68")],
            )
        return None
    api_acl = WebAcl(
        stack,
        "ApiFirewall",
        project=project,
        stage=stage,
        cloudfront_scope=False,
        allowed_origins=stage.allowed_origins,
    )
    api_acl.associate("ApiStage", rest_api.deployment_stage.stage_arn)
    for index, pool in enumerate(user_pools):
        api_acl.associate(f"UserPool{index}" if index else "UserPool", pool.user_pool_arn)
    cdn_acl = edge_acl or WebAcl(
        stack, "CdnFirewall", project=project, stage=stage, cloudfront_scope=True
    )
    for distribution in distributions:
        distribution.attach_web_acl_id(cdn_acl.arn)
    return api_acl, cdn_acl


def visibility(metric_name: str) -> wafv2.CfnWebACL.VisibilityConfigProperty:
    return wafv2.CfnWebACL.VisibilityConfigProperty(
        cloud_watch_metrics_enabled=True,
        metric_name=metric_name,
        sampled_requests_enabled=True,
    )


def refuse(key: str, headers: dict[str, str]) -> wafv2.CfnWebACL.RuleActionProperty:
    """Block with one of REFUSALS: its status and body, with these headers."""
    return wafv2.CfnWebACL.RuleActionProperty(
        block=wafv2.CfnWebACL.BlockActionProperty(
            custom_response=wafv2.CfnWebACL.CustomResponseProperty(
                response_code=REFUSALS[key].status,
                custom_response_body_key=key,
                response_headers=[
                    wafv2.CfnWebACL.CustomHTTPHeaderProperty(name=name, value=value)
                    for name, value in headers.items()
                ],
            )
        )
    )


def rate_rule(
    name: str,
    priority: int,
    limit: int,
    headers: dict[str, str],
    scope_down: wafv2.CfnWebACL.StatementProperty | None = None,
) -> wafv2.CfnWebACL.RuleProperty:
    """At most `limit` requests per client IP in WINDOW_SECONDS (of those `scope_down` matches),
    then 429 (RATE_LIMITED) until the rate falls below it."""
    return wafv2.CfnWebACL.RuleProperty(
        name=name,
        priority=priority,
        action=refuse(RATE_LIMITED_KEY, headers),
        statement=wafv2.CfnWebACL.StatementProperty(
            rate_based_statement=wafv2.CfnWebACL.RateBasedStatementProperty(
                aggregate_key_type="IP",
                limit=limit,
                evaluation_window_sec=WINDOW_SECONDS,
                scope_down_statement=scope_down,
            )
        ),
        visibility_config=visibility(name),
    )


def inspect_whole_bodies() -> wafv2.CfnWebACL.AssociationConfigProperty:
    """API Gateway passes WAF a body's first MAX_BODY_BYTES (16 KB unless raised): the whole of
    any body the limit lets through."""
    limit = wafv2.CfnWebACL.RequestBodyAssociatedResourceTypeConfigProperty(
        default_size_inspection_limit=f"KB_{MAX_BODY_BYTES // 1024}"
    )
    return wafv2.CfnWebACL.AssociationConfigProperty(request_body={"API_GATEWAY": limit})


def body_limit_rule(
    name: str, priority: int, headers: dict[str, str]
) -> wafv2.CfnWebACL.RuleProperty:
    """413 (BODY_TOO_LARGE) for a body over MAX_BODY_BYTES, outside UNLIMITED_BODY_PATHS."""
    too_large = wafv2.CfnWebACL.StatementProperty(
        size_constraint_statement=wafv2.CfnWebACL.SizeConstraintStatementProperty(
            comparison_operator="GT",
            size=MAX_BODY_BYTES,
            field_to_match=wafv2.CfnWebACL.FieldToMatchProperty(
                body=wafv2.CfnWebACL.BodyProperty(oversize_handling="MATCH")
            ),
            text_transformations=[no_transformation()],
        )
    )
    unlimited_path = wafv2.CfnWebACL.StatementProperty(
        regex_match_statement=wafv2.CfnWebACL.RegexMatchStatementProperty(
            regex_string=UNLIMITED_BODY_PATHS,
            field_to_match=wafv2.CfnWebACL.FieldToMatchProperty(uri_path={}),
            text_transformations=[no_transformation()],
        )
    )
    return wafv2.CfnWebACL.RuleProperty(
        name=name,
        priority=priority,
        action=refuse(BODY_TOO_LARGE_KEY, headers),
        statement=wafv2.CfnWebACL.StatementProperty(
            and_statement=wafv2.CfnWebACL.AndStatementProperty(
                statements=[
                    too_large,
                    wafv2.CfnWebACL.StatementProperty(
                        not_statement=wafv2.CfnWebACL.NotStatementProperty(statement=unlimited_path)
                    ),
                ]
            )
        ),
        visibility_config=visibility(name),
    )


def managed_rule(name: str, priority: int, group: str) -> wafv2.CfnWebACL.RuleProperty:
    return wafv2.CfnWebACL.RuleProperty(
        name=name,
        priority=priority,
        override_action=wafv2.CfnWebACL.OverrideActionProperty(none={}),
        statement=wafv2.CfnWebACL.StatementProperty(
            managed_rule_group_statement=wafv2.CfnWebACL.ManagedRuleGroupStatementProperty(
                vendor_name="AWS",
                name=group,
                rule_action_overrides=[
                    wafv2.CfnWebACL.RuleActionOverrideProperty(
                        name=rule, action_to_use=wafv2.CfnWebACL.RuleActionProperty(count={})
                    )
                    for rule in COUNTED_RULES.get(group, ())
                ]
                or None,
            )
        ),
        visibility_config=visibility(name),
    )


def method_is(method: str) -> wafv2.CfnWebACL.StatementProperty:
    return wafv2.CfnWebACL.StatementProperty(
        byte_match_statement=wafv2.CfnWebACL.ByteMatchStatementProperty(
            field_to_match=wafv2.CfnWebACL.FieldToMatchProperty(method={}),
            positional_constraint="EXACTLY",
            search_string=method,
            text_transformations=[no_transformation()],
        )
    )


def no_transformation() -> wafv2.CfnWebACL.TextTransformationProperty:
    return wafv2.CfnWebACL.TextTransformationProperty(priority=0, type="NONE")
