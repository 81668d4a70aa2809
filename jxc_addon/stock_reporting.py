# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""库存台账, 收发存汇总表 and 库存价值

One definition of the value of a move serves every report: the
``cost_amount`` stored on the move when it is done (quantity × the unit cost
at which the goods entered or left the stock, see ``Move.get_cost_amount``).
Opening balances start from the last closed stock period: Tryton caches the
quantities per location in ``stock.period.cache`` and JXC adds the amounts to
the same rows when the period closes."""
import datetime as dt
import json
import tempfile
from decimal import Decimal

from sql import Column, Literal, Null, Union, Window
from sql.aggregate import Min, Sum
from sql.conditionals import Case, Coalesce
from sql.functions import CurrentTimestamp, Round
from sql.operators import Exists, Like

from trytond import backend
from trytond.exceptions import UserError
from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction
from trytond.wizard import StateTransition, Wizard

from jxc_privacy.guard import GuardMixin

from .list_export import write_xlsx

AMOUNT_DIGITS = (16, 2)
RECEIPT_KINDS = ['purchase', 'sale_return', 'transfer', 'other', 'count']
ISSUE_KINDS = ['sale', 'purchase_return', 'transfer', 'other', 'count']
# The kind code of the lines before the period: +OPENING in, -OPENING out
OPENING = len(RECEIPT_KINDS) + 1
FETCH_SIZE = 2000


def quantize(amount):
    return Decimal(amount).quantize(Decimal('0.01'))


def inside(location, left, right):
    return (location.left >= left) & (location.right <= right)


def last_closed_period(company, before):
    "The last closed stock period of the company dated before the date"
    Period = Pool().get('stock.period')
    periods = Period.search([
            ('company', '=', company),
            ('date', '<', before),
            ('state', '=', 'closed'),
            ], order=[('date', 'DESC')], limit=1)
    return periods[0] if periods else None


def kind_code(kind, is_in):
    "The number of the kind in the lines: positive receipts, negative issues"
    if is_in:
        return RECEIPT_KINDS.index(kind) + 1
    return -ISSUE_KINDS.index(kind) - 1


def _move_kind(from_location, to_location, move, is_in):
    "SQL expression of the kind code of a move entering or leaving the scope"
    other = from_location if is_in else to_location
    trade, return_ = (
        ('purchase', 'sale_return') if is_in else ('sale', 'purchase_return'))
    return Case(
        (other.type == 'supplier', kind_code(
                trade if is_in else return_, is_in)),
        (other.type == 'customer', kind_code(
                return_ if is_in else trade, is_in)),
        ((other.type == 'lost_found')
            & Like(move.origin, 'stock.inventory.line,%'),
            kind_code('count', is_in)),
        (other.type.in_(['storage', 'view', 'transit', 'warehouse']),
            kind_code('transfer', is_in)),
        else_=kind_code('other', is_in))


def kind_codes():
    "The names and codes of the kinds that the summary sums"
    codes = {'opening_in': OPENING, 'opening_out': -OPENING}
    for prefix, kinds in [('in', RECEIPT_KINDS), ('out', ISSUE_KINDS)]:
        for kind in kinds:
            codes['%s_%s' % (prefix, kind)] = kind_code(kind, prefix == 'in')
    return codes


def summary_names():
    "The names of the aggregated columns of the summary"
    names = ['opening']
    for prefix, kinds in [('in', RECEIPT_KINDS), ('out', ISSUE_KINDS)]:
        names += ['%s_%s' % (prefix, k) for k in kinds]
        names.append('input' if prefix == 'in' else 'output')
    names.append('closing')
    return [n + s for n in names for s in ['_quantity', '_amount']]


def location_range(location_id):
    "The left and right of the location, or a range matching nothing"
    Location = Pool().get('stock.location')
    if not location_id:
        return -1, -1
    # Read from the table: the nested set is updated by SQL, not the cache
    location = Location.__table__()
    cursor = Transaction().connection.cursor()
    cursor.execute(*location.select(
            location.left, location.right,
            where=location.id == location_id))
    return cursor.fetchone()


def stock_lines(left, right, from_date, to_date, company):
    """Return the query of the rows (product, kind code, quantity, amount)
    of the done moves that enter or leave the location until to_date, on
    top of the last closed period before from_date.
    The kind code is positive for receipts and negative for issues, whose
    quantity and amount are not signed: the databases sum them faster so.
    The rows before from_date have the kind ±OPENING; the period's rows
    +OPENING with the quantity in the location, which may be negative."""
    pool = Pool()
    Location = pool.get('stock.location')
    Move = pool.get('stock.move')
    PeriodCache = pool.get('stock.period.cache')
    move = Move.__table__()
    from_location = Location.__table__()
    to_location = Location.__table__()
    move_date = Coalesce(move.effective_date, move.planned_date)
    in_clause = inside(to_location, left, right)
    out_clause = inside(from_location, left, right)
    kind = Case(
        (move_date < from_date, Case((in_clause, OPENING), else_=-OPENING)),
        (in_clause, _move_kind(from_location, to_location, move, True)),
        else_=_move_kind(from_location, to_location, move, False))
    where = (
        ((in_clause & ~out_clause) | (out_clause & ~in_clause))
        & (move.state == 'done')
        & (move.company == company)
        & (move_date <= to_date))
    period = last_closed_period(company, from_date)
    if period:
        where &= move_date > period.date
    moves = (move
        .join(from_location, condition=move.from_location == from_location.id)
        .join(to_location, condition=move.to_location == to_location.id)
        .select(
            move.product.as_('product'),
            kind.as_('kind'),
            move.internal_quantity.as_('quantity'),
            move.cost_amount.as_('amount'),
            where=where))
    if not period:
        return moves
    cache = PeriodCache.__table__()
    cache_location = Location.__table__()
    caches = (cache
        .join(cache_location, condition=cache.location == cache_location.id)
        .select(
            cache.product.as_('product'),
            Literal(OPENING).as_('kind'),
            cache.internal_quantity.as_('quantity'),
            cache.cost_amount.as_('amount'),
            where=(cache.period == period.id)
            & inside(cache_location, left, right)))
    return Union(moves, caches, all_=True)


def signed(lines, column):
    "The column of the lines, negative for issues"
    return Case((lines.kind > 0, column), else_=-column)


class Move(metaclass=PoolMeta):
    __name__ = 'stock.move'

    cost_amount = fields.Numeric(
        "Cost Amount", digits=AMOUNT_DIGITS, readonly=True,
        states={
            'invisible': Eval('state') != 'done',
            },
        help="The value of the goods moved, at the unit cost "
        "at which they enter or leave the stock.")

    @classmethod
    def __register__(cls, module):
        super().__register__(module)
        if backend.name == 'postgresql':
            cls._create_date_statistics()

    @classmethod
    def _create_date_statistics(cls):
        """Let PostgreSQL estimate how many moves a period holds.
        Without statistics on the date of the moves, it counts 0.5 % of the
        table for any range of dates and reads the moves of a year one by
        one through an index, instead of scanning the table in parallel."""
        transaction = Transaction()
        if transaction.database.get_version(transaction.connection) < (14,):
            return
        cursor = transaction.connection.cursor()
        name = '%s_date_stat' % cls._table
        cursor.execute(
            'SELECT 1 FROM pg_statistic_ext WHERE stxname = %s', (name,))
        if cursor.fetchone():
            return
        cursor.execute(
            'CREATE STATISTICS "%s" '
            'ON (COALESCE(effective_date, planned_date)) FROM "%s"'
            % (name, cls._table))
        cursor.execute('ANALYZE "%s"' % cls._table)

    @classmethod
    def copy(cls, moves, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('cost_amount')
        return super().copy(moves, default=default)

    @classmethod
    def do(cls, moves):
        super().do(moves)
        moves = cls.browse([m.id for m in moves])
        for move in moves:
            move.cost_amount = move.get_cost_amount()
        cls.save(moves)

    def get_cost_amount(self):
        """Return the value of the move in company currency.

        Receipts from a supplier (and returns to it) are valued at their
        purchase price, other receipts at the unit price of the document,
        customer returns at the cost of the sale (Tryton's get_cost_price),
        everything else at the product's moving average cost of the move."""
        price = self._other_receipt_price()
        if price is None:
            price = self.get_cost_price()
        if price is None:
            price = self.cost_price or self.product.cost_price or 0
        return quantize(Decimal(str(self.internal_quantity)) * price)


class PeriodCache(metaclass=PoolMeta):
    __name__ = 'stock.period.cache'

    cost_amount = fields.Numeric(
        "Cost Amount", digits=AMOUNT_DIGITS, readonly=True,
        help="The value of the stock in the location at the period date.")


class Period(metaclass=PoolMeta):
    __name__ = 'stock.period'

    @classmethod
    def close(cls, periods):
        super().close(periods)
        for period in periods:
            period.set_cache_amounts()

    def set_cache_amounts(self):
        """Store in the period caches the amount of each location and
        product, and add the rows whose quantity is zero but not the amount
        (rounding left by the moving average)."""
        pool = Pool()
        Move = pool.get('stock.move')
        Cache = pool.get('stock.period.cache')
        move = Move.__table__()
        cache = Cache.__table__()
        existing = Cache.__table__()
        move_date = Coalesce(move.effective_date, move.planned_date)
        where = ((move.state == 'done')
            & (move.company == self.company.id)
            & (move_date <= self.date))
        sides = Union(
            move.select(
                move.to_location.as_('location'), move.product.as_('product'),
                Coalesce(move.cost_amount, 0).as_('amount'), where=where),
            move.select(
                move.from_location.as_('location'),
                move.product.as_('product'),
                (Coalesce(move.cost_amount, 0) * -1).as_('amount'),
                where=where),
            all_=True)
        amounts = sides.select(
            sides.location.as_('location'), sides.product.as_('product'),
            Round(Sum(sides.amount), AMOUNT_DIGITS[1]).as_('amount'),
            group_by=[sides.location, sides.product])
        transaction = Transaction()
        cursor = transaction.connection.cursor()
        cursor.execute(*cache.update(
                [cache.cost_amount], [0], where=cache.period == self.id))
        cursor.execute(*cache.update(
                [cache.cost_amount], [amounts.amount],
                from_=[amounts],
                where=(cache.period == self.id)
                & (cache.location == amounts.location)
                & (cache.product == amounts.product)))
        cursor.execute(*cache.insert(
                [cache.create_uid, cache.create_date, cache.period,
                    cache.location, cache.product, cache.internal_quantity,
                    cache.cost_amount],
                amounts.select(
                    Literal(transaction.user), CurrentTimestamp(),
                    Literal(self.id), amounts.location, amounts.product,
                    Literal(0), amounts.amount,
                    where=(amounts.amount != 0)
                    & ~Exists(existing.select(
                            existing.id,
                            where=(existing.period == self.id)
                            & (existing.location == amounts.location)
                            & (existing.product == amounts.product))))))


class SummaryContext(ModelView):
    "The period and warehouse of the 收发存汇总表"
    __name__ = 'stock.reporting.summary.context'

    company = fields.Many2One('company.company', "Company", required=True)
    location = fields.Many2One(
        'stock.location', "Warehouse", required=True,
        domain=[
            ('type', 'in', ['warehouse', 'storage', 'view']),
            ],
        help="The warehouse, or a location grouping several warehouses.")
    from_date = fields.Date(
        "From Date", required=True,
        domain=[
            ('from_date', '<=', Eval('to_date')),
            ])
    to_date = fields.Date(
        "To Date", required=True,
        domain=[
            ('to_date', '>=', Eval('from_date')),
            ])

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_location(cls):
        Location = Pool().get('stock.location')
        return Transaction().context.get(
            'location', Location.get_default_warehouse())

    @classmethod
    def default_from_date(cls):
        Date = Pool().get('ir.date')
        return Transaction().context.get(
            'from_date', Date.today().replace(day=1))

    @classmethod
    def default_to_date(cls):
        Date = Pool().get('ir.date')
        return Transaction().context.get('to_date', Date.today())


def _quantity_field(string):
    return fields.Float(string, digits='unit')


def _amount_field(string):
    return fields.Numeric(string, digits=AMOUNT_DIGITS)


class _SummaryMixin:
    __slots__ = ()

    company = fields.Many2One('company.company', "Company")
    unit = fields.Function(
        fields.Many2One('product.uom', "Unit"), 'get_unit')
    opening_quantity = _quantity_field("Opening Quantity")
    opening_amount = _amount_field("Opening Amount")
    in_purchase_quantity = _quantity_field("Purchased")
    in_purchase_amount = _amount_field("Purchased Amount")
    in_sale_return_quantity = _quantity_field("Sale Returns")
    in_sale_return_amount = _amount_field("Sale Returns Amount")
    in_transfer_quantity = _quantity_field("Transfers In")
    in_transfer_amount = _amount_field("Transfers In Amount")
    in_other_quantity = _quantity_field("Other Receipts")
    in_other_amount = _amount_field("Other Receipts Amount")
    in_count_quantity = _quantity_field("Count Gains")
    in_count_amount = _amount_field("Count Gains Amount")
    input_quantity = _quantity_field("Total Receipts")
    input_amount = _amount_field("Total Receipts Amount")
    out_sale_quantity = _quantity_field("Sold")
    out_sale_amount = _amount_field("Sold Amount")
    out_purchase_return_quantity = _quantity_field("Purchase Returns")
    out_purchase_return_amount = _amount_field("Purchase Returns Amount")
    out_transfer_quantity = _quantity_field("Transfers Out")
    out_transfer_amount = _amount_field("Transfers Out Amount")
    out_other_quantity = _quantity_field("Other Issues")
    out_other_amount = _amount_field("Other Issues Amount")
    out_count_quantity = _quantity_field("Count Losses")
    out_count_amount = _amount_field("Count Losses Amount")
    output_quantity = _quantity_field("Total Issues")
    output_amount = _amount_field("Total Issues Amount")
    closing_quantity = _quantity_field("Closing Quantity")
    closing_amount = _amount_field("Closing Amount")

    @classmethod
    def kind_sums(cls, lines):
        "Yield the sums of the quantity and amount per kind"
        for name, code in kind_codes().items():
            for column in ['quantity', 'amount']:
                yield Sum(Column(lines, column), filter_=lines.kind == code
                    ).as_('%s_%s' % (name, column))

    @classmethod
    def summary_columns(cls, sums):
        """Yield the columns of the summary from the sums per kind: the
        totals and the closing added up, amounts rounded"""
        for suffix, zero, digits in [
                ('_quantity', 0.0, None), ('_amount', 0, AMOUNT_DIGITS[1])]:
            values = {
                n: Coalesce(Column(sums, n + suffix), zero)
                for n in kind_codes()}
            closing = values['opening_in'] - values['opening_out']
            columns = {'opening': closing}
            for prefix, kinds, total in [
                    ('in', RECEIPT_KINDS, 'input'),
                    ('out', ISSUE_KINDS, 'output')]:
                names = ['%s_%s' % (prefix, k) for k in kinds]
                columns.update((n, values[n]) for n in names)
                subtotal = columns[total] = sum(
                    (values[n] for n in names[1:]), values[names[0]])
                closing = (
                    closing + subtotal if prefix == 'in'
                    else closing - subtotal)
            columns['closing'] = closing
            for name, expression in columns.items():
                if digits is not None:
                    expression = Round(expression, digits)
                yield expression.as_(name + suffix)

    @classmethod
    def _grouped_lines(cls):
        """The rows the summary's columns sum per product.
        PostgreSQL first sums the lines per product and kind, so that the
        columns are computed over a few rows per product. SQLite would sort
        every move for that grouping; the columns sum the lines themselves,
        kept a subquery by the LIMIT: flattened into the summary, the kind
        of each move would be computed again for each column."""
        lines = cls._lines()
        if backend.name == 'sqlite':
            return lines.select(
                lines.product, lines.kind, lines.quantity, lines.amount,
                limit=-1)
        return lines.select(
            lines.product.as_('product'),
            lines.kind.as_('kind'),
            Sum(lines.quantity).as_('quantity'),
            Sum(lines.amount).as_('amount'),
            group_by=[lines.product, lines.kind])

    @classmethod
    def _from_date(cls):
        return Transaction().context.get('from_date') or dt.date.min

    @classmethod
    def _lines(cls):
        context = Transaction().context
        return stock_lines(
            *location_range(context.get('location')), cls._from_date(),
            context.get('to_date') or dt.date.max, context.get('company'))


class Summary(GuardMixin, _SummaryMixin, ModelSQL, ModelView):
    "收发存汇总表: opening, receipts and issues by kind, closing per product"
    __name__ = 'stock.reporting.summary'

    product = fields.Many2One(
        'product.product', "Product",
        context={
            'company': Eval('company', -1),
            },
        depends=['company'])

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('product', 'ASC'), ('id', 'ASC')]

    @classmethod
    def table_query(cls):
        company = Transaction().context.get('company')
        lines = cls._grouped_lines()
        sums = lines.select(
            # An aggregate, not the grouped column, so that the databases do
            # not push the read's "id IN (…)" down to the scan of the moves
            Min(lines.product).as_('id'),
            lines.product.as_('product'),
            *cls.kind_sums(lines),
            group_by=[lines.product])
        return sums.select(
            sums.id, Literal(company).as_('company'), sums.product,
            *cls.summary_columns(sums))

    def get_unit(self, name):
        return self.product.default_uom if self.product else None


