# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt

from sql import Column, Literal, Union
from sql.aggregate import Count, Max, Min, Sum
from sql.conditionals import Coalesce
from sql.functions import DateTrunc
from sql.operators import Pos

from trytond import backend
from trytond.model import ModelSQL, ModelView, fields
from trytond.model.fields import SQL_OPERATORS
from trytond.model.fields.date import SQLite_Date
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval, If
from trytond.tools import grouped_slice
from trytond.transaction import Transaction

from jxc_privacy.guard import GuardMixin

from .fapiao import (
    ORDER_FIELDS, ORDER_MODELS, ORDER_STATES, order_due_column, to_money)


class Context(ModelView):
    "The company and period of the fapiao statistics"
    __name__ = 'account.fapiao.reporting.context'

    company = fields.Many2One('company.company', "Company", required=True)
    from_date = fields.Date(
        "From Date",
        domain=[
            If(Eval('to_date') & Eval('from_date'),
                ('from_date', '<=', Eval('to_date')),
                ()),
            ],
        help="The first order or fapiao date counted.")
    to_date = fields.Date(
        "To Date",
        domain=[
            If(Eval('from_date') & Eval('to_date'),
                ('to_date', '>=', Eval('from_date')),
                ()),
            ],
        help="The last order or fapiao date counted.")

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')


def context_where(table, date_column):
    context = Transaction().context
    where = table.company == context.get('company')
    if context.get('from_date'):
        where &= date_column >= context['from_date']
    if context.get('to_date'):
        where &= date_column <= context['to_date']
    return where


class _OrderMixin:
    "Order amounts and fapiao amounts, tax included, per order or party"
    __slots__ = ()
    fapiao_type = None

    company = fields.Many2One('company.company', "Company")
    party = fields.Many2One(
        'party.party', "Party",
        context={
            'company': Eval('company', -1),
            },
        depends={'company'})
    currency = fields.Many2One('currency.currency', "Currency")
    amount = Monetary(
        "Order Amount", currency='currency', digits='currency',
        help="The total of the confirmed orders, tax included.")
    fapiao_amount = Monetary(
        "Fapiao Amount", currency='currency', digits='currency',
        help="The registered fapiao allocated to the orders "
        "up to the end of the period.")
    open_amount = Monetary(
        "Not Yet Invoiced", currency='currency', digits='currency',
        help="The order amount without fapiao.")

    @classmethod
    def _order_tables(cls):
        pool = Pool()
        Order = pool.get(ORDER_MODELS[cls.fapiao_type])
        order = Order.__table__()
        date = getattr(order, '%s_date' % ORDER_FIELDS[cls.fapiao_type])
        where = context_where(order, date)
        where &= order.state.in_(ORDER_STATES)
        return order, where

    @classmethod
    def _booked_tables(cls, order):
        "The allocations of the posted fapiao up to the end of the period"
        pool = Pool()
        Allocation = pool.get('account.fapiao.allocation')
        Fapiao = pool.get('account.fapiao')
        allocation = Allocation.__table__()
        fapiao = Fapiao.__table__()
        column = getattr(allocation, ORDER_FIELDS[cls.fapiao_type])
        where = (column == order.id) & (fapiao.state == 'posted')
        to_date = Transaction().context.get('to_date')
        if to_date:
            where &= fapiao.date <= to_date
        return allocation.join(fapiao,
            condition=allocation.fapiao == fapiao.id), allocation, where

    @classmethod
    def _amount_columns(cls, due, done):
        return [
            cls.amount.sql_cast(due).as_('amount'),
            cls.fapiao_amount.sql_cast(done).as_('fapiao_amount'),
            cls.open_amount.sql_cast(due - done).as_('open_amount'),
            ]


class _PerOrder(GuardMixin, _OrderMixin, ModelSQL, ModelView):
    __slots__ = ()

    number = fields.Char("Number")
    date = fields.Date("Date")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('date', 'DESC'), ('id', 'DESC')]

    @classmethod
    def table_query(cls):
        order, where = cls._order_tables()
        # A correlated sum: the databases look up the allocations of the
        # orders of the page only, by the index on the order, instead of
        # summing all the allocations to join them
        from_item, allocation, booked_where = cls._booked_tables(order)
        done = Coalesce(from_item.select(
                Sum(allocation.amount), where=booked_where), Literal(0))
        date = getattr(order, '%s_date' % ORDER_FIELDS[cls.fapiao_type])
        return order.select(
            order.id.as_('id'), order.company.as_('company'),
            order.party.as_('party'), order.currency.as_('currency'),
            order.number.as_('number'), date.as_('date'),
            *cls._amount_columns(order_due_column(order), done),
            where=where)


