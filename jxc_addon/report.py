# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Chinese prints (中式单据) of orders, shipments and invoices, and the
statement of a party (对账单)

Each document report gives its template ``sheets``: one ``Sheet`` per record
with the header, the two parties, the priced lines and the totals, worked
out here so that the templates only lay them out; the statement report
gives ``statements`` likewise. The helpers ``money``, ``price``,
``cn_date`` and ``rmb_upper`` format values in the templates."""
from dataclasses import dataclass, field
from decimal import Decimal

from trytond.modules.company import CompanyReport
from trytond.pool import Pool
from trytond.report import Report
from trytond.transaction import Transaction

from .fapiao import to_money
from .rmb import rmb_upper

LANGUAGE = 'zh_CN'
CENT = Decimal('0.01')


def money(value):
    "Return an amount with 2 decimals and thousands separators"
    if value is None:
        return ''
    return '{:,.2f}'.format(Decimal(value).quantize(CENT))


def price(value):
    "Return a unit price with 2 decimals at least, more when it has them"
    if value is None:
        return ''
    value = Decimal(value).normalize()
    if value.as_tuple().exponent >= -2:
        return money(value)
    return '{:,f}'.format(value)


def currency_symbol(currency):
    if not currency or currency.code == 'CNY':
        return '¥'
    return currency.symbol or currency.code


def in_words(currency, amount):
    "人民币 and the capitals (大写) of amount, only for an amount in CNY"
    if currency and currency.code != 'CNY':
        return ''
    return '人民币' + rmb_upper(amount)


def cn_date(value):
    "Return a date as 2025-06-01"
    return value.strftime('%Y-%m-%d') if value else ''


def first_line(text):
    return (text or '').strip().split('\n', 1)[0].strip()


def address_text(address):
    "Return the address on one line: 浙江省杭州市西湖区文三路478号"
    if not address:
        return ''
    if address.country and address.country.code != 'CN':
        return ', '.join(
            filter(None, map(str.strip, address.full_address.splitlines())))
    parts = [
        address.subdivision.name if address.subdivision else '',
        address.city or '',
        ' '.join((address.street or '').split())]
    text = ''
    for part in parts:
        if part and not text.endswith(part):
            text += part
    return text


@dataclass
class PartyBlock:
    "What a document prints of a party: name, USCC, address and phone"
    name: str = ''
    uscc: str = ''
    address: str = ''
    phone: str = ''

    @classmethod
    def get(cls, party, address=None):
        if not party:
            return cls()
        identifier = party.tax_identifier
        return cls(
            name=party.name or '',
            uscc=identifier.code if identifier else '',
            address=address_text(address or party.address_get()),
            phone=party.phone or party.mobile or '')

    @property
    def address_phone(self):
        "地址、电话 as on a fapiao"
        return ' '.join(filter(None, [self.address, self.phone]))


@dataclass
class Line:
    "A printed line: 商品编码, 商品名称, 规格型号, 单位, 数量, 单价, 金额, 税率, 税额"
    sequence: int = 0
    code: str = ''
    name: str = ''
    spec: str = ''
    unit: str = ''
    quantity: float = 0
    digits: int = 2
    unit_price: Decimal = None
    amount: Decimal = None
    tax_rate: str = ''
    tax_amount: Decimal = None

    @property
    def quantity_text(self):
        return '{:,.{}f}'.format(self.quantity or 0, self.digits)


@dataclass
class Sheet:
    "One printed document"
    record: object
    title: str
    company: PartyBlock
    party: PartyBlock
    company_buys: bool
    number: str = ''
    date: object = None
    reference: str = ''
    warehouse: str = ''
    delivery_address: str = ''
    remark: str = ''
    maker: str = ''
    currency: object = None
    lines: list = field(default_factory=list)
    untaxed_amount: Decimal = Decimal(0)
    tax_amount: Decimal = Decimal(0)
    priced: bool = True

    @property
    def total_amount(self):
        return self.untaxed_amount + self.tax_amount

    @property
    def buyer(self):
        "购买方"
        return self.company if self.company_buys else self.party

    @property
    def seller(self):
        "销售方"
        return self.party if self.company_buys else self.company

    @property
    def symbol(self):
        return currency_symbol(self.currency)

    @property
    def total_in_words(self):
        "价税合计(大写)"
        if not self.priced:
            return ''
        return in_words(self.currency, self.total_amount)


class ChineseMixin:
    "Printed in Chinese, with the helpers that format values"
    __slots__ = ()

    @classmethod
    def execute(cls, ids, data):
        with Transaction().set_context(language=LANGUAGE):
            return super().execute(ids, data)

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context.update(
            rmb_upper=rmb_upper, money=money, price=price, cn_date=cn_date)
        return context


def blank(value):
    "Print nothing in place of a price or an amount"
    return ''


class ChineseReport(ChineseMixin, CompanyReport):
    "A document printed the Chinese way, in Chinese"
    __slots__ = ()
    title = ''
    company_buys = False
    # The fields of the prices and amounts printed, per model: a user who
    # may not read one of them gets the document without prices
    price_fields = []

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['sheets'] = [cls.get_sheet(r) for r in records]
        if not cls.priced():
            for sheet in context['sheets']:
                cls.unprice(sheet)
            context.update(money=blank, price=blank)
        return context

    @classmethod
    def priced(cls):
        "Whether the user may read the prices and amounts of the print"
        FieldAccess = Pool().get('ir.model.field.access')
        return all(
            FieldAccess.check(model, fields, raise_exception=False)
            for model, fields in cls.price_fields)

    @classmethod
    def unprice(cls, sheet):
        "Remove the prices and amounts from the sheet"
        for line in sheet.lines:
            line.unit_price = line.amount = line.tax_amount = None
        sheet.untaxed_amount = sheet.tax_amount = Decimal(0)
        sheet.priced = False

    @classmethod
    def get_sheet(cls, record):
        sheet = Sheet(
            record=record, title=cls.get_title(record),
            company=PartyBlock.get(record.company.party),
            party=PartyBlock.get(
                cls.get_party(record), cls.get_address(record)),
            company_buys=cls.company_buys,
            number=record.number or '', date=cls.get_date(record),
            reference=getattr(record, 'reference', None) or '',
            maker=cls.get_maker(record),
            currency=cls.get_currency(record),
            lines=cls.get_lines(record))
        cls.set_amounts(sheet)
        return sheet

    @classmethod
    def get_title(cls, record):
        return cls.title

    @classmethod
    def get_party(cls, record):
        return record.party

    @classmethod
    def get_address(cls, record):
        return record.invoice_address

    @classmethod
    def get_date(cls, record):
        return cls.today(record)

    @classmethod
    def today(cls, record):
        Date = Pool().get('ir.date')
        with Transaction().set_context(company=record.company.id):
            return Date.today()

    @classmethod
    def get_maker(cls, record):
        "制单: the user who created the document"
        user = record.create_uid
        return user.name if user and user.id else ''

    @classmethod
    def get_currency(cls, record):
        return record.currency

    @classmethod
    def get_lines(cls, record):
        lines = [l for l in record.lines if l.type == 'line']
        date = cls.get_date(record)
        return [
            cls.get_line(i, l.product, l.description, l.quantity, l.unit,
                l.unit_price, l.taxes, date, record.currency, l.amount)
            for i, l in enumerate(lines, 1)]

    @classmethod
    def get_line(cls, sequence, product, description, quantity, unit,
            unit_price, taxes, date, currency, amount=None):
        if amount is None and unit_price is not None:
            amount = currency.round(
                unit_price * Decimal(str(quantity or 0)))
        return Line(
            sequence=sequence,
            code=(product.code or '') if product else '',
            name=product.name if product else first_line(description),
            spec=cls.get_spec(product, description),
            unit=unit.name if unit else '',
            quantity=quantity, digits=unit.digits if unit else 2,
            unit_price=unit_price, amount=amount,
            tax_rate=cls.get_tax_rate(taxes),
            tax_amount=cls.get_tax_amount(
                taxes, unit_price, quantity, date, currency))

    @classmethod
    def get_spec(cls, product, description=None):
        "规格型号: the line's description or the product's first line"
        if product and description:
            return first_line(description)
        return first_line(product.description) if product else ''

    @classmethod
    def get_tax_rate(cls, taxes):
        "税率 as 13%, several rates joined with 、"
        rates = []
        for tax in taxes or []:
            if tax.type == 'percentage' and tax.rate is not None:
                rates.append('{:f}%'.format((tax.rate * 100).normalize()))
        return '、'.join(rates)

    @classmethod
    def get_tax_amount(cls, taxes, unit_price, quantity, date, currency):
        Tax = Pool().get('account.tax')
        if not taxes or unit_price is None:
            return Decimal(0)
        amount = sum(
            (t['amount'] for t in Tax.compute(
                    Tax.browse(taxes), unit_price, quantity, date)),
            Decimal(0))
        return currency.round(amount) if currency else amount

    @classmethod
    def set_amounts(cls, sheet):
        "合计金额 and 税额 of the document"
        sheet.untaxed_amount = sheet.record.untaxed_amount
        sheet.tax_amount = sheet.record.tax_amount


class PurchaseReport(ChineseReport):
    "采购订单"
    __name__ = 'jxc.purchase'
    title = '采购订单'
    company_buys = True
    price_fields = [
        ('purchase.purchase', ['untaxed_amount', 'tax_amount']),
        ('purchase.line', ['unit_price', 'amount']),
        ]

    @classmethod
    def get_date(cls, record):
        return record.purchase_date or cls.today(record)

    @classmethod
    def get_sheet(cls, record):
        sheet = super().get_sheet(record)
        sheet.warehouse = record.warehouse.name if record.warehouse else ''
        sheet.remark = record.comment or ''
        return sheet


class SaleReport(ChineseReport):
    "销售订单"
    __name__ = 'jxc.sale'
    title = '销售订单'
    price_fields = [
        ('sale.sale', ['untaxed_amount', 'tax_amount']),
        ('sale.line', ['unit_price', 'amount']),
        ]

    @classmethod
    def get_date(cls, record):
        return record.sale_date or cls.today(record)

    @classmethod
    def get_sheet(cls, record):
        sheet = super().get_sheet(record)
        sheet.warehouse = record.warehouse.name if record.warehouse else ''
        sheet.delivery_address = address_text(record.shipment_address)
        sheet.remark = record.comment or ''
        return sheet


class ShipmentReport(ChineseReport):
    "A shipment priced from its moves and taxed as their order lines"
    __slots__ = ()
    price_fields = [('stock.move', ['unit_price'])]

    @classmethod
    def get_date(cls, record):
        return (record.effective_date or record.planned_date
            or cls.today(record))

    @classmethod
    def get_currency(cls, record):
        for move in cls.get_moves(record):
            if move.currency:
                return move.currency
        return record.company.currency

    @classmethod
    def get_moves(cls, record):
        raise NotImplementedError

    @classmethod
    def get_lines(cls, record):
        date = cls.get_date(record)
        moves = [m for m in cls.get_moves(record) if m.state != 'cancelled']
        return [
            cls.get_line(i, m.product, None, m.quantity, m.unit,
                m.unit_price, getattr(m.origin, 'taxes', None), date,
                m.currency or record.company.currency)
            for i, m in enumerate(moves, 1)]

    @classmethod
    def get_sheet(cls, record):
        sheet = super().get_sheet(record)
        sheet.warehouse = record.warehouse.name if record.warehouse else ''
        return sheet

    @classmethod
    def set_amounts(cls, sheet):
        sheet.untaxed_amount = sum(
            (l.amount or 0 for l in sheet.lines), Decimal(0))
        sheet.tax_amount = sum(
            (l.tax_amount or 0 for l in sheet.lines), Decimal(0))


class ShipmentInReport(ShipmentReport):
    "入库单"
    __name__ = 'jxc.shipment.in'
    title = '入库单'
    company_buys = True

    @classmethod
    def get_party(cls, record):
        return record.supplier

    @classmethod
    def get_address(cls, record):
        return record.contact_address

    @classmethod
    def get_moves(cls, record):
        return record.incoming_moves


class ShipmentOutReport(ShipmentReport):
    "出库单"
    __name__ = 'jxc.shipment.out'
    title = '出库单'

    @classmethod
    def get_party(cls, record):
        return record.customer

    @classmethod
    def get_address(cls, record):
        return record.delivery_address

    @classmethod
    def get_moves(cls, record):
        return record.outgoing_moves

    @classmethod
    def get_sheet(cls, record):
        sheet = super().get_sheet(record)
        sheet.delivery_address = address_text(record.delivery_address)
        return sheet


class InvoiceReport(ChineseReport):
    "采购发票 or 销售发票: the invoice record, not the official fapiao"
    __name__ = 'jxc.invoice'
    price_fields = [
        ('account.invoice', ['untaxed_amount', 'tax_amount']),
        ('account.invoice.line', ['unit_price', 'amount']),
        ]

    @classmethod
    def get_title(cls, record):
        title = '采购发票' if record.type == 'in' else '销售发票'
        if record.total_amount < 0:
            title += '(红字)'
        return title

    @classmethod
    def get_date(cls, record):
        return record.invoice_date or cls.today(record)

    @classmethod
    def get_sheet(cls, record):
        sheet = super().get_sheet(record)
        sheet.company_buys = record.type == 'in'
        sheet.remark = '\n'.join(
            filter(None, [record.description, record.comment]))
        return sheet


class CompanyDocumentMixin:
    "A stock document of the company alone: no party, valued at cost"
    __slots__ = ()

    @classmethod
    def get_party(cls, record):
        return None

    @classmethod
    def get_address(cls, record):
        return None

    @classmethod
    def get_currency(cls, record):
        return record.company.currency


class InternalShipmentReport(CompanyDocumentMixin, ShipmentReport):
    "调拨单: the goods valued at cost, from one warehouse to another"
    __name__ = 'jxc.shipment.internal'
    title = '调拨单'
    price_fields = [
        ('stock.move', ['cost_price']),
        ('product.product', ['cost_price']),
        ]

    @classmethod
    def get_moves(cls, record):
        return record.outgoing_moves

    @classmethod
    def get_lines(cls, record):
        date = cls.get_date(record)
        moves = [m for m in cls.get_moves(record) if m.state != 'cancelled']
        return [
            cls.get_line(i, m.product, None, m.quantity, m.unit,
                cls.get_cost(m), None, date, record.company.currency)
            for i, m in enumerate(moves, 1)]

    @classmethod
    def get_cost(cls, move):
        "The cost of one unit of the move, in the unit of the move"
        Uom = Pool().get('product.uom')
        cost = move.cost_price
        if cost is None:
            with Transaction().set_context(company=move.company.id):
                cost = move.product.cost_price
        return Uom.compute_price(
            move.product.default_uom, cost, move.unit).quantize(CENT)

    @classmethod
    def get_sheet(cls, record):
        sheet = super().get_sheet(record)
        sheet.warehouse = record.from_location.rec_name
        sheet.delivery_address = record.to_location.rec_name
        return sheet


class InventoryReport(CompanyDocumentMixin, ChineseReport):
    "盘点单: expected and counted quantities, gains and losses at cost"
    __name__ = 'jxc.inventory'
    title = '盘点单'
    price_fields = [
        ('stock.inventory', ['gain_amount', 'loss_amount']),
        ('stock.inventory.line', ['unit_cost', 'difference_amount']),
        ]

    @classmethod
    def get_date(cls, record):
        return record.date

    @classmethod
    def get_lines(cls, record):
        lines = []
        for i, line in enumerate(record.lines, 1):
            printed = cls.get_line(
                i, line.product, None, line.expected_quantity,
                line.product.default_uom, line.unit_cost, None,
                record.date, record.company.currency,
                amount=line.difference_amount)
            digits = printed.digits
            printed.counted_text = '{:,.{}f}'.format(
                line.quantity or 0, digits)
            printed.difference_text = '{:+,.{}f}'.format(
                line.difference_quantity or 0, digits)
            lines.append(printed)
        return lines

    @classmethod
    def get_sheet(cls, record):
        sheet = super().get_sheet(record)
        sheet.warehouse = record.location.rec_name
        warehouse = record.location.warehouse
        sheet.delivery_address = warehouse.rec_name if warehouse else ''
        return sheet

    @classmethod
    def set_amounts(cls, sheet):
        "盘盈金额 as the untaxed amount, 盘亏金额 as a negative tax amount"
        sheet.untaxed_amount = sheet.record.gain_amount
        sheet.tax_amount = -sheet.record.loss_amount


@dataclass
class StatementEntry:
    "A line of a statement: the balance as the party reads it"
    date: object
    document: str
    description: str
    debit: Decimal
    credit: Decimal
    balance: Decimal


@dataclass
class Statement:
    "对账单: a party's lines over a period, with the balances around them"
    title: str
    company: PartyBlock
    party: PartyBlock
    from_date: object
    to_date: object
    date: object
    currency: object
    opening: Decimal
    closing: Decimal
    note: str
    maker: str = ''
    lines: list = field(default_factory=list)

    @property
    def debit(self):
        return sum((l.debit for l in self.lines), Decimal(0))

    @property
    def credit(self):
        return sum((l.credit for l in self.lines), Decimal(0))

    @property
    def currency_name(self):
        return self.currency.name if self.currency else ''

    @property
    def symbol(self):
        return currency_symbol(self.currency)

    @property
    def closing_in_words(self):
        "期末余额(大写)"
        return in_words(self.currency, self.closing)


STATEMENT_TITLES = {
    'customer': ('客户对账单',
        '余额为正数表示贵方尚欠我方的款项，为负数表示我方预收贵方的款项。'),
    'supplier': ('供应商对账单',
        '余额为正数表示我方尚欠贵方的款项，为负数表示我方预付贵方的款项。'),
    }
STATEMENT_CHECK = '请核对以上各笔，如有不符，请于收到本对账单后及时与我方联系。'


class StatementReport(ChineseMixin, Report):
    "对账单 of the party, kind and period of the context, in Chinese"
    __name__ = 'jxc.payment.statement'

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['statements'] = [cls.get_statement()]
        return context

    @classmethod
    def get_statement(cls):
        "The statement of the context, whatever lines are selected"
        pool = Pool()
        Company = pool.get('company.company')
        Date = pool.get('ir.date')
        Line = pool.get('jxc.payment.statement.line')
        Party = pool.get('party.party')
        User = pool.get('res.user')
        context = Transaction().context
        company = Company(context['company'])
        kind = context.get('kind', 'customer')
        # A supplier reads what the company owes it as a positive balance
        sign = -1 if kind == 'supplier' else 1

        def signed(value):
            value = sign * to_money(value)
            return value if value else abs(value)  # never -0.00
        opening, closing = Line.opening_closing()
        title, note = STATEMENT_TITLES[kind]
        with Transaction().set_context(company=company.id):
            today = Date.today()
        return Statement(
            title=title, company=PartyBlock.get(company.party),
            party=PartyBlock.get(Party(context['party'])),
            from_date=context['from_date'], to_date=context['to_date'],
            date=today, currency=company.currency,
            opening=signed(opening), closing=signed(closing),
            note=note + STATEMENT_CHECK,
            maker=User(Transaction().user).name or '',
            lines=[cls.get_entry(l, signed) for l in Line.search([])])

    @classmethod
    def get_entry(cls, line, signed):
        document = (line.origin or line.move).rec_name
        return StatementEntry(
            date=line.date, document=document,
            description=(line.description
                if line.description != document else ''),
            debit=line.debit, credit=line.credit,
            balance=signed(line.balance))
