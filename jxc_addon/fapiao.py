# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from collections import defaultdict
from decimal import Decimal

from sql import Literal
from sql.aggregate import Sum
from sql.conditionals import Case, Coalesce

from trytond import backend
from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.model.fields import SQL_OPERATORS
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Bool, Eval
from trytond.tools import grouped_slice
from trytond.transaction import Transaction

from jxc_privacy.guard import GuardMixin

from .exceptions import FapiaoError, FapiaoValidationError

KINDS = [
    ('special', "VAT Special Invoice"),
    ('general', "VAT General Invoice"),
    ('e_special', "VAT Electronic Special Invoice"),
    ('e_general', "VAT Electronic General Invoice"),
    ('digital_special', "Digital E-Invoice (Special)"),
    ('digital_general', "Digital E-Invoice (General)"),
    ('other', "Other"),
    ]
# RULES-CN 2.1: digits of the code (None: no code) and of the number
FORMATS = {
    'special': ((10,), 8),
    'general': ((10, 12), 8),
    'e_special': ((12,), 8),
    'e_general': ((12,), 8),
    'digital_special': (None, 20),
    'digital_general': (None, 20),
    }
DEDUCTIBLE_KINDS = {'special', 'e_special', 'digital_special'}
# RULES-CN 2.6 and 2.7: per line and per invoice
LINE_TOLERANCE = Decimal('0.06')
TAX_TOLERANCE = Decimal('1.27')
ORDER_STATES = ['confirmed', 'processing', 'done']
ORDER_MODELS = {'in': 'purchase.purchase', 'out': 'sale.sale'}
ORDER_FIELDS = {'in': 'purchase', 'out': 'sale'}


