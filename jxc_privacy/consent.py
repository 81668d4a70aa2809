# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.model.exceptions import AccessError
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Bool, Eval, If
from trytond.rpc import RPC
from trytond.transaction import Transaction, without_check_access
from trytond.wizard import Button, StateTransition, StateView, Wizard

from .exceptions import ConsentModifyError, ConsentValidationError
from .guard import GuardMixin

PURPOSES_WITH_RECIPIENT = {'sharing', 'cross_border'}
# Set by the server from the transaction, never by a client
SERVER_FIELDS = {'date', 'remote_address', 'recorded_by', 'imported'}
IMPORTED_FIELDS = [
    'subject', 'purpose', 'third_party', 'action', 'policy', 'channel',
    'date', 'evidence']


class Consent(GuardMixin, ModelSQL, ModelView):
    __name__ = 'privacy.consent'
    # Events are append-only: every field is read-only once saved
    _states = {
        'readonly': Eval('id', -1) >= 0,
        }

    subject = fields.Many2One(
        'party.party', "Subject", required=True, states=_states,
        ondelete='RESTRICT',
        help="The person whose personal information is processed.")
    web_user = fields.Many2One(
        'web.user', "Web User", states=_states,
        domain=[
            If(Eval('subject'),
                ('party', '=', Eval('subject', -1)),
                ()),
            ],
        help="The member account through which the event was recorded.")
    purpose = fields.Selection([
            ('service', "Service"),
            ('marketing', "Marketing"),
            ('sharing', "Sharing with a Third Party"),
            ('sensitive', "Sensitive Personal Information"),
            ('cross_border', "Cross-Border Transfer"),
            ], "Purpose", required=True, states=_states,
        help="The purpose of processing the event applies to.")
    purpose_string = purpose.translated('purpose')
    third_party = fields.Char(
        "Third Party",
        states={
            'readonly': _states['readonly'],
            'invisible': ~Eval('purpose').in_(
                list(PURPOSES_WITH_RECIPIENT)),
            'required': Eval('purpose').in_(list(PURPOSES_WITH_RECIPIENT)),
            },
        help="The name of the recipient the personal information is "
        "provided to.")
    action = fields.Selection([
            (None, ""),
            ('given', "Given"),
            ('withdrawn', "Withdrawn"),
            ], "Action", required=True, states=_states,
        help="Whether the person gave or withdrew consent.")
    action_string = action.translated('action')
    policy = fields.Many2One(
        'privacy.policy', "Policy", ondelete='RESTRICT',
        domain=[('state', '=', 'published')],
        states={
            'readonly': _states['readonly'],
            'required': Eval('action') == 'given',
            },
        help="The version of the privacy policy shown to the person.")
    channel = fields.Selection([
            (None, ""),
            ('web', "Web"),
            ('app', "App"),
            ('paper', "Paper"),
            ('phone', "Phone"),
            ('in_person', "In Person"),
            ('other', "Other"),
            ], "Channel", required=True, states=_states,
        help="How the person expressed the decision.")
    evidence = fields.Text(
        "Evidence", states=_states,
        help="What the person ticked, signed or said.")
    remote_address = fields.Char(
        "Remote Address", readonly=True,
        help="The network address of the client the event was recorded "
        "from, as the server received it.")
    date = fields.DateTime(
        "Date", required=True, readonly=True,
        help="The time of the server when the event was recorded, "
        "or the historical date of an imported event.")
    imported = fields.Boolean(
        "Imported", readonly=True,
        help="Imported by the privacy officer from earlier records "
        "with its historical date.")
    minor_under_14 = fields.Boolean(
        "Minor under 14", states=_states,
        help="Check if the person is under 14: "
        "a parent or guardian must consent.")
    guardian = fields.Many2One(
        'party.party', "Guardian", ondelete='RESTRICT',
        states={
            'readonly': _states['readonly'],
            'invisible': ~Eval('minor_under_14'),
            'required': Bool(Eval('minor_under_14')),
            },
        help="The parent or guardian who decided for the minor.")
    recorded_by = fields.Many2One(
        'res.user', "Recorded By", readonly=True,
        help="The user who recorded the event.")

    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [
            ('date', 'DESC'),
            ('id', 'DESC'),
            ]
        cls.__rpc__.update({
                'get_status': RPC(),
                })
        cls._buttons.update({
                'withdraw': {
                    'invisible': Eval('action') != 'given',
                    'depends': ['action'],
                    },
                })

    @classmethod
    def default_minor_under_14(cls):
        return False

    @classmethod
    def default_imported(cls):
        return False

    @fields.depends('purpose', 'third_party')
    def on_change_purpose(self):
        if self.purpose not in PURPOSES_WITH_RECIPIENT:
            self.third_party = None

    def get_rec_name(self, name):
        return ' - '.join(filter(None, [
                    self.subject.rec_name,
                    self.purpose_string,
                    self.action_string,
                    ]))

    @classmethod
    def create(cls, vlist):
        if Transaction().check_access:
            for values in vlist:
                for name in sorted(SERVER_FIELDS & values.keys()):
                    raise AccessError(gettext(
                            'jxc_privacy.msg_consent_server_field',
                            field=cls.__names__(name)['field']))
        return super().create(vlist)

    @classmethod
    def preprocess_values(cls, mode, values):
        values = super().preprocess_values(mode, values)
        if mode == 'create':
            transaction = Transaction()
            request = transaction.context.get('_request') or {}
            values['recorded_by'] = transaction.user or None
            values['remote_address'] = request.get('remote_addr')
            if not values.get('imported'):
                values['imported'] = False
                values['date'] = dt.datetime.now()
        return values

    @classmethod
    def check_modification(
            cls, mode, consents, values=None, external=False):
        super().check_modification(
            mode, consents, values=values, external=external)
        if mode in {'write', 'delete'}:
            consent = consents[0] if consents else None
            raise ConsentModifyError(gettext(
                    'jxc_privacy.msg_consent_%s' % mode,
                    consent=consent.rec_name if consent else ''))

    @classmethod
    def validate_fields(cls, consents, field_names):
        super().validate_fields(consents, field_names)
        for consent in consents:
            consent.check_third_party()
            consent.check_policy()
            consent.check_guardian()

    def check_third_party(self):
        if (self.purpose in PURPOSES_WITH_RECIPIENT
                and not (self.third_party or '').strip()):
            raise ConsentValidationError(gettext(
                    'jxc_privacy.msg_consent_third_party_required',
                    consent=self.rec_name))

    def check_policy(self):
        if self.action == 'given' and not self.policy:
            raise ConsentValidationError(gettext(
                    'jxc_privacy.msg_consent_policy_required',
                    consent=self.rec_name))

    def check_guardian(self):
        if self.minor_under_14 and not self.guardian:
            raise ConsentValidationError(gettext(
                    'jxc_privacy.msg_consent_guardian_required',
                    consent=self.rec_name))
        if self.guardian and self.guardian == self.subject:
            raise ConsentValidationError(gettext(
                    'jxc_privacy.msg_consent_guardian_subject',
                    consent=self.rec_name))

    @classmethod
    def _status_domain(cls, party, purpose, third_party=None):
        domain = [
            ('subject', '=', int(party)),
            ('purpose', '=', purpose),
            ]
        if purpose in PURPOSES_WITH_RECIPIENT:
            domain.append(('third_party', '=', third_party))
        return domain

    @classmethod
    def get_latest(cls, party, purpose, third_party=None):
        """Return the latest event of party for purpose: the last recorded,
        or without any, the imported event of the latest historical date"""
        domain = cls._status_domain(party, purpose, third_party=third_party)
        consents = cls.search(
            domain + [('imported', '=', False)], order=[('id', 'DESC')],
            limit=1)
        if not consents:
            consents = cls.search(
                domain + [('imported', '=', True)],
                order=[('date', 'DESC'), ('id', 'DESC')], limit=1)
        if consents:
            consent, = consents
            return consent

    @classmethod
    def get_status(cls, party, purpose, third_party=None):
        """Return the consent status of party for purpose:
        'given', 'withdrawn', 'expired' (a major version of the policy
        is in effect since) or None (never asked)"""
        consent = cls.get_latest(party, purpose, third_party=third_party)
        if not consent:
            return None
        if consent.action == 'given' and consent.policy.get_superseding():
            return 'expired'
        return consent.action

    def get_withdrawal(self):
        "Return the withdrawal event of the consent"
        return self.__class__(
            subject=self.subject,
            web_user=self.web_user,
            purpose=self.purpose,
            third_party=self.third_party,
            action='withdrawn',
            policy=self.policy,
            channel='other',
            minor_under_14=self.minor_under_14,
            guardian=self.guardian,
            evidence=gettext(
                'jxc_privacy.msg_consent_withdrawal_evidence',
                consent=self.rec_name),
            )

    @classmethod
    @ModelView.button
    def withdraw(cls, consents):
        withdrawals = [c.get_withdrawal() for c in consents
            if c.action == 'given']
        cls.save(withdrawals)


