"""Security gates: cdk-nag on every synth (nag.py) and cfn-lint on every stage's template."""

import ast
import json
import re
from pathlib import Path

import aws_cdk as cdk
import pytest
from aws_cdk import aws_s3 as s3
from cfnlint.config import ConfigMixIn
from cfnlint.runner import Runner

from stacks.cdn import NO_CDN_LOG_REGIONS
from stacks.config import PROJECT, STAGES
from stacks.nag import acknowledge, synth
from stacks.stage import build_app

CFNLINTRC = Path(__file__).resolve().parents[1] / ".cfnlintrc.yaml"


def probe_app(tmp_path, acknowledgments=()) -> cdk.App:
    """An app from build_app with a bucket without access logs (AwsSolutions-S1)."""
    app, _stacks = build_app(PROJECT, {}, outdir=str(tmp_path))
    bucket = s3.Bucket(cdk.Stack(app, "Probe"), "NoAccessLogs", enforce_ssl=True)
    acknowledge(bucket, acknowledgments)
    return app


def probe_synth(tmp_path, acknowledgments=()) -> None:
    probe_app(tmp_path, acknowledgments).synth()


def test_cdk_nag_fails_the_synth_on_an_unacknowledged_finding(tmp_path):
    with pytest.raises(RuntimeError, match="AwsSolutions-S1"):
        probe_synth(tmp_path)


def test_an_acknowledged_finding_passes(tmp_path):
    probe_synth(tmp_path, [("AwsSolutions-S1", "A probe bucket that is never deployed.")])


def test_a_failed_synth_starts_with_the_finding_and_the_acknowledge_call(tmp_path):
    with pytest.raises(SystemExit) as ended:
        synth(probe_app(tmp_path / "failed"))
    finding, hint, *_rest = str(ended.value).splitlines()
    assert finding == (
        "AwsSolutions-S1 at Probe/NoAccessLogs/Resource: "
        "The S3 Bucket has server access logs disabled."
    )
    call = re.search(r"acknowledge\(construct, (\[.*\])\)$", hint)
    [(rule, _reason)] = ast.literal_eval(call[1])
    synth(probe_app(tmp_path / "passed", [(rule, "A probe bucket that is never deployed.")]))


def test_every_stage_template_passes_cfn_lint(stage_templates, edge_templates):
    """Each template in its region: the stages' in the project's, CloudFront's web ACLs' in
    us-east-1."""
    findings = []
    for region, templates in ((PROJECT.region, stage_templates), ("us-east-1", edge_templates)):
        if not templates:
            continue
        config = ConfigMixIn(
            ["--config-file", str(CFNLINTRC)],
            regions=[region],
            templates=[str(path) for path in templates.values()],
        )
        findings += [
            f"{match.rule.id} {Path(match.filename).name}:{match.linenumber} {match.message}"
            for match in Runner(config).run()
        ]
    assert findings == []


def test_files_bucket_and_cdns_write_access_logs(dev_template):
    (logs_bucket,) = [
        logical_id
        for logical_id, bucket in dev_template.find_resources("AWS::S3::Bucket").items()
        if "LoggingConfiguration" not in bucket["Properties"]
    ]
    dev_template.has_resource_properties(
        "AWS::S3::Bucket",
        {"LoggingConfiguration": {"DestinationBucketName": {"Ref": logs_bucket}}},
    )
    distributions = dev_template.find_resources("AWS::CloudFront::Distribution").values()
    prefixes = set()
    for distribution in distributions:  # the files CDN, the public face (and the web app's)
        logging = distribution["Properties"]["DistributionConfig"].get("Logging")
        if PROJECT.region in NO_CDN_LOG_REGIONS:
            assert logging is None
        else:
            assert logging["Bucket"] == {"Fn::GetAtt": [logs_bucket, "RegionalDomainName"]}
            prefixes.add(logging["Prefix"])
    logged = 0 if PROJECT.region in NO_CDN_LOG_REGIONS else len(distributions)
    assert len(prefixes) == logged  # each distribution under its own prefix


