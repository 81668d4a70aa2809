# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""收款单 / 付款单: receipt and payment vouchers with 核销 to invoices.

Tryton pays one invoice at a time (account.invoice's pay wizard);
account_statement reconciles bank statements and account_payment sends
payment orders to banks.  None has a voucher that spreads one amount over
several invoices by chosen amounts, keeps the rest as an advance and undoes
a single allocation: docs/payments.md says why this thin model is new."""
from collections import defaultdict
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import Index, ModelSQL, ModelView, Workflow, fields
from trytond.model.exceptions import AccessError
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval, If
from trytond.transaction import Transaction

from jxc_privacy.guard import GuardMixin

from .exceptions import PaymentError
from .numbering import default_sequence

KINDS = [
    ('receipt', "Receipt"),
    ('payment', "Payment"),
    ]
INVOICE_TYPES = {'receipt': 'out', 'payment': 'in'}


class Configuration(metaclass=PoolMeta):
    __name__ = 'account.configuration'

    voucher_receipt_sequence = fields.Many2One(
        'ir.sequence', "Receipt Voucher Sequence",
        domain=[('sequence_type', '=',
                Eval('voucher_receipt_sequence_type', -1))],
        help="Numbers the receipt vouchers (收款单).")
    voucher_payment_sequence = fields.Many2One(
        'ir.sequence', "Payment Voucher Sequence",
        domain=[('sequence_type', '=',
                Eval('voucher_payment_sequence_type', -1))],
        help="Numbers the payment vouchers (付款单).")
    voucher_receipt_sequence_type = fields.Function(
        fields.Many2One('ir.sequence.type', "Receipt Voucher Sequence Type"),
        'get_voucher_sequence_type')
    voucher_payment_sequence_type = fields.Function(
        fields.Many2One('ir.sequence.type', "Payment Voucher Sequence Type"),
        'get_voucher_sequence_type')
    advance_receipt_account = fields.Many2One(
        'account.account', "Advances from Customers Account",
        domain=[('party_required', '=', True), ('closed', '!=', True)],
        help="Where the part of a receipt not matched to invoices "
        "waits (预收账款).")
    advance_payment_account = fields.Many2One(
        'account.account', "Advances to Suppliers Account",
        domain=[('party_required', '=', True), ('closed', '!=', True)],
        help="Where the part of a payment not matched to invoices "
        "waits (预付账款).")

    default_voucher_receipt_sequence = default_sequence(
        'jxc_addon', 'sequence_voucher_receipt')
    default_voucher_payment_sequence = default_sequence(
        'jxc_addon', 'sequence_voucher_payment')

    @classmethod
    def __register__(cls, module):
        table_h = cls.__table_handler__(module)
        # Migration from 8.0.0: the voucher sequences were named
        # receipt_sequence and payment_sequence, the name of
        # account_payment's own field
        for kind in ['receipt', 'payment']:
            table_h.column_rename(
                f'{kind}_sequence', f'voucher_{kind}_sequence')
        super().__register__(module)

    def get_voucher_sequence_type(self, name):
        kind = name[len('voucher_'):-len('_sequence_type')]
        return Pool().get('ir.model.data').get_id(
            'jxc_addon', f'sequence_type_voucher_{kind}')


class Move(metaclass=PoolMeta):
    __name__ = 'account.move'

    @classmethod
    def _get_origin(cls):
        return super()._get_origin() + ['jxc.payment.voucher']


class Invoice(metaclass=PoolMeta):
    __name__ = 'account.invoice'

    @classmethod
    def search_rec_name(cls, name, clause):
        "Find invoices by party too, as 核销 picks them"
        return super().search_rec_name(name, clause) + [
            ('party.rec_name', *clause[1:]),
            ]


def order_field(model, string, kind, help):
    "The order of the party a voucher of kind pays"
    return fields.Many2One(
        model, string,
        domain=[
            ('company', '=', Eval('company', -1)),
            ['OR',
                ('party', '=', Eval('party', -1)),
                ('invoice_party', '=', Eval('party', -1)),
                ],
            ],
        states={
            'readonly': Eval('state') != 'draft',
            'invisible': Eval('kind') != kind,
            },
        help=help)


class Voucher(GuardMixin, Workflow, ModelSQL, ModelView):
    __name__ = 'jxc.payment.voucher'
    _rec_name = 'number'

    _states = {'readonly': Eval('state') != 'draft'}

    number = fields.Char("Number", readonly=True)
    kind = fields.Selection(KINDS, "Kind", required=True, states=_states)
    company = fields.Many2One(
        'company.company', "Company", required=True, states=_states)
    party = fields.Many2One(
        'party.party', "Party", required=True, states=_states,
        context={'company': Eval('company', -1)}, depends={'company'})
    date = fields.Date("Date", required=True, states=_states)
    method = fields.Many2One(
        'account.invoice.payment.method', "Method", required=True,
        states=_states,
        domain=[('company', '=', Eval('company', -1))],
        help="Cash, bank, WeChat Pay or Alipay: the journal and the "
        "account the money goes through.")
    amount = Monetary(
        "Amount", currency='currency', digits='currency', required=True,
        states=_states,
        domain=[('amount', '>', 0)])
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"), 'get_currency')
    description = fields.Char("Description", states=_states)
    sale = order_field(
        'sale.sale', "Sale", 'receipt',
        "The sale order paid: its invoices are allocated first.")
    purchase = order_field(
        'purchase.purchase', "Purchase", 'payment',
        "The purchase order paid: its invoices are allocated first.")
    lines = fields.One2Many(
        'jxc.payment.voucher.line', 'voucher', "Allocations",
        states={'readonly': Eval('state') == 'cancelled'},
        help="The invoices this voucher pays (核销) with their amounts.")
    allocated = fields.Function(Monetary(
            "Allocated", currency='currency', digits='currency'),
        'get_amounts')
    advance = fields.Function(Monetary(
            "Advance", currency='currency', digits='currency',
            help="The rest not matched to invoices (预收/预付)."),
        'get_amounts')
    move = fields.Many2One('account.move', "Move", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('posted', "Posted"),
            ('cancelled', "Cancelled"),
            ], "State", readonly=True, required=True, sort=False)
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('date', 'DESC'), ('number', 'DESC'), ('id', 'DESC')]
        cls._transitions |= {
            ('draft', 'posted'),
            ('draft', 'cancelled'),
            ('posted', 'cancelled'),
            ('cancelled', 'draft'),
            }
        cls._buttons.update({
                'allocate_fifo': {
                    'invisible': Eval('state') == 'cancelled',
                    'depends': ['state'],
                    },
                'post': {
                    'invisible': Eval('state') != 'draft',
                    'depends': ['state'],
                    },
                'allocate': {
                    'invisible': Eval('state') != 'posted',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': Eval('state') == 'cancelled',
                    'depends': ['state'],
                    },
                'draft': {
                    'invisible': Eval('state') != 'cancelled',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_kind(cls):
        return Transaction().context.get('voucher_kind', 'receipt')

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def default_state(cls):
        return 'draft'

    def get_currency(self, name):
        return self.company.currency.id

    @property
    def order(self):
        return self.sale if self.kind == 'receipt' else self.purchase

    @classmethod
    def get_amounts(cls, vouchers, names):
        result = {n: {} for n in names}
        for voucher in vouchers:
            allocated = sum(
                (l.amount for l in voucher.lines if l.state != 'undone'),
                Decimal(0))
            if 'allocated' in result:
                result['allocated'][voucher.id] = allocated
            if 'advance' in result:
                result['advance'][voucher.id] = (
                    (voucher.amount or 0) - allocated)
        return result

    @property
    def invoice_type(self):
        return INVOICE_TYPES[self.kind]

    @classmethod
    def check_modification(cls, mode, vouchers, values=None, external=False):
        super().check_modification(
            mode, vouchers, values=values, external=external)
        if mode == 'delete':
            for voucher in vouchers:
                if voucher.state != 'draft' or voucher.move:
                    raise AccessError(gettext(
                            'jxc_addon.msg_voucher_delete_draft',
                            voucher=voucher.rec_name))

    @classmethod
    @ModelView.button
    def allocate_fifo(cls, vouchers):
        """Fill allocations with the open invoices of the order, then with
        the oldest open invoices of the party (先进先出)"""
        Line = Pool().get('jxc.payment.voucher.line')
        lines = []
        for voucher in vouchers:
            lines.extend(voucher._fifo_lines())
        Line.save(lines)

    def _fifo_lines(self):
        pool = Pool()
        Invoice = pool.get('account.invoice')
        Line = pool.get('jxc.payment.voucher.line')
        pending = defaultdict(Decimal)
        for line in self.lines:
            if line.state == 'draft':
                pending[line.invoice] += line.amount
        rest = self.advance
        lines = []
        invoices = Invoice.search([
                ('company', '=', self.company.id),
                ('party', '=', self.party.id),
                ('type', '=', self.invoice_type),
                ('state', '=', 'posted'),
                ], order=[('invoice_date', 'ASC'), ('number', 'ASC')])
        if self.order:
            order_invoices = set(self.order.invoices)
            invoices.sort(key=lambda i: i not in order_invoices)
        for invoice in invoices:
            if rest <= 0:
                break
            amount = min(rest, invoice.amount_to_pay - pending[invoice])
            if amount > 0:
                lines.append(Line(
                        voucher=self, invoice=invoice, amount=amount))
                rest -= amount
        return lines

    @classmethod
    @ModelView.button
    @Workflow.transition('posted')
    def post(cls, vouchers):
        Line = Pool().get('jxc.payment.voucher.line')
        cls._check(vouchers)
        cls.set_number(vouchers)
        lines = [l for v in vouchers for l in v.lines if l.state == 'draft']
        moves = [v._get_move() for v in vouchers]
        save_moves(moves)
        for voucher, (move, _) in zip(vouchers, moves):
            voucher.move = move
        cls.save(vouchers)
        Line._link(lines)

    @classmethod
    @ModelView.button
    def allocate(cls, vouchers):
        "Match the advance of posted vouchers to their new allocations"
        Line = Pool().get('jxc.payment.voucher.line')
        vouchers = [v for v in vouchers if v.state == 'posted']
        cls._check(vouchers)
        moves, lines = [], []
        for voucher in vouchers:
            draft = [l for l in voucher.lines if l.state == 'draft']
            if draft:
                moves.append(voucher._get_allocation_move(draft))
                lines.extend(draft)
        save_moves(moves)
        Line._link(lines)

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, vouchers):
        Line = Pool().get('jxc.payment.voucher.line')
        Line.undo([l for v in vouchers for l in v.lines
                if l.state == 'posted'])
        Line.delete([l for v in vouchers if v.move for l in v.lines
                if l.state == 'draft'])
        save_moves([v._get_cancel_move() for v in vouchers if v.move])

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, vouchers):
        for voucher in vouchers:
            if voucher.move:
                raise AccessError(gettext(
                        'jxc_addon.msg_voucher_draft_posted',
                        voucher=voucher.rec_name))

    @classmethod
    def _check(cls, vouchers):
        "Raise before anything is written if an allocation is wrong"
        for voucher in vouchers:
            voucher._check_advance_account()
            if voucher.allocated > voucher.amount:
                raise PaymentError(gettext(
                        'jxc_addon.msg_voucher_over_allocated',
                        voucher=voucher.rec_name or voucher.party.rec_name,
                        allocated=voucher.allocated, amount=voucher.amount))
            pending = defaultdict(Decimal)
            for line in voucher.lines:
                if line.state == 'draft':
                    line.check_invoice()
                    pending[line.invoice] += line.amount
            for invoice, amount in pending.items():
                if amount > invoice.amount_to_pay:
                    raise PaymentError(gettext(
                            'jxc_addon.msg_voucher_line_over_open',
                            invoice=invoice.rec_name, amount=amount,
                            open=invoice.amount_to_pay))

    def _check_advance_account(self):
        if not self.advance_account:
            raise PaymentError(gettext(
                    'jxc_addon.msg_voucher_no_advance_account'))

    @classmethod
    def set_number(cls, vouchers):
        pool = Pool()
        Configuration = pool.get('account.configuration')
        config = Configuration(1)
        for voucher in vouchers:
            if not voucher.number:
                sequence = getattr(config, f'voucher_{voucher.kind}_sequence')
                voucher.number = sequence.get()
        cls.save(vouchers)

    @property
    def advance_account(self):
        Configuration = Pool().get('account.configuration')
        return getattr(Configuration(1), f'advance_{self.kind}_account')

    def _sign(self):
        "1 when the voucher's money comes in (debit cash), -1 when it goes"
        return 1 if self.kind == 'receipt' else -1

    def _move_line(self, account, amount, party=None):
        "A move line of amount signed as money coming in"
        MoveLine = Pool().get('account.move.line')
        amount *= self._sign()
        line = MoveLine(
            account=account, debit=max(amount, 0), credit=max(-amount, 0))
        if account.party_required:
            line.party = party or self.party
        if account == self.advance_account:
            # Whenever it is used or given back, an advance ages from the
            # day it was paid
            line.maturity_date = self.date
        return line

    def _new_move(self, date, lines):
        "A move and its lines, saved together by save_moves"
        pool = Pool()
        Move = pool.get('account.move')
        Period = pool.get('account.period')
        return Move(
            company=self.company, journal=self.method.journal,
            period=Period.find(self.company, date=date), date=date,
            origin=self, description=self.number), lines

    def _cash_line(self, amount, date):
        method = self.method
        account = (method.debit_account if self.kind == 'receipt'
            else method.credit_account)
        return self._move_line(account.current(date=date), amount)

    def _get_move(self):
        lines = [self._cash_line(self.amount, self.date)]
        for line in self.lines:
            if line.state == 'draft':
                line.date = self.date
                line.move_line = line._allocation_move_line()
                lines.append(line.move_line)
        if self.advance:
            lines.append(self._move_line(
                    self.advance_account, -self.advance))
        return self._new_move(self.date, lines)

    def _get_allocation_move(self, draft_lines):
        date = max([self.date] + [l.date for l in draft_lines if l.date])
        total = sum(l.amount for l in draft_lines)
        lines = [self._move_line(self.advance_account, total)]
        for line in draft_lines:
            line.date = date
            line.move_line = line._allocation_move_line()
            lines.append(line.move_line)
        return self._new_move(date, lines)

    def _get_cancel_move(self):
        "Give the money back: after the undo all of it is an advance"
        date = max(self.date, Pool().get('ir.date').today())
        return self._new_move(date, [
                self._cash_line(-self.amount, date),
                self._move_line(self.advance_account, self.amount),
                ])


def save_moves(moves):
    "Save and post the (move, lines) pairs; the lines get their ids"
    pool = Pool()
    Move = pool.get('account.move')
    MoveLine = pool.get('account.move.line')
    Move.save([m for m, _ in moves])
    lines = []
    for move, move_lines in moves:
        for line in move_lines:
            line.move = move
        lines.extend(move_lines)
    MoveLine.save(lines)
    Move.post([m for m, _ in moves])


_VOUCHER = Eval('_parent_voucher', {})


class VoucherLine(GuardMixin, Workflow, ModelSQL, ModelView):
    "One 核销: an amount of a voucher matched to an invoice"
    __name__ = 'jxc.payment.voucher.line'

    voucher = fields.Many2One(
        'jxc.payment.voucher', "Voucher", required=True, ondelete='CASCADE')
    invoice = fields.Many2One(
        'account.invoice', "Invoice", required=True,
        domain=[
            # A new line in the voucher's grid has no value of its own yet:
            # the domain reads the voucher
            If(Eval('state') == 'draft',
                [('state', '=', 'posted'),
                    ('party', '=', _VOUCHER.get('party', -1)),
                    ('type', '=', If(_VOUCHER.get('kind') == 'payment',
                            'in', 'out')),
                    ('company', '=', _VOUCHER.get('company', -1))],
                []),
            ],
        states={'readonly': Eval('state') != 'draft'})
    party = fields.Function(
        fields.Many2One('party.party', "Party"), 'on_change_with_party')
    order = fields.Function(
        fields.Char("Order", help="The orders the invoice bills."),
        'get_order')
    invoice_date = fields.Function(
        fields.Date("Invoice Date"), 'get_invoice_field')
    invoice_total = fields.Function(Monetary(
            "Invoice Total", currency='currency', digits='currency'),
        'get_invoice_field')
    amount_to_pay = fields.Function(Monetary(
            "Open Amount", currency='currency', digits='currency'),
        'get_invoice_field')
    amount = Monetary(
        "Amount", currency='currency', digits='currency', required=True,
        domain=[('amount', '>', 0)],
        states={'readonly': Eval('state') != 'draft'})
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"),
        'on_change_with_currency')
    date = fields.Date(
        "Date", states={'readonly': Eval('state') != 'draft'},
        help="When the allocation is booked: the voucher date when the "
        "voucher is posted with it, else this date (not before the "
        "voucher date).")
    move_line = fields.Many2One(
        'account.move.line', "Move Line", readonly=True)
    undo_date = fields.Date("Undo Date", readonly=True)
    undo_move_line = fields.Many2One(
        'account.move.line', "Undo Move Line", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('posted', "Posted"),
            ('undone', "Undone"),
            ], "State", readonly=True, required=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('voucher')
        t = cls.__table__()
        cls._sql_indexes.add(Index(t, (t.invoice, Index.Range())))
        cls._order = [('id', 'ASC')]
        cls._transitions |= {('posted', 'undone')}
        cls._buttons.update({
                'undo': {
                    'invisible': Eval('state') != 'posted',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def check_modification(cls, mode, lines, values=None, external=False):
        super().check_modification(
            mode, lines, values=values, external=external)
        if mode == 'delete':
            for line in lines:
                if line.state != 'draft':
                    raise AccessError(gettext(
                            'jxc_addon.msg_voucher_line_delete_draft',
                            invoice=line.invoice.rec_name))

    @fields.depends('voucher', '_parent_voucher.party')
    def on_change_with_party(self, name=None):
        return self.voucher.party if self.voucher else None

    @fields.depends('voucher', '_parent_voucher.company')
    def on_change_with_currency(self, name=None):
        if self.voucher and self.voucher.company:
            return self.voucher.company.currency

    @fields.depends('invoice', 'voucher', '_parent_voucher.advance')
    def on_change_invoice(self):
        if self.invoice and self.invoice.state == 'posted':
            self.amount = self.invoice.amount_to_pay
            if self.voucher and self.voucher.advance is not None:
                self.amount = max(min(self.amount, self.voucher.advance), 0)

    def get_order(self, name):
        invoice = self.invoice
        orders = (invoice.sales if invoice.type == 'out'
            else invoice.purchases)
        return ', '.join(o.rec_name for o in orders)

    def get_invoice_field(self, name):
        return getattr(self.invoice, {
                'invoice_date': 'invoice_date',
                'invoice_total': 'total_amount',
                'amount_to_pay': 'amount_to_pay',
                }[name])

    def check_invoice(self):
        voucher = self.voucher
        invoice = self.invoice
        if invoice.party != voucher.party:
            raise PaymentError(gettext(
                    'jxc_addon.msg_voucher_line_party',
                    invoice=invoice.rec_name, party=invoice.party.rec_name,
                    voucher_party=voucher.party.rec_name))
        if invoice.state != 'posted':
            raise PaymentError(gettext(
                    'jxc_addon.msg_voucher_line_invoice_state',
                    invoice=invoice.rec_name))
        if (invoice.type != voucher.invoice_type
                or invoice.company != voucher.company
                or invoice.currency != voucher.currency):
            raise PaymentError(gettext(
                    'jxc_addon.msg_voucher_line_invoice_kind',
                    invoice=invoice.rec_name, voucher=voucher.rec_name
                    or voucher.party.rec_name))

    def _allocation_move_line(self):
        """The line on the invoice's account that pays it, due when the
        invoice is: a partial payment ages with the invoice it pays"""
        invoice = self.invoice
        line = self.voucher._move_line(
            invoice.account, -self.amount, party=invoice.party)
        line.maturity_date = min(
            (l.maturity_date for l in invoice.lines_to_pay
                if l.maturity_date),
            default=invoice.invoice_date)
        return line

    @classmethod
    def _link(cls, lines):
        "Add the posted move lines to their invoices, reconcile paid ones"
        pool = Pool()
        Invoice = pool.get('account.invoice')
        MoveLine = pool.get('account.move.line')
        payments = defaultdict(list)
        for line in lines:
            line.state = 'posted'
            payments[line.invoice].append(line.move_line)
        cls.save(lines)
        Invoice.add_payment_lines(payments)
        invoices = Invoice.browse([i.id for i in payments])
        to_reconcile = [i for i in invoices if i.amount_to_pay == 0]
        MoveLine.reconcile(*(
                [l for l in i.lines_to_pay + i.payment_lines
                    if not l.reconciliation] for i in to_reconcile))
        Invoice.process(to_reconcile)

    @classmethod
    @ModelView.button
    @Workflow.transition('undone')
    def undo(cls, lines):
        "Undo the 核销: the invoice is open again, the amount an advance"
        pool = Pool()
        Invoice = pool.get('account.invoice')
        MoveLine = pool.get('account.move.line')
        Reconciliation = pool.get('account.move.reconciliation')
        invoices = list({l.invoice for l in lines})
        Reconciliation.delete(list({
                    ml.reconciliation for i in invoices
                    for ml in i.lines_to_pay if ml.reconciliation}))
        Invoice.process(invoices)
        Invoice.remove_payment_lines([l.move_line for l in lines])
        save_moves([l._get_undo_move() for l in lines])
        cls.save(lines)
        MoveLine.reconcile(*([l.move_line, l.undo_move_line] for l in lines))

    def _get_undo_move(self):
        voucher = self.voucher
        self.undo_date = max(
            self.date, Pool().get('ir.date').today())
        self.undo_move_line = voucher._move_line(
            self.invoice.account, self.amount, party=self.invoice.party)
        lines = [
            self.undo_move_line,
            voucher._move_line(voucher.advance_account, -self.amount),
            ]
        return voucher._new_move(self.undo_date, lines)
