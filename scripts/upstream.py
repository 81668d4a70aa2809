# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Run Tryton's own test suites of some modules with JXC activated too.

Each database that a test of module X activates (its module tests and its
scenarios) gets jxc_addon, jxc_rfq and jxc_privacy as well.  The outcome of
each test is compared with the expected failures of docs/compatibility.md:
a test that fails and is not listed there, or that is listed and passes,
fails the run.

With --control, the databases get the modules JXC depends on instead of
JXC: a test that fails there too fails because of those modules, not of JXC.

    python scripts/upstream.py [--expected FILE] [--control] [MODULE ...]
"""
import argparse
import configparser
import importlib
import re
import sys
import time
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULES = [
    'stock', 'purchase', 'sale', 'account_invoice', 'account_invoice_stock',
    'purchase_request_quotation', 'stock_supply', 'account_payment',
    'account_statement']
JXC = ['jxc_addon', 'jxc_rfq', 'jxc_privacy']
# A row of the table of expected failures: | `module:test` | ...
EXPECTED = re.compile(r'^\|\s*`(?P<test>[a-z_]+:[^`]+)`\s*\|', re.M)


def jxc_depends():
    "Return the modules that JXC depends on, without JXC's"
    depends = set()
    for module in JXC:
        config = configparser.ConfigParser()
        config.read(ROOT / module / 'tryton.cfg')
        depends.update(config.get('tryton', 'depends').split())
    return depends - set(JXC) - {'ir', 'res'}


def patch_activation(extra, implied):
    """Make the module tests and the scenarios activate the extra modules
    too, without the modules they imply: the same database gets the same
    name, so the DB cache has it once"""
    from trytond.tests import test_tryton, tools

    activate_module = test_tryton.activate_module
    activate_modules = tools.activate_modules

    def with_extra(modules):
        if isinstance(modules, str):
            modules = [modules]
        return sorted((set(modules) - set(implied)) | set(extra))

    def activate_module_jxc(modules, *args, **kwargs):
        return activate_module(with_extra(modules), *args, **kwargs)

    def activate_modules_jxc(modules, *setup):
        return activate_modules(with_extra(modules), *setup)

    test_tryton.activate_module = activate_module_jxc
    tools.activate_modules = activate_modules_jxc


def iter_tests(suite):
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            yield from iter_tests(test)
        else:
            yield test


def load(module):
    "Return the test suite of Tryton's module"
    loader = unittest.TestLoader()
    suite = unittest.TestSuite()
    package = f'trytond.modules.{module}.tests'
    for name in ['test_module', 'test_scenario']:
        try:
            tests = importlib.import_module(f'{package}.{name}')
        except ModuleNotFoundError as exception:
            if exception.name != f'{package}.{name}':
                raise
            continue
        suite.addTests(loader.loadTestsFromModule(tests))
    return suite


def test_name(module, test):
    "Return module:name, where name is Class.method or the scenario's file"
    test = getattr(test, 'test_case', test)  # a subTest
    if hasattr(test, '_dt_test'):
        return f'{module}:{Path(test._dt_test.filename).name}'
    return f'{module}:{type(test).__name__}.{test._testMethodName}'


class Result(unittest.TextTestResult):

    def __init__(self, module, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.module = module
        self.outcomes = {}

    def _set(self, test, outcome):
        name = test_name(self.module, test)
        if self.outcomes.get(name) != 'failed':
            self.outcomes[name] = outcome

    def addSuccess(self, test):
        super().addSuccess(test)
        self._set(test, 'passed')

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._set(test, 'skipped')

    def addError(self, test, err):
        super().addError(test, err)
        if isinstance(test, unittest.suite._ErrorHolder):
            # setUpClass or a module fixture: count it on the module
            self.outcomes[f'{self.module}:{test.description}'] = 'failed'
        else:
            self._set(test, 'failed')

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._set(test, 'failed')

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self._set(test, 'failed')


def expected_failures(path):
    return set(EXPECTED.findall(path.read_text(encoding='utf-8')))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument(
        '--expected', type=Path, default=ROOT / 'docs' / 'compatibility.md')
    parser.add_argument(
        '--control', action='store_true',
        help="activate the modules JXC depends on instead of JXC")
    parser.add_argument('modules', nargs='*', default=MODULES)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from conftest import isolate_memory_database
    isolate_memory_database()
    if args.control:
        patch_activation(jxc_depends(), jxc_depends())
    else:
        patch_activation(JXC, jxc_depends())

    expected = expected_failures(args.expected)
    outcomes = {}
    for module in args.modules:
        start = time.monotonic()
        print(f"==================== {module} ====================",
            flush=True)
        runner = unittest.TextTestRunner(
            stream=sys.stdout, verbosity=2,
            resultclass=lambda *a, **k: Result(module, *a, **k))
        result = runner.run(load(module))
        outcomes.update(result.outcomes)
        print(f"{module}: {time.monotonic() - start:.0f} s", flush=True)

    failed = {t for t, o in outcomes.items() if o == 'failed'}
    ran = {t.split(':')[0] for t in outcomes}
    new = sorted(failed - expected)
    fixed = sorted(
        t for t in expected - failed if t.split(':')[0] in ran)
    print("==================== summary ====================")
    if args.control:
        for name in sorted(outcomes):
            if outcomes[name] == 'failed' or name in expected:
                print(f"control {outcomes[name]}  {name}")
        return 0
    for name in new:
        print(f"NEW FAILURE  {name}")
    for name in fixed:
        print(f"UNEXPECTED PASS (remove it from {args.expected.name})  "
            f"{name}")
    for name in sorted(failed & expected):
        print(f"expected failure  {name}")
    passed = sum(o == 'passed' for o in outcomes.values())
    skipped = sum(o == 'skipped' for o in outcomes.values())
    print(f"upstream: {passed} passed, {len(failed)} failed, "
        f"{skipped} skipped")
    return 1 if new or fixed else 0


if __name__ == '__main__':
    sys.exit(main())
