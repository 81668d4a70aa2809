# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt

from trytond.cache import MemoryCache
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction

from .tools import ActivatedTestCase

NAME = "隔离测试往来单位"
# Tryton's default cache clean_timeout, which a slow run of the suite passes
CLEAN_TIMEOUT = dt.timedelta(seconds=300)


@with_transaction()
def create_party():
    Party = Pool().get('party.party')
    Party.create([{'name': NAME}])


@with_transaction()
def count_parties():
    Party = Pool().get('party.party')
    return Party.search_count([('name', '=', NAME)])


class IsolationTestCase(ActivatedTestCase):
    "Tests do not see each other's records"

    def test_rollback(self):
        "The records of a test are gone after it"
        create_party()
        self.assertEqual(count_parties(), 0)

    def test_rollback_after_cache_sync(self):
        "The records of a test are gone after it, when the cache synced"
        clean_last = MemoryCache._clean_last
        self.addCleanup(setattr, MemoryCache, '_clean_last', clean_last)
        MemoryCache._clean_last = (
            dt.datetime.now() - CLEAN_TIMEOUT - dt.timedelta(seconds=1))
        create_party()
        self.assertEqual(count_parties(), 0)
