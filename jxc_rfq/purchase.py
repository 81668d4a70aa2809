# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.pool import PoolMeta
from trytond.pyson import Bool, Eval

from jxc_addon.numbering import default_sequence


class ConfigurationSequence(metaclass=PoolMeta):
    __name__ = 'purchase.configuration.sequence'

    default_purchase_request_quotation_sequence = default_sequence(
        'jxc_rfq', 'sequence_quotation')


class PurchaseRequest(metaclass=PoolMeta):
    """请购单 raised by hand by the buyer: Tryton only creates requests
    from the order points, with the fields below set by the system"""
    __name__ = 'purchase.request'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        readonly = (Eval('state') != 'draft') | Bool(Eval('origin'))
        for name in ['product', 'description', 'warehouse', 'supply_date']:
            field = getattr(cls, name)
            field.readonly = False
            field.states = dict(field.states, readonly=readonly)

    @classmethod
    def check_modification(cls, mode, requests, values=None, external=False):
        # Tryton refuses the requests a client creates; the buyer's access
        # (jxc_addon/access_daily.xml) says who may
        if mode == 'create':
            external = False
        super().check_modification(
            mode, requests, values=values, external=external)
