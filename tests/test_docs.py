"""The docs site stays true to the template: every question and every accepted finding is listed."""

import re

import yaml
from conftest import TEMPLATE

DOCS = TEMPLATE / "docs"
INFRA = TEMPLATE / "template" / "infra"
# A cdk-nag rule id as acknowledgments name it, without the finding's `[Resource::...]` part.
NAG_RULE = re.compile(r"AwsSolutions-[A-Z]+\d+")


def listed(page: str, pattern: re.Pattern) -> set[str]:
    """Ids in the first column of the page's tables."""
    rows = (line for line in (DOCS / page).read_text().splitlines() if line.startswith("| `"))
    return {found for row in rows for found in pattern.findall(row.split(" | ")[0])}


def test_every_acknowledged_nag_rule_is_explained_and_none_is_stale():
    sources = INFRA.glob("*_infra/*.py*")  # nag.py too: object_wildcard builds IAM5 ids
    acknowledged = {rule for path in sources for rule in NAG_RULE.findall(path.read_text())}
    assert listed("security.md", NAG_RULE) == acknowledged


def test_every_ignored_cfn_lint_rule_is_explained():
    ignored = set(yaml.safe_load((INFRA / ".cfnlintrc.yaml").read_text())["ignore_checks"])
    assert ignored <= listed("security.md", re.compile(r"[EWI]\d{4}"))


def test_every_question_is_documented():
    questions = yaml.safe_load((TEMPLATE / "copier.yml").read_text())
    asked = {name for name in questions if not name.startswith("_")}
    assert listed("options.md", re.compile(r"`(\w+)`")) == asked
