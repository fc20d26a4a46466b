# The two commands of the README's contract: `make run` and `make test`.
# Each creates .venv when it is missing or older than pyproject.toml, installs Duet with its
# test extras, then runs.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint bench clean package wheel-check translations

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Duet needs Python 3.11 or newer; set PYTHON=python3.11")'
	@if [ ! -x $(BIN)/python ] || ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then \
		rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); fi
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/duet

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python benchmarks/align_speed.py

# The standalone one-folder bundle in dist/duet/ (PyInstaller, packaging/duet.spec), then its
# smoke test (the bundled binary's --version and --screenshot, run without the venv), then the
# tarball dist/duet-VERSION-linux-ARCH.tar.gz. Takes about a minute; CI does not run it.
package: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,package]'
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/duet.spec
	$(BIN)/python packaging/smoke_test.py dist/duet/duet
	cd dist && tar czf duet-$$(../$(BIN)/python -c 'import reader; print(reader.__version__)')-linux-$$(uname -m).tar.gz duet

# Build the wheel, install it with its dependencies into a fresh venv outside the checkout and run
# it from there (what `pipx install .` does). The slow e2e test does the same.
wheel-check: $(STAMP)
	$(BIN)/python packaging/wheel_check.py

# Refresh the Vietnamese catalogue from the UI sources (new strings arrive untranslated), then
# compile the shipped .qm. Both files are committed, so a fresh clone runs without this step.
translations: $(STAMP)
	$(BIN)/pyside6-lupdate -locations none reader/ui/*.py -ts resources/i18n/duet_vi.ts
	$(BIN)/pyside6-lrelease resources/i18n/duet_vi.ts -qm resources/i18n/duet_vi.qm

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .hypothesis
