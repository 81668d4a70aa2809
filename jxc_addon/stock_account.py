# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Accounting of other receipts and issues.

Tryton values stock in the books with account_stock_continental, which JXC
does not activate (it would post every receipt and delivery).  An other
receipt or issue is posted when its company has a stock account (库存商品)
in the stock configuration and its reason has an account (对方科目): the
stock account against the reason's account, at the cost of the moves."""
from decimal import Decimal

from trytond.model import ModelSQL, fields
from trytond.modules.company.model import CompanyValueMixin
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import without_check_access

from jxc_privacy.guard import GuardMixin

ACCOUNT_DOMAIN = [
    ('type', '!=', None),
    ('closed', '!=', True),
    ]


def account_field(string, company, help):
    return fields.Many2One(
        'account.account', string,
        domain=[('company', '=', company)] + ACCOUNT_DOMAIN, help=help)


class Configuration(metaclass=PoolMeta):
    __name__ = 'stock.configuration'

    other_shipment_account_stock = fields.MultiValue(account_field(
            "Stock Account", Eval('context', {}).get('company', -1),
            "Where other receipts and issues post the value of the goods. "
            "Leave empty to not post them."))

    @classmethod
    def multivalue_model(cls, field):
        if field == 'other_shipment_account_stock':
            return Pool().get('stock.configuration.account')
        return super().multivalue_model(field)


class ConfigurationAccount(GuardMixin, ModelSQL, CompanyValueMixin):
    "The stock account per company: Tryton keeps it in "
    "account_stock_continental, which JXC does not activate"
    __name__ = 'stock.configuration.account'

    configuration = fields.Many2One(
        'stock.configuration', "Configuration", ondelete='CASCADE',
        context={
            'company': Eval('company', -1),
            },
        depends={'company'})
    other_shipment_account_stock = account_field(
        "Stock Account", Eval('company', -1),
        "Where other receipts and issues post the value of the goods.")


class OtherReason(metaclass=PoolMeta):
    __name__ = 'stock.other.reason'

    account = account_field(
        "Account", Eval('context', {}).get('company', -1),
        "The counterpart of the stock account when a document "
        "with this reason is done, e.g. 营业外支出 for scrap.")


class OtherShipment(metaclass=PoolMeta):
    __name__ = 'stock.other.shipment'

    account_move = fields.Many2One(
        'account.move', "Account Move", readonly=True,
        domain=[
            ('company', '=', Eval('company', -1)),
            ],
        help="The accounting entry of the value of the goods.")

    @classmethod
    def copy(cls, shipments, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('account_move')
        return super().copy(shipments, default=default)

    @classmethod
    def do(cls, shipments):
        super().do(shipments)
        cls.post_account_moves(shipments)

    @classmethod
    @without_check_access
    def post_account_moves(cls, shipments):
        """Post the accounting entries: the warehouse clerk who finishes
        the document needs no access to the accounting"""
        AccountMove = Pool().get('account.move')
        posted = []
        for shipment in shipments:
            if not shipment.account_move:
                shipment.account_move = shipment.get_account_move()
                if shipment.account_move:
                    posted.append(shipment)
        AccountMove.save([s.account_move for s in posted])
        AccountMove.post([s.account_move for s in posted])
        cls.save(posted)

    def get_amount(self):
        amount = sum((m.get_other_shipment_cost() for m in self.moves),
            Decimal(0))
        return self.company.currency.round(amount)

    def get_account_move(self):
        "Return the unsaved accounting entry or None if nothing to post"
        pool = Pool()
        Config = pool.get('stock.configuration')
        AccountMove = pool.get('account.move')
        Line = pool.get('account.move.line')
        Period = pool.get('account.period')
        ModelData = pool.get('ir.model.data')
        stock = Config(1).get_multivalue(
            'other_shipment_account_stock', company=self.company.id)
        amount = self.get_amount()
        if not stock or not self.reason.account or not amount:
            return
        debit, credit = (stock, self.reason.account)
        if self.kind == 'out':
            debit, credit = credit, debit
        return AccountMove(
            company=self.company,
            journal=ModelData.get_id('account', 'journal_stock'),
            period=Period.find(self.company, date=self.effective_date),
            date=self.effective_date, origin=self,
            description=self.reason.name,
            lines=[
                Line(account=debit, debit=amount, credit=0),
                Line(account=credit, debit=0, credit=amount),
                ])


class Move(metaclass=PoolMeta):
    __name__ = 'stock.move'

    def get_other_shipment_cost(self):
        "Return the value of the move: its receipt price or its cost"
        price = self._other_receipt_price()
        if price is None:
            price = self.cost_price or Decimal(0)
        return Decimal(str(self.internal_quantity)) * price


class AccountMove(metaclass=PoolMeta):
    __name__ = 'account.move'

    @classmethod
    def _get_origin(cls):
        return super()._get_origin() + ['stock.other.shipment']