class SummaryCategory(GuardMixin, _SummaryMixin, ModelSQL, ModelView):
    "收发存汇总表 subtotals per product category"
    __name__ = 'stock.reporting.summary.category'

    category = fields.Many2One(
        'product.category', "Category",
        context={
            'company': Eval('company', -1),
            },
        depends=['company'])

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('category', 'ASC'), ('id', 'ASC')]

    @classmethod
    def table_query(cls):
        pool = Pool()
        Product = pool.get('product.product')
        TemplateCategory = pool.get('product.template-product.category.all')
        Summary = pool.get('stock.reporting.summary')
        summary = Summary.__table__()
        product = Product.__table__()
        category = TemplateCategory.__table__()
        company = Transaction().context.get('company')
        return (summary
            .join(product, condition=summary.product == product.id)
            .join(category, condition=category.template == product.template)
            .select(
                category.category.as_('id'),
                Literal(company).as_('company'),
                category.category.as_('category'),
                *[Sum(getattr(summary, n)).as_(n) for n in summary_names()],
                group_by=[category.category]))

    def get_unit(self, name):
        return None


class ValuationContext(ModelView):
    "The date and warehouse of the 库存价值"
    __name__ = 'stock.reporting.valuation.context'

    company = fields.Many2One('company.company', "Company", required=True)
    location = fields.Many2One(
        'stock.location', "Warehouse", required=True,
        domain=[
            ('type', 'in', ['warehouse', 'storage', 'view']),
            ])
    date = fields.Date("Date", required=True)

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_location(cls):
        Location = Pool().get('stock.location')
        return Transaction().context.get(
            'location', Location.get_default_warehouse())

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()