class Fapiao(GuardMixin, Workflow, ModelSQL, ModelView):
    """The official tax invoice (发票) received from a supplier (到票) or
    issued to a customer (开票).

    Tryton has no model for it: an account.invoice is the accounting
    document, while a fapiao is printed by the tax platform with its own
    number, rates and totals, and one fapiao may cover several orders and
    one order several fapiao, each with an amount (the allocations).
    """
    __name__ = 'account.fapiao'
    _rec_name = 'number'
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    company = fields.Many2One(
        'company.company', "Company", required=True, states=_states,
        help="The company that received or issued the fapiao.")
    type = fields.Selection([
            ('in', "Received"),
            ('out', "Issued"),
            ], "Type", required=True, states=_states,
        help="Received from a supplier (到票) or issued to a customer (开票).")
    kind = fields.Selection(
        KINDS, "Kind", required=True, states=_states,
        help="The kind printed on the fapiao.")
    kind_string = kind.translated('kind')
    code = fields.Char(
        "Code", states={
            'readonly': _states['readonly'],
            'invisible': Eval('kind', '').in_(
                ['digital_special', 'digital_general']),
            },
        help="The 10 or 12 digit code of a legacy fapiao (发票代码).")
    number = fields.Char(
        "Number", required=True, states=_states,
        help="The 8 digit number of a legacy fapiao "
        "or the 20 digit number of a digital one (发票号码).")
    date = fields.Date(
        "Issue Date", required=True, states=_states,
        help="The date printed on the fapiao (开票日期).")
    check_code = fields.Char(
        "Check Code", states=_states,
        help="The 20 digit check code printed on general fapiao (校验码).")
    party = fields.Many2One(
        'party.party', "Party", required=True, states=_states,
        context={
            'company': Eval('company', -1),
            },
        depends={'company'},
        help="The supplier or customer.")
    seller_name = fields.Char(
        "Seller Name", required=True, states=_states,
        help="The seller's name as printed (销售方名称).")
    seller_tax_id = fields.Char(
        "Seller Tax ID", states=_states,
        help="The seller's tax identifier as printed (纳税人识别号).")
    buyer_name = fields.Char(
        "Buyer Name", required=True, states=_states,
        help="The buyer's name as printed (购买方名称).")
    buyer_tax_id = fields.Char(
        "Buyer Tax ID", states=_states,
        help="The buyer's tax identifier as printed (纳税人识别号).")
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"),
        'on_change_with_currency')
    lines = fields.One2Many(
        'account.fapiao.line', 'fapiao', "Lines", states=_states,
        help="The amounts and taxes per rate.")
    untaxed_amount = fields.Function(Monetary(
            "Untaxed", currency='currency', digits='currency'),
        'get_amounts')
    tax_amount = fields.Function(Monetary(
            "Tax", currency='currency', digits='currency'),
        'get_amounts')
    total_amount = Monetary(
        "Total", currency='currency', digits='currency', required=True,
        states=_states,
        help="The total including tax as printed (价税合计).")
    allocations = fields.One2Many(
        'account.fapiao.allocation', 'fapiao', "Allocations",
        states=_states,
        context={'fapiao_type': Eval('type')}, depends={'type'},
        help="The orders the fapiao covers, with amounts including tax.")
    original = fields.Many2One(
        'account.fapiao', "Original", states=_states,
        domain=[
            ('company', '=', Eval('company', -1)),
            ('type', '=', Eval('type')),
            ('party', '=', Eval('party', -1)),
            ('state', '=', 'posted'),
            ('original', '=', None),
            ],
        help="The blue fapiao that this red-letter fapiao (红字发票) "
        "reverses.")
    red_reason = fields.Selection([
            (None, ""),
            ('error', "Wrong Invoice"),
            ('return', "Return"),
            ('stopped', "Service Stopped"),
            ('allowance', "Allowance"),
            ], "Red Reason", sort=False,
        states={
            'readonly': _states['readonly'],
            'required': Bool(Eval('original')),
            'invisible': ~Eval('original'),
            },
        help="Why the red-letter fapiao is issued.")
    red_info_number = fields.Char(
        "Red Information Number",
        states={
            'readonly': _states['readonly'],
            'invisible': ~Eval('original'),
            },
        help="The number of the 红字信息表 or 红字发票信息确认单.")
    deduction = fields.Selection([
            ('none', "Not Deductible"),
            ('pending', "Pending"),
            ('selected', "Selected"),
            ('deducted', "Deducted"),
            ], "Deduction", required=True, sort=False,
        states={
            'readonly': Eval('state') == 'cancelled',
            'invisible': Eval('type') != 'in',
            },
        help="The input VAT deduction status (勾选/抵扣) "
        "of a received fapiao.")
    deduction_period = fields.Many2One(
        'account.period', "Deduction Period",
        domain=[
            ('company', '=', Eval('company', -1)),
            ],
        states={
            'readonly': Eval('state') == 'cancelled',
            'invisible': ~Eval('deduction').in_(['selected', 'deducted']),
            'required': Eval('deduction').in_(['selected', 'deducted']),
            },
        help="The tax period in which the input VAT is deducted.")
    remark = fields.Text("Remark", help="The remark printed (备注).")
    state = fields.Selection([
            ('draft', "Draft"),
            ('posted', "Registered"),
            ('cancelled', "Cancelled"),
            ], "State", readonly=True, required=True, sort=False,
        help="A registered fapiao counts in the invoiced amounts.")

    del _states

    @classmethod
    def __setup__(cls):
        cls.number.search_unaccented = False
        cls.code.search_unaccented = False
        super().__setup__()
        cls._order = [
            ('date', 'DESC NULLS FIRST'),
            ('id', 'DESC'),
            ]
        cls._transitions |= {
            ('draft', 'posted'),
            ('draft', 'cancelled'),
            ('posted', 'cancelled'),
            ('cancelled', 'draft'),
            }
        cls._buttons.update({
                'cancel': {
                    'invisible': Eval('state') == 'cancelled',
                    'depends': ['state'],
                    },
                'draft': {
                    'invisible': Eval('state') != 'cancelled',
                    'icon': 'tryton-undo',
                    'depends': ['state'],
                    },
                'post': {
                    'invisible': Eval('state') != 'draft',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_type(cls):
        return Transaction().context.get('fapiao_type', 'in')

    @classmethod
    def default_kind(cls):
        return 'digital_special'

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_deduction(cls):
        return default_deduction(cls.default_type(), cls.default_kind())

    @classmethod
    def preprocess_values(cls, mode, values):
        values = super().preprocess_values(mode, values)
        if mode == 'create' and 'deduction' not in values:
            values['deduction'] = default_deduction(
                values.get('type', cls.default_type()),
                values.get('kind', cls.default_kind()))
        return values

    @fields.depends('company')
    def on_change_with_currency(self, name=None):
        return self.company.currency if self.company else None

    @fields.depends('type', 'kind')
    def on_change_kind(self):
        self.deduction = default_deduction(self.type, self.kind)
        if self.kind not in FORMATS or FORMATS[self.kind][0] is None:
            self.code = None

    @fields.depends('type', methods=['on_change_kind', 'on_change_party'])
    def on_change_type(self):
        self.on_change_kind()
        self.on_change_party()

    @fields.depends('type', 'party', 'company')
    def on_change_party(self):
        parties = [self.party, self.company.party if self.company else None]
        if self.type == 'out':
            parties.reverse()
        seller, buyer = parties
        self.seller_name = seller.name if seller else None
        self.seller_tax_id = tax_code(seller)
        self.buyer_name = buyer.name if buyer else None
        self.buyer_tax_id = tax_code(buyer)

    @fields.depends('original', 'kind', 'total_amount', 'currency')
    def on_change_original(self):
        if self.original:
            self.kind = self.original.kind
            self.total_amount = self.currency.round(
                -self.original.remaining_amount())

    @classmethod
    def get_amounts(cls, fapiaos, names):
        result = {n: {} for n in names}
        for fapiao in fapiaos:
            for name, field in [
                    ('untaxed_amount', 'amount'), ('tax_amount', 'tax')]:
                if name in result:
                    result[name][fapiao.id] = fapiao.currency.round(sum(
                            (getattr(l, field) or 0 for l in fapiao.lines),
                            Decimal(0)))
        return result

    def get_rec_name(self, name):
        if self.code:
            return '%s-%s' % (self.code, self.number)
        return self.number

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, value = clause[:3]
        bool_op = 'AND' if operator.startswith('!') else 'OR'
        return [bool_op,
            ('number', operator, value, *clause[3:]),
            ('code', operator, value, *clause[3:]),
            ]

    @property
    def is_red(self):
        return bool(self.original)

    def remaining_amount(self):
        "The amount of a blue fapiao not yet reversed by red-letter ones"
        reds = self.search([
                ('original', '=', self.id),
                ('state', '!=', 'cancelled'),
                ])
        return self.total_amount + sum(r.total_amount for r in reds)

    @classmethod
    def copy(cls, fapiaos, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('number')
        default.setdefault('check_code')
        default.setdefault('deduction_period')
        return super().copy(fapiaos, default=default)

    @classmethod
    def check_modification(cls, mode, fapiaos, values=None, external=False):
        super().check_modification(
            mode, fapiaos, values=values, external=external)
        if mode == 'delete':
            for fapiao in fapiaos:
                if fapiao.state == 'posted':
                    raise FapiaoError(gettext(
                            'jxc_addon.msg_fapiao_delete_posted',
                            fapiao=fapiao.rec_name))

    @classmethod
    def validate(cls, fapiaos):
        super().validate(fapiaos)
        for fapiao in fapiaos:
            if fapiao.state == 'cancelled':
                continue
            fapiao.check_format()
            fapiao.check_unique()
            fapiao.check_lines()
            fapiao.check_sign()
            fapiao.check_red()
            fapiao.check_allocated()
            fapiao.check_deduction()

    def check_format(self):
        if self.kind not in FORMATS:
            return
        code_lengths, number_length = FORMATS[self.kind]
        if not (self.number.isdigit() and len(self.number) == number_length):
            raise FapiaoValidationError(gettext(
                    'jxc_addon.msg_fapiao_number_format',
                    number=self.number, kind=self.kind_string,
                    length=number_length))
        code = self.code or ''
        if code_lengths is None and code:
            raise FapiaoValidationError(gettext(
                    'jxc_addon.msg_fapiao_code_forbidden',
                    code=code, kind=self.kind_string))
        if code_lengths and not (
                code.isdigit() and len(code) in code_lengths):
            raise FapiaoValidationError(gettext(
                    'jxc_addon.msg_fapiao_code_format',
                    code=code, kind=self.kind_string,
                    lengths='/'.join(map(str, code_lengths))))
        if self.check_code and not (
                self.check_code.isdigit() and len(self.check_code) == 20):
            raise FapiaoValidationError(gettext(
                    'jxc_addon.msg_fapiao_check_code_format',
                    check_code=self.check_code))

    def check_unique(self):
        others = self.search([
                ('id', '!=', self.id),
                ('company', '=', self.company.id),
                ('kind', '=', self.kind),
                ('code', '=', self.code or None),
                ('number', '=', self.number),
                ('state', '!=', 'cancelled'),
                ], limit=1)
        if others:
            other, = others
            raise FapiaoValidationError(gettext(
                    'jxc_addon.msg_fapiao_duplicate',
                    fapiao=self.rec_name, kind=self.kind_string,
                    party=other.party.rec_name))

    def check_lines(self):
        tax_error = Decimal(0)
        for line in self.lines:
            error = line.tax - line.amount * line.rate
            if abs(error) > LINE_TOLERANCE:
                raise FapiaoValidationError(gettext(
                        'jxc_addon.msg_fapiao_line_tax',
                        fapiao=self.rec_name, amount=line.amount,
                        rate=line.rate, tax=line.tax))
            tax_error += error
        if abs(tax_error) > TAX_TOLERANCE:
            raise FapiaoValidationError(gettext(
                    'jxc_addon.msg_fapiao_tax_error',
                    fapiao=self.rec_name, error=tax_error))
        if self.lines:
            lines_total = self.untaxed_amount + self.tax_amount
            if lines_total != self.total_amount:
                raise FapiaoValidationError(gettext(
                        'jxc_addon.msg_fapiao_total_lines',
                        fapiao=self.rec_name, total=self.total_amount,
                        lines_total=lines_total))

    def check_sign(self):
        amounts = [self.total_amount] + [a.amount for a in self.allocations]
        amounts += [l.amount for l in self.lines]
        if any((a < 0) != self.is_red for a in amounts if a):
            raise FapiaoValidationError(gettext(
                    'jxc_addon.msg_fapiao_sign', fapiao=self.rec_name))

    def check_red(self):
        if not self.original:
            return
        remaining = self.original.remaining_amount()
        if remaining < 0:
            raise FapiaoValidationError(gettext(
                    'jxc_addon.msg_fapiao_red_remaining',
                    fapiao=self.rec_name, original=self.original.rec_name,
                    remaining=remaining - self.total_amount))

    def check_allocated(self):
        allocated = sum(a.amount for a in self.allocations)
        if abs(allocated) > abs(self.total_amount):
            raise FapiaoValidationError(gettext(
                    'jxc_addon.msg_fapiao_over_allocated',
                    fapiao=self.rec_name, total=self.total_amount,
                    allocated=allocated))

    def check_deduction(self):
        if (self.deduction in {'selected', 'deducted'}
                and (self.type != 'in'
                    or self.kind not in DEDUCTIBLE_KINDS)):
            raise FapiaoValidationError(gettext(
                    'jxc_addon.msg_fapiao_not_deductible',
                    fapiao=self.rec_name, kind=self.kind_string))

    def check_post(self):
        if not self.lines:
            raise FapiaoError(gettext(
                    'jxc_addon.msg_fapiao_no_lines', fapiao=self.rec_name))
        if not self.allocations:
            return
        allocated = sum(a.amount for a in self.allocations)
        tolerance = LINE_TOLERANCE * len(self.allocations)
        if abs(self.total_amount - allocated) > tolerance:
            raise FapiaoError(gettext(
                    'jxc_addon.msg_fapiao_total_allocations',
                    fapiao=self.rec_name, total=self.total_amount,
                    allocated=allocated))

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, fapiaos):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('posted')
    def post(cls, fapiaos):
        for fapiao in fapiaos:
            fapiao.check_post()

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, fapiaos):
        reds = cls.search([
                ('original', 'in', [f.id for f in fapiaos]),
                ('state', '!=', 'cancelled'),
                ], limit=1)
        if reds:
            red, = reds
            raise FapiaoError(gettext(
                    'jxc_addon.msg_fapiao_cancel_red',
                    fapiao=red.original.rec_name, red=red.rec_name))


def default_deduction(type_, kind):
    return 'pending' if type_ == 'in' and kind in DEDUCTIBLE_KINDS else 'none'


def tax_code(party):
    if party and party.tax_identifier:
        return party.tax_identifier.code


class _FapiaoChild:
    "A part of a fapiao, in its currency and with its access"
    __slots__ = ()

    fapiao = fields.Many2One(
        'account.fapiao', "Fapiao", required=True, ondelete='CASCADE')
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"),
        'on_change_with_currency')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('fapiao')

    @fields.depends('fapiao', '_parent_fapiao.currency')
    def on_change_with_currency(self, name=None):
        return self.fapiao.currency if self.fapiao else None


class FapiaoLine(GuardMixin, _FapiaoChild, ModelSQL, ModelView):
    "The untaxed amount and the tax of one rate on a fapiao"
    __name__ = 'account.fapiao.line'

    rate = fields.Numeric(
        "Rate", digits=(1, 3), required=True,
        domain=[
            ('rate', '>=', 0),
            ('rate', '<', 1),
            ],
        help="The VAT rate or levy rate printed (税率/征收率), "
        "in percent: 13 for 13%.")
    amount = Monetary(
        "Amount", currency='currency', digits='currency', required=True,
        help="The amount excluding tax (金额).")
    tax = Monetary(
        "Tax", currency='currency', digits='currency', required=True,
        help="The tax amount (税额).")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('rate', 'DESC'))

    @fields.depends('amount', 'rate', 'currency')
    def on_change_amount(self):
        if self.amount is not None and self.rate is not None:
            tax = self.amount * self.rate
            self.tax = self.currency.round(tax) if self.currency else tax

    on_change_rate = on_change_amount


