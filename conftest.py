# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Let pytest run the scenario doctests of the modules, each test on its own
data.

Tryton collects the scenarios with the unittest ``load_tests`` protocol,
which pytest does not follow: each ``tests/test_scenario.py`` becomes a
collector whose items are the doctests that ``load_tests`` returns."""
import importlib
import os
import unittest

import pytest

# More seconds than any test run lasts
NEVER = 10 ** 9


def isolate_memory_database():
    """Keep each test's transaction rolled back on SQLite in memory

    The database in memory is a single connection that every transaction of
    the thread shares.  Tryton's cache sync, when its clean_timeout (300 s)
    has passed, asks that connection in autocommit mode at the start of a
    transaction: the test running then commits each statement and its
    rollback keeps them, so the next tests find its records (issue 14,
    item 10).  One process alone uses a database in memory, so there is no
    other process's cache to sync with."""
    from trytond import backend
    from trytond.config import config

    if (backend.name == 'sqlite'
            and os.environ.get('DB_NAME', ':memory:') == ':memory:'):
        config.set('cache', 'clean_timeout', str(NEVER))


def pytest_configure(config):
    isolate_memory_database()


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
