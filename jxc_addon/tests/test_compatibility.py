# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction

from .tools import ActivatedTestCase

# The fields that account_payment, a module installed beside JXC, adds to
# account.configuration: JXC must not define them with another meaning
# (docs/compatibility.md)
UPSTREAM_CONFIGURATION_FIELDS = {'payment_sequence', 'payment_group_sequence'}


class CompatibilityTestCase(ActivatedTestCase):
    "JXC leaves the fields of Tryton's other modules to them"

    @with_transaction()
    def test_voucher_sequences(self):
        "The voucher sequences are JXC's own configuration fields"
        Configuration = Pool().get('account.configuration')
        self.assertFalse(
            UPSTREAM_CONFIGURATION_FIELDS & set(Configuration._fields))
        configuration = Configuration(1)
        self.assertEqual(
            configuration.voucher_receipt_sequence.name, "Receipt Voucher")
        self.assertEqual(
            configuration.voucher_payment_sequence.name, "Payment Voucher")
