# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Let pytest run the scenario doctests of the modules.

Tryton collects them with the unittest ``load_tests`` protocol, which pytest
does not follow: each ``tests/test_scenario.py`` becomes a collector whose
items are the doctests that ``load_tests`` returns."""
import importlib
import unittest

import pytest


def pytest_collect_file(file_path, parent):
    if file_path.name == 'test_scenario.py':
        return ScenarioFile.from_parent(parent, path=file_path)


def _iter_tests(suite):
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            yield from _iter_tests(test)
        else:
            yield test


class ScenarioFile(pytest.File):

    def collect(self):
        name = '.'.join(
            self.path.relative_to(self.config.rootpath).with_suffix('').parts)
        module = importlib.import_module(name)
        suite = module.load_tests(
            unittest.TestLoader(), unittest.TestSuite(), None)
        for test in _iter_tests(suite):
            yield ScenarioItem.from_parent(
                self, name=test.id().rsplit('.', 1)[-1], test=test)


class ScenarioFailure(Exception):
    pass


class ScenarioItem(pytest.Item):

    def __init__(self, *, test, **kwargs):
        super().__init__(**kwargs)
        self.test = test

    def runtest(self):
        result = unittest.TestResult()
        self.test.run(result)
        problems = result.errors + result.failures
        if problems:
            raise ScenarioFailure('\n'.join(text for _, text in problems))
        if result.skipped:
            pytest.skip(result.skipped[0][1])

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, ScenarioFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, self.name
