# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Every model the guard covers, walked field by field: what a client may
not send is refused, and so is a value out of sense from any caller."""
import datetime as dt
from decimal import Decimal

from trytond.model import fields
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction

from jxc_privacy.guard import GuardError, GuardMixin

from .tools import ActivatedTestCase

JXC = {'jxc_addon', 'jxc_privacy', 'jxc_rfq'}
# The models of Tryton a JXC user edits, which JXC guards too
TRYTON = {
    'product.template', 'product.product', 'purchase.product_supplier',
    'purchase.product_supplier.price', 'purchase.purchase', 'purchase.line',
    'purchase.request', 'sale.sale', 'sale.line', 'account.invoice',
    'account.invoice.line', 'stock.move', 'stock.shipment.in',
    'stock.shipment.in.return', 'stock.shipment.out',
    'stock.shipment.out.return', 'stock.shipment.internal',
    'stock.inventory', 'stock.inventory.line', 'stock.order_point',
    'purchase.request.quotation', 'purchase.request.quotation.line',
    'party.party', 'party.address', 'party.contact_mechanism',
    'party.identifier', 'web.user',
    }
BAD_NUMBERS = [
    Decimal('Infinity'), Decimal('NaN'), Decimal('1E+1000'), float('inf'),
    float('nan')]


def scalar(field):
    if isinstance(field, fields.Function):
        return None
    return field


class GuardTestCase(ActivatedTestCase):
    "The guard on every JXC model"

    def jxc_models(self):
        pool = Pool()
        Model = pool.get('ir.model')
        names = {m.name for m in Model.search([('module', 'in', list(JXC))])}
        for name, Class in pool.iterobject():
            if (name in names or name in TRYTON) and hasattr(
                    Class, '_guard_values'):
                yield Class

    @with_transaction()
    def test_every_model_guarded(self):
        "Every stored JXC model and the listed Tryton models are guarded"
        pool = Pool()
        Model = pool.get('ir.model')
        guarded = {c.__name__ for c in self.jxc_models()}
        for model in Model.search([('module', 'in', list(JXC))]):
            Class = pool.get(model.name)
            if hasattr(Class, 'create') and hasattr(Class, '_table'):
                with self.subTest(model=model.name):
                    self.assertTrue(issubclass(Class, GuardMixin))
        self.assertLessEqual(TRYTON, guarded)

    @with_transaction()
    def test_readonly_fields_refused(self):
        "A client may not create or copy with a field read-only for it"
        walked = 0
        for Class in self.jxc_models():
            for name, field in Class._fields.items():
                if field.readonly is not True or name in Class.__access__:
                    continue
                with self.subTest(model=Class.__name__, field=name):
                    with self.assertRaises(GuardError):
                        Class._guard_rpc_create([{name: None}])
                    with self.assertRaises(GuardError):
                        Class._guard_rpc_copy([], {name: None})
                    walked += 1
        self.assertGreater(walked, 100)

    @with_transaction()
    def test_workflow_state_readonly(self):
        "The state of every JXC workflow is read-only for a client"
        for Class in self.jxc_models():
            if hasattr(Class, '_transitions') and 'state' in Class._fields:
                with self.subTest(model=Class.__name__):
                    self.assertIs(Class._fields['state'].readonly, True)

    @with_transaction()
    def test_values_out_of_sense(self):
        "Numbers not finite or too big, dates out of range, NUL refused"
        walked = 0
        for Class in self.jxc_models():
            for name, field in Class._fields.items():
                field = scalar(field)
                if isinstance(field, (fields.Float, fields.Numeric)):
                    bad = BAD_NUMBERS + [Decimal('1E+16'), 'x', [1]]
                elif isinstance(field, (fields.Integer, fields.Many2One)):
                    bad = [2 ** 31, -2 ** 31, 1.5, '1', True, {}]
                elif isinstance(field, fields.DateTime):
                    bad = [dt.datetime(1, 1, 1), dt.date(2026, 1, 1)]
                elif isinstance(field, fields.Date):
                    bad = [dt.date(1, 1, 1), dt.date(9999, 12, 31),
                        dt.datetime(2026, 1, 1), '2026-01-01']
                elif isinstance(field, (fields.Char, fields.Text)):
                    bad = ['a\x00b', 1, ['a']]
                else:
                    continue
                for value in bad:
                    with self.subTest(
                            model=Class.__name__, field=name, value=value):
                        with self.assertRaises(GuardError):
                            Class._guard_values({name: value})
                        walked += 1
        self.assertGreater(walked, 1000)

    @with_transaction()
    def test_values_in_sense(self):
        "Ordinary values pass"
        Move = Pool().get('stock.move')
        Move._guard_values({
                'quantity': 1e6, 'unit_price': Decimal('12.3456'),
                'planned_date': dt.date(2026, 12, 8), 'product': 1})

    @with_transaction()
    def test_line_amount(self):
        "The amount of a line must be finite even when each factor is"
        Line = Pool().get('sale.line')
        with self.assertRaises(GuardError):
            Line._guard_values({
                    'quantity': 1e12, 'unit_price': Decimal('1E+10')})
