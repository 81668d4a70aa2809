# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime
from collections import defaultdict
from decimal import Decimal
from itertools import groupby

from sql import Null, Window
from sql.aggregate import Sum
from sql.conditionals import Case, Coalesce

from trytond.i18n import gettext
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, Workflow, fields)
from trytond.modules.currency.fields import Monetary
from trytond.modules.product import price_digits, round_price
from trytond.modules.stock.configuration import default_func
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval, Id, If
from trytond.tools import reduce_ids
from trytond.transaction import Transaction, without_check_access

from jxc_privacy.guard import GuardMixin

from .exceptions import (
    InternalShipmentLocationError, InventoryPeriodClosedError,
    NegativeStockError, OtherShipmentDeleteError, OtherShipmentError)
from .locking import lock_rows
from .numbering import default_sequence

KINDS = [
    ('in', "Other Receipt"),
    ('out', "Other Issue"),
    ]
SEQUENCES = ['other_shipment_in_sequence', 'other_shipment_out_sequence']


def sequence_field(kind, string, company):
    return fields.Many2One(
        'ir.sequence', string,
        domain=[
            ('company', 'in', [company, None]),
            ('sequence_type', '=',
                Id('jxc_addon', 'sequence_type_other_shipment_%s' % kind)),
            ],
        help="Used to number the other %s." % (
            'receipts' if kind == 'in' else 'issues'))


class Configuration(metaclass=PoolMeta):
    __name__ = 'stock.configuration'

    other_shipment_in_sequence = fields.MultiValue(sequence_field(
            'in', "Other Receipt Sequence",
            Eval('context', {}).get('company', -1)))
    other_shipment_out_sequence = fields.MultiValue(sequence_field(
            'out', "Other Issue Sequence",
            Eval('context', {}).get('company', -1)))

    @classmethod
    def multivalue_model(cls, field):
        if field in SEQUENCES:
            return Pool().get('stock.configuration.sequence')
        return super().multivalue_model(field)

    default_other_shipment_in_sequence = default_func(
        'other_shipment_in_sequence')
    default_other_shipment_out_sequence = default_func(
        'other_shipment_out_sequence')


class ConfigurationSequence(metaclass=PoolMeta):
    __name__ = 'stock.configuration.sequence'

    other_shipment_in_sequence = sequence_field(
        'in', "Other Receipt Sequence", Eval('company', -1))
    other_shipment_out_sequence = sequence_field(
        'out', "Other Issue Sequence", Eval('company', -1))

    default_other_shipment_in_sequence = default_sequence(
        'jxc_addon', 'sequence_other_shipment_in')
    default_other_shipment_out_sequence = default_sequence(
        'jxc_addon', 'sequence_other_shipment_out')