class FapiaoAllocation(GuardMixin, _FapiaoChild, ModelSQL, ModelView):
    "The part of a fapiao's total, tax included, that covers an order"
    __name__ = 'account.fapiao.allocation'

    fapiao_type = fields.Function(
        fields.Selection('get_fapiao_types', "Fapiao Type"),
        'on_change_with_fapiao_type')
    purchase = fields.Many2One(
        'purchase.purchase', "Purchase",
        domain=[
            ('state', 'in', ORDER_STATES),
            ],
        states={
            'invisible': Eval('fapiao_type') != 'in',
            'required': Eval('fapiao_type') == 'in',
            },
        help="The purchase order the fapiao received covers.")
    sale = fields.Many2One(
        'sale.sale', "Sale",
        domain=[
            ('state', 'in', ORDER_STATES),
            ],
        states={
            'invisible': Eval('fapiao_type') != 'out',
            'required': Eval('fapiao_type') == 'out',
            },
        help="The sale order the fapiao issued covers.")
    invoice = fields.Many2One(
        'account.invoice', "Invoice",
        domain=[
            ('type', '=', Eval('fapiao_type')),
            ],
        help="The invoice of the order that the fapiao supports.")
    amount = Monetary(
        "Amount", currency='currency', digits='currency', required=True,
        help="The amount including tax, negative on a red-letter fapiao.")

    @classmethod
    def get_fapiao_types(cls):
        pool = Pool()
        Fapiao = pool.get('account.fapiao')
        return Fapiao.fields_get(['type'])['type']['selection']

    @classmethod
    def default_fapiao_type(cls):
        "The type of the fapiao a new line is added to, for its states"
        return Transaction().context.get('fapiao_type')

    @fields.depends('fapiao', '_parent_fapiao.type')
    def on_change_with_fapiao_type(self, name=None):
        return self.fapiao.type if self.fapiao else None

    @property
    def order(self):
        return self.purchase or self.sale

    @fields.depends('purchase', 'sale', 'amount')
    def on_change_purchase(self):
        order = self.purchase or self.sale
        if order and self.amount is None:
            self.amount = order.fapiao_amount_open

    on_change_sale = on_change_purchase

    @classmethod
    def validate(cls, allocations):
        super().validate(allocations)
        for allocation in allocations:
            allocation.check_order()
        cls.check_orders(allocations)
        cls.check_invoices(allocations)

    def check_order(self):
        order, fapiao = self.order, self.fapiao
        if (order.company != fapiao.company
                or fapiao.party not in {order.party, order.invoice_party}):
            raise FapiaoValidationError(gettext(
                    'jxc_addon.msg_fapiao_allocation_party',
                    order=order.rec_name, fapiao=fapiao.rec_name,
                    party=fapiao.party.rec_name))
        if self.invoice and self.invoice not in order.invoices:
            raise FapiaoValidationError(gettext(
                    'jxc_addon.msg_fapiao_allocation_invoice_order',
                    invoice=self.invoice.rec_name, order=order.rec_name))

    @classmethod
    def check_orders(cls, allocations):
        for type_, field in ORDER_FIELDS.items():
            orders = {getattr(a, field) for a in allocations} - {None}
            for order in orders:
                due = order.fapiao_amount_due
                booked = booked_amounts(type_, [order.id])[order.id]
                if not in_range(booked, due):
                    raise FapiaoValidationError(gettext(
                            'jxc_addon.msg_fapiao_allocation_order',
                            order=order.rec_name, due=due,
                            booked=booked))

    @classmethod
    def check_invoices(cls, allocations):
        pool = Pool()
        Allocation = pool.get('account.fapiao.allocation')
        invoices = {a.invoice for a in allocations} - {None}
        for invoice in invoices:
            booked = sum(a.amount for a in Allocation.search([
                        ('invoice', '=', invoice.id),
                        ('fapiao.state', '!=', 'cancelled'),
                        ]))
            if not in_range(booked, invoice.total_amount):
                raise FapiaoValidationError(gettext(
                        'jxc_addon.msg_fapiao_allocation_invoice',
                        invoice=invoice.rec_name,
                        total=invoice.total_amount, booked=booked))


