# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from collections import defaultdict

from trytond.exceptions import UserError
from trytond.i18n import gettext
from trytond.model import fields
from trytond.model.exceptions import ValidationError
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval


class DuplicateBarcode(ValidationError):
    pass


class UnknownBarcode(UserError):
    pass


class Template(metaclass=PoolMeta):
    __name__ = 'product.template'

    @classmethod
    def validate_fields(cls, templates, field_names):
        pool = Pool()
        Identifier = pool.get('product.identifier')
        super().validate_fields(templates, field_names)
        if field_names and 'active' in field_names:
            Identifier.check_barcode_unique(
                [i for t in templates for p in t.products
                    for i in p.identifiers])


class Product(metaclass=PoolMeta):
    __name__ = 'product.product'

    @classmethod
    def validate_fields(cls, products, field_names):
        pool = Pool()
        Identifier = pool.get('product.identifier')
        super().validate_fields(products, field_names)
        if field_names and 'active' in field_names:
            Identifier.check_barcode_unique(
                [i for p in products for i in p.identifiers])

    @classmethod
    def from_scan_code(cls, code):
        "Return the active goods whose barcode or code is the scanned code"
        code = (code or '').strip()
        for domain in [
                [('identifiers', 'where', [
                            ('type', 'in', list(cls._barcode_types())),
                            ('code', '=', code),
                            ])],
                [('code', '=', code)],
                ]:
            products = cls.search(
                [('type', '=', 'goods')] + domain, limit=1)
            if products:
                return products[0]
        raise UnknownBarcode(gettext(
                'jxc_addon.msg_barcode_unknown', code=code))

    @classmethod
    def _barcode_types(cls):
        return Pool().get('product.identifier').barcode_types()


class Identifier(metaclass=PoolMeta):
    __name__ = 'product.identifier'

    @classmethod
    def barcode_types(cls):
        "Return the identifier types scanned as barcodes"
        return {'ean'}

    @classmethod
    def validate_fields(cls, identifiers, field_names):
        super().validate_fields(identifiers, field_names)
        if field_names is None or {'type', 'code', 'product'} & field_names:
            cls.check_barcode_unique(identifiers)

    @classmethod
    def check_barcode_unique(cls, identifiers):
        identifiers = [
            i for i in identifiers
            if i.type in cls.barcode_types()
            and i.product.active and i.product.template.active]
        products = defaultdict(list)
        for identifier in cls._barcode_others(identifiers) + identifiers:
            products[identifier.code].append(identifier.product)
        for identifier in identifiers:
            others = [
                p for p in products[identifier.code]
                if p != identifier.product]
            if others:
                raise DuplicateBarcode(gettext(
                        'jxc_addon.msg_barcode_unique',
                        code=identifier.code,
                        product=identifier.product.rec_name,
                        other=others[0].rec_name))

    @classmethod
    def _barcode_others(cls, identifiers):
        "Return the barcodes of other active products with the same codes"
        if not identifiers:
            return []
        return cls.search([
                ('type', 'in', list(cls.barcode_types())),
                ('code', 'in', list({i.code for i in identifiers})),
                ('product.active', '=', True),
                ('id', 'not in', [i.id for i in identifiers]),
                ])


class ScanCodeMixin:
    "Add one unit of the scanned product to the lines of a document"
    __slots__ = ()

    @classmethod
    def view_attributes(cls):
        return super().view_attributes() + [
            ('/form', 'scan_code_states', {
                    'invisible': Eval('state') != 'draft',
                    }),
            ]

    def _scan_add(self, lines, code):
        "Return the lines with one more unit of the product of code"
        Product = Pool().get('product.product')
        product = Product.from_scan_code(code)
        lines = list(lines or [])
        for line in lines:
            if line.product == product:
                line.quantity = (line.quantity or 0) + 1
                break
        else:
            line = self._scan_new_line(product)
            line.quantity = 1
            lines.append(line)
        return lines


def _new_move(product, company, from_location, to_location, planned_date):
    Move = Pool().get('stock.move')
    return Move(
        product=product, unit=product.default_uom, company=company,
        from_location=from_location, to_location=to_location,
        planned_date=planned_date, state='draft')


class ShipmentIn(ScanCodeMixin, metaclass=PoolMeta):
    __name__ = 'stock.shipment.in'

    @fields.depends('incoming_moves', methods=['_scan_new_line'])
    def on_scan_code(self, code):
        super().on_scan_code(code)
        self.incoming_moves = self._scan_add(self.incoming_moves, code)

    @fields.depends(
        'company', 'supplier', 'warehouse_input', 'planned_date')
    def _scan_new_line(self, product):
        move = _new_move(
            product, self.company,
            self.supplier.supplier_location if self.supplier else None,
            self.warehouse_input, self.planned_date)
        move.unit_price = product.cost_price
        move.currency = self.company.currency if self.company else None
        return move


class ShipmentOut(ScanCodeMixin, metaclass=PoolMeta):
    __name__ = 'stock.shipment.out'

    @fields.depends('outgoing_moves', methods=['_scan_new_line'])
    def on_scan_code(self, code):
        super().on_scan_code(code)
        self.outgoing_moves = self._scan_add(self.outgoing_moves, code)

    @fields.depends(
        'company', 'customer', 'warehouse_output', 'planned_date')
    def _scan_new_line(self, product):
        move = _new_move(
            product, self.company, self.warehouse_output,
            self.customer.customer_location if self.customer else None,
            self.planned_date)
        move.unit_price = product.list_price_used
        move.currency = self.company.currency if self.company else None
        return move


class ShipmentInternal(ScanCodeMixin, metaclass=PoolMeta):
    __name__ = 'stock.shipment.internal'

    @fields.depends('moves', methods=['_scan_new_line'])
    def on_scan_code(self, code):
        super().on_scan_code(code)
        self.moves = self._scan_add(self.moves, code)

    @fields.depends(
        'company', 'from_location', 'to_location', 'planned_date')
    def _scan_new_line(self, product):
        return _new_move(
            product, self.company, self.from_location, self.to_location,
            self.planned_date)


class Inventory(ScanCodeMixin, metaclass=PoolMeta):
    __name__ = 'stock.inventory'

    @fields.depends('lines', methods=['_scan_new_line'])
    def on_scan_code(self, code):
        super().on_scan_code(code)
        self.lines = self._scan_add(self.lines, code)

    def _scan_new_line(self, product):
        Line = Pool().get('stock.inventory.line')
        return Line(product=product, unit=product.default_uom)


class OtherShipment(ScanCodeMixin, metaclass=PoolMeta):
    __name__ = 'stock.other.shipment'

    @fields.depends('lines', methods=['_scan_new_line'])
    def on_scan_code(self, code):
        super().on_scan_code(code)
        self.lines = self._scan_add(self.lines, code)

    @fields.depends('kind', 'company')
    def _scan_new_line(self, product):
        Line = Pool().get('stock.other.shipment.line')
        line = Line(product=product, unit=product.default_uom)
        if self.kind == 'in':
            line.unit_price = product.cost_price
        return line