class Valuation(GuardMixin, ModelSQL, ModelView):
    "库存价值: quantity and value of each product in stock at a date"
    __name__ = 'stock.reporting.valuation'

    company = fields.Many2One('company.company', "Company")
    product = fields.Many2One(
        'product.product', "Product",
        context={
            'company': Eval('company', -1),
            },
        depends=['company'])
    unit = fields.Function(
        fields.Many2One('product.uom', "Unit"), 'get_unit')
    quantity = _quantity_field("Quantity")
    amount = _amount_field("Amount")
    unit_cost = fields.Function(
        fields.Numeric("Unit Cost", digits=(16, 4)), 'get_unit_cost')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('amount', 'DESC'), ('id', 'ASC')]

    @classmethod
    def table_query(cls):
        context = Transaction().context
        company = context.get('company')
        date = context.get('date') or Pool().get('ir.date').today()
        lines = stock_lines(
            *location_range(context.get('location')),
            date + dt.timedelta(days=1), date, company)
        quantity = Sum(signed(lines, lines.quantity))
        amount = Coalesce(Sum(signed(lines, lines.amount)), 0)
        return lines.select(
            Min(lines.product).as_('id'),  # as in Summary.table_query
            Literal(company).as_('company'),
            lines.product.as_('product'),
            quantity.as_('quantity'),
            Round(amount, AMOUNT_DIGITS[1]).as_('amount'),
            group_by=[lines.product],
            having=(quantity != 0) | (amount != 0))

    def get_unit(self, name):
        return self.product.default_uom if self.product else None

    def get_unit_cost(self, name):
        if self.quantity:
            return (self.amount / Decimal(str(self.quantity))).quantize(
                Decimal('0.0001'))


