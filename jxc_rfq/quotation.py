# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"The checks of jxc_privacy.guard on the quotations of suppliers"
import datetime

from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction

from jxc_privacy.guard import GuardMixin


class Quotation(GuardMixin, metaclass=PoolMeta):
    __name__ = 'purchase.request.quotation'


class QuotationLine(GuardMixin, metaclass=PoolMeta):
    __name__ = 'purchase.request.quotation.line'
    _guard_products = [('quantity', 'unit_price')]

    @classmethod
    def default_currency(cls):
        Company = Pool().get('company.company')
        company = Transaction().context.get('company')
        if company is not None and company >= 0:
            return Company(company).currency.id

    def on_change_request(self):
        super().on_change_request()
        if self.request:
            self.supply_date = unknown_date(self.supply_date)


class CreateQuotation(metaclass=PoolMeta):
    __name__ = 'purchase.request.quotation.create'

    def get_quotation_line(self, request, quotation):
        line = super().get_quotation_line(request, quotation)
        line.supply_date = unknown_date(line.supply_date)
        if not line.currency:
            line.currency = request.company.currency
        return line


def unknown_date(date):
    "Tryton marks a request without supply date by the largest date"
    return None if date == datetime.date.max else date
