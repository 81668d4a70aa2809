# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model import DeactivableMixin, ModelSQL, ModelView, fields
from trytond.pool import PoolMeta
from trytond.pyson import Eval

from .consent import PURPOSES_WITH_RECIPIENT
from .guard import GuardMixin

LEGAL_BASES = [
    ('consent', "Consent"),
    ('contract', "Contract or Human Resources"),
    ('legal_duty', "Legal Duty"),
    ('emergency', "Public Health or Emergency"),
    ('news', "News Reporting"),
    ('public', "Information Made Public"),
    ('other', "Other Law"),
    ]


class Sharing(GuardMixin, DeactivableMixin, ModelSQL, ModelView):
    """Personal Information Sharing

    The register of the third parties and entrusted processors that receive
    personal information (PIPL Art. 21, 23, 39): Tryton has none."""
    __name__ = 'privacy.sharing'

    name = fields.Char(
        "Recipient", required=True,
        help="The name of the handler or processor receiving the data.")
    role = fields.Selection([
            ('handler', "Other Handler"),
            ('processor', "Entrusted Processor"),
            ], "Role", required=True,
        help="Whether the recipient decides the processing itself "
        "(Art. 23) or processes on our behalf (Art. 21).")
    contact = fields.Char(
        "Contact",
        help="How to contact the recipient, as told to the people.")
    purpose = fields.Text(
        "Purpose", required=True,
        help="Why the recipient receives the personal information.")
    data_categories = fields.Text(
        "Data Categories", required=True,
        help="Which personal information the recipient receives.")
    legal_basis = fields.Selection(
        LEGAL_BASES, "Legal Basis", required=True,
        help="The ground of PIPL Art. 13 on which the data is provided.")
    legal_basis_string = legal_basis.translated('legal_basis')
    cross_border = fields.Boolean(
        "Cross-Border",
        help="Check if the recipient is outside mainland China (Art. 38-39).")
    country = fields.Many2One(
        'country.country', "Country",
        states={
            'required': Eval('cross_border', False),
            },
        help="Where the recipient processes the data.")

    @classmethod
    def default_role(cls):
        return 'handler'

    @classmethod
    def default_legal_basis(cls):
        return 'consent'

    @classmethod
    def default_cross_border(cls):
        return False

    def to_export(self):
        "Return the JSON-able description of the sharing"
        return {
            'recipient': self.name,
            'role': self.role,
            'contact': self.contact,
            'purpose': self.purpose,
            'data_categories': self.data_categories,
            'legal_basis': self.legal_basis,
            'cross_border': self.cross_border,
            'country': self.country.code if self.country else None,
            }


class Consent(metaclass=PoolMeta):
    __name__ = 'privacy.consent'

    sharing = fields.Many2One(
        'privacy.sharing', "Sharing", ondelete='RESTRICT',
        states={
            'readonly': Eval('id', -1) >= 0,
            'invisible': ~Eval('purpose').in_(list(PURPOSES_WITH_RECIPIENT)),
            },
        help="The entry of the sharing register the consent applies to.")

    @fields.depends('sharing', 'third_party')
    def on_change_sharing(self):
        if self.sharing:
            self.third_party = self.sharing.name

    @fields.depends('sharing')
    def on_change_purpose(self):
        super().on_change_purpose()
        if self.purpose not in PURPOSES_WITH_RECIPIENT:
            self.sharing = None