class InventoryMove(metaclass=PoolMeta):
    "库存台账: the moves with their amounts, document and party"
    __name__ = 'stock.reporting.inventory.move'

    input_amount = _amount_field("Input Amount")
    output_amount = _amount_field("Output Amount")
    amount = _amount_field("Amount")
    unit_cost = fields.Function(
        fields.Numeric("Unit Cost", digits=(16, 4)), 'get_unit_cost')
    party = fields.Function(
        fields.Many2One(
            'party.party', "Party",
            context={
                'company': Eval('company', -1),
                },
            depends={'company'}),
        'get_party')

    @classmethod
    def _quantities_columns(cls, move, product):
        pool = Pool()
        Location = pool.get('stock.location')
        context = Transaction().context
        yield from super()._quantities_columns(move, product)
        from_date = context.get('from_date') or dt.date.min
        left, right = location_range(context.get('location'))
        location = Location.__table__()
        scope = location.select(
            location.id, where=inside(location, left, right))
        move_date = Coalesce(move.effective_date, move.planned_date)
        amount = Coalesce(move.cost_amount, 0)
        yield Sum(
            amount * Case((move.from_location.in_(scope), -1), else_=1),
            filter_=move_date < from_date).as_('start_amount')
        yield Sum(amount, filter_=move.to_location.in_(scope)
            & (move_date >= from_date)).as_('input_amount')
        yield Sum(amount, filter_=move.from_location.in_(scope)
            & (move_date >= from_date)).as_('output_amount')

    @classmethod
    def _columns(cls, quantities):
        yield from super()._columns(quantities)
        yield quantities.start_amount.as_('start_amount')
        yield quantities.input_amount.as_('input_amount')
        yield quantities.output_amount.as_('output_amount')

    @classmethod
    def table_query(cls):
        "Add the running amount, on top of the amount of the closed period"
        pool = Pool()
        Location = pool.get('stock.location')
        Period = pool.get('stock.period')
        PeriodCache = pool.get('stock.period.cache')
        Product = pool.get('product.product')
        context = Transaction().context
        query = super().table_query()
        from_date = context.get('date') or context.get(
            'from_date') or dt.date.min
        company = context.get('company')
        running = Sum(
            Coalesce(query.start_amount, 0)
            + Coalesce(query.input_amount, 0)
            - Coalesce(query.output_amount, 0),
            window=Window([query.product_reference],
                order_by=[query.date.asc, query.move.asc.nulls_first]))
        names = [c.output_name for c in query.columns
            if c.output_name not in {
                'start_amount', 'input_amount', 'output_amount'}]
        periods = Period.search([
                ('company', '=', company),
                ('date', '<=', from_date),
                ('state', '=', 'closed'),
                ], order=[('date', 'DESC')], limit=1)
        from_item = query
        if periods:
            period, = periods
            cache = PeriodCache.__table__()
            cache_product = Product.__table__()
            cache_location = Location.__table__()
            if context.get('product_type') == 'product.product':
                key = cache.product
            else:
                key = cache_product.template
            left, right = location_range(context.get('location'))
            cached = (cache
                .join(cache_product,
                    condition=cache.product == cache_product.id)
                .join(cache_location,
                    condition=cache.location == cache_location.id)
                .select(
                    key.as_('product'),
                    Sum(Coalesce(cache.cost_amount, 0)).as_('amount'),
                    where=(cache.period == period.id)
                    & inside(cache_location, left, right),
                    group_by=[key]))
            from_item = query.join(cached, 'LEFT', condition=(
                    cached.product == cls.product_reference.sql_id(
                        query.product_reference, cls)))
            running += Coalesce(cached.amount, 0)
        return from_item.select(
            *[getattr(query, n).as_(n) for n in names],
            Round(Coalesce(query.input_amount, 0), AMOUNT_DIGITS[1]).as_(
                'input_amount'),
            Round(Coalesce(query.output_amount, 0), AMOUNT_DIGITS[1]).as_(
                'output_amount'),
            Round(running, AMOUNT_DIGITS[1]).as_('amount'))

    @classmethod
    def _get_document_models(cls):
        return super()._get_document_models() + [
            'stock.other.shipment', 'stock.inventory']

    def get_document(self, name):
        document = move_document(self.move) if self.move else None
        return str(document) if document else None

    def get_party(self, name):
        party = document_party(move_document(self.move)) if self.move else None
        return party.id if party else None

    def get_unit_cost(self, name):
        quantity = (self.input_quantity or 0) + (self.output_quantity or 0)
        if self.move and quantity:
            amount = (self.input_amount or 0) + (self.output_amount or 0)
            return (amount / Decimal(str(quantity))).quantize(
                Decimal('0.0001'))

    @classmethod
    def export_rows(cls):
        """Yield the ledger rows of the context as (product, date, document,
        party, input, output, balance, unit cost, input amount, output
        amount, balance amount), reading FETCH_SIZE rows at a time"""
        pool = Pool()
        Move = pool.get('stock.move')
        connection = Transaction().connection
        query = cls.__table__()
        sql = query.select(
            query.move, query.input_quantity, query.output_quantity,
            query.quantity, query.input_amount, query.output_amount,
            query.amount,
            where=query.move != Null,
            order_by=[query.product_reference, query.date, query.move])
        if backend.name == 'postgresql':
            cursor = connection.cursor('jxc_stock_ledger_export')
        else:
            cursor = connection.cursor()
        cursor.execute(*sql)
        names = LedgerNames()
        while rows := cursor.fetchmany(FETCH_SIZE):
            moves = Move.read(
                [r[0] for r in rows],
                ['product', 'effective_date', 'shipment', 'origin'])
            names.load(moves)
            for move, row in zip(moves, rows):
                (_, input_, output, balance, input_amount, output_amount,
                    amount) = row
                quantity = (input_ or 0) + (output or 0)
                value = Decimal(str((input_amount or 0) + (output_amount or 0)))
                yield (names.products[move['product']],
                    move['effective_date'], *names.document(move),
                    input_ or None, output or None, balance,
                    round(value / Decimal(str(quantity)), 4)
                    if quantity else None,
                    input_amount or None, output_amount or None, amount)
        cursor.close()


