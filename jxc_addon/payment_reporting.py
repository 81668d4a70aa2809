# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""应收/应付: aging with advances, the party statement (对账单) and the
收款/付款 statistics, each one SQL query."""
from sql import Join, Literal, Null, Window
from sql.aggregate import Sum
from sql.conditionals import Case, Coalesce
from sql.functions import CurrentDate

from trytond.model import ModelSQL, ModelView, fields
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction

from jxc_privacy.guard import GuardMixin

ADVANCES = [
    (None, ""),
    ('customer', "Customer"),
    ('supplier', "Supplier"),
    ]


class TypeTemplate(metaclass=PoolMeta):
    __name__ = 'account.account.type.template'

    advance = fields.Selection(
        ADVANCES, "Advances",
        help="The accounts of this type hold advances of customers "
        "(预收) or to suppliers (预付): they count in the aged balance.")

    def _get_type_value(self, type=None):
        values = super()._get_type_value(type=type)
        if not type or type.advance != self.advance:
            values['advance'] = self.advance
        return values


class Type(metaclass=PoolMeta):
    __name__ = 'account.account.type'

    advance = fields.Selection(
        ADVANCES, "Advances",
        states={'readonly': Eval('template', -1) & ~Eval('template_override')},
        help="The accounts of this type hold advances of customers "
        "(预收) or to suppliers (预付): they count in the aged balance.")


class AgedBalance(metaclass=PoolMeta):
    __name__ = 'account.aged_balance'

    @classmethod
    def get_kind(cls, account_type):
        kind = super().get_kind(account_type)
        type_ = Transaction().context.get('type', 'customer')
        advances = {
            'customer': ['customer'],
            'supplier': ['supplier'],
            'customer_supplier': ['customer', 'supplier'],
            }.get(type_)
        if advances:
            kind |= account_type.advance.in_(advances)
        return kind

    @classmethod
    def table_query(cls):
        # Tryton selects the lines by joining every line of the company to
        # its account and the account's types; naming the accounts lets
        # the database read only their lines, through the index on
        # (account, party): a third of the time on 400,000 lines
        query = super().table_query()
        line = query.from_[0]
        while isinstance(line, Join):
            line = line.left
        query.where &= line.account.in_(cls._aged_account_ids() or [-1])
        return query

    @classmethod
    def _aged_account_ids(cls):
        "The accounts of the company whose lines the context's kind ages"
        pool = Pool()
        Account = pool.get('account.account')
        Type = pool.get('account.account.type')
        account = Account.__table__()
        type_, debit_type, credit_type = (
            Type.__table__(), Type.__table__(), Type.__table__())
        cursor = Transaction().connection.cursor()
        cursor.execute(*account.join(type_,
                condition=account.type == type_.id
                ).join(debit_type, 'LEFT',
                condition=account.debit_type == debit_type.id
                ).join(credit_type, 'LEFT',
                condition=account.credit_type == credit_type.id
                ).select(account.id,
                where=(account.company == Transaction().context.get('company'))
                & (cls.get_kind(type_) | cls.get_kind(debit_type)
                    | cls.get_kind(credit_type))))
        return [a for a, in cursor]


class PeriodContextMixin:
    "Company and end date of a report, taken from the context"
    __slots__ = ()
    company = fields.Many2One('company.company', "Company", required=True)
    to_date = fields.Date("To Date", required=True)

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_to_date(cls):
        return Transaction().context.get(
            'to_date', Pool().get('ir.date').today())


class StatementContext(PeriodContextMixin, ModelView):
    __name__ = 'jxc.payment.statement.context'

    party = fields.Many2One(
        'party.party', "Party", required=True,
        context={
            'company': Eval('company', -1),
            },
        depends={'company'})
    kind = fields.Selection([
            ('customer', "Customer"),
            ('supplier', "Supplier"),
            ], "Kind", required=True)
    from_date = fields.Date("From Date", required=True)

    @classmethod
    def default_kind(cls):
        return Transaction().context.get('kind', 'customer')

    @classmethod
    def default_from_date(cls):
        today = Pool().get('ir.date').today()
        return Transaction().context.get('from_date', today.replace(day=1))

    @classmethod
    def default_party(cls):
        return Transaction().context.get('party')


def party_lines(kind):
    "Move lines of the receivable/payable and advance accounts of kind"
    pool = Pool()
    Line = pool.get('account.move.line')
    Move = pool.get('account.move')
    Account = pool.get('account.account')
    Type = pool.get('account.account.type')
    line, move = Line.__table__(), Move.__table__()
    account, type_ = Account.__table__(), Type.__table__()
    flag = type_.receivable if kind == 'customer' else type_.payable
    query = line.join(move, condition=line.move == move.id
        ).join(account, condition=line.account == account.id
        ).join(type_, condition=account.type == type_.id)
    return query, line, move, account, (flag | (type_.advance == kind))


class StatementLine(GuardMixin, ModelSQL, ModelView):
    "One line of the statement of a party: 对账单"
    __name__ = 'jxc.payment.statement.line'

    date = fields.Date("Date")
    move = fields.Many2One('account.move', "Move")
    origin = fields.Reference("Document", selection='get_origin')
    description = fields.Char("Description")
    debit = Monetary("Debit", currency='currency', digits='currency')
    credit = Monetary("Credit", currency='currency', digits='currency')
    balance = Monetary(
        "Balance", currency='currency', digits='currency',
        help="The running balance, the opening balance included.")
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"), 'get_currency')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('date', 'ASC'), ('id', 'ASC')]

    @classmethod
    def get_origin(cls):
        return Pool().get('account.move.line').get_origin()

    def get_currency(self, name):
        return self.move.company.currency.id

    @classmethod
    def table_query(cls):
        context = Transaction().context
        query, line, move, account, kind = party_lines(
            context.get('kind', 'customer'))
        where = (kind & (line.party == context.get('party', -1))
            & (account.company == context.get('company', -1))
            & (move.state == 'posted')
            & (move.date <= context.get('to_date') or CurrentDate()))
        window = Window([], order_by=[move.date.asc, line.id.asc])
        running = query.select(
            line.id.as_('id'), move.date.as_('date'),
            line.move.as_('move'),
            Coalesce(line.origin, move.origin).as_('origin'),
            Coalesce(line.description, move.description).as_('description'),
            line.debit.as_('debit'), line.credit.as_('credit'),
            Sum(line.debit - line.credit, window=window).as_('balance'),
            where=where)
        from_date = context.get('from_date')
        return running.select(
            running.id, running.date, running.move, running.origin,
            running.description, running.debit, running.credit,
            running.balance,
            Literal(0).as_('create_uid'), Literal(None).as_('create_date'),
            Literal(None).as_('write_uid'), Literal(None).as_('write_date'),
            where=(running.date >= from_date) if from_date else Literal(True))

    @classmethod
    def opening_closing(cls):
        "The balances before from_date and at to_date of the context"
        context = Transaction().context
        query, line, move, account, kind = party_lines(
            context.get('kind', 'customer'))
        amount = line.debit - line.credit
        cursor = Transaction().connection.cursor()
        cursor.execute(*query.select(
                Sum(Case((move.date < context['from_date'], amount),
                        else_=0)),
                Sum(amount),
                where=kind & (line.party == context['party'])
                & (account.company == context['company'])
                & (move.state == 'posted')
                & (move.date <= context['to_date'])))
        opening, closing = cursor.fetchone()
        return opening or 0, closing or 0


class StatisticsContext(PeriodContextMixin, ModelView):
    __name__ = 'jxc.payment.statistics.context'

    kind = fields.Selection([
            ('out', "Receipts"),
            ('in', "Payments"),
            ], "Kind", required=True)
    from_date = fields.Date("From Date")

    @classmethod
    def default_kind(cls):
        return Transaction().context.get('kind', 'out')

    @classmethod
    def default_from_date(cls):
        return Transaction().context.get('from_date')


class Statistics(GuardMixin, ModelSQL, ModelView):
    """收款统计 / 付款统计: per invoice of the period, what was invoiced,
    paid by vouchers by to_date, is open and overdue"""
    __name__ = 'jxc.payment.statistics'

    party = fields.Many2One(
        'party.party', "Party",
        context={
            'company': Eval('company', -1),
            },
        depends={'company'})
    invoice = fields.Many2One('account.invoice', "Invoice")
    invoice_date = fields.Date("Invoice Date")
    maturity_date = fields.Date("Maturity Date")
    total = Monetary("Invoiced", currency='currency', digits='currency')
    # lazy: the search for a page of the list does not sum allocations
    paid = Monetary(
        "Paid", currency='currency', digits='currency', loading='lazy')
    open = Monetary(
        "Open", currency='currency', digits='currency', loading='lazy')
    overdue = Monetary(
        "Overdue", currency='currency', digits='currency', loading='lazy',
        help="The open amount past its maturity date at the end date.")
    company = fields.Many2One('company.company', "Company")
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"), 'get_currency')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [
            ('invoice_date', 'ASC'), ('id', 'ASC')]

    def get_currency(self, name):
        return self.company.currency.id

    @classmethod
    def table_query(cls):
        pool = Pool()
        Invoice = pool.get('account.invoice')
        VoucherLine = pool.get('jxc.payment.voucher.line')
        context = Transaction().context
        invoice = Invoice.__table__()
        allocation = VoucherLine.__table__()
        to_date = context.get('to_date') or CurrentDate()
        from_date = context.get('from_date')

        # per invoice, so that reading a page of the list sums the
        # allocations of its invoices only
        paid = Coalesce(allocation.select(
                Sum(Case(((allocation.undo_date == Null)
                            | (allocation.undo_date > to_date),
                            allocation.amount), else_=0)),
                where=(allocation.invoice == invoice.id)
                & (allocation.date <= to_date)
                & (allocation.state != 'draft')), 0)
        total = invoice.total_amount_cache
        open_ = total - paid
        overdue = Case(
            (Coalesce(invoice.payment_term_date, invoice.invoice_date)
                < to_date, open_), else_=0)
        where = ((invoice.type == context.get('kind', 'out'))
            & (invoice.company == context.get('company', -1))
            & invoice.state.in_(['posted', 'paid'])
            & (invoice.invoice_date <= to_date))
        if from_date:
            where &= invoice.invoice_date >= from_date
        return invoice.select(
            invoice.id.as_('id'), invoice.party.as_('party'),
            invoice.id.as_('invoice'),
            invoice.invoice_date.as_('invoice_date'),
            Coalesce(invoice.payment_term_date,
                invoice.invoice_date).as_('maturity_date'),
            total.as_('total'), paid.as_('paid'),
            open_.as_('open'), overdue.as_('overdue'),
            invoice.company.as_('company'),
            Literal(0).as_('create_uid'), Literal(None).as_('create_date'),
            Literal(None).as_('write_uid'), Literal(None).as_('write_date'),
            where=where)