def in_range(booked, due):
    "Whether booked lies between 0 and due, with the matching tolerance"
    low, high = sorted([Decimal(0), due])
    return low - LINE_TOLERANCE <= booked <= high + LINE_TOLERANCE


def booked_amounts(type_, order_ids, states=('draft', 'posted')):
    "Return the amounts of the fapiao of the states allocated per order"
    pool = Pool()
    Allocation = pool.get('account.fapiao.allocation')
    Fapiao = pool.get('account.fapiao')
    allocation = Allocation.__table__()
    fapiao = Fapiao.__table__()
    cursor = Transaction().connection.cursor()
    column = getattr(allocation, ORDER_FIELDS[type_])
    result = defaultdict(Decimal)
    for sub_ids in grouped_slice(order_ids, backend.MAX_QUERY_PARAMS):
        cursor.execute(*allocation.join(fapiao,
                condition=allocation.fapiao == fapiao.id
                ).select(column, Sum(allocation.amount),
                where=SQL_OPERATORS['in'](column, list(sub_ids))
                & fapiao.state.in_(list(states)),
                group_by=[column]))
        for order_id, amount in cursor:
            result[order_id] = to_money(amount)
    return result


def to_money(value):
    "Return the SQL value as Decimal: SQLite gives floats or bytes"
    if isinstance(value, bytes):
        value = value.decode()
    return Decimal(str(value or 0)).quantize(Decimal('0.01'))