class LedgerNames:
    "The names of the products, documents and parties of the exported moves"

    def __init__(self):
        self.products = {}
        self.documents = {}

    @staticmethod
    def key(move):
        return move['shipment'] or move['origin']

    def load(self, moves):
        "Read in batches the names not read yet"
        pool = Pool()
        Product = pool.get('product.product')
        Move = pool.get('stock.move')
        product_ids = {m['product'] for m in moves} - self.products.keys()
        for product in Product.browse(list(product_ids)):
            self.products[product.id] = product.rec_name
        moves = {self.key(m): m['id'] for m in moves
            if self.key(m) and self.key(m) not in self.documents}
        for key, move in zip(moves, Move.browse(list(moves.values()))):
            document = move_document(move)
            party = document_party(document)
            self.documents[key] = (
                document.rec_name if document else None,
                party.rec_name if party else None)

    def document(self, move):
        return self.documents.get(self.key(move), (None, None))


def move_document(move):
    "The shipment, other receipt/issue or stock count of the move"
    pool = Pool()
    OtherLine = pool.get('stock.other.shipment.line')
    InventoryLine = pool.get('stock.inventory.line')
    if move.shipment:
        return move.shipment
    if isinstance(move.origin, OtherLine):
        return move.origin.shipment
    if isinstance(move.origin, InventoryLine):
        return move.origin.inventory


