# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"The checks of jxc_privacy.guard on the Tryton documents a JXC user edits"
from trytond.pool import PoolMeta

from jxc_privacy.guard import GuardMixin

LINE = [('quantity', 'unit_price')]


class Template(GuardMixin, metaclass=PoolMeta):
    __name__ = 'product.template'


class Product(GuardMixin, metaclass=PoolMeta):
    __name__ = 'product.product'


class ProductSupplier(GuardMixin, metaclass=PoolMeta):
    __name__ = 'purchase.product_supplier'


class ProductSupplierPrice(GuardMixin, metaclass=PoolMeta):
    __name__ = 'purchase.product_supplier.price'


class Purchase(GuardMixin, metaclass=PoolMeta):
    __name__ = 'purchase.purchase'


class PurchaseLine(GuardMixin, metaclass=PoolMeta):
    __name__ = 'purchase.line'
    _guard_products = LINE


class PurchaseRequest(GuardMixin, metaclass=PoolMeta):
    __name__ = 'purchase.request'


class Sale(GuardMixin, metaclass=PoolMeta):
    __name__ = 'sale.sale'


class SaleLine(GuardMixin, metaclass=PoolMeta):
    __name__ = 'sale.line'
    _guard_products = LINE


class Invoice(GuardMixin, metaclass=PoolMeta):
    __name__ = 'account.invoice'


class InvoiceLine(GuardMixin, metaclass=PoolMeta):
    __name__ = 'account.invoice.line'
    _guard_products = LINE


class Move(GuardMixin, metaclass=PoolMeta):
    __name__ = 'stock.move'
    _guard_products = LINE


class ShipmentIn(GuardMixin, metaclass=PoolMeta):
    __name__ = 'stock.shipment.in'


class ShipmentInReturn(GuardMixin, metaclass=PoolMeta):
    __name__ = 'stock.shipment.in.return'


class ShipmentOut(GuardMixin, metaclass=PoolMeta):
    __name__ = 'stock.shipment.out'


class ShipmentOutReturn(GuardMixin, metaclass=PoolMeta):
    __name__ = 'stock.shipment.out.return'


class ShipmentInternal(GuardMixin, metaclass=PoolMeta):
    __name__ = 'stock.shipment.internal'


class Inventory(GuardMixin, metaclass=PoolMeta):
    __name__ = 'stock.inventory'


class InventoryLine(GuardMixin, metaclass=PoolMeta):
    __name__ = 'stock.inventory.line'


class OrderPoint(GuardMixin, metaclass=PoolMeta):
    __name__ = 'stock.order_point'