class ConsentImport(Wizard):
    """Import Historical Consent

    The one way to record a consent event with a date of the past: an
    explicit action of the privacy officer, marked imported and logged."""
    __name__ = 'privacy.consent.import'
    start = StateView(
        'privacy.consent.import.start',
        'jxc_privacy.consent_import_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Import", 'import_', 'tryton-ok', default=True),
            ])
    import_ = StateTransition()

    def transition_import_(self):
        pool = Pool()
        AccessLog = pool.get('privacy.access.log')
        Consent = pool.get('privacy.consent')
        Data = pool.get('privacy.data')
        Data.check_officer('jxc_privacy.msg_consent_import_officer_only')
        self.start.check_date()
        consent = Consent(imported=True, **{
                n: getattr(self.start, n) for n in IMPORTED_FIELDS})
        with without_check_access():
            consent.save()
        AccessLog.add('consent_import', resources=[consent])
        return 'end'


class ConsentImportStart(ModelView):
    "Import Historical Consent"
    __name__ = 'privacy.consent.import.start'

    subject = fields.Many2One('party.party', "Subject", required=True)
    purpose = fields.Selection(
        Consent.purpose.selection, "Purpose", required=True)
    third_party = fields.Char(
        "Third Party",
        states={
            'invisible': ~Eval('purpose').in_(
                list(PURPOSES_WITH_RECIPIENT)),
            'required': Eval('purpose').in_(list(PURPOSES_WITH_RECIPIENT)),
            })
    action = fields.Selection(
        Consent.action.selection, "Action", required=True)
    policy = fields.Many2One(
        'privacy.policy', "Policy",
        domain=[('state', '=', 'published')],
        states={
            'required': Eval('action') == 'given',
            })
    channel = fields.Selection(
        Consent.channel.selection, "Channel", required=True)
    date = fields.DateTime(
        "Date", required=True,
        help="When the person gave or withdrew consent.")
    evidence = fields.Text(
        "Evidence", required=True,
        help="The earlier record the event is imported from.")

    @fields.depends('purpose', 'third_party')
    def on_change_purpose(self):
        if self.purpose not in PURPOSES_WITH_RECIPIENT:
            self.third_party = None

    def check_date(self):
        if self.date > dt.datetime.now():
            raise ConsentValidationError(gettext(
                    'jxc_privacy.msg_consent_import_future'))


class Party(metaclass=PoolMeta):
    __name__ = 'party.party'

    privacy_consents = fields.One2Many(
        'privacy.consent', 'subject', "Consents", readonly=True,
        help="The history of the consents given and withdrawn.")
