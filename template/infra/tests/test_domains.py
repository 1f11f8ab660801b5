"""A stage with a custom domain (StageConfig.domain, domains.py): certificates, Route 53 records
and custom domains, and every URL the outputs and the client config carry under the domain."""

import dataclasses
import json
from urllib.parse import urlsplit

import pytest
from checkov_report import checkov, unexplained

from stacks import client_config, stage
from stacks import outputs as keys
from stacks.config import PROJECT, STAGES
from stacks.domains import CLOUDFRONT_TLS
from stacks.nag import synth

ZONE_ID, ZONE = "Z0123456789EXAMPLE", "example.com"
DEV = dataclasses.replace(
    STAGES["dev"], domain="dev.example.com", hosted_zone_id=ZONE_ID, hosted_zone_name=ZONE
)

# Synthesized where the answers give most (all-options): the other answers' faces are these.
pytestmark = pytest.mark.other_answers


def urls(project) -> dict[str, str]:
    """Every URL the outputs carry, at the domain (domains.py's table)."""
    public = "public.dev.example.com" if project.web_app else "dev.example.com"
    return {
        keys.API_URL: "https://api.dev.example.com/",
        keys.PUBLIC_API_URL: f"https://{public}",
        keys.FILES_BASE_URL: "https://files.dev.example.com",
        **({keys.WEB_URL: "https://dev.example.com"} if project.web_app else {}),
        **({keys.AUTH_DOMAIN: "auth.dev.example.com"} if project.social_providers else {}),
        **({keys.WEBSOCKET_URL: "wss://ws.dev.example.com"} if project.realtime else {}),
    }


def resources(template: dict, kind: str) -> list[dict]:
    return [r["Properties"] for r in template["Resources"].values() if r["Type"] == kind]


# As answered, and in us-east-1 (no stack of its own there) without the web app (the public
# face at the domain itself; web.py is rendered only with web_app, so never the other way).
SYNTHESIZED = list(dict.fromkeys([(PROJECT.region, PROJECT.web_app), ("us-east-1", False)]))


@pytest.fixture(scope="module", params=SYNTHESIZED, ids=lambda p: f"{p[0]}-web_app={p[1]}")
def domain_stage(request, tmp_path_factory):
    """The dev stage with a domain, synthesized (cdk-nag too): its templates, the web app's
    client configs and the template files."""
    region, web_app = request.param
    project = dataclasses.replace(PROJECT, region=region, web_app=web_app)
    written, write = {}, client_config.web_client_configs

    def web_client_configs(*args):
        written.update(configs := write(*args))
        return configs

    patch = pytest.MonkeyPatch()
    patch.setattr(stage.client_config, "web_client_configs", web_client_configs)
    outdir = tmp_path_factory.mktemp("cdk.out")
    try:
        app, (stack,) = stage.build_app(
            project, {**STAGES, "dev": DEV}, outdir=str(outdir), context={"stage": "dev"}
        )
        synth(app)
    finally:
        patch.undo()
    files = [outdir / s.template_file for s in (stack, stack.edge) if s]
    read = lambda s: s and json.loads((outdir / s.template_file).read_text())  # noqa: E731
    return project, read(stack), read(stack.edge), written, files