class _PerParty(GuardMixin, _OrderMixin, ModelSQL, ModelView):
    __slots__ = ()

    orders = fields.Integer("Orders", help="The number of orders.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('open_amount', 'DESC'), ('id', 'ASC')]

    @classmethod
    def table_query(cls):
        # The sums of the orders and of their allocations per party, in one
        # union summed again: cheaper than summing the allocations per order
        # to join them to the orders, and the read's "id IN (…)" reaches
        # the party of both
        order, where = cls._order_tables()
        from_item, allocation, booked_where = cls._booked_tables(order)
        # "+party": SQLite would read the orders in the order of the
        # party's index to group them, one random access a row
        party = Pos(order.party)
        keys = [order.company, party, order.currency]
        columns = [order.company, party.as_('party'), order.currency]
        rows = Union(
            order.select(*columns, Count(order.id).as_('orders'),
                Sum(order_due_column(order)).as_('amount'),
                Literal(0).as_('fapiao_amount'),
                where=where, group_by=keys),
            from_item.join(order, condition=booked_where).select(
                *columns, Literal(0), Literal(0), Sum(allocation.amount),
                where=where, group_by=keys),
            all_=True)
        return rows.select(
            rows.party.as_('id'), rows.company.as_('company'),
            rows.party.as_('party'), rows.currency.as_('currency'),
            cls.orders.sql_cast(Sum(rows.orders)).as_('orders'),
            *cls._amount_columns(
                Sum(rows.amount), Sum(rows.fapiao_amount)),
            group_by=[rows.company, rows.party, rows.currency])


class PurchaseOrder(_PerOrder):
    "Fapiao received per purchase order (到票统计)"
    __name__ = 'account.fapiao.reporting.purchase'
    fapiao_type = 'in'


class Supplier(_PerParty):
    "Fapiao received per supplier (到票统计)"
    __name__ = 'account.fapiao.reporting.supplier'
    fapiao_type = 'in'


class SaleOrder(_PerOrder):
    "Fapiao issued per sale order (开票统计)"
    __name__ = 'account.fapiao.reporting.sale'
    fapiao_type = 'out'


class Customer(_PerParty):
    "Fapiao issued per customer (开票统计)"
    __name__ = 'account.fapiao.reporting.customer'
    fapiao_type = 'out'


class Rate(GuardMixin, ModelSQL, ModelView):
    "Registered fapiao per party, tax rate and month"
    __name__ = 'account.fapiao.reporting.rate'

    company = fields.Many2One('company.company', "Company")
    type = fields.Selection([
            ('in', "Received"),
            ('out', "Issued"),
            ], "Type")
    party = fields.Many2One(
        'party.party', "Party",
        context={
            'company': Eval('company', -1),
            },
        depends={'company'})
    date = fields.Date("Month", help="The first day of the month.")
    rate = fields.Numeric("Rate", digits=(1, 3))
    currency = fields.Many2One('currency.currency', "Currency")
    untaxed_amount = Monetary(
        "Untaxed", currency='currency', digits='currency')
    tax_amount = Monetary("Tax", currency='currency', digits='currency')
    total_amount = Monetary(
        "Total", currency='currency', digits='currency')
    fapiaos = fields.Integer("Fapiao", help="The number of fapiao.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('date', 'DESC'), ('rate', 'DESC'), ('id', 'ASC')]

    @classmethod
    def read(cls, ids, fields_names):
        # Each row holds the lines of one month, whose first line is its id:
        # the aggregate needs only the lines of the months of these lines
        with Transaction().set_context(
                _fapiao_rate_months=cls._months(ids)):
            return super().read(ids, fields_names)

    @classmethod
    def _months(cls, ids):
        "The first day of the first month and of the month after the last"
        pool = Pool()
        Fapiao = pool.get('account.fapiao')
        Line = pool.get('account.fapiao.line')
        fapiao = Fapiao.__table__()
        line = Line.__table__()
        cursor = Transaction().connection.cursor()
        first = last = None
        for sub_ids in grouped_slice(ids, backend.MAX_QUERY_PARAMS):
            cursor.execute(*line.join(fapiao,
                    condition=line.fapiao == fapiao.id).select(
                    Min(fapiao.date), Max(fapiao.date),
                    where=SQL_OPERATORS['in'](line.id, list(sub_ids))))
            for low, high in cursor:
                if low is not None:
                    low, high = map(to_date, [low, high])
                    first = min(first or low, low)
                    last = max(last or high, high)
        if first is None:
            return None
        after = (last.replace(day=1) + dt.timedelta(days=31)).replace(day=1)
        return first.replace(day=1), after

    @classmethod
    def table_query(cls):
        pool = Pool()
        Fapiao = pool.get('account.fapiao')
        Line = pool.get('account.fapiao.line')
        Company = pool.get('company.company')
        fapiao = Fapiao.__table__()
        line = Line.__table__()
        # The company of the context and its currency as constants: the
        # rows are grouped by the keys of the raw query only
        company = Transaction().context.get('company')
        currency = Company(company).currency.id if company else None
        if backend.name == 'sqlite':
            # SQLite's date function, not date_trunc that runs in Python
            month = SQLite_Date(fapiao.date, 'start of month')
        else:
            month = cls.date.sql_cast(DateTrunc('month', fapiao.date))
        where = context_where(fapiao, fapiao.date)
        where &= fapiao.state == 'posted'
        months = Transaction().context.get('_fapiao_rate_months')
        if months:
            where &= (fapiao.date >= months[0]) & (fapiao.date < months[1])
        return line.join(fapiao, condition=line.fapiao == fapiao.id
            ).select(
            Min(line.id).as_('id'), Literal(company).as_('company'),
            fapiao.type.as_('type'), fapiao.party.as_('party'),
            month.as_('date'), line.rate.as_('rate'),
            Literal(currency).as_('currency'),
            cls.untaxed_amount.sql_cast(Sum(line.amount)).as_(
                'untaxed_amount'),
            cls.tax_amount.sql_cast(Sum(line.tax)).as_('tax_amount'),
            cls.total_amount.sql_cast(Sum(line.amount + line.tax)).as_(
                'total_amount'),
            Count(fapiao.id, distinct=True).as_('fapiaos'),
            where=where,
            # by the alias: PostgreSQL does not match the parameter of
            # the month's expression in the select with the group's one
            group_by=[fapiao.type, fapiao.party, month.as_('date'),
                line.rate])


def to_date(value):
    "Return the SQL date as date: SQLite gives a string"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return value


# The party's fields and the columns of the per-party statistics
PARTY_COLUMNS = {
    'fapiao_amount_due': 'amount',
    'fapiao_amount': 'fapiao_amount',
    'fapiao_amount_open': 'open_amount',
    }


def party_fapiao_field(string, help):
    return fields.Function(Monetary(
            string, currency='currency', digits='currency', help=help),
        'get_fapiao_amounts')


class Party(metaclass=PoolMeta):
    "应到票/已到票/未到票 and 应开票/已开票/未开票 of all the party's orders"
    __name__ = 'party.party'

    purchase_fapiao_amount_due = party_fapiao_field(
        "To Receive Fapiao",
        "The total of the party's confirmed purchases, tax included.")
    purchase_fapiao_amount = party_fapiao_field(
        "Fapiao Received",
        "The registered fapiao allocated to the party's purchases.")
    purchase_fapiao_amount_open = party_fapiao_field(
        "Fapiao Not Received",
        "The amount of the party's purchases still without fapiao.")
    sale_fapiao_amount_due = party_fapiao_field(
        "To Issue Fapiao",
        "The total of the party's confirmed sales, tax included.")
    sale_fapiao_amount = party_fapiao_field(
        "Fapiao Issued",
        "The registered fapiao allocated to the party's sales.")
    sale_fapiao_amount_open = party_fapiao_field(
        "Fapiao Not Issued",
        "The amount of the party's sales still without fapiao.")

    @classmethod
    def get_fapiao_amounts(cls, parties, names):
        "Sum the rows of the per-party statistics, without a period"
        pool = Pool()
        cursor = Transaction().connection.cursor()
        ids = [p.id for p in parties]
        result = {n: dict.fromkeys(ids, to_money(0)) for n in names}
        for prefix, model in [
                ('purchase', 'account.fapiao.reporting.supplier'),
                ('sale', 'account.fapiao.reporting.customer')]:
            wanted = [n for n in names if n.startswith(prefix + '_')]
            if not wanted:
                continue
            with Transaction().set_context(from_date=None, to_date=None):
                report = pool.get(model).table_query()
            columns = [
                Sum(Column(report, PARTY_COLUMNS[n[len(prefix) + 1:]]))
                for n in wanted]
            for sub_ids in grouped_slice(ids):
                cursor.execute(*report.select(report.id, *columns,
                        where=SQL_OPERATORS['in'](report.id, list(sub_ids)),
                        group_by=[report.id]))
                for party_id, *values in cursor:
                    for name, value in zip(wanted, values):
                        result[name][party_id] = to_money(value)
        return result
