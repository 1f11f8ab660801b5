"""`copier update` from an earlier commit of this repository to the working tree.

A clone of this repository gets the working tree committed. A project rendered from an earlier
commit (before the local stack moved backend/tests/events.py to local/events.py) gets user
edits, then updates to the clone's HEAD. No release tags: the migrations must not need them.
"""

import shutil
import subprocess
import warnings
from pathlib import Path

import copier
import pytest
import yaml
from conftest import TEMPLATE, edit

OLD_RELEASE = "3bcd21d9464772aa68224930cf0f672312fdeba4"  # storage and client config, no make dev
OUR_ROUTE = '"""Our reports."""\n\nfrom fastapi import APIRouter\n\nrouter = APIRouter()\n'
OUR_EVENT = '\n\ndef report_event() -> dict:\n    return rest_event("GET", "/reports")\n'
OUR_QUERY = "\n\ndef users_table() -> str:\n    return get_settings().users_table\n"
OUR_TEST = (
    "from unittest import mock\n\nfrom my_app.routes import reports\n\n\n"
    'def test_reports():\n    with mock.patch("my_app.routes.reports.router"):\n'
    "        assert reports\n"
)
GIT_USER = ["-c", "user.name=Test", "-c", "user.email=test@example.com"]


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *GIT_USER, *args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def releases(tmp_path_factory) -> Path:
    """A clone of this repository with the working tree committed, and no tags."""
    clone = tmp_path_factory.mktemp("template")
    git(TEMPLATE, "clone", "--quiet", str(TEMPLATE), str(clone))
    listed = git(TEMPLATE, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    present = {name for name in listed.split("\0") if name and (TEMPLATE / name).is_file()}
    for name in git(clone, "ls-files", "-z").split("\0"):
        if name and name not in present:
            (clone / name).unlink()  # deleted or moved away in the working tree
    for name in present:
        (clone / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(TEMPLATE / name, clone / name)
    git(clone, "add", "--all")
    git(clone, "commit", "--quiet", "--allow-empty", "-m", "working tree")
    for tag in git(clone, "tag", "--list").split():
        git(clone, "tag", "--delete", tag)
    return clone


def updated_after(releases: Path, project: Path, version: str, our_edits) -> Path:
    """`project` rendered from `version` and committed, `our_edits(project)` committed, then
    updated to the clone's HEAD."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        copier.run_copy(str(releases), project, vcs_ref=version, defaults=True, unsafe=True)
        git(project, "init", "--quiet")
        git(project, "add", "--all")
        git(project, "commit", "--quiet", "-m", "rendered from an earlier commit")
        our_edits(project)
        git(project, "add", "--all")
        git(project, "commit", "--quiet", "-m", "our edits")
        commits = git(project, "rev-list", "HEAD")
        copier.run_update(project, vcs_ref="HEAD", defaults=True, unsafe=True, overwrite=True)
    assert git(project, "rev-list", "HEAD") == commits, "tasks never re-create the repository"
    return project


def append(path: Path, text: str) -> None:
    with path.open("a") as file:
        file.write(text)


@pytest.fixture(scope="module")
def updated(releases, tmp_path_factory) -> Path:
    def our_edits(project: Path) -> None:
        """Docs, a new route, a setting, moved files, a line the template changes."""
        append(project / "README.md", "\nOur on-call rota lives in the wiki.\n")
        (project / "backend/src/my_app/routes/reports.py").write_text(OUR_ROUTE)
        edit(project / "infra/my_app_infra/config.py", "throttle_rate=200", "throttle_rate=300")
        append(project / "backend/tests/events.py", OUR_EVENT)
        append(project / "backend/src/my_app/db.py", OUR_QUERY)
        edit(project / "Makefile", "client-config clean", "client-config seed clean")
        (project / "backend/tests/test_reports.py").write_text(OUR_TEST)

    project = tmp_path_factory.mktemp("project") / "my-app"
    return updated_after(releases, project, OLD_RELEASE, our_edits)


def test_user_edits_survive(updated):
    assert "Our on-call rota lives in the wiki." in (updated / "README.md").read_text()
    assert "throttle_rate=300" in (updated / "infra/stacks/config.py").read_text()


def test_the_packages_new_names_take_what_the_user_added(updated):
    """my_app and my_app_infra became api and stacks: a module the user added moves with them,
    and the user's imports of the old names follow."""
    assert not (updated / "backend/src/my_app").exists()
    assert not (updated / "infra/my_app_infra").exists()
    assert (updated / "backend/src/api/routes/reports.py").read_text() == OUR_ROUTE
    assert (updated / "backend/tests/test_reports.py").read_text() == OUR_TEST.replace(
        "my_app.", "api."
    )


def test_template_changes_arrive(updated, releases):
    assert "make dev" in (updated / "README.md").read_text()
    assert (updated / "local/gateway.py").is_file()
    assert (updated / "infra/stacks/nag.py").is_file()
    assert (updated / ".github/workflows/ci.yml").is_file()
    head = git(releases, "rev-parse", "--short", "HEAD").strip()
    # (as YAML: a hash of digits alone is written quoted)
    answers = yaml.safe_load((updated / ".copier-answers.yml").read_text())
    assert str(answers["_commit"]) == head


def test_a_question_added_later_is_off_for_an_older_project(updated):
    """web_app, board, mfa and waf came after OLD_RELEASE: an update adds none (a fresh copy
    does)."""
    answers = yaml.safe_load((updated / ".copier-answers.yml").read_text())
    assert answers["web_app"] is False and answers["board"] is False
    assert not (updated / "web").exists()
    assert "web-client" not in (updated / "Makefile").read_text()
    assert not list(updated.glob("**/board.py")) and not list(updated.glob("**/posts.py"))
    assert "posts" not in (updated / "infra/stacks/config.py").read_text()
    # mfa came after it too: "off" (the pool it deployed has no MFA); a new project: optional.
    assert answers["mfa"] == "off"
    assert 'mfa="off"' in (updated / "infra/stacks/config.py").read_text()
    # waf too: prod stays without a web ACL (and its bill); a new project's prod has one.
    assert answers["waf"] is False
    assert "waf=False" in (updated / "infra/stacks/config.py").read_text()


def test_edits_of_a_moved_file_follow_it(updated):
    assert not (updated / "backend/tests/events.py").exists()
    moved = (updated / "local/events.py").read_text()
    assert "def report_event() -> dict:" in moved
    assert "def cognito_event(" in moved  # the template's newer version, merged


def test_edits_follow_a_file_of_the_package_that_was_renamed(updated):
    """db.py became records.py, then the package became api: the edits follow both moves."""
    assert not (updated / "backend/src/my_app/db.py").exists()
    records = (updated / "backend/src/api/records.py").read_text()
    assert OUR_QUERY.strip() in records
    assert "def put_file(" in records  # the template's newer version, merged


def test_a_line_both_sides_changed_is_a_conflict_not_an_overwrite(updated):
    makefile = (updated / "Makefile").read_text()
    assert "<<<<<<<" in makefile and ">>>>>>>" in makefile
    assert "client-config seed clean" in makefile  # ours, next to the template's new .PHONY


# The web app's pages/ became features/ after this commit; profile queries, the capability type
# and the admin console's start moved beside what uses them.
WEB_RELEASE = "3300e882a3ac865967293ba0956e8529bebe73f7"
OUR_NOTE = "// Our note: keep the upload button in view.\n"
OURS_TOO = "// Ours too.\n/** Where `/` leads. */"


@pytest.fixture(scope="module")
def web_updated(releases, tmp_path_factory) -> Path:
    """A project with the web app, rendered before features/, edited, then updated."""

    def our_edits(project: Path) -> None:
        append(project / "web/src/pages/files/FilesPage.tsx", OUR_NOTE)
        # pages/index.ts is a template that decides by the answers (which capabilities)
        edit(project / "web/src/pages/index.ts", "/** Where `/` leads. */", OURS_TOO)
        append(project / "web/src/admin/start.tsx", OUR_NOTE)

    project = tmp_path_factory.mktemp("web-project") / "my-app"
    return updated_after(releases, project, WEB_RELEASE, our_edits)


def test_web_edits_follow_their_files_into_features(web_updated):
    web = web_updated / "web/src"
    assert not (web / "pages").exists()
    assert (web / "features/files/FilesPage.tsx").read_text().endswith(OUR_NOTE)
    capabilities = (web / "features/index.ts").read_text()
    assert "// Ours too." in capabilities and "{%" not in capabilities
    console = (web / "admin/index.tsx").read_text()
    assert OUR_NOTE in console and "export async function start(" in console