def order_due_column(order):
    "The SQL expression of the amount to invoice of an order table"
    return Case(
        (order.state.in_(ORDER_STATES),
            Coalesce(order.total_amount_cache, Literal(0))),
        else_=Literal(0))


class OrderFapiaoMixin:
    __slots__ = ()
    fapiao_type = None

    @classmethod
    def get_fapiao_amounts(cls, orders, names):
        pool = Pool()
        Allocation = pool.get('account.fapiao.allocation')
        Fapiao = pool.get('account.fapiao')
        order = cls.__table__()
        allocation = Allocation.__table__()
        fapiao = Fapiao.__table__()
        cursor = Transaction().connection.cursor()
        column = getattr(allocation, ORDER_FIELDS[cls.fapiao_type])
        posted = allocation.join(fapiao,
            condition=(allocation.fapiao == fapiao.id)
            & (fapiao.state == 'posted')
            ).select(column.as_('order'),
            Sum(allocation.amount).as_('amount'),
            group_by=[column])
        result = {n: {} for n in names}
        for sub_orders in grouped_slice(
                orders, backend.MAX_QUERY_PARAMS):
            sub_ids = [o.id for o in sub_orders]
            cursor.execute(*order.join(posted, 'LEFT',
                    condition=posted.order == order.id
                    ).select(order.id, order_due_column(order),
                    Coalesce(posted.amount, Literal(0)),
                    where=SQL_OPERATORS['in'](order.id, sub_ids)))
            for order_id, due, done in cursor:
                cls._set_fapiao_amounts(result, order_id, due, done)
        return result

    @classmethod
    def _set_fapiao_amounts(cls, result, order_id, due, done):
        due, done = to_money(due), to_money(done)
        for name, value in [
                ('fapiao_amount_due', due),
                ('fapiao_amount', done),
                ('fapiao_amount_open', due - done)]:
            if name in result:
                result[name][order_id] = value