def test_the_faces_are_served_at_the_domain_with_certificates(domain_stage):
    project, template, edge, _configs, _files = domain_stage
    us_east_1 = project.region == "us-east-1"
    assert (edge is None) == us_east_1  # the edge certificate: in the stack there, else beside
    edge_certificates = resources(edge or template, "AWS::CertificateManager::Certificate")
    names = {edge_certificates[0]["DomainName"], *edge_certificates[0]["SubjectAlternativeNames"]}
    assert edge_certificates[0]["DomainName"] == "dev.example.com"
    assert names == {urlsplit(url).hostname or url for url in urls(project).values()}
    assert edge_certificates[0]["DomainValidationOptions"][0]["HostedZoneId"] == ZONE_ID
    (api_domain,) = resources(template, "AWS::ApiGateway::DomainName")
    assert api_domain["DomainName"] == "api.dev.example.com"
    assert api_domain["SecurityPolicy"] == "TLS_1_2"
    assert api_domain["EndpointConfiguration"] == {"Types": ["REGIONAL"]}
    assert len(resources(template, "AWS::ApiGateway::BasePathMapping")) == 1
    if not us_east_1:  # API Gateway takes a certificate of its own region
        (regional,) = resources(template, "AWS::CertificateManager::Certificate")
        assert regional["DomainName"] == "api.dev.example.com"
        if project.realtime:
            assert regional["SubjectAlternativeNames"] == ["ws.dev.example.com"]
    if project.realtime:
        (ws_domain,) = resources(template, "AWS::ApiGatewayV2::DomainName")
        assert ws_domain["DomainName"] == "ws.dev.example.com"
        assert ws_domain["DomainNameConfigurations"][0]["SecurityPolicy"] == "TLS_1_2"
        assert len(resources(template, "AWS::ApiGatewayV2::ApiMapping")) == 1
    names = {}
    for distribution in resources(template, "AWS::CloudFront::Distribution"):
        config = distribution["DistributionConfig"]
        assert config["ViewerCertificate"]["MinimumProtocolVersion"] == CLOUDFRONT_TLS
        assert config["ViewerCertificate"]["SslSupportMethod"] == "sni-only"
        names[config["Comment"].rsplit(" ", 1)[-1]] = config["Aliases"]
    assert names["files"] == ["files.dev.example.com"]
    public = urls(project)[keys.PUBLIC_API_URL].removeprefix("https://")
    assert names["API"] == [public]  # the public face's comment: "… public API"
    if project.web_app:
        assert names["app"] == ["dev.example.com"]
        cors = [
            rule["AllowedOrigins"]
            for bucket in resources(template, "AWS::S3::Bucket")
            for rule in bucket.get("CorsConfiguration", {}).get("CorsRules", [])
        ]
        assert ["https://dev.example.com"] in cors  # uploads from the app
    records = {
        (r["Name"], r["Type"])
        for r in resources(template, "AWS::Route53::RecordSet")
        if r["HostedZoneId"] == ZONE_ID and "AliasTarget" in r
    }
    hosts = [url.split("//")[-1].rstrip("/") for url in urls(project).values()]
    assert {(f"{host}.", "A") for host in hosts} <= records


def test_every_url_in_the_outputs_and_client_config_follows_the_domain(domain_stage, tmp_path):
    project, template, _edge, web_configs, _files = domain_stage
    outputs = {key: output["Value"] for key, output in template["Outputs"].items()}
    expected = urls(project)
    assert {key: outputs[key] for key in expected} == expected
    # The client config `make client-config` writes from the deployed stack's outputs.
    deployed = {key: v if isinstance(v, str) else f"deployed-{key}" for key, v in outputs.items()}
    served = DEV.with_web_app(expected[keys.WEB_URL]) if project.web_app else DEV
    client_config.write_client_config(project, served, deployed, tmp_path)
    written = json.loads((tmp_path / "amplify_outputs.json").read_text())
    configs = [written, *web_configs.values()]  # and those the web app is deployed with
    for config in configs:
        assert config["custom"]["api_url"] == expected[keys.API_URL]
        assert config["custom"]["public_api_url"] == expected[keys.PUBLIC_API_URL]
        assert config["custom"]["files_base_url"] == expected[keys.FILES_BASE_URL]
        if project.realtime:
            assert config["custom"]["websocket_url"] == expected[keys.WEBSOCKET_URL]
        if "admin_api_url" in config["custom"]:
            assert config["custom"]["admin_api_url"] == "https://api.dev.example.com/admin"
    if project.web_app:
        assert web_configs  # the deployed app's own
    if project.social_providers:
        for config in (written, web_configs.get("amplify_outputs.json", written)):
            oauth = config["auth"]["oauth"]
            assert oauth["domain"] == "auth.dev.example.com"
            if project.web_app:
                assert "https://dev.example.com/auth/callback" in oauth["redirect_sign_in_uri"]


def test_a_domain_names_its_hosted_zone():
    with pytest.raises(ValueError, match="needs hosted_zone_id and hosted_zone_name"):
        dataclasses.replace(STAGES["dev"], domain="dev.example.com")
    with pytest.raises(ValueError, match="is not in its hosted zone example.org"):
        dataclasses.replace(DEV, hosted_zone_name="example.org")


def test_a_domain_stage_passes_checkov(domain_stage):
    """Its certificates, records and custom domains: every finding fixed or explained."""
    *_, files = domain_stage
    report = checkov(files)
    assert unexplained(report) == [], "\n".join(unexplained(report))
