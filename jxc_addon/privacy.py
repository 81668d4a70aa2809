# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"The documents of a party whose personal information was erased"
from trytond.pool import PoolMeta

from jxc_privacy.party import RestrictedPartyMixin


class Sale(RestrictedPartyMixin, metaclass=PoolMeta):
    __name__ = 'sale.sale'
    _restricted_party_fields = ['party', 'invoice_party', 'shipment_party']


class Purchase(RestrictedPartyMixin, metaclass=PoolMeta):
    __name__ = 'purchase.purchase'
    _restricted_party_fields = ['party', 'invoice_party']


class Invoice(RestrictedPartyMixin, metaclass=PoolMeta):
    __name__ = 'account.invoice'


class ShipmentIn(RestrictedPartyMixin, metaclass=PoolMeta):
    __name__ = 'stock.shipment.in'
    _restricted_party_fields = ['supplier']


class ShipmentInReturn(RestrictedPartyMixin, metaclass=PoolMeta):
    __name__ = 'stock.shipment.in.return'
    _restricted_party_fields = ['supplier']


class ShipmentOut(RestrictedPartyMixin, metaclass=PoolMeta):
    __name__ = 'stock.shipment.out'
    _restricted_party_fields = ['customer']


class ShipmentOutReturn(RestrictedPartyMixin, metaclass=PoolMeta):
    __name__ = 'stock.shipment.out.return'
    _restricted_party_fields = ['customer']


class OtherShipment(RestrictedPartyMixin, metaclass=PoolMeta):
    __name__ = 'stock.other.shipment'
