# Two commands on a fresh machine with Python ≥ 3.11 and make:  `make chat`  and  `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: chat run test lint bench install install-dev clean browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

.stamp-install: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

.stamp-dev: pyproject.toml .stamp-install
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: .stamp-install
install-dev: .stamp-dev

## Install into .venv and chat with the bot in the terminal.
chat: .stamp-install
	$(BIN)/python -m bot kb build
	$(BIN)/python -m bot chat

## Install into .venv and start every configured channel (Telegram when TELEGRAM_BOT_TOKEN is set).
run: .stamp-install
	$(BIN)/python -m bot kb build
	$(BIN)/python -m bot run

## Chromium for the web chat's browser test: Debian's package when this machine has apt and we are root.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	      echo "warning: could not install chromium; the browser test will be skipped"; \
	    else echo "warning: chromium not found (install it); the browser test will be skipped"; fi; }

## Install into .venv, lint, validate the knowledge base and run the whole test suite.
test: .stamp-dev browser
	$(BIN)/ruff check .
	$(BIN)/python -m bot kb check
	$(BIN)/python -m bot kb build
	$(BIN)/python -m pytest -q -n auto --dist loadfile --no-loadscope-reorder

lint: .stamp-dev
	$(BIN)/ruff check .

## Benchmarks (figures for the README; not part of the test suite).
bench: .stamp-dev
	$(BIN)/python benchmarks/faq_bench.py

clean:
	rm -rf $(VENV) .stamp-install .stamp-dev
