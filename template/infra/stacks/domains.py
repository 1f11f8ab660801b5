"""A stage's custom domain (StageConfig.domain), e.g. app.example.com: every face at a name under
it, with ACM certificates and Route 53 records in the hosted zone the stage names.

    app.example.com          the web app (with web_app; else the public face)
    public.app.example.com   the public face (public GET routes, cached)
    files.app.example.com    the files CDN (public files, language bundles)
    api.app.example.com      the REST API (an API Gateway custom domain, its stage at the root)
    ws.app.example.com       the WebSocket API (with realtime)
    auth.app.example.com     Cognito's hosted UI (with social sign-in)

CloudFront and Cognito's hosted UI take a certificate from us-east-1 only (one naming every face:
edge.py makes it there), API Gateway's regional names one from the stack's region. No wildcard
(*.domain): a certificate names what it serves, so its key cannot serve another name (Checkov
refuses wildcard certificates).
"""

import aws_cdk as cdk
import jsii
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_apigatewayv2 as apigwv2
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_route53 as route53
from aws_cdk import aws_route53_targets as targets
from constructs import Construct

from .config import CLOUDFRONT_REGION, ProjectConfig, StageConfig

# The oldest TLS a viewer may use on a custom domain (CloudFront's and API Gateway's).
CLOUDFRONT_TLS = "TLSv1.2_2021"


def host(project: ProjectConfig, stage: StageConfig, face: str) -> str:
    """The name a face is served at under the stage's domain (the table above)."""
    assert stage.domain, "a stage without a domain has AWS's names"
    apex = "web" if project.web_app else "public"
    return stage.domain if face == apex else f"{face}.{stage.domain}"


def faces(project: ProjectConfig) -> list[str]:
    """The faces this project has (the table above)."""
    return [
        *(["web"] if project.web_app else []),
        "public",
        "files",
        "api",
        *(["ws"] if project.realtime else []),
        *(["auth"] if project.social_providers else []),
    ]


def hosted_zone(scope: Construct, stage: StageConfig) -> route53.IHostedZone:
    """The stage's zone by its id and name: synth looks nothing up in the account."""
    return route53.HostedZone.from_hosted_zone_attributes(
        scope, "Zone", hosted_zone_id=stage.hosted_zone_id, zone_name=stage.hosted_zone_name
    )


def edge_certificate(
    scope: Construct, project: ProjectConfig, stage: StageConfig, zone: route53.IHostedZone
) -> acm.Certificate:
    """The certificate of every face's name, for CloudFront and the hosted UI (and in us-east-1
    API Gateway's too): made in us-east-1, validated through records in the zone."""
    names = [host(project, stage, face) for face in faces(project)]
    return acm.Certificate(
        scope,
        "EdgeCertificate",
        domain_name=stage.domain,
        subject_alternative_names=[name for name in names if name != stage.domain],
        validation=acm.CertificateValidation.from_dns(zone),
    )


