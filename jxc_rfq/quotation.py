# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"The checks of jxc_privacy.guard on the quotations of suppliers"
from trytond.pool import PoolMeta

from jxc_privacy.guard import GuardMixin


class Quotation(GuardMixin, metaclass=PoolMeta):
    __name__ = 'purchase.request.quotation'


class QuotationLine(GuardMixin, metaclass=PoolMeta):
    __name__ = 'purchase.request.quotation.line'
    _guard_products = [('quantity', 'unit_price')]
