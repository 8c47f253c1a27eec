# Two commands on a fresh machine with Python ≥ 3.11 and make:  `make chat`  and  `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: chat run test lint bench install install-dev clean

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
	$(BIN)/python -m bot chat

## Install into .venv and start every configured channel (Telegram when TELEGRAM_BOT_TOKEN is set).
run: .stamp-install
	$(BIN)/python -m bot run

## Install into .venv, lint, validate the knowledge base and run the whole test suite.
test: .stamp-dev
	$(BIN)/ruff check .
	$(BIN)/python -m bot kb check
	$(BIN)/python -m pytest -q

lint: .stamp-dev
	$(BIN)/ruff check .

## Benchmarks (figures for the README; not part of the test suite).
bench: .stamp-dev
	$(BIN)/python benchmarks/faq_bench.py

clean:
	rm -rf $(VENV) .stamp-install .stamp-dev
