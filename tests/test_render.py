"""Render option sets and run each rendered project's own `make test` and `make synth`."""

import re

import pytest
from conftest import render, run_make
from option_sets import OPTION_SETS

# A Jinja expression or tag; Python's `{{"a": {}}}`, Actions' `${{ x }}` and CloudFormation's
# `{{resolve:...}}` are not leftovers.
LEFTOVER_JINJA = re.compile(r"(?<!\$)\{\{(?!resolve:)\s*\w|\{%|%\}")


def test_rendered_files_have_no_leftover_jinja(tmp_path):
    for name, answers in OPTION_SETS.items():
        project = render(tmp_path / name, **answers)
        for path in project.rglob("*"):
            if path.is_file():
                text = path.read_text()
                assert not LEFTOVER_JINJA.search(text), f"{name}: {path.relative_to(project)}"
                assert not path.name.endswith(".jinja"), path


@pytest.mark.parametrize("name", OPTION_SETS)
def test_rendered_project_tests_and_synthesizes(tmp_path, name):
    project = render(tmp_path / name, **OPTION_SETS[name])
    seconds = run_make(project, "test", "synth")
    templates = sorted(p.name for p in (project / "infra" / "cdk.out").glob("*.template.json"))
    assert len(templates) == 2, templates  # dev and prod
    print(f"{name}: make test synth took {seconds:.1f}s")
