# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model import ModelSingleton, ModelSQL, ModelView, Unique, fields
from trytond.pool import Pool
from trytond.pyson import Id

from .guard import GuardMixin
from .request import TYPES

REPLY_DAYS = 15


class Configuration(GuardMixin, ModelSingleton, ModelSQL, ModelView):
    """Personal Information Protection Configuration

    jxc_privacy depends on no configuration of other modules."""
    __name__ = 'privacy.configuration'

    request_sequence = fields.Many2One(
        'ir.sequence', "Request Sequence", required=True,
        domain=[
            ('sequence_type', '=',
                Id('jxc_privacy', 'sequence_type_request')),
            ],
        help="Used to number the personal information requests.")
    reply_days = fields.Integer(
        "Reply Days", required=True,
        domain=[('reply_days', '>', 0)],
        help="The working days within which a request is answered, "
        "unless a period is set for its type.")
    periods = fields.One2Many(
        'privacy.configuration.period', 'configuration', "Periods",
        help="The reply period of the request types "
        "answered in fewer working days.")
    warning_days = fields.Integer(
        "Warning Days", required=True,
        domain=[('warning_days', '>=', 0)],
        help="Requests due within this many working days are "
        "listed as due soon and notified to the privacy officers.")

    @classmethod
    def default_request_sequence(cls):
        return Pool().get('ir.model.data').get_id(
            'jxc_privacy', 'sequence_request')

    @classmethod
    def default_reply_days(cls):
        return REPLY_DAYS

    @classmethod
    def default_warning_days(cls):
        return 3

    def get_reply_days(self, type_):
        for period in self.periods:
            if period.type == type_:
                return period.days
        return self.reply_days


class ConfigurationPeriod(GuardMixin, ModelSQL, ModelView):
    "Personal Information Request Reply Period"
    __name__ = 'privacy.configuration.period'

    configuration = fields.Many2One(
        'privacy.configuration', "Configuration", required=True,
        ondelete='CASCADE')
    type = fields.Selection(TYPES, "Type", required=True)
    days = fields.Integer(
        "Days", required=True,
        domain=[('days', '>', 0)],
        help="The working days within which a request of the type "
        "is answered.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('type_unique', Unique(t, t.configuration, t.type),
                'jxc_privacy.msg_configuration_period_type_unique'),
            ]

    @classmethod
    def default_configuration(cls):
        return 1
