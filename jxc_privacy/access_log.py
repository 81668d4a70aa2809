# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.transaction import Transaction, without_check_access

from .exceptions import AccessLogModifyError
from .guard import GuardMixin


class AccessLog(GuardMixin, ModelSQL, ModelView):
    """Personal Information Access Log

    Who exported, corrected or erased the personal information of which
    person, and when (PIPL Art. 55-56).  ir.model.log keeps the writes of
    every model but not the person concerned nor the exports.  Entries hold
    no copy of the personal information: the person is a link, the
    corrected fields are names, so erasing the person anonymises them."""
    __name__ = 'privacy.access.log'

    date = fields.DateTime("Date", required=True, readonly=True)
    user = fields.Many2One(
        'res.user', "User", readonly=True,
        help="The user who accessed the personal information.")
    action = fields.Selection([
            ('export', "Export"),
            ('correction', "Correction"),
            ('erasure', "Erasure"),
            ('consent_import', "Consent Import"),
            ], "Action", required=True, readonly=True)
    action_string = action.translated('action')
    party = fields.Many2One(
        'party.party', "Party", readonly=True, ondelete='RESTRICT',
        help="The person whose personal information was accessed.")
    web_user = fields.Many2One(
        'web.user', "Web User", readonly=True, ondelete='RESTRICT',
        help="The member account whose personal information was accessed.")
    resource = fields.Char(
        "Resource", readonly=True,
        help="The record accessed, as model,id.")
    field_names = fields.Char(
        "Fields", readonly=True,
        help="The names of the fields corrected.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [
            ('date', 'DESC'),
            ('id', 'DESC'),
            ]

    @classmethod
    def check_modification(cls, mode, logs, values=None, external=False):
        super().check_modification(
            mode, logs, values=values, external=external)
        if mode in {'write', 'delete'}:
            raise AccessLogModifyError(gettext(
                    'jxc_privacy.msg_access_log_%s' % mode))

    @classmethod
    @without_check_access
    def add(cls, action, parties=(), web_users=(), resources=(),
            field_names=None):
        "Log the action on the parties, web users and resources"
        user = Transaction().user or None
        now = dt.datetime.now()
        names = ','.join(sorted(field_names)) if field_names else None
        vlist = []
        for key, records in [
                ('party', parties), ('web_user', web_users),
                ('resource', resources)]:
            for record in records:
                values = {
                    'date': now, 'user': user, 'action': action,
                    'field_names': names,
                    }
                if key == 'resource':
                    values['resource'] = str(record)
                    values['party'] = cls._resource_party(record)
                    if record.__name__ == 'web.user':
                        values['web_user'] = record.id
                else:
                    values[key] = record.id
                vlist.append(values)
        cls.create(vlist)

    @classmethod
    def _resource_party(cls, record):
        party = getattr(record, 'party', None)
        if record.__name__ == 'party.party':
            party = record
        elif record.__name__ == 'privacy.consent':
            party = record.subject
        return party.id if party else None
