# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.rpc import RPC
from trytond.transaction import Transaction

from .exceptions import PolicyModifyError
from .guard import GuardMixin


class Policy(GuardMixin, Workflow, ModelSQL, ModelView):
    __name__ = 'privacy.policy'
    _states = {
        'readonly': Eval('state') != 'draft',
        }

    name = fields.Char(
        "Name", required=True, states=_states,
        help="The title of the privacy policy shown to people.")
    version = fields.Char(
        "Version", required=True, states=_states,
        help="The version of the text, for example \"2026.1\".")
    language = fields.Many2One(
        'ir.lang', "Language", states=_states,
        help="The language of the text.\n"
        "Leave empty if the version applies whatever the language.")
    text = fields.Text(
        "Text", translate=False, required=True, states=_states,
        help="The full text people consent to.")
    effective_date = fields.Date(
        "Effective Date", required=True, states=_states,
        help="The date from which the version is in effect.")
    major = fields.Boolean(
        "Major", states=_states,
        help="Check if the purposes, methods or categories of personal "
        "information changed: people must consent again.")
    company = fields.Many2One(
        'company.company', "Company", states=_states,
        help="Leave empty if the version applies to every company.")
    published_at = fields.DateTime(
        "Published At", readonly=True,
        help="When the version was published.")
    state = fields.Selection([
            ('draft', "Draft"),
            ('published', "Published"),
            ], "State", readonly=True, required=True, sort=False)

    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('effective_date', 'DESC'))
        cls._transitions |= {
            ('draft', 'published'),
            }
        cls.__rpc__.update({
                'get_current': RPC(result=lambda r: int(r) if r else None),
                })
        cls._buttons.update({
                'publish': {
                    'invisible': Eval('state') != 'draft',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_major(cls):
        return False

    @classmethod
    def default_effective_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    def get_rec_name(self, name):
        return f'{self.name} {self.version}'

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        if operator.startswith('!') or operator.startswith('not '):
            bool_op = 'AND'
        else:
            bool_op = 'OR'
        return [bool_op,
            ('name', operator, operand, *extra),
            ('version', operator, operand, *extra),
            ]

    @classmethod
    def check_modification(
            cls, mode, policies, values=None, external=False):
        super().check_modification(
            mode, policies, values=values, external=external)
        if mode in {'write', 'delete'}:
            for policy in policies:
                if policy.state == 'published':
                    raise PolicyModifyError(gettext(
                            'jxc_privacy.msg_policy_%s_published' % mode,
                            policy=policy.rec_name))

    @classmethod
    def copy(cls, policies, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('published_at', None)
        return super().copy(policies, default=default)

    @classmethod
    @ModelView.button
    @Workflow.transition('published')
    def publish(cls, policies):
        cls.write(policies, {'published_at': dt.datetime.now()})

    @classmethod
    def _current_domain(cls, date, language=None, company=None):
        domain = [
            ('state', '=', 'published'),
            ('effective_date', '<=', date),
            ('company', 'in', [None, company]),
            ]
        if language:
            domain.append(['OR',
                    ('language', '=', None),
                    ('language.code', '=', language),
                    ])
        return domain

    @classmethod
    def get_current(cls, date=None, language=None):
        "Return the latest published version in effect at date"
        pool = Pool()
        Date = pool.get('ir.date')
        if date is None:
            date = Date.today()
        if language is not None and not isinstance(language, str):
            language = language.code
        company = Transaction().context.get('company')
        policies = cls.search(
            cls._current_domain(date, language, company),
            order=[('effective_date', 'DESC'), ('id', 'DESC')], limit=1)
        if policies:
            policy, = policies
            return policy

    def get_superseding(self, date=None):
        "Return the major versions published in effect after this one"
        pool = Pool()
        Date = pool.get('ir.date')
        if date is None:
            date = Date.today()
        return self.search([
                ('state', '=', 'published'),
                ('major', '=', True),
                ('effective_date', '<=', date),
                ('language', 'in', [None, self.language and self.language.id]),
                ('company', 'in', [None, self.company and self.company.id]),
                ['OR',
                    ('effective_date', '>', self.effective_date),
                    [
                        ('effective_date', '=', self.effective_date),
                        ('id', '>', self.id),
                        ],
                    ],
                ])
