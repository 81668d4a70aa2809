# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from email_validator import EmailNotValidError, validate_email

from trytond.i18n import gettext
from trytond.modules.party.exceptions import InvalidEMail
from trytond.modules.web_user.exceptions import UserValidationError
from trytond.model import fields
from trytond.pool import Pool, PoolMeta
from trytond.transaction import inactive_records, without_check_access

from .exceptions import PartyRestrictedError
from .guard import GuardMixin


class CorrectionLogMixin:
    "Log the corrections of the personal fields in privacy.access.log"
    __slots__ = ()
    _personal_fields = set()

    @classmethod
    def on_modification(cls, mode, records, field_names=None):
        super().on_modification(mode, records, field_names=field_names)
        changed = set(field_names or []) & cls._personal_fields
        if mode == 'write' and changed:
            AccessLog = Pool().get('privacy.access.log')
            AccessLog.add(
                'correction', resources=records, field_names=changed)


class Party(GuardMixin, CorrectionLogMixin, metaclass=PoolMeta):
    __name__ = 'party.party'
    _personal_fields = {'name'}

    privacy_restricted = fields.Boolean(
        "Privacy Restricted", readonly=True,
        help="The personal information of the party was erased: "
        "the documents kept for the law are stored only, not processed.")

    @classmethod
    def default_privacy_restricted(cls):
        return False


class Address(GuardMixin, CorrectionLogMixin, metaclass=PoolMeta):
    __name__ = 'party.address'
    _personal_fields = {
        'party_name', 'attn', 'street_unstructured', 'street_name',
        'building_name', 'building_number', 'unit_number', 'floor_number',
        'room_number', 'post_box', 'private_bag', 'post_office',
        'postal_code', 'city', 'country', 'subdivision',
        }


def check_email(value):
    """Raise EmailNotValidError if value is not the syntax of an e-mail
    address; the domain is not asked to DNS, which a site may not reach"""
    validate_email(value, check_deliverability=False, test_environment=True)


class ContactMechanism(GuardMixin, CorrectionLogMixin, metaclass=PoolMeta):
    __name__ = 'party.contact_mechanism'
    _personal_fields = {'type', 'value', 'name', 'comment'}

    @classmethod
    def check_valid_email(cls, mechanisms, field_names=None):
        # Not super(): Tryton asks DNS for the domain and waits for it
        if field_names and not (field_names & {'type', 'value'}):
            return
        for mechanism in mechanisms:
            if mechanism.type == 'email' and mechanism.value:
                try:
                    check_email(mechanism.value)
                except EmailNotValidError as exception:
                    raise InvalidEMail(gettext(
                            'party.msg_email_invalid',
                            email=mechanism.value,
                            party=mechanism.party.rec_name),
                        str(exception)) from exception


class Identifier(GuardMixin, CorrectionLogMixin, metaclass=PoolMeta):
    __name__ = 'party.identifier'
    _personal_fields = {'type', 'code'}


class WebUser(GuardMixin, CorrectionLogMixin, metaclass=PoolMeta):
    __name__ = 'web.user'
    _personal_fields = {'email'}

    @classmethod
    def check_valid_email(cls, users, fields_names=None):
        # Not super(): Tryton asks DNS for the domain and waits for it
        if fields_names and 'email' not in fields_names:
            return
        for user in users:
            if user.email:
                try:
                    check_email(user.email)
                except EmailNotValidError as exception:
                    raise UserValidationError(gettext(
                            'web_user.msg_user_email_invalid',
                            user=user.rec_name, email=user.email),
                        str(exception)) from exception


class Erase(metaclass=PoolMeta):
    __name__ = 'party.erase'

    def transition_erase(self):
        pool = Pool()
        Data = pool.get('privacy.data')
        Request = pool.get('privacy.request')
        parties, users = Data._persons(self.ask.party)
        erasure = Data._prepare_erasure(parties, users)
        # The texts and exports of the person's requests hold personal data
        requests = Request._requests_of(parties, users)
        state = super().transition_erase()
        Data._after_erase(erasure)
        Request._forget(requests)
        return state

    def check_erase(self, party):
        Data = Pool().get('privacy.data')
        super().check_erase(party)
        Data.check_officer()
        Data._check_open_documents(party)

    def to_erase(self, party_id):
        pool = Pool()
        Consent = pool.get('privacy.consent')
        ContactMechanism = pool.get('party.contact_mechanism')
        Identifier = pool.get('party.identifier')
        to_erase = super().to_erase(party_id)
        to_erase.extend([
                (ContactMechanism, [('party', '=', party_id)], False,
                    ['value_compact'], [None]),
                (Identifier, [('party', '=', party_id)], False,
                    ['code_compact'], ['****']),
                (Consent, [('subject', '=', party_id)], True,
                    ['evidence', 'remote_address'], [None, None]),
                ])
        return to_erase


class RestrictedPartyMixin:
    "Refuse to create or change the documents of a restricted party"
    __slots__ = ()
    _restricted_party_fields = ['party']

    @classmethod
    def check_modification(cls, mode, records, values=None, external=False):
        super().check_modification(
            mode, records, values=values, external=external)
        if mode in {'create', 'write'}:
            cls.check_restricted_party(records, values or {})

    @classmethod
    @without_check_access
    @inactive_records
    def check_restricted_party(cls, records, values):
        Party = Pool().get('party.party')
        for record in records:
            for name in cls._restricted_party_fields:
                party = getattr(record, name)
                if values.get(name):
                    party = Party(values[name])
                if party and party.privacy_restricted:
                    raise PartyRestrictedError(gettext(
                            'jxc_privacy.msg_party_restricted',
                            party=party.rec_name,
                            document=record.rec_name))
