# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.pool import PoolMeta

from jxc_addon.numbering import default_sequence


class ConfigurationSequence(metaclass=PoolMeta):
    __name__ = 'purchase.configuration.sequence'

    default_purchase_request_quotation_sequence = default_sequence(
        'jxc_rfq', 'sequence_quotation')
