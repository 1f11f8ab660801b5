"""Render the named answer sets and the pairwise matrix; run each project's own checks.

Which check runs where, and why. A matrix row runs what its answers can change:
- Lint; the web app's type check, Vitest and build: everywhere (every answer changes the code).
- Backend tests: everywhere (routes, triggers and settings follow the answers).
- Infra tests of the project's own stages (cdk-nag, cfn-lint, the storage access matrix):
  everywhere (the stack follows the answers).
- Local end-to-end tests on `make dev`: everywhere (login kinds, MFA, the admin pool, realtime,
  batch and the board change the local stack).
- Infra tests that synthesize other answers (`other_answers`): all-options only; they set the
  answers they test themselves, so one project proves them, the one that renders them all.
- Tests that behave alike for every answer (`answer_independent`: processes, reloads, load):
  the defaults only.
- Browser journeys and `make synth`: named sets only. The rows' web apps are typed, unit tested
  and built; the infra tests synthesize the same stacks `make synth` does.
- Uploads in each region (backend test_regions.py): every project in its own region, and the
  defaults in every region the question offers (TEST_REGIONS), which stands for each region's
  own project: test_every_offered_region_renders_the_same_project_but_its_name.
"""

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import TEMPLATE, edit, make, render, run_make, share_installs
from markdown_it import MarkdownIt
from option_sets import MATRIX, OPTION_SETS, offered_regions, uncovered_pairs

RENDERED_SETS = OPTION_SETS | MATRIX
# A Jinja expression or tag; Python's `{{"a": {}}}`, Actions' `${{ x }}`, CloudFormation's
# `{{resolve:...}}` and JSX's `prop={{ key: value }}` are not leftovers.
LEFTOVER_JINJA = re.compile(r"(?<![$=])\{\{(?!resolve:)\s*\w|\{%|%\}")
# The users' message templates are Jinja on purpose: the backend renders them (messages.py).
MESSAGE_TEMPLATES = re.compile(r"^backend/src/\w+/templates/([\w-]+/)?\w+\.(html|txt)$")
# What each project leaves to another, as the table above says.
LEAVES_OUT = {
    "defaults": {"PYTEST_ADDOPTS": "-m 'not other_answers'"},
    "all-options": {"PYTEST_ADDOPTS": "-m 'not answer_independent'"},
    "matrix": {
        "BROWSER_TESTS": "0",
        "PYTEST_ADDOPTS": "-m 'not other_answers and not answer_independent'",
    },
}


def test_the_matrix_covers_every_pair_of_option_values():
    assert uncovered_pairs(MATRIX) == []
    assert len(MATRIX) == 9, "pairwise, not the full product"


def test_rendered_files_have_no_leftover_jinja(tmp_path):
    for name, answers in RENDERED_SETS.items():
        project = render(tmp_path / name, **answers)
        for path in project.rglob("*"):
            relative = path.relative_to(project).as_posix()
            if path.is_file():
                assert not path.name.endswith(".jinja"), path
                if not MESSAGE_TEMPLATES.match(relative) and not relative.endswith(".png"):
                    # (pictures, like local/seed/'s, are copied as they are)
                    assert not LEFTOVER_JINJA.search(path.read_text()), f"{name}: {relative}"


# What each yes/no option renders: files (globs) and words in pyproject.toml / the Makefile.
OPTION_FILES = {
    "realtime": ["**/realtime", "**/realtime.py", "**/test_*realtime.py", "web/src/features/chat"],
    "batch": ["**/jobs", "**/jobs.py", "**/test_*jobs.py", "web/src/admin/jobs"],
    "static_ip": ["**/network.py", "**/test_network.py"],
    "admin_pool": [
        "**/admin.py",
        "**/test_*admin.py",
        "web/src/admin",
        "web/tests/e2e/admin.spec.ts",
    ],
    "auto_verify": ["**/pre_sign_up.py", "**/test_pre_sign_up.py"],
    "web_app": ["web", "**/web.py", "**/test_web*.py", "local/browser.py", "**/test_browser.py"],
    "mobile_app": ["mobile", "mobile/eas.json", "local/mobile.py", "infra/tests/test_mobile.py"],
    "board": [
        "**/board.py",
        "**/routes/posts.py",
        "**/test_*board.py",
        "web/src/features/board",
        "web/src/admin/moderation",
    ],
}
OPTION_WORDS = {
    "realtime": ["websockets", "jwt-layer"],
    "batch": ["job:"],
    "web_app": ["web-client:", "npm ci --prefix web"],
    "mobile_app": ["mobile-test:", "npm ci --prefix mobile"],
}