class Domains(Construct):
    """The stage's faces at their names: `edge` is the us-east-1 certificate (edge.py's stack's),
    None to make it here (a stack in us-east-1)."""

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        project: ProjectConfig,
        stage: StageConfig,
        edge: acm.ICertificate | None,
    ) -> None:
        super().__init__(scope, id)
        self.project, self.stage = project, stage
        self.zone = hosted_zone(self, stage)
        self.edge_certificate = edge or edge_certificate(self, project, stage, self.zone)
        regional = [host(project, stage, "api")]
        if project.realtime:
            regional.append(host(project, stage, "ws"))
        self.regional_certificate = (
            self.edge_certificate  # names api. and ws. too, in the stack's region already
            if cdk.Stack.of(self).region == CLOUDFRONT_REGION
            else acm.Certificate(
                self,
                "RegionalCertificate",
                domain_name=regional[0],
                subject_alternative_names=regional[1:] or None,
                validation=acm.CertificateValidation.from_dns(self.zone),
            )
        )
        self.apex_records: list[Construct] = []

    def host(self, face: str) -> str:
        return host(self.project, self.stage, face)

    def hosted_ui(self) -> cognito.CustomDomainOptions:
        """The hosted UI's domain options: auth.<domain> on the us-east-1 certificate."""
        return cognito.CustomDomainOptions(
            domain_name=self.host("auth"), certificate=self.edge_certificate
        )

    def _alias(self, id: str, face: str, target: route53.IAliasRecordTarget, ipv6: bool) -> None:
        name, alias = self.host(face), route53.RecordTarget.from_alias(target)
        kinds = (route53.ARecord, route53.AaaaRecord) if ipv6 else (route53.ARecord,)
        records = [
            kind(self, f"{id}{kind.__name__}", zone=self.zone, record_name=name, target=alias)
            for kind in kinds
        ]
        if name == self.stage.domain:
            self.apex_records += records

    def serve(self, distribution: cloudfront.Distribution, face: str) -> str:
        """Serve a distribution at its face's name on the us-east-1 certificate (TLS 1.2 at
        least); its URL, https://<name>."""
        config: cloudfront.CfnDistribution = distribution.node.default_child
        config.add_property_override("DistributionConfig.Aliases", [self.host(face)])
        config.add_property_override(
            "DistributionConfig.ViewerCertificate",
            {
                "AcmCertificateArn": self.edge_certificate.certificate_arn,
                "SslSupportMethod": "sni-only",
                "MinimumProtocolVersion": CLOUDFRONT_TLS,
            },
        )
        self._alias(face.title(), face, targets.CloudFrontTarget(distribution), ipv6=True)
        return f"https://{self.host(face)}"

    def serve_api(self, rest_api: apigw.RestApi) -> str:
        """The REST API's stage at the root of api.<domain>; its URL."""
        domain = apigw.DomainName(
            self,
            "ApiDomain",
            domain_name=self.host("api"),
            certificate=self.regional_certificate,
            endpoint_type=apigw.EndpointType.REGIONAL,
            security_policy=apigw.SecurityPolicy.TLS_1_2,
        )
        domain.add_base_path_mapping(rest_api, stage=rest_api.deployment_stage)
        self._alias("Api", "api", targets.ApiGatewayDomain(domain), ipv6=False)
        return f"https://{self.host('api')}/"

    def serve_websocket(self, api: apigwv2.WebSocketApi, stage: apigwv2.WebSocketStage) -> str:
        """The WebSocket API's stage at the root of ws.<domain>; its URL."""
        domain = apigwv2.DomainName(
            self,
            "WebSocketDomain",
            domain_name=self.host("ws"),
            certificate=self.regional_certificate,
            security_policy=apigwv2.SecurityPolicy.TLS_1_2,
        )
        apigwv2.ApiMapping(self, "WebSocketMapping", api=api, domain_name=domain, stage=stage)
        target = targets.ApiGatewayv2DomainProperties(
            domain.regional_domain_name, domain.regional_hosted_zone_id
        )
        self._alias("WebSocket", "ws", target, ipv6=False)
        return f"wss://{self.host('ws')}"

    def serve_hosted_ui(self, domain: cognito.UserPoolDomain) -> str:
        """auth.<domain>'s record; Cognito makes a custom domain only once the domain itself
        has an A record, so after the apex's. Its host name."""
        self._alias("HostedUi", "auth", HostedUiTarget(domain), ipv6=False)
        for record in self.apex_records:
            domain.node.add_dependency(record)
        return self.host("auth")


@jsii.implements(route53.IAliasRecordTarget)
class HostedUiTarget:
    """A hosted UI custom domain's CloudFront name, from its own attribute: the CDK's
    UserPoolDomainTarget reads it through a deploy-time Lambda function (an AwsCustomResource)."""

    def __init__(self, domain: cognito.UserPoolDomain) -> None:
        self.domain = domain

    def bind(
        self, _record: route53.IRecordSet, _zone: route53.IHostedZone | None = None
    ) -> route53.AliasRecordTargetConfig:
        resource: cognito.CfnUserPoolDomain = self.domain.node.default_child
        return route53.AliasRecordTargetConfig(
            dns_name=resource.attr_cloud_front_distribution,
            hosted_zone_id=targets.CloudFrontTarget.CLOUDFRONT_ZONE_ID,
        )
