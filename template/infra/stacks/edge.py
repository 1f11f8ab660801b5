"""What CloudFront takes from us-east-1 only: its web ACL (a stage with `waf`, waf.py) and the
certificate of a custom domain (domains.py). A stage in another region gets them from a small
stack of its own there, which the stage's stack references across regions (the CDK's
`cross_region_references`: deploy-time custom resources pass the ARNs through SSM parameters)."""

import aws_cdk as cdk
from constructs import Construct

from .config import CLOUDFRONT_REGION, ProjectConfig, StageConfig
from .domains import edge_certificate, hosted_zone
from .waf import WebAcl


def needs_edge_stack(project: ProjectConfig, stage: StageConfig) -> bool:
    return bool(stage.waf or stage.domain) and project.region != CLOUDFRONT_REGION


class EdgeStack(cdk.Stack):
    """The stage's CloudFront web ACL and certificate in us-east-1, as it has them."""

    def __init__(self, scope: Construct, *, project: ProjectConfig, stage: StageConfig) -> None:
        super().__init__(
            scope,
            f"{project.slug}-{stage.name}-edge",
            env=cdk.Environment(region=CLOUDFRONT_REGION),
            description=f"{project.name} ({stage.name}): CloudFront's firewall and certificate",
            cross_region_references=True,
        )
        self.web_acl = (
            WebAcl(self, "CdnFirewall", project=project, stage=stage, cloudfront_scope=True)
            if stage.waf
            else None
        )
        self.certificate = (
            edge_certificate(self, project, stage, hosted_zone(self, stage))
            if stage.domain
            else None
        )
        for key, value in {"project": project.slug, "stage": stage.name, **stage.tags}.items():
            cdk.Tags.of(self).add(key, value)
