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
# Rendered projects start many Python processes: compiled once, their imports are kept as bytecode.
unexport PYTHONDONTWRITEBYTECODE
# mkdocs-material prints an end-of-life banner on every build.
export NO_MKDOCS_2_WARNING := 1

.PHONY: help install demo test timings lint docs bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12

$(CURDIR)/.venv/bin/uv:
	@echo "First run: installing uv $(UV_VERSION) into .venv (uv is not on PATH)"
	@python3 -m venv .venv
	@.venv/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Synced again when the pins change; says so, since the first sync takes a while.
.venv/.synced: pyproject.toml uv.lock | $(UV)
	@echo "Installing the template's dev tools into .venv (copier, pytest, ruff, mkdocs; pinned in uv.lock)"
	@$(UV) sync --quiet --locked
	@touch $@

install: .venv/.synced ## .venv with the template's dev tools (copier, pytest, ruff), pinned in uv.lock
	@:  # up to date: say nothing

demo: install ## replace build/demo with the default project, check it, start its local stack
	@echo "Replacing $(DEMO_DIR) with a fresh render of the default answers"
	@rm -rf $(DEMO_DIR)
	@$(UV) run --no-sync copier copy --defaults --trust --quiet --vcs-ref HEAD . $(DEMO_DIR)
	@echo "Checking it: make test synth in $(DEMO_DIR) (a few minutes the first time)"
	@$(MAKE) --no-print-directory -C $(DEMO_DIR) test synth
	@echo
	@echo "Starting the demo's local stack (Ctrl-C stops it). Its commands run in build/demo; in another shell:"
	@echo "  cd $(DEMO_DIR:$(CURDIR)/%=%)"
	@echo "  make user EMAIL=ana@example.com PASSWORD='Corr3ct-Horse-Battery'   # prints an id token"
	@echo '  curl -H "Authorization: <token>" http://127.0.0.1:8000/me'
	@$(MAKE) --no-print-directory -C $(DEMO_DIR) dev

lint: install ## ruff over the template's Python; actionlint and zizmor over its .github/
	@echo "Linting the template's Python (ruff) and its .github/ (actionlint, zizmor)"
	@$(UV) run --no-sync ruff check --quiet .
	@$(UV) run --no-sync ruff format --check --quiet .
	@$(UV) run --no-sync actionlint -pyflakes=
	@$(UV) run --no-sync zizmor --offline --quiet .github/

docs: install ## build the docs site into build/site; broken links and missing pages fail
	@echo "Building the docs site (mkdocs, strict) into build/site"
	@$(UV) run --no-sync mkdocs build --strict --quiet

# -v names each test (and each rendered project) as it finishes; the slowest are listed at the end.
test: lint docs ## the whole suite: questions, render matrix, each rendered project's test and synth
	@echo "Running the template's tests on $(WORKERS) workers (about a quarter of an hour; the slowest phases are listed at the end)"
	@$(UV) run --no-sync pytest -n $(WORKERS) --maxschedchunk=1 -v

timings: install ## the last `make test`'s table: each rendered project's phases and their seconds
	@$(UV) run --no-sync python tests/timings.py build/timings

bench: install ## render two projects into build/bench; print cold start, request, bundle, render and synth figures
	@PYTHONPATH=tests $(UV) run --no-sync python bench/benchmark.py

clean: ## remove build output
	@rm -rf build .pytest_cache .ruff_cache