def test_opt_in_regions_synthesize_without_cdn_logs(synth_with):
    template = synth_with(region="eu-south-1")  # cdk-nag accepts the missing CDN logs there
    for distribution in template.find_resources("AWS::CloudFront::Distribution").values():
        assert "Logging" not in distribution["Properties"]["DistributionConfig"]


def test_our_functions_roles_use_no_managed_policies_nor_index_wildcards(dev_template):
    """The CDK's own deploy-time functions (bucket notifications) are acknowledged in storage.py."""
    roles = dev_template.find_resources("AWS::IAM::Role")
    ours = {
        function["Properties"]["Role"]["Fn::GetAtt"][0]
        for function in dev_template.find_resources("AWS::Lambda::Function").values()
        if function["Properties"]["Handler"].startswith(f"{PROJECT.package}.")
    }
    assert len(ours) >= 2  # the API and the post-confirmation trigger at least
    for role_id in ours:  # with static_ip too: the network-interface actions are inline
        assert roles[role_id]["Properties"].get("ManagedPolicyArns", []) == []
    # table.grant adds every index of a table; each grant here names its index.
    assert "/index/*" not in json.dumps(dev_template.find_resources("AWS::IAM::Policy"))


def test_every_api_method_has_the_request_validator_and_stage_logs_errors(dev_template):
    (validator_id,) = dev_template.find_resources("AWS::ApiGateway::RequestValidator")
    for method in dev_template.find_resources("AWS::ApiGateway::Method").values():
        props = method["Properties"]
        if props["HttpMethod"] != "OPTIONS":  # CORS preflight is answered by the gateway
            assert props["RequestValidatorId"] == {"Ref": validator_id}
    dev_template.has_resource_properties(
        "AWS::ApiGateway::Stage",
        {"MethodSettings": [{"HttpMethod": "*", "ResourcePath": "/*", "LoggingLevel": "ERROR"}]},
    )


def acknowledgments(app: cdk.App) -> list[tuple[str, str]]:
    """(construct path, finding id) of every cdk-nag acknowledgment in the construct tree, as
    cdk.Validations records them in the construct's metadata."""
    found = []
    for construct in app.node.find_all():
        for entry in construct.node.metadata:
            if entry.type == cdk.Validations.ACKNOWLEDGED_RULES_METADATA_KEY:
                for rule in entry.data:
                    rule = rule.removeprefix("Annotation::")  # cdk-nag reports annotations
                    if rule.startswith("AwsSolutions-"):
                        found.append((construct.node.path, rule))
    return found


def test_each_acknowledgment_accepts_exactly_one_finding(tmp_path, monkeypatch):
    """A rule-wide acknowledgment on a stack or construct would also hide the next finding of
    that rule under it: each acknowledged id must match one finding (its rule and, for IAM4
    and IAM5, its [resource]) on one construct at or under the acknowledging one."""
    app, _stacks = build_app(PROJECT, STAGES, outdir=str(tmp_path / "acknowledged"))
    accepted = acknowledgments(app)
    assert accepted
    # Every finding, with acknowledgments ignored: the same app, its synth failing on them all.
    monkeypatch.setattr(cdk.Validations, "acknowledge", lambda _self, *_rules: None)
    bare, _stacks = build_app(PROJECT, STAGES, outdir=str(tmp_path / "bare"))
    with pytest.raises(RuntimeError, match="ValidationFailed"):
        bare.synth()
    report = json.loads((tmp_path / "bare" / "validation-report.json").read_text())
    findings = [
        (construct["constructPath"], violation["ruleName"])
        for plugin in report["pluginReports"]
        for violation in plugin["violations"]
        for construct in violation["violatingConstructs"]
    ]
    for path, rule in accepted:
        matched = [
            finding
            for finding in findings
            if (finding[0] == path or finding[0].startswith(f"{path}/"))
            and (finding[1] == rule or finding[1].startswith(f"{rule}["))
        ]
        assert len(matched) == 1, (path, rule, matched)