class OtherReason(GuardMixin, DeactivableMixin, ModelSQL, ModelView):
    __name__ = 'stock.other.reason'

    name = fields.Char("Name", required=True, translate=True)
    kind = fields.Selection([
            ('in', "Receipt"),
            ('out', "Issue"),
            ('both', "Both"),
            ], "Kind", required=True,
        help="The documents that may use the reason.")
    location = fields.Many2One(
        'stock.location', "Location", required=True,
        domain=[
            ('type', '=', 'lost_found'),
            ],
        help="Where the goods come from for a receipt "
        "or go to for an issue.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('name', 'ASC'))

    @classmethod
    def default_kind(cls):
        return 'both'

    @classmethod
    def default_location(cls):
        ModelData = Pool().get('ir.model.data')
        return ModelData.get_id('stock', 'location_lost_found')


class OtherShipment(GuardMixin, Workflow, ModelSQL, ModelView):
    __name__ = 'stock.other.shipment'
    _rec_name = 'number'
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    number = fields.Char(
        "Number", readonly=True,
        help="The main identifier of the document, given when done.")
    kind = fields.Selection(
        KINDS, "Kind", required=True,
        states={
            'readonly': Eval('id', -1) >= 0,
            },
        help="Whether goods come in or go out.")
    kind_string = kind.translated('kind')
    company = fields.Many2One(
        'company.company', "Company", required=True, states=_states,
        help="The company the document is associated with.")
    warehouse = fields.Many2One(
        'stock.location', "Warehouse", required=True,
        domain=[
            ('type', '=', 'warehouse'),
            ],
        states=_states,
        help="Where the goods are received or issued.")
    effective_date = fields.Date(
        "Effective Date", states=_states,
        help="When the goods actually moved.")
    reason = fields.Many2One(
        'stock.other.reason', "Reason", required=True,
        domain=[
            ('kind', 'in', [Eval('kind', ''), 'both']),
            ],
        states=_states,
        help="Why the goods come in or go out.")
    party = fields.Many2One(
        'party.party', "Party", states=_states,
        context={
            'company': Eval('company', -1),
            },
        depends={'company'},
        help="Who gave or received the goods, if anyone.")
    reference = fields.Char(
        "Reference", states=_states,
        help="The external identifier of the document.")
    comment = fields.Text("Comment")
    lines = fields.One2Many(
        'stock.other.shipment.line', 'shipment', "Lines", states=_states)
    moves = fields.Function(
        fields.Many2Many(
            'stock.move', None, None, "Moves", readonly=True,
            help="The stock moves created by the lines."),
        'get_moves')
    state = fields.Selection([
            ('draft', "Draft"),
            ('done', "Done"),
            ('cancelled', "Cancelled"),
            ], "State", readonly=True, required=True, sort=False,
        help="The current state of the document.")

    del _states

    @classmethod
    def __setup__(cls):
        cls.number.search_unaccented = False
        cls.reference.search_unaccented = False
        super().__setup__()
        cls._order = [
            ('effective_date', 'DESC NULLS FIRST'),
            ('id', 'DESC'),
            ]
        cls._transitions |= {
            ('draft', 'done'),
            ('draft', 'cancelled'),
            ('cancelled', 'draft'),
            }
        cls._buttons.update({
                'cancel': {
                    'invisible': Eval('state') != 'draft',
                    'depends': ['state'],
                    },
                'draft': {
                    'invisible': Eval('state') != 'cancelled',
                    'icon': 'tryton-undo',
                    'depends': ['state'],
                    },
                'do': {
                    'invisible': Eval('state') != 'draft',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_kind(cls):
        return Transaction().context.get('other_shipment_kind', 'in')

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_warehouse(cls):
        return Pool().get('stock.location').get_default_warehouse()

    @classmethod
    def default_effective_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def view_attributes(cls):
        return super().view_attributes() + [
            ('/tree', 'visual', If(Eval('state') == 'cancelled', 'muted', '')),
            ]

    def get_moves(self, name):
        return [m.id for l in self.lines for m in l.moves]

    def get_rec_name(self, name):
        return self.number or f'({self.id})'

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, value = clause
        bool_op = 'AND' if operator.startswith(('!', 'not ')) else 'OR'
        return [bool_op,
            ('number', operator, value),
            ('reference', operator, value),
            ]

    @classmethod
    def copy(cls, shipments, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('number')
        default.setdefault('reference')
        default.setdefault('effective_date')
        return super().copy(shipments, default=default)

    @classmethod
    def check_reason(cls, shipments):
        for shipment in shipments:
            if shipment.reason.kind not in {shipment.kind, 'both'}:
                raise OtherShipmentError(gettext(
                        'jxc_addon.msg_stock_other_shipment_reason_kind',
                        reason=shipment.reason.rec_name,
                        shipment=shipment.rec_name,
                        kind=shipment.kind_string))

    @classmethod
    def preprocess_values(cls, mode, values):
        values = super().preprocess_values(mode, values)
        cls.check_reason_exists(values.get('reason'))
        return values

    @classmethod
    def check_reason_exists(cls, reason_id):
        "Refuse an unknown reason before the database does, in any backend"
        Reason = Pool().get('stock.other.reason')
        with Transaction().set_context(active_test=False):
            found = reason_id is None or Reason.search([
                    ('id', '=', reason_id),
                    ], limit=1)
        if not found:
            raise OtherShipmentError(gettext(
                    'jxc_addon.msg_stock_other_shipment_reason_unknown',
                    reason=reason_id))

    @classmethod
    def check_modification(
            cls, mode, shipments, values=None, external=False):
        super().check_modification(
            mode, shipments, values=values, external=external)
        if mode == 'delete':
            for shipment in shipments:
                if shipment.state not in {'draft', 'cancelled'}:
                    raise OtherShipmentDeleteError(gettext(
                            'jxc_addon.msg_stock_other_shipment_delete',
                            shipment=shipment.rec_name))

    @classmethod
    def set_number(cls, shipments):
        Config = Pool().get('stock.configuration')
        config = Config(1)
        key = lambda s: (s.company, s.kind)  # noqa: E731
        shipments = sorted(
            (s for s in shipments if not s.number),
            key=lambda s: (s.company.id, s.kind))
        for (company, kind), grouped in groupby(shipments, key=key):
            grouped = list(grouped)
            sequence = config.get_multivalue(
                'other_shipment_%s_sequence' % kind, company=company.id)
            for shipment, number in zip(
                    grouped, sequence.get_many(len(grouped))):
                shipment.number = number
        cls.save(shipments)

    @classmethod
    def check_lines(cls, shipments):
        for shipment in shipments:
            if not shipment.lines:
                raise OtherShipmentError(gettext(
                        'jxc_addon.msg_stock_other_shipment_no_lines',
                        shipment=shipment.rec_name))

    def _get_moves(self):
        return [l.get_move() for l in self.lines]

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, shipments):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, shipments):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('done')
    def do(cls, shipments):
        pool = Pool()
        Move = pool.get('stock.move')
        Date = pool.get('ir.date')
        cls.check_lines(shipments)
        cls.check_reason(shipments)
        for shipment in shipments:
            if not shipment.effective_date:
                with Transaction().set_context(company=shipment.company.id):
                    shipment.effective_date = Date.today()
        cls.save(shipments)
        moves = [m for s in shipments for m in s._get_moves()]
        Move.save(moves)
        Move.do(moves)
        cls.set_number(shipments)


class OtherShipmentLine(GuardMixin, ModelSQL, ModelView):
    __name__ = 'stock.other.shipment.line'
    _states = {
        'readonly': Eval('shipment_state') != 'draft',
        }

    shipment = fields.Many2One(
        'stock.other.shipment', "Document", required=True,
        ondelete='CASCADE', states=_states)
    product = fields.Many2One(
        'product.product', "Product", required=True,
        domain=[
            ('type', '=', 'goods'),
            ],
        states=_states,
        context={
            'company': Eval('company', -1),
            },
        depends={'company'})
    quantity = fields.Float(
        "Quantity", digits='unit', required=True,
        domain=[
            ('quantity', '>', 0),
            ],
        states=_states)
    unit = fields.Many2One(
        'product.uom', "Unit", required=True, states=_states,
        domain=[
            If(Eval('product_uom_category'),
                ('category', '=', Eval('product_uom_category', -1)),
                ('category', '!=', -1)),
            ])
    product_uom_category = fields.Function(
        fields.Many2One('product.uom.category', "Product UoM Category"),
        'on_change_with_product_uom_category')
    unit_price = fields.Numeric(
        "Unit Price", digits=price_digits,
        domain=[
            If(Eval('unit_price'),
                ('unit_price', '>=', 0),
                ()),
            ],
        states={
            'readonly': _states['readonly'],
            'invisible': Eval('shipment_kind') != 'in',
            },
        help="The cost of one unit received, "
        "used for the average cost price.")
    moves = fields.One2Many('stock.move', 'origin', "Moves", readonly=True)
    shipment_state = fields.Function(
        fields.Selection('get_shipment_states', "Document State"),
        'on_change_with_shipment_state')
    shipment_kind = fields.Function(
        fields.Selection(KINDS, "Document Kind"),
        'on_change_with_shipment_kind')
    company = fields.Function(
        fields.Many2One('company.company', "Company"),
        'on_change_with_company')

    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('shipment')

    @classmethod
    def get_shipment_states(cls):
        Shipment = Pool().get('stock.other.shipment')
        return Shipment.fields_get(['state'])['state']['selection']

    @classmethod
    def default_shipment_state(cls):
        "A new line belongs to a draft document: its fields are editable"
        return 'draft'

    @fields.depends('shipment', '_parent_shipment.state')
    def on_change_with_shipment_state(self, name=None):
        return self.shipment.state if self.shipment else 'draft'

    @fields.depends('shipment', '_parent_shipment.kind')
    def on_change_with_shipment_kind(self, name=None):
        return self.shipment.kind if self.shipment else None

    @fields.depends('shipment', '_parent_shipment.company')
    def on_change_with_company(self, name=None):
        return self.shipment.company if self.shipment else None

    @fields.depends('product')
    def on_change_with_product_uom_category(self, name=None):
        return self.product.default_uom_category if self.product else None

    @fields.depends('product', 'unit')
    def on_change_product(self):
        if self.product and (
                not self.unit
                or self.unit.category != self.product.default_uom_category):
            self.unit = self.product.default_uom

    def get_rec_name(self, name):
        return self.product.rec_name

    @classmethod
    def copy(cls, lines, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('moves')
        return super().copy(lines, default=default)

    def get_move(self):
        Move = Pool().get('stock.move')
        shipment = self.shipment
        storage = shipment.warehouse.storage_location
        location = shipment.reason.location
        from_, to = (
            (location, storage) if shipment.kind == 'in'
            else (storage, location))
        return Move(
            product=self.product, quantity=self.quantity, unit=self.unit,
            from_location=from_, to_location=to, company=shipment.company,
            effective_date=shipment.effective_date, origin=self)


class Move(metaclass=PoolMeta):
    __name__ = 'stock.move'

    @classmethod
    def _get_origin(cls):
        return super()._get_origin() + ['stock.other.shipment.line']

    def _do(self):
        cost_price, to_save = super()._do()
        unit_price = self._other_receipt_price()
        if cost_price is None and unit_price is not None:
            method = self.product.get_multivalue(
                'cost_price_method', **self._cost_price_pattern)
            if method == 'average':
                cost_price = self._compute_product_cost_price(
                    'in', product_cost_price=unit_price)
        return cost_price, to_save

    def _other_receipt_price(self):
        "Return the unit price of an other receipt line in product unit"
        pool = Pool()
        Line = pool.get('stock.other.shipment.line')
        Uom = pool.get('product.uom')
        if (isinstance(self.origin, Line)
                and self.origin.unit_price is not None
                and self.to_location.type == 'storage'
                and self.from_location.type != 'storage'):
            return Uom.compute_price(
                self.unit, self.origin.unit_price, self.product.default_uom)

    @classmethod
    def do(cls, moves):
        cls.check_negative_stock(
            [m for m in moves if m.state not in {'done', 'cancelled'}])
        super().do(moves)

    @classmethod
    def _negative_stock_issues(cls, moves):
        """Return the moves that leave a warehouse which forbids negative
        stock, per warehouse and product"""
        issues = defaultdict(list)
        for move in moves:
            warehouse = move.from_location.warehouse
            if (warehouse and warehouse.forbid_negative_stock
                    and not move.to_location.is_within(warehouse)):
                issues[warehouse.id, move.product.id].append(move)
        return issues

    @classmethod
    def _negative_stock_query(cls, since, moves):
        """Return the query of the dates from which the stock or the forecast
        of a warehouse and product is below zero once the moves are done

        The quantity of each warehouse and product is summed per date and
        accumulated over the dates: the stock counts the moves done at their
        effective date, the forecast adds the moves planned from today on,
        at the date Tryton's forecast gives them."""
        pool = Pool()
        Location = pool.get('stock.location')
        Date = pool.get('ir.date')
        move = cls.__table__()
        from_location = Location.__table__()
        to_location = Location.__table__()
        warehouse = Location.__table__()
        today = Date.today()

        def inside(location):
            return ((location.left >= warehouse.left)
                & (location.right <= warehouse.right))
        entering = inside(to_location) & ~inside(from_location)
        leaving = inside(from_location) & ~inside(to_location)
        quantity = Case(
            (entering, move.internal_quantity),
            else_=-move.internal_quantity)
        date = cls.effective_date.sql_cast(Coalesce(
                move.effective_date,
                Case((move.state == 'assigned', today), else_=Null),
                move.planned_date))
        done = (move.state == 'done') | reduce_ids(
            move.id, [m.id for m in moves])
        # The date holds parameters: PostgreSQL groups by it only as a column
        changes = (move
            .join(from_location,
                condition=move.from_location == from_location.id)
            .join(to_location, condition=move.to_location == to_location.id)
            .join(warehouse, condition=fields.SQL_OPERATORS['in'](
                    warehouse.id, sorted({w for w, _ in since})))
            .select(
                warehouse.id.as_('warehouse'),
                move.product.as_('product'),
                date.as_('date'),
                Case((done, quantity), else_=0).as_('stock'),
                quantity.as_('forecast'),
                where=fields.SQL_OPERATORS['in'](
                    move.product, sorted({p for _, p in since}))
                & (entering | leaving)
                & (done
                    | (move.state.in_(['assigned', 'draft'])
                        & (date >= today)))))
        window = Window(
            [changes.warehouse, changes.product], order_by=[changes.date])
        balance = changes.select(
            changes.warehouse, changes.product, changes.date,
            Sum(Sum(changes.stock), window=window).as_('stock'),
            Sum(Sum(changes.forecast), window=window).as_('forecast'),
            group_by=[changes.warehouse, changes.product, changes.date])
        return balance.select(
            balance.warehouse, balance.product, balance.date,
            balance.stock, balance.forecast,
            where=(balance.date >= min(since.values()))
            & ((balance.stock < 0) | (balance.forecast < 0)),
            order_by=[balance.warehouse, balance.product, balance.date])

    @classmethod
    def check_negative_stock(cls, moves):
        """Refuse moves to do that would leave less than nothing in a
        warehouse, at their date or any later date with the moves done or
        planned"""
        pool = Pool()
        Product = pool.get('product.product')
        Location = pool.get('stock.location')
        issues = cls._negative_stock_issues(moves)
        if not issues:
            return
        # The query counts the moves as done at the date they will get
        for move in moves:
            move.set_effective_date()
        with without_check_access():
            cls.save(moves)
        since = {k: min(m.effective_date for m in v)
            for k, v in issues.items()}
        lock_rows(Product, {p for _, p in since})
        cursor = Transaction().connection.cursor()
        cursor.execute(*cls._negative_stock_query(since, moves))
        for warehouse, product, date, stock, forecast in cursor:
            if isinstance(date, str):
                date = datetime.date.fromisoformat(date)
            if date < since.get((warehouse, product), datetime.date.max):
                continue
            product = Product(product)
            uom = product.default_uom
            stock, forecast = uom.round(stock), uom.round(forecast)
            if min(stock, forecast) >= 0:
                continue
            warehouse = Location(warehouse)
            asked = uom.round(sum(
                    m.internal_quantity for m in moves
                    if m.product == product and m.effective_date <= date
                    and m.from_location.is_within(warehouse)
                    and not m.to_location.is_within(warehouse)))
            if date == since[warehouse.id, product.id] and stock < 0:
                raise NegativeStockError(gettext(
                        'jxc_addon.msg_stock_negative',
                        product=product.rec_name,
                        warehouse=warehouse.rec_name,
                        on_hand=uom.round(stock + asked),
                        quantity=asked,
                        unit=uom.rec_name))
            raise NegativeStockError(gettext(
                    'jxc_addon.msg_stock_negative_later',
                    product=product.rec_name,
                    warehouse=warehouse.rec_name,
                    quantity=asked,
                    balance=min(stock, forecast),
                    date=date,
                    unit=uom.rec_name))


class Location(metaclass=PoolMeta):
    __name__ = 'stock.location'

    forbid_negative_stock = fields.Boolean(
        "Forbid Negative Stock",
        states={
            'invisible': Eval('type') != 'warehouse',
            },
        help="Refuse to issue more goods than the warehouse has on hand.")

    @classmethod
    def default_forbid_negative_stock(cls):
        return True

    def is_within(self, other):
        "Whether the location is other or one of its children"
        return self.left >= other.left and self.right <= other.right


class ShipmentInternal(metaclass=PoolMeta):
    __name__ = 'stock.shipment.internal'

    @classmethod
    def validate_fields(cls, shipments, field_names):
        super().validate_fields(shipments, field_names)
        if field_names & {'from_location', 'to_location'}:
            cls.check_locations(shipments)

    @classmethod
    def check_locations(cls, shipments):
        "Refuse a transfer from a location into itself or its own parent"
        for shipment in shipments:
            from_, to = shipment.from_location, shipment.to_location
            if from_.is_within(to) or to.is_within(from_):
                raise InternalShipmentLocationError(gettext(
                        'jxc_addon.msg_stock_internal_same_location',
                        shipment=shipment.rec_name,
                        from_location=from_.rec_name,
                        to_location=to.rec_name))


class Inventory(metaclass=PoolMeta):
    __name__ = 'stock.inventory'

    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"),
        'on_change_with_currency')
    gain_amount = fields.Function(Monetary(
            "Gain Amount", currency='currency', digits='currency',
            help="The value of the goods found in excess (盘盈)."),
        'get_amounts')
    loss_amount = fields.Function(Monetary(
            "Loss Amount", currency='currency', digits='currency',
            help="The value of the goods found missing (盘亏)."),
        'get_amounts')

    @fields.depends('company')
    def on_change_with_currency(self, name=None):
        return self.company.currency if self.company else None

    @classmethod
    def get_amounts(cls, inventories, names):
        result = {n: {i.id: Decimal(0) for i in inventories} for n in names}
        for inventory in inventories:
            for line in inventory.lines:
                amount = line.difference_amount or Decimal(0)
                name = 'gain_amount' if amount > 0 else 'loss_amount'
                if name in result:
                    result[name][inventory.id] += abs(amount)
        return result

    @classmethod
    def confirm(cls, inventories):
        cls.check_period_closed(
            [i for i in inventories if i.state == 'draft'])
        super().confirm(inventories)

    @classmethod
    def check_period_closed(cls, inventories):
        Period = Pool().get('stock.period')
        for inventory in inventories:
            periods = Period.search([
                    ('company', '=', inventory.company.id),
                    ('state', '=', 'closed'),
                    ('date', '>=', inventory.date),
                    ], order=[('date', 'DESC')], limit=1)
            if periods:
                period, = periods
                raise InventoryPeriodClosedError(gettext(
                        'jxc_addon.msg_stock_inventory_period_closed',
                        inventory=inventory.rec_name,
                        period=period.rec_name))


class InventoryLine(metaclass=PoolMeta):
    __name__ = 'stock.inventory.line'

    difference_quantity = fields.Function(fields.Float(
            "Difference", digits='unit',
            help="The actual quantity less the expected quantity: "
            "positive for a gain (盘盈), negative for a loss (盘亏)."),
        'on_change_with_difference_quantity')
    unit_cost = fields.Function(fields.Numeric(
            "Unit Cost", digits=price_digits,
            help="The cost price of one unit, "
            "that of the moves once the count is posted."),
        'get_unit_cost')
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"),
        'on_change_with_currency')
    difference_amount = fields.Function(Monetary(
            "Difference Amount", currency='currency', digits='currency',
            help="The difference valued at the unit cost."),
        'get_difference_amount')

    @fields.depends('quantity', 'expected_quantity', 'unit')
    def on_change_with_difference_quantity(self, name=None):
        if self.quantity is None or self.expected_quantity is None:
            return None
        difference = self.quantity - self.expected_quantity
        return self.unit.round(difference) if self.unit else difference

    @fields.depends('inventory', '_parent_inventory.company')
    def on_change_with_currency(self, name=None):
        if self.inventory and self.inventory.company:
            return self.inventory.company.currency

    def get_unit_cost(self, name):
        for move in self.moves:
            if move.cost_price is not None:
                return round_price(move.cost_price)
        Product = Pool().get('product.product')
        with Transaction().set_context(company=self.inventory.company.id):
            return round_price(Product(self.product.id).cost_price)

    def get_difference_amount(self, name):
        if self.difference_quantity is None or self.unit_cost is None:
            return None
        return self.currency.round(
            Decimal(str(self.difference_quantity)) * self.unit_cost)
