"""Checkov over every stage's template (and its us-east-1 stack's, with WAF outside us-east-1):
each finding is fixed, or explained where Checkov reads it, a skip with its reason in the
resource's metadata (nag.acknowledge next to the construct, nag.CHECKOV_BY_TYPE for a whole
resource type). A stage with a custom domain is checked in test_domains.py.
"""

from checkov_report import checkov, unexplained


def test_every_stage_template_passes_checkov(synthesized):
    templates = [path for pair in synthesized.values() for path in pair if path]
    report = checkov(templates)
    assert unexplained(report) == [], "\n".join(unexplained(report))
    skipped = report["results"]["skipped_checks"]
    reasons = {check["check_result"].get("suppress_comment") for check in skipped}
    assert all(reason and len(reason.split()) > 5 for reason in reasons), reasons
