# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model import fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval

from .locking import lock_rows

RESET_FORMATS = {
    'day': '%Y%m%d',
    'month': '%Y%m',
    'year': '%Y',
    }


class Sequence(metaclass=PoolMeta):
    __name__ = 'ir.sequence'

    reset = fields.Selection([
            (None, "Never"),
            ('day', "Daily"),
            ('month', "Monthly"),
            ('year', "Yearly"),
            ], "Reset",
        states={
            'invisible': Eval('type') != 'incremental',
            },
        help="Start the counter again at 1 each day, month or year, "
        "as in CG20261125001.")
    last_reset = fields.Char(
        "Last Reset", readonly=True,
        states={
            'invisible': ~Eval('reset'),
            },
        help="The day, month or year of the last number given.")

    def get_number_next(self, name):
        # A resetting counter lives in the table, not in an SQL sequence
        if self.reset:
            return self.number_next_internal
        return super().get_number_next(name)

    def get_many(self, n=1, _lock=False):
        # Wait for the clerk numbering with the same counter, so that two
        # clerks saving at once never get the same number nor a lock error
        if _lock or self.reset:
            lock_rows(self.__class__, [self.id])
        yield from super().get_many(n=n)

    def _get_many(self, n=1):
        if self.type != 'incremental' or not self.reset:
            yield from super()._get_many(n=n)
            return
        period = self._reset_period()
        if period != self.last_reset:
            self.number_next_internal = 1
            self.last_reset = period
        start = self.number_next_internal
        end = start + n * self.number_increment
        self.number_next_internal = end
        self.save()
        for number in range(start, end, self.number_increment):
            yield f'{number:0>{self.padding}d}'

    def _reset_period(self):
        Date = Pool().get('ir.date')
        return Date.today().strftime(RESET_FORMATS[self.reset])


def default_sequence(module, name):
    @classmethod
    def default(cls, **pattern):
        ModelData = Pool().get('ir.model.data')
        try:
            return ModelData.get_id(module, name)
        except KeyError:
            return None
    return default


class StockConfigurationSequence(metaclass=PoolMeta):
    __name__ = 'stock.configuration.sequence'

    default_shipment_in_sequence = default_sequence(
        'jxc_addon', 'sequence_shipment_in')
    default_shipment_in_return_sequence = default_sequence(
        'jxc_addon', 'sequence_shipment_in_return')
    default_shipment_out_sequence = default_sequence(
        'jxc_addon', 'sequence_shipment_out')
    default_shipment_out_return_sequence = default_sequence(
        'jxc_addon', 'sequence_shipment_out_return')
    default_shipment_internal_sequence = default_sequence(
        'jxc_addon', 'sequence_shipment_internal')
    default_inventory_sequence = default_sequence(
        'jxc_addon', 'sequence_inventory')


class PurchaseConfigurationSequence(metaclass=PoolMeta):
    __name__ = 'purchase.configuration.sequence'

    default_purchase_sequence = default_sequence(
        'jxc_addon', 'sequence_purchase')


class SaleConfigurationSequence(metaclass=PoolMeta):
    __name__ = 'sale.configuration.sequence'

    default_sale_sequence = default_sequence('jxc_addon', 'sequence_sale')
