# JXC: `make demo` sets up and starts the demo, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SAO := .sao/package

.PHONY: demo test install clean

demo: install
	bash scripts/system_deps.sh demo
	$(PY) scripts/jxc.py setup --demo
	$(PY) scripts/jxc.py serve

test: install
	bash scripts/run_tests.sh

install: $(VENV)/.installed $(SAO)/.installed $(SAO)/custom.css

$(VENV)/.installed: setup.cfg pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(SAO)/.installed:
	bash scripts/install_sao.sh .sao
	touch $@

$(SAO)/custom.css: sao/custom.css $(SAO)/.installed
	cp sao/custom.css $@

clean:
	rm -rf $(VENV) .sao var test-output *.egg-info
