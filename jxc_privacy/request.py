# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt

from trytond.exceptions import UserError
from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.model.exceptions import AccessError, ValidationError
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval, If
from trytond.transaction import Transaction, without_check_access

from . import consent
from .guard import GuardMixin

TYPES = [
    ('access', "Access and Copy"),
    ('export', "Transfer (Portability)"),
    ('correction', "Correction or Supplement"),
    ('deletion', "Deletion"),
    ('cancellation', "Account Cancellation"),
    ('withdrawal', "Withdrawal of Consent"),
    ('explanation', "Explanation"),
    ]
OPEN_STATES = ['received', 'verified', 'processing']
# The free texts may name the person: they are emptied on erasure
PERSONAL_FIELDS = ['description', 'identity_note', 'third_party', 'answer']
# Set by the transitions only, never by a client
WORKFLOW_FIELDS = {
    'state', 'number', 'due_date', 'verified_by', 'result', 'closed_date',
    'closed_by', 'logs', 'exports'}
# Filled by the officer on an open request, not when it is filed
ANSWER_FIELDS = {'answer', 'refusal_ground', 'refusal_reason'}


class Request(GuardMixin, Workflow, ModelSQL, ModelView):
    """Personal Information Request

    A request of a person exercising a right of PIPL chapter IV (art. 44-50):
    Tryton has no such document."""
    __name__ = 'privacy.request'
    _rec_name = 'number'
    _states = {
        'readonly': Eval('state') != 'received',
        }

    number = fields.Char(
        "Number", readonly=True,
        help="The main identifier of the request.")
    company = fields.Many2One(
        'company.company', "Company", required=True, states=_states)
    type = fields.Selection(
        TYPES, "Type", required=True, states=_states,
        help="The right the person exercises.")
    type_string = type.translated('type')
    party = fields.Many2One(
        'party.party', "Party", ondelete='RESTRICT',
        context={
            'company': Eval('company', -1),
            },
        depends={'company'},
        states=_states,
        help="The person whose personal information is concerned.")
    web_user = fields.Many2One(
        'web.user', "Web User", ondelete='SET NULL',
        domain=[
            If(Eval('party'),
                ('party', '=', Eval('party', -1)),
                ()),
            ],
        states=_states,
        help="The member account of the person.")
    purpose = fields.Selection(
        [(None, "")] + consent.Consent.purpose.selection, "Purpose",
        states={
            'readonly': _states['readonly'],
            'invisible': Eval('type') != 'withdrawal',
            'required': Eval('type') == 'withdrawal',
            },
        help="The purpose the person withdraws consent for.")
    purpose_string = purpose.translated('purpose')
    third_party = fields.Char(
        "Third Party",
        states={
            'readonly': _states['readonly'],
            'invisible': ~Eval('type').in_(['withdrawal', 'export']),
            },
        help="For a transfer, the handler the information goes to; "
        "for a withdrawal, the recipient the consent named.")
    channel = fields.Selection([
            ('web', "Web"),
            ('app', "App"),
            ('email', "E-mail"),
            ('phone', "Phone"),
            ('paper', "Paper"),
            ('in_person', "In Person"),
            ('other', "Other"),
            ], "Channel", required=True, states=_states,
        help="How the request was received.")
    description = fields.Text(
        "Description", states=_states,
        help="What the person asks for.")
    received_date = fields.Date(
        "Received Date", required=True, states=_states,
        help="The day the request was received: "
        "the period starts the next day.")
    due_date = fields.Date(
        "Due Date", readonly=True,
        help="The last working day to answer.")
    deadline_status = fields.Function(fields.Selection([
                (None, ""),
                ('on_time', "On Time"),
                ('soon', "Due Soon"),
                ('overdue', "Overdue"),
                ], "Deadline"),
        'get_deadline_status', searcher='search_deadline_status')
    identity_method = fields.Selection([
            (None, ""),
            ('account', "Logged-in Account"),
            ('mobile_code', "Code Sent to the Registered Mobile"),
            ('email_code', "Code Sent to the Registered E-mail"),
            ('document', "Identity Document Shown"),
            ('known_contact', "Known Contact"),
            ('other', "Other"),
            ], "Identity Check",
        states={
            'readonly': Eval('state') != 'received',
            },
        help="How the identity of the person was verified: ask for no "
        "more personal information than was collected.")
    identity_note = fields.Char(
        "Identity Note",
        states={
            'readonly': Eval('state') != 'received',
            },
        help="What was checked, without copying identity numbers.")
    verified_by = fields.Many2One('res.user', "Verified By", readonly=True)
    answer = fields.Text(
        "Answer",
        states={
            'readonly': ~Eval('state').in_(OPEN_STATES),
            },
        help="The answer given to the person, "
        "such as the explanation of the processing rules.")
    result = fields.Text(
        "Result", readonly=True,
        help="What was erased and what was kept and why.")
    refusal_ground = fields.Selection([
            (None, ""),
            ('identity', "Identity Not Verified"),
            ('no_data', "No Personal Information Held"),
            ('retention', "Retention Period Set by Law Not Expired"),
            ('infeasible', "Deletion Technically Infeasible"),
            ('purpose', "Purpose Not Achieved and Still Necessary"),
            ('confidential', "Law Requires Confidentiality"),
            ('emergency', "Emergency to Protect Life, Health or Property"),
            ('state_organ', "State Organ Performing Statutory Duties"),
            ('portability', "Transfer Conditions Not Met"),
            ('unfounded', "Manifestly Unfounded or Repeated"),
            ('other', "Other Legal Ground"),
            ], "Refusal Ground",
        states={
            'readonly': ~Eval('state').in_(OPEN_STATES),
            'invisible': Eval('state') == 'done',
            },
        help="The ground the law allows for refusing "
        "(PIPL art. 18, 19, 35, 45, 47).")
    refusal_reason = fields.Text(
        "Refusal Reason",
        states={
            'readonly': ~Eval('state').in_(OPEN_STATES),
            'invisible': Eval('state') == 'done',
            },
        help="The reasons given to the person (PIPL art. 50).")
    closed_date = fields.Date("Closed Date", readonly=True)
    closed_by = fields.Many2One('res.user', "Closed By", readonly=True)
    logs = fields.One2Many(
        'privacy.request.log', 'request', "Logs", readonly=True)
    exports = fields.One2Many(
        'privacy.request.export', 'request', "Exports", readonly=True,
        help="The personal information exported for the person: "
        "only the privacy officer can read it.")
    state = fields.Selection([
            ('received', "Received"),
            ('verified', "Identity Verified"),
            ('processing', "Processing"),
            ('done', "Done"),
            ('refused', "Refused"),
            ], "State", readonly=True, required=True, sort=False)

    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [
            ('received_date', 'DESC'),
            ('id', 'DESC'),
            ]
        cls._transitions |= {
            ('received', 'verified'),
            ('verified', 'processing'),
            ('processing', 'done'),
            ('received', 'refused'),
            ('verified', 'refused'),
            ('processing', 'refused'),
            }
        cls._buttons.update({
                'verify': {
                    'invisible': Eval('state') != 'received',
                    'depends': ['state'],
                    },
                'process': {
                    'invisible': Eval('state') != 'verified',
                    'depends': ['state'],
                    },
                'do': {
                    'invisible': Eval('state') != 'processing',
                    'depends': ['state'],
                    },
                'refuse': {
                    'invisible': ~Eval('state').in_(OPEN_STATES),
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_state(cls):
        return 'received'

    @classmethod
    def default_channel(cls):
        return 'other'

    @classmethod
    def default_received_date(cls):
        return Pool().get('ir.date').today()

    @fields.depends('received_date', 'type')
    def on_change_with_due_date(self):
        if self.received_date and self.type:
            return self.compute_due_date()

    def compute_due_date(self):
        pool = Pool()
        Configuration = pool.get('privacy.configuration')
        Holiday = pool.get('privacy.holiday')
        days = Configuration(1).get_reply_days(self.type)
        return Holiday.add_working_days(self.received_date, days)

    @classmethod
    def _warning_limit(cls):
        "Return the last due date of the requests due soon"
        pool = Pool()
        Configuration = pool.get('privacy.configuration')
        Date = pool.get('ir.date')
        Holiday = pool.get('privacy.holiday')
        return Holiday.add_working_days(
            Date.today(), Configuration(1).warning_days)

    @classmethod
    def get_deadline_status(cls, requests, name):
        today = Pool().get('ir.date').today()
        limit = cls._warning_limit()
        status = {}
        for request in requests:
            if request.state not in OPEN_STATES or not request.due_date:
                status[request.id] = None
            elif request.due_date < today:
                status[request.id] = 'overdue'
            elif request.due_date <= limit:
                status[request.id] = 'soon'
            else:
                status[request.id] = 'on_time'
        return status

    @classmethod
    def search_deadline_status(cls, name, clause):
        _, operator, value = clause[:3]
        if operator not in {'=', 'in'}:
            raise NotImplementedError(operator)
        values = [value] if operator == '=' else value
        today = Pool().get('ir.date').today()
        limit = cls._warning_limit()
        domains = {
            None: [('state', 'not in', OPEN_STATES)],
            'overdue': [('due_date', '<', today)],
            'soon': [
                ('due_date', '>=', today),
                ('due_date', '<=', limit),
                ],
            'on_time': [('due_date', '>', limit)],
            }
        domain = ['OR']
        for value in values:
            if value is None:
                domain.append(domains[None])
            else:
                domain.append(
                    [('state', 'in', OPEN_STATES)] + domains[value])
        return domain

    @fields.depends('web_user', 'party')
    def on_change_web_user(self):
        if self.web_user and not self.party:
            self.party = self.web_user.party

    @classmethod
    def create(cls, vlist):
        if Transaction().check_access:
            for values in vlist:
                cls.check_filed_values(values)
        return super().create(vlist)

    @classmethod
    def check_filed_values(cls, values):
        """Refuse the values a client sends when filing a request for the
        fields the workflow and the officer set"""
        for name in sorted((WORKFLOW_FIELDS | ANSWER_FIELDS) & values.keys()):
            value = values[name]
            # The first state is what copy sets
            if value and not (
                    name == 'state' and value == cls.default_state()):
                raise AccessError(gettext(
                        'jxc_privacy.msg_request_workflow_field',
                        field=cls.__names__(name)['field']))

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Configuration = pool.get('privacy.configuration')
        WebUser = pool.get('web.user')
        values = super().preprocess_values(mode, values)
        if mode == 'create':
            values['number'] = Configuration(1).request_sequence.get()
            # The party stays the reference once the account is erased
            if values.get('web_user') and not values.get('party'):
                party = WebUser(values['web_user']).party
                values['party'] = party.id if party else None
        return values

    @classmethod
    def on_modification(cls, mode, requests, field_names=None):
        super().on_modification(mode, requests, field_names=field_names)
        if mode == 'create' or (
                mode == 'write'
                and set(field_names or []) & {'received_date', 'type'}):
            cls._set_due_date(requests)
        if mode == 'create':
            cls._log(requests, 'received')
            cls._notify_officers(requests, gettext(
                    'jxc_privacy.msg_request_received_notification',
                    count=len(requests)))

    @classmethod
    def _set_due_date(cls, requests):
        to_write = []
        for request in requests:
            due_date = request.compute_due_date()
            if request.due_date != due_date:
                to_write.extend(([request], {'due_date': due_date}))
        if to_write:
            with without_check_access():
                cls.write(*to_write)

    @classmethod
    def validate_fields(cls, requests, field_names):
        super().validate_fields(requests, field_names)
        for request in requests:
            request.check_person()

    def check_person(self):
        if not self.party and not self.web_user:
            raise ValidationError(gettext(
                    'jxc_privacy.msg_request_person_required',
                    request=self.rec_name))
        if self.type == 'withdrawal' and not self.person_party:
            raise ValidationError(gettext(
                    'jxc_privacy.msg_request_withdrawal_party',
                    request=self.rec_name))

    @property
    def person_party(self):
        return self.party or (self.web_user and self.web_user.party)

    @classmethod
    def check_modification(
            cls, mode, requests, values=None, external=False):
        super().check_modification(
            mode, requests, values=values, external=external)
        if mode == 'delete':
            for request in requests:
                if request.state != 'received':
                    raise UserError(gettext(
                            'jxc_privacy.msg_request_delete',
                            request=request.rec_name))

    @classmethod
    def copy(cls, requests, default=None):
        default = default.copy() if default is not None else {}
        for name in ['number', 'due_date', 'verified_by', 'answer', 'result',
                'refusal_ground', 'refusal_reason', 'closed_date',
                'closed_by', 'logs', 'exports']:
            default.setdefault(name, None)
        default.setdefault('state', cls.default_state())
        default.setdefault('received_date', cls.default_received_date())
        return super().copy(requests, default=default)

    @classmethod
    def _log(cls, requests, event, description=None):
        Log = Pool().get('privacy.request.log')
        with without_check_access():
            Log.save([Log(request=r, event=event, description=description)
                    for r in requests])

    @classmethod
    def _officers(cls):
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        User = pool.get('res.user')
        with without_check_access():
            return User.search([
                    ('groups', '=', ModelData.get_id(
                            'jxc_privacy', 'group_privacy_officer')),
                    ])

    @classmethod
    def _notify_officers(cls, requests, label):
        "Notify the officers without personal information in the text"
        description = ', '.join(
            '%s (%s)' % (r.number, r.type_string) for r in requests[:10])
        for officer in cls._officers():
            cls.notify_user(
                requests, 'tryton-notification', label,
                description=description, user=officer)

    @classmethod
    def notify_deadlines(cls):
        "Notify the officers of the requests due soon or overdue"
        for status in ['overdue', 'soon']:
            requests = cls.search([('deadline_status', '=', status)])
            if requests:
                cls._notify_officers(requests, gettext(
                        'jxc_privacy.msg_request_%s_notification' % status,
                        count=len(requests)))

    @classmethod
    @ModelView.button
    @Workflow.transition('verified')
    def verify(cls, requests):
        for request in requests:
            if not request.identity_method:
                raise UserError(gettext(
                        'jxc_privacy.msg_request_identity_required',
                        request=request.rec_name))
        cls.write(requests, {'verified_by': Transaction().user})
        cls._log(requests, 'verified')

    @classmethod
    @ModelView.button
    @Workflow.transition('processing')
    def process(cls, requests):
        for request in requests:
            getattr(request, '_process_%s' % request.type, lambda: None)()
        cls._log(requests, 'processing')

    def _process_withdrawal(self):
        Consent = Pool().get('privacy.consent')
        party = self.person_party
        status = Consent.get_status(
            party, self.purpose, third_party=self.third_party)
        if status not in {'given', 'expired'}:
            raise UserError(gettext(
                    'jxc_privacy.msg_request_consent_not_given',
                    request=self.rec_name,
                    purpose=self.purpose_string))
        withdrawal = Consent.get_latest(
            party, self.purpose, third_party=self.third_party
            ).get_withdrawal()
        withdrawal.channel = (
            self.channel if self.channel in dict(
                Consent.channel.selection) else 'other')
        withdrawal.evidence = gettext(
            'jxc_privacy.msg_request_withdrawal_evidence',
            request=self.rec_name)
        withdrawal.save()
        self._log([self], 'withdrawn', self.purpose_string)

    def _process_access(self):
        pool = Pool()
        Data = pool.get('privacy.data')
        Export = pool.get('privacy.request.export')
        data = Data.export_person(party=self.party, web_user=self.web_user)
        export = Export(
            request=self, name='%s.json' % self.number,
            data=Data.to_json(data))
        with without_check_access():
            export.save()
        self._log([self], 'exported', export.name)

    _process_export = _process_access

    def _process_deletion(self):
        pool = Pool()
        Data = pool.get('privacy.data')
        IrModel = pool.get('ir.model')
        # Found before the erasure may delete the web user
        requests = self._person_requests()
        # erase_person checks first that the person has no open documents
        outcome = Data.erase_person(party=self.party, web_user=self.web_user)
        names = dict(IrModel.get_name_items())
        self.result = '\n'.join([
                gettext('jxc_privacy.msg_request_result_erased'),
                *(_format(i, names) for i in outcome.get('erased', [])),
                gettext('jxc_privacy.msg_request_result_kept'),
                *(_format(i, names) for i in outcome.get('kept', [])),
                ])
        self.save()
        self._forget(requests)
        self._log([self], 'erased')

    _process_cancellation = _process_deletion

    def _person_requests(self):
        Data = Pool().get('privacy.data')
        return self._requests_of(*Data._persons(self.party, self.web_user))

    @classmethod
    def _requests_of(cls, parties, users):
        "Return the requests of the parties and web users"
        with without_check_access():
            return cls.search(['OR',
                    ('party', 'in', parties),
                    ('web_user', 'in', users),
                    ])

    @classmethod
    def _forget(cls, requests):
        """Empty the free texts of the requests and delete their exports
        and attachments"""
        pool = Pool()
        Attachment = pool.get('ir.attachment')
        Export = pool.get('privacy.request.export')
        with without_check_access():
            cls.write(requests, {n: None for n in PERSONAL_FIELDS})
            Export.delete(Export.search([
                        ('request', 'in', [r.id for r in requests]),
                        ]))
            Attachment.delete(Attachment.search([
                        ('resource', 'in', [str(r) for r in requests]),
                        ]))

    @classmethod
    @ModelView.button
    @Workflow.transition('done')
    def do(cls, requests):
        for request in requests:
            if request.type == 'explanation' and not request.answer:
                raise UserError(gettext(
                        'jxc_privacy.msg_request_answer_required',
                        request=request.rec_name))
        cls.write(requests, cls._closing_values())
        cls._log(requests, 'done')

    @classmethod
    def _closing_values(cls):
        return {
            'closed_date': Pool().get('ir.date').today(),
            'closed_by': Transaction().user,
            }

    @classmethod
    @ModelView.button
    @Workflow.transition('refused')
    def refuse(cls, requests):
        for request in requests:
            if (not request.refusal_ground
                    or not (request.refusal_reason or '').strip()):
                raise UserError(gettext(
                        'jxc_privacy.msg_request_refusal_reason',
                        request=request.rec_name))
        cls.write(requests, cls._closing_values())
        for request in requests:
            cls._log([request], 'refused', request.refusal_reason)


def _format(item, names):
    "Format an item of the erasure outcome: {'model', 'records', ...}"
    text = '- %s (%s)' % (
        names.get(item['model'], item['model']), item.get('records', ''))
    detail = item.get('reason') or ', '.join(item.get('fields', []))
    return '%s: %s' % (text, detail) if detail else text


class RequestLog(GuardMixin, ModelSQL, ModelView):
    "Personal Information Request Log"
    __name__ = 'privacy.request.log'

    request = fields.Many2One(
        'privacy.request', "Request", required=True, ondelete='CASCADE')
    date = fields.DateTime("Date", required=True)
    user = fields.Many2One('res.user', "User", readonly=True)
    event = fields.Selection([
            ('received', "Received"),
            ('verified', "Identity Verified"),
            ('processing', "Processing"),
            ('withdrawn', "Consent Withdrawn"),
            ('exported', "Personal Information Exported"),
            ('erased', "Personal Information Erased"),
            ('done', "Done"),
            ('refused', "Refused"),
            ], "Event", required=True)
    description = fields.Text("Description")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [
            ('date', 'ASC'),
            ('id', 'ASC'),
            ]

    @classmethod
    def default_date(cls):
        return dt.datetime.now()

    @classmethod
    def preprocess_values(cls, mode, values):
        values = super().preprocess_values(mode, values)
        if mode == 'create':
            values['user'] = Transaction().user or None
        return values


class RequestExport(GuardMixin, ModelSQL, ModelView):
    """Personal Information Request Export

    The personal information exported for an access or transfer request,
    readable by the privacy officer only: not an attachment, which anyone
    who reads the request could read."""
    __name__ = 'privacy.request.export'

    request = fields.Many2One(
        'privacy.request', "Request", required=True, readonly=True,
        ondelete='CASCADE')
    date = fields.DateTime("Date", required=True, readonly=True)
    user = fields.Many2One('res.user', "User", readonly=True)
    name = fields.Char("File Name", required=True, readonly=True)
    data = fields.Binary("Data", filename='name', readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [
            ('date', 'DESC'),
            ('id', 'DESC'),
            ]

    @classmethod
    def preprocess_values(cls, mode, values):
        values = super().preprocess_values(mode, values)
        if mode == 'create':
            values['date'] = dt.datetime.now()
            values['user'] = Transaction().user or None
        return values


class Cron(metaclass=PoolMeta):
    __name__ = 'ir.cron'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.method.selection.append(
            ('privacy.request|notify_deadlines',
                "Notify Personal Information Requests Due"))


class Rule(metaclass=PoolMeta):
    __name__ = 'ir.rule'

    @classmethod
    def _get_context(cls, model_name):
        context = super()._get_context(model_name)
        if model_name == 'privacy.request':
            context['user_id'] = Transaction().user
        return context

    @classmethod
    def _get_cache_key(cls, model_names):
        key = super()._get_cache_key(model_names)
        if 'privacy.request' in model_names:
            key = (*key, Transaction().user)
        return key
