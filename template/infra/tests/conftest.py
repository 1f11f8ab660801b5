import contextlib
import dataclasses
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from aws_cdk import Stack
from aws_cdk.assertions import Template

from stacks.config import PROJECT, STAGES
from stacks.stage import build_app


@contextlib.contextmanager
def built(project=PROJECT, stages=STAGES, stage="dev") -> Iterator[Stack]:
    """The stage's stack, built in a folder removed afterwards (without an outdir the CDK makes a
    /tmp/cdk.outXXXX per app, with a copy of the Lambda bundle, and leaves it)."""
    with tempfile.TemporaryDirectory(prefix="cdk.out") as outdir:
        _app, (stack,) = build_app(project, stages, outdir=outdir, context={"stage": stage})
        yield stack


def synth(project=PROJECT, stages=STAGES, stage="dev") -> Template:
    """The stage's template, synthesized (cdk-nag too) in a folder removed afterwards."""
    with built(project, stages, stage) as stack:
        return Template.from_stack(stack)


@pytest.fixture(scope="session")
def config():
    """The infra's config module (answers, conventions), for test files with no package name."""
    from stacks import config

    return config


@pytest.fixture(scope="session")
def synthesized(tmp_path_factory) -> dict[str, tuple[Path, Path | None]]:
    """Every stage synthesized once, as `make synth` does: cdk-nag findings fail here. Each
    stage's template, and its us-east-1 stack's (WAF outside us-east-1), else None."""
    outdir = tmp_path_factory.mktemp("cdk.out")
    app, stacks = build_app(PROJECT, STAGES, outdir=str(outdir))
    app.synth()
    return {
        name: (outdir / stack.template_file, stack.edge and outdir / stack.edge.template_file)
        for name, stack in zip(STAGES, stacks, strict=True)
    }


@pytest.fixture(scope="session")
def stage_templates(synthesized) -> dict[str, Path]:
    return {name: stack for name, (stack, _edge) in synthesized.items()}


@pytest.fixture(scope="session")
def edge_templates(synthesized) -> dict[str, Path]:
    """The us-east-1 stacks of the stages with WAF outside us-east-1 (waf.py's EdgeStack)."""
    return {name: edge for name, (_stack, edge) in synthesized.items() if edge}


@pytest.fixture(scope="session")
def dev_template(stage_templates) -> Template:
    return Template.from_json(json.loads(stage_templates["dev"].read_text()))


@pytest.fixture(scope="session")
def prod_template(stage_templates) -> Template:
    return Template.from_json(json.loads(stage_templates["prod"].read_text()))


def pytest_collection_modifyitems(items):
    """Mark the tests that synthesize other answers or stage settings than this project's own.

    The template's render matrix deselects them (pyproject.toml's markers); its named sets run them.
    """
    for item in items:
        if {"synth_with", "synth_stage"} & set(getattr(item, "fixturenames", ())):
            item.add_marker("other_answers")


@pytest.fixture
def built_stack():
    """`with built_stack(project, stage="pr-7") as stack:` the stack, its folder removed after."""
    return built


@pytest.fixture
def synth_with():
    """Synthesize the dev stack with some answers changed, e.g. synth_with(warmer_minutes=0)."""
    return lambda **answers: synth(dataclasses.replace(PROJECT, **answers))


@pytest.fixture
def stack_with(tmp_path):
    """The dev stack's constructs (not synthesized) with some answers changed."""

    def build(**answers):
        project = dataclasses.replace(PROJECT, **answers)
        outdir = str(tmp_path / "cdk.out")
        _app, (stack,) = build_app(project, STAGES, outdir=outdir, context={"stage": "dev"})
        return stack

    return build


@pytest.fixture
def synth_stage():
    """Synthesize the dev stack with some stage settings changed, e.g. synth_stage(tags={})."""
    return lambda **settings: synth(
        stages={**STAGES, "dev": dataclasses.replace(STAGES["dev"], **settings)}
    )
