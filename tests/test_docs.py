"""The docs site stays true to the template: every question and every accepted finding is listed."""

import os
import re
import subprocess
import sys
import tomllib

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


# A Checkov check id, as acknowledgments and nag.CHECKOV_BY_TYPE name it.
CHECKOV_CHECK = re.compile(r"CKV2?_AWS_\d+")


def test_every_acknowledged_nag_rule_is_explained_and_none_is_stale():
    sources = INFRA.glob("stacks/*.py*")  # nag.py too: object_wildcard builds IAM5 ids
    acknowledged = {rule for path in sources for rule in NAG_RULE.findall(path.read_text())}
    assert listed("security.md", NAG_RULE) == acknowledged


def test_every_skipped_checkov_check_is_explained_and_none_is_stale():
    sources = INFRA.glob("stacks/*.py*")
    skipped = {check for path in sources for check in CHECKOV_CHECK.findall(path.read_text())}
    assert listed("security.md", CHECKOV_CHECK) == skipped


def test_every_ignored_cfn_lint_rule_is_explained():
    ignored = set(yaml.safe_load((INFRA / ".cfnlintrc.yaml").read_text())["ignore_checks"])
    assert ignored <= listed("security.md", re.compile(r"[EWI]\d{4}"))


def test_every_question_is_documented():
    questions = yaml.safe_load((TEMPLATE / "copier.yml").read_text())
    asked = {name for name in questions if not name.startswith("_")}
    assert listed("options.md", re.compile(r"`(\w+)`")) == asked


def test_the_version_is_the_newest_release_in_the_changelog():
    changelog = (TEMPLATE / "CHANGELOG.md").read_text()
    headings = re.findall(r"^## (.+)$", changelog, re.M)
    assert headings[0] == "[Unreleased]"
    releases = [re.fullmatch(r"\[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}", h) for h in headings[1:]]
    assert all(releases), headings
    versions = [release[1] for release in releases]
    pyproject = tomllib.loads((TEMPLATE / "pyproject.toml").read_text())
    assert pyproject["project"]["version"] == versions[0]
    migrated = set(
        re.findall(r"^\| v(\d+\.\d+\.\d+) \|", (DOCS / "upgrading.md").read_text(), re.M)
    )
    assert migrated <= set(versions), "the upgrading page names releases that exist"


def commit_of(ref: str) -> str:
    """The commit a tag, branch or abbreviated hash names in this repository, or ""."""
    found = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
        cwd=TEMPLATE,
        capture_output=True,
        text=True,
    )
    return found.stdout.strip()


def test_each_release_names_its_commit_and_its_tag_points_there():
    changelog = (TEMPLATE / "CHANGELOG.md").read_text()
    named = re.findall(r"^## \[(\d+\.\d+\.\d+)\].*\n\nCommit (\w+) ", changelog, re.M)
    assert named and len(named) == changelog.count("\n## [") - 1
    for version, commit in named:
        assert commit_of(commit), f"{version}: commit {commit} is not in this repository"
        assert commit_of(f"refs/tags/v{version}") in ("", commit_of(commit)), f"v{version}"


def test_the_architecture_page_draws_its_diagrams(tmp_path):
    """Mermaid fences become diagrams (mkdocs.yml's custom fence), not code listings."""
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", tmp_path],
        cwd=TEMPLATE,
        env=os.environ | {"NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "architecture" / "index.html").read_text()
    assert page.count('<pre class="mermaid">') == 4  # the resources, request, sign-up, upload