def test_options_answered_no_render_nothing_of_theirs(tmp_path):
    every_option = render(tmp_path / "all", **OPTION_SETS["all-options"])
    none = render(tmp_path / "none", **dict.fromkeys(OPTION_FILES, False))
    for option, patterns in OPTION_FILES.items():
        for pattern in patterns:
            assert list(every_option.glob(pattern)), f"{option} renders {pattern}"
            assert not list(none.glob(pattern)), f"{option}=no still renders {pattern}"
    build_files = ("pyproject.toml", "Makefile")
    for option, words in OPTION_WORDS.items():
        for word in words:
            assert any(word in (every_option / name).read_text() for name in build_files)
            assert not any(word in (none / name).read_text() for name in build_files), option


# What each yes/no option adds to the README's architecture diagram.
OPTION_DIAGRAM = {
    "realtime": ["WebSocket API"],
    "batch": ["Step Functions", "jobs"],
    "static_ip": ['subgraph network["VPC"]', "Elastic IP"],
    "admin_pool": ["admin pool"],
    "auto_verify": ["pre-sign-up"],
    "web_app": ["Web app"],
    "board": ["posts"],
}


def readme_diagram(project) -> str:
    (diagram,) = [
        token.content
        for token in MarkdownIt().parse((project / "README.md").read_text())
        if token.type == "fence" and token.info == "mermaid"
    ]
    return diagram


def test_readme_draws_the_projects_own_architecture(tmp_path):
    every_option = readme_diagram(render(tmp_path / "all", **OPTION_SETS["all-options"]))
    none = readme_diagram(render(tmp_path / "none", **dict.fromkeys(OPTION_DIAGRAM, False)))
    for option, words in OPTION_DIAGRAM.items():
        for word in words:
            assert word in every_option, f"{option}: {word}"
            assert word not in none, f"{option}=no still draws {word}"
    assert "Google, Apple" in every_option and "Hosted UI" not in none


def test_workflows_call_existing_make_targets(tmp_path):
    project = render(tmp_path / "defaults")
    workflow = yaml.safe_load((project / ".github/workflows/ci.yml").read_text())
    targets = set(re.findall(r"^([a-z-]+):", (project / "Makefile").read_text(), re.M))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    # the targets named after `make` (up to the first VAR=value or the end of the line)
    called = {
        target
        for step in steps
        for match in re.findall(r"\bmake((?: [a-z-]+)+)", step.get("run", ""))
        for target in match.split()
    }
    assert called == {"test", "synth", "deploy"}
    assert called <= targets
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"]["id-token"] == "write"  # OIDC, no stored keys
    assert "aws-access-key-id" not in yaml.safe_dump(workflow)
    previews = yaml.safe_load((project / ".github/workflows/previews.yml").read_text())
    steps = {name: job.get("steps", []) for name, job in previews["jobs"].items()}
    called = {
        name: {t for step in job for t in re.findall(r"\bmake ([a-z-]+)", step.get("run", ""))}
        for name, job in steps.items()
    }
    assert called == {
        "deploy": {"deploy"},
        "destroy": {"destroy"},
        "comment": set(),
        "expire": {"expire-previews"},
    }
    assert set().union(*called.values()) <= targets
    for name in ("deploy", "destroy"):  # the role: never for a fork's pull request
        job = previews["jobs"][name]
        assert "head.repo.full_name == github.repository" in job["if"]
        assert job["permissions"] == {"contents": "read", "id-token": "write"}
    assert previews["jobs"]["comment"]["permissions"] == {"pull-requests": "write"}
    assert previews["permissions"] == {}


# How every action is pinned: `uses: owner/repo@<commit SHA> # <version>`. Dependabot updates both.
PINNED_USES = re.compile(r"uses: ([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # (v\d+(?:\.\d+)*)$", re.M)