def order_fapiao_fields(due, done, todo):
    return (
        fields.Function(Monetary(
                due, currency='currency', digits='currency',
                help="The order total, tax included, "
                "once the order is confirmed."),
            'get_fapiao_amounts'),
        fields.Function(Monetary(
                done, currency='currency', digits='currency',
                help="The amount of the registered fapiao "
                "allocated to the order."),
            'get_fapiao_amounts'),
        fields.Function(Monetary(
                todo, currency='currency', digits='currency',
                help="The amount still without fapiao."),
            'get_fapiao_amounts'),
        )


class Purchase(OrderFapiaoMixin, metaclass=PoolMeta):
    __name__ = 'purchase.purchase'
    fapiao_type = 'in'

    fapiao_amount_due, fapiao_amount, fapiao_amount_open = (
        order_fapiao_fields(
            "To Receive Fapiao", "Fapiao Received", "Fapiao Not Received"))
    fapiao_allocations = fields.One2Many(
        'account.fapiao.allocation', 'purchase', "Fapiao Allocations",
        readonly=True, context={'fapiao_type': 'in'})


class Sale(OrderFapiaoMixin, metaclass=PoolMeta):
    __name__ = 'sale.sale'
    fapiao_type = 'out'

    fapiao_amount_due, fapiao_amount, fapiao_amount_open = (
        order_fapiao_fields(
            "To Issue Fapiao", "Fapiao Issued", "Fapiao Not Issued"))
    fapiao_allocations = fields.One2Many(
        'account.fapiao.allocation', 'sale', "Fapiao Allocations",
        readonly=True, context={'fapiao_type': 'out'})


class Invoice(metaclass=PoolMeta):
    __name__ = 'account.invoice'

    fapiao_allocations = fields.One2Many(
        'account.fapiao.allocation', 'invoice', "Fapiao Allocations",
        readonly=True, context={'fapiao_type': Eval('type')},
        depends={'type'},
        help="The fapiao that support the invoice, with amounts.")
    fapiao_numbers = fields.Function(
        fields.Char("Fapiao Numbers"), 'get_fapiao_numbers')

    def get_fapiao_numbers(self, name):
        return ', '.join(sorted({
                    a.fapiao.rec_name for a in self.fapiao_allocations
                    if a.fapiao.state == 'posted'}))
