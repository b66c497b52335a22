# Every target sets up .venv itself (tools/bootstrap.sh), so each works on a fresh clone.
.DEFAULT_GOAL := help
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?=
export PYTHON

.PHONY: help setup constraints lab formgrader test test-fast lint bench strip quizzes extension check-extension clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

setup:  ## create .venv and install the course (rerun-safe)
	@bash tools/bootstrap.sh

constraints: setup  ## upgrade within pyproject.toml's ranges and pin the result in constraints.txt (then run make test)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade -e ".[test]"
	@cp constraints.txt constraints.txt.new && $(BIN)/python -m pip freeze --exclude-editable \
		--disable-pip-version-check | $(BIN)/python tools/pin_constraints.py constraints.txt.new \
		&& mv constraints.txt.new constraints.txt

lab: setup  ## open the course in JupyterLab (127.0.0.1, token, free port)
	@$(BIN)/python -m course_lib.lab $(if $(LAB_PORT),--port $(LAB_PORT)) $(LAB_ARGS)

formgrader: setup  ## instructors: JupyterLab on the nbgrader course (assignments/, or COURSE=DIR), opening the formgrader
	@$(BIN)/python -m course_lib.lab --instructor $(if $(COURSE),--course-dir "$(COURSE)") $(if $(LAB_PORT),--port $(LAB_PORT)) $(LAB_ARGS)

test: setup  ## lint and run the whole test suite
	@$(BIN)/ruff check .
	@$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: setup  ## the suite without the browser, nbgrader pipeline and other-Python install suites
	@$(BIN)/python -m pytest -m "not browser and not pipeline and not slow" $(PYTEST_ARGS)

lint: setup  ## ruff
	@$(BIN)/ruff check .

bench: setup  ## run the benchmarks (or BENCH="lessons charts") and write BENCHMARKS.md
	@$(BIN)/python -m benchmarks.run $(BENCH)

strip: setup  ## remove outputs from every notebook (notebooks are committed clean)
	@$(BIN)/jupyter nbconvert --clear-output --inplace --log-level=WARN notebooks/*.ipynb assignments/source/*/*.ipynb

quizzes: setup  ## render assignments/source/ from the quiz data in assignments/quizzes/
	@$(BIN)/python -m course_lib.instructor.quizzes.build

extension:  ## rebuild the quiz forms' JupyterLab extension from extension/ into course_lib/labextension (needs npm)
	cd extension && npm ci --no-audit --no-fund && npm run build && npm test

check-extension:  ## prove that course_lib/labextension is exactly what extension/ builds, run its unit tests (CI)
	@bash tools/check_extension.sh

clean:  ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