def document_party(document):
    for name in ['supplier', 'customer', 'party']:
        if party := getattr(document, name, None):
            return party


LEDGER_COLUMNS = [
    'product', 'date', 'document', 'party', 'input_quantity',
    'output_quantity', 'quantity', 'unit_cost', 'input_amount',
    'output_amount', 'amount']
LEDGER_CONTEXT = ['company', 'location', 'from_date', 'to_date']


class User(metaclass=PoolMeta):
    __name__ = 'res.user'

    @classmethod
    def export_stock_ledger(cls, users, values):
        """Queued task: write the stock ledger of the values (company,
        location, from_date, to_date) as XLSX, attach it to the user and
        notify them"""
        pool = Pool()
        Attachment = pool.get('ir.attachment')
        FieldAccess = pool.get('ir.model.field.access')
        Notification = pool.get('res.notification')
        Ledger = pool.get('stock.reporting.inventory.move')
        for user in users:
            language = user.language.code if user.language else None
            # The columns the user may read: the warehouse clerk gets the
            # quantities without the amounts
            with Transaction().set_user(user.id):
                access = FieldAccess.get_access([Ledger.__name__])[
                    Ledger.__name__]
            columns = [i for i, n in enumerate(LEDGER_COLUMNS)
                if access.get(n, {'read': True})['read']]
            with Transaction().set_context(
                    values, language=language, date=None,
                    product_type='product.product'):
                strings = Ledger.fields_get(LEDGER_COLUMNS)
                header = [strings[LEDGER_COLUMNS[i]]['string']
                    for i in columns]
                title = gettext('jxc_addon.msg_stock_ledger_title',
                    from_date=values['from_date'], to_date=values['to_date'])
                rows = ([row[i] for i in columns]
                    for row in Ledger.export_rows())
                with tempfile.TemporaryFile() as fileobj:
                    write_xlsx(fileobj, title, header, rows)
                    fileobj.seek(0)
                    data = fileobj.read()
                attachment, = Attachment.create([{
                            'name': '%s.xlsx' % title,
                            'resource': str(user),
                            'data': data,
                            }])
                Notification.create([{
                            'user': user.id,
                            'label': gettext(
                                'jxc_addon.msg_stock_ledger_exported'),
                            'description': attachment.name,
                            'model': 'ir.attachment',
                            'records': json.dumps([attachment.id]),
                            }])


class LedgerExport(Wizard):
    "Export the stock ledger of the list's period and warehouse to Excel"
    __name__ = 'stock.reporting.inventory.move.export'

    start = StateTransition()

    def transition_start(self):
        pool = Pool()
        User = pool.get('res.user')
        context = Transaction().context
        values = {k: context.get(k) for k in LEDGER_CONTEXT}
        if not values['from_date'] or not values['to_date']:
            raise UserError(
                gettext('jxc_addon.msg_stock_ledger_export_dates'))
        User.__queue__.export_stock_ledger(
            [User(Transaction().user)], values)
        return 'end'
