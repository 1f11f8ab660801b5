# copier-aws-serverless: the template's own tasks. `make help` lists them.
.DEFAULT_GOAL := help
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

UV_VERSION := 0.13.8
# Use uv from PATH when there is one, else bootstrap it into .venv from PyPI.
UV ?= $(or $(shell command -v uv 2>/dev/null),$(CURDIR)/.venv/bin/uv)
export UV
DEMO_DIR ?= $(CURDIR)/build/demo
# pytest workers for the render matrix (each runs a rendered project's make test/synth).
WORKERS ?= 2

export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20
# mkdocs-material prints an end-of-life banner on every build.
export NO_MKDOCS_2_WARNING := 1

.PHONY: help install demo test lint docs bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12

$(CURDIR)/.venv/bin/uv:
	python3 -m venv .venv
	.venv/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

install: | $(UV) ## .venv with the template's dev tools (copier, pytest, ruff), pinned in uv.lock
	$(UV) sync --quiet --locked

demo: install ## render the default project into build/demo, check it, start its local stack
	rm -rf $(DEMO_DIR)
	$(UV) run --no-sync copier copy --defaults --trust --quiet --vcs-ref HEAD . $(DEMO_DIR)
	$(MAKE) -C $(DEMO_DIR) test synth
	@echo "Starting the project's local stack (Ctrl-C stops it); see $(DEMO_DIR)/README.md"
	$(MAKE) -C $(DEMO_DIR) dev

lint: install ## ruff over the template's own Python (rendered code is linted in its own tests)
	$(UV) run --no-sync ruff check .
	$(UV) run --no-sync ruff format --check .

docs: install ## build the docs site into build/site; broken links and missing pages fail
	$(UV) run --no-sync mkdocs build --strict

test: lint docs ## the whole suite: questions, render matrix, each rendered project's test and synth
	$(UV) run --no-sync pytest -n $(WORKERS)

bench: install ## render two projects into build/bench; print cold start, request, bundle, render and synth figures
	$(UV) run --no-sync python tests/benchmark.py

clean: ## remove build output
	rm -rf build .pytest_cache .ruff_cache