def action_pins(workflow: Path) -> dict[str, tuple[str, str]]:
    """{action: (commit, version)} of a workflow whose every action is pinned, one way each."""
    text = workflow.read_text()
    found = PINNED_USES.findall(text)
    assert len(found) == text.count("uses: "), f"{workflow}: an action not pinned so"
    pins = {action: (commit, version) for action, commit, version in found}
    assert len(pins) == len(set(found)), f"{workflow}: an action pinned two ways"
    return pins


def test_the_rendered_workflow_pins_what_the_repository_workflow_pins():
    """Dependabot updates .github/workflows/ but cannot read the Jinja workflow: this catches it."""
    ours = action_pins(TEMPLATE / ".github/workflows/ci.yml")
    rendered = action_pins(TEMPLATE / "template/.github/workflows/ci.yml.jinja") | action_pins(
        TEMPLATE / "template/.github/workflows/previews.yml"
    )
    shared = ours.keys() & rendered.keys()
    assert shared, "the two workflows share checkout and setup actions"
    assert {action: rendered[action] for action in shared} == {a: ours[a] for a in shared}


def test_lint_fails_on_an_unpinned_action(tmp_path):
    """The rendered `make lint` runs zizmor over .github/: a tag instead of a commit SHA fails."""
    project = render(tmp_path / "defaults")
    run_make(project, "lint")
    workflow = project / ".github/workflows/ci.yml"
    step = "      - run: make test synth"
    edit(workflow, step, f"      - uses: actions/checkout@v5\n{step}")
    result = make(project, "lint")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "unpinned-uses" in output and "actions/checkout@v5" in output, output


@pytest.mark.parametrize("name", RENDERED_SETS)
def test_rendered_project_tests_and_synthesizes(tmp_path, name):
    project = render(tmp_path / name, **RENDERED_SETS[name])
    share_installs(project)
    if name in MATRIX:
        seconds = run_make(project, "test", timeout=1500, **LEAVES_OUT["matrix"])
    else:
        settings = LEAVES_OUT[name]
        if name == "defaults":  # uploads in every region (backend/tests/test_regions.py)
            settings = {**settings, "TEST_REGIONS": " ".join(offered_regions())}
        seconds = run_make(project, "test", "synth", timeout=1500, **settings)
        templates = sorted(p.name for p in (project / "infra/cdk.out").glob("*.template.json"))
        answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
        slug = answers["project_slug"]
        # dev and prod, and prod's WAF for CloudFront: a stack in us-east-1 unless prod is there
        edge = answers["waf"] and answers["aws_region"] != "us-east-1"
        stacks = [f"{slug}-dev", f"{slug}-prod", *([f"{slug}-prod-edge"] if edge else [])]
        assert templates == sorted(f"{stack}.template.json" for stack in stacks)
    print(f"{name}: make test took {seconds:.1f}s")


def test_every_offered_region_renders_the_same_project_but_its_name(tmp_path):
    """The region is data (settings and infra config): with its name put back, a project
    rendered for any region is the default one, so the defaults' run of the region tests for
    every region (TEST_REGIONS) stands for each region's own."""
    default = "ap-northeast-2"

    def lines_of(project: Path) -> dict[str, list[str]]:
        paths = [p for p in project.rglob("*") if ".git" not in p.relative_to(project).parts]
        return {
            # surrogateescape: the seed's pictures are not text, and compare all the same
            p.relative_to(project).as_posix(): p.read_text(errors="surrogateescape").splitlines()
            for p in paths
            if p.is_file()
        }

    base = lines_of(render(tmp_path / default, web_app=False))
    for region in offered_regions():
        project = lines_of(render(tmp_path / region, aws_region=region, web_app=False))
        assert project.keys() == base.keys(), region
        for path, lines in project.items():
            assert len(lines) == len(base[path]), f"{region}: {path}"
            for ours, default_line in zip(lines, base[path], strict=True):
                if ours == default_line or ours.startswith("_commit: "):  # a dirty tree's commit
                    continue
                assert ours == default_line.replace(default, region), f"{path}: {ours}"


def test_rendering_makes_a_git_repository_once(tmp_path):
    project = render(tmp_path / "defaults")
    head = subprocess.run(["git", "status", "--porcelain"], cwd=project, capture_output=True)
    assert head.returncode == 0 and head.stdout  # a repository, nothing committed for the user
    inner = render(project / "packages" / "second")  # inside a work tree: no nested repository
    assert not (inner / ".git").exists()
