# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.

from jxc_addon.tests.tools import SHARED_MODULES, TranslationTestMixin
from trytond.modules.company.tests import (
    CompanyTestMixin, create_company, set_company)
from trytond.pool import Pool
from trytond.tests.test_tryton import (
    ModuleTestCase, _DBTestCase, activate_module, drop_db, with_transaction)


class JxcRfqTestCase(
        TranslationTestMixin, CompanyTestMixin, ModuleTestCase):
    "Test JXC request for quotation module"
    module = 'jxc_rfq'

    @classmethod
    def setUpClass(cls):
        # The database of jxc_addon's tests, where jxc_rfq is activated too,
        # instead of a database of its own
        super(_DBTestCase, cls).setUpClass()
        drop_db()
        activate_module(SHARED_MODULES)

    @with_transaction()
    def test_quotation_sequence(self):
        "Quotations are numbered XJ, the date and a daily counter"
        Configuration = Pool().get('purchase.configuration')
        with set_company(create_company()):
            sequence = Configuration(1).purchase_request_quotation_sequence
        self.assertEqual(sequence.prefix, 'XJ${date_Y}${date_m}${date_d}')
        self.assertEqual(sequence.reset, 'day')


del ModuleTestCase
