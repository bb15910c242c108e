# The two commands a new user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
JOBS   ?= 2

.PHONY: demo test lint templates clean system

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The Debian packages both need (LibreOffice, Tesseract, PostgreSQL, Chromium…):
# installed when missing, or a clear failure naming them.
system:
	bash .ci/system-packages

demo: $(STAMP) system
	$(BIN)/cchc demo out/

test: $(STAMP) system
	BIN=$(BIN) JOBS=$(JOBS) bash .ci/test

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

templates: $(STAMP)
	$(BIN)/python -m cchc.templates.build

clean:
	rm -rf out .pytest_cache
