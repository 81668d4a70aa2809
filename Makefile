# JXC: `make demo` sets up and starts the demo, `make test` runs every test,
# `make test-upstream` runs Tryton's own tests with JXC (docs/compatibility.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SAO := .sao/package
# Tryton's modules that only the upstream tests use stay out of JXC's venv
UPSTREAM_VENV := var/venv-upstream

.PHONY: demo test test-upstream install clean

demo: install
	bash scripts/system_deps.sh demo
	$(PY) scripts/jxc.py setup --demo
	$(PY) scripts/jxc.py serve

test: install
	bash scripts/run_tests.sh

test-upstream: $(UPSTREAM_VENV)/.installed
	UPSTREAM_VENV=$(UPSTREAM_VENV) bash scripts/run_upstream.sh

install: $(VENV)/.installed $(SAO)/.installed $(SAO)/custom.css

$(VENV)/.installed: setup.cfg pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(UPSTREAM_VENV)/.installed: setup.cfg pyproject.toml
	test -x $(UPSTREAM_VENV)/bin/python || $(PYTHON) -m venv $(UPSTREAM_VENV)
	$(UPSTREAM_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(UPSTREAM_VENV)/bin/python -m pip install --quiet -e '.[test,upstream]'
	touch $@

$(SAO)/.installed: scripts/install_sao.sh scripts/sao_zh_CN.json
	bash scripts/install_sao.sh .sao
	touch $@

$(SAO)/custom.css: sao/custom.css $(SAO)/.installed
	cp sao/custom.css $@

clean:
	rm -rf $(VENV) .sao var test-output *.egg-info
