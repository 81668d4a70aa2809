# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from itertools import groupby

from trytond.i18n import gettext
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, Workflow, fields)
from trytond.modules.product import price_digits
from trytond.modules.stock.configuration import default_func
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval, Id, If
from trytond.transaction import Transaction

from .exceptions import OtherShipmentDeleteError, OtherShipmentError
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


class OtherReason(DeactivableMixin, ModelSQL, ModelView):
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


class OtherShipment(Workflow, ModelSQL, ModelView):
    __name__ = 'stock.other.shipment'
    _rec_name = 'number'
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    number = fields.Char(
        "Number", readonly=True,
        help="The main identifier of the document, given when done.")
    kind = fields.Selection(
        KINDS, "Kind", required=True, readonly=True,
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


class OtherShipmentLine(ModelSQL, ModelView):
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
