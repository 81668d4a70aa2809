# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import re
import unicodedata
from collections import defaultdict

from stdnum.cn import uscc

from trytond.i18n import gettext
from trytond.model import fields
from trytond.pool import Pool, PoolMeta

from .exceptions import DuplicateUSCC, InvalidUSCC, USCCCheckWarning

# GB 32100-2015: the authority and category codes may be letters (A, N, Y)
USCC_SHAPE = re.compile(
    r'^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$', re.ASCII)
USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
PHONE_COUNTRY = 'CN'
PHONE_EXTENSION = re.compile(
    r'\s*-?\s*(?:转|分机号?)\s*[:：]?\s*(\d+)\s*$')


def compact_uscc(code):
    "Return the code in capitals without spaces, hyphens or full-width forms"
    return uscc.compact(unicodedata.normalize('NFKC', code or ''))


def normalize_phone_extension(value):
    "Write the Chinese extensions 转808 and 分机808 as ' ext. 808'"
    return PHONE_EXTENSION.sub(r' ext. \1', value)


class Party(metaclass=PoolMeta):
    __name__ = 'party.party'

    @classmethod
    def tax_identifier_types(cls):
        # The buyer tax ID of a natural person on a fapiao is the resident ID
        return super().tax_identifier_types() + ['cn_ric']

    @classmethod
    def validate_fields(cls, parties, field_names):
        pool = Pool()
        Identifier = pool.get('party.identifier')
        super().validate_fields(parties, field_names)
        if field_names and 'active' in field_names:
            Identifier.check_uscc_unique(
                [i for p in parties for i in p.identifiers])


class Identifier(metaclass=PoolMeta):
    __name__ = 'party.identifier'

    @classmethod
    def uscc_types(cls):
        return {'cn_vat'}

    @fields.depends('type', 'code')
    def on_change_with_code(self):
        code = super().on_change_with_code()
        if code and self.type in self.uscc_types():
            if USCC_SHAPE.match(compact_uscc(code)):
                code = compact_uscc(code)
        return code

    @fields.depends('type', 'code', methods=['check_uscc'])
    def check_code(self):
        # The letter-first and bad check character codes, that upstream
        # refuses, are accepted or warned about by the checks below
        if self.type in self.uscc_types():
            self.check_uscc()
        else:
            super().check_code()

    @fields.depends('code')
    def check_uscc(self):
        code = compact_uscc(self.code)
        if not USCC_SHAPE.match(code):
            raise InvalidUSCC(self._uscc_shape_error(code))

    @classmethod
    def _uscc_shape_error(cls, code):
        if len(code) != 18:
            return gettext('jxc_addon.msg_party_uscc_length',
                code=code, length=len(code))
        for position, character in enumerate(code, 1):
            if character not in USCC_ALPHABET:
                return gettext('jxc_addon.msg_party_uscc_character',
                    code=code, character=character, position=position)
        return gettext('jxc_addon.msg_party_uscc_region',
            code=code, region=code[2:8])

    @classmethod
    def preprocess_values(cls, mode, values):
        values = super().preprocess_values(mode, values)
        if (mode == 'create' and values.get('code')
                and values.get('type') in cls.uscc_types()):
            values['code'] = values['code_compact'] = compact_uscc(
                values['code'])
        return values

    def compute_fields(self, field_names=None):
        values = super().compute_fields(field_names=field_names)
        if ((field_names is None or {'type', 'code'} & field_names)
                and getattr(self, 'type', None) in self.uscc_types()
                and getattr(self, 'code', None)):
            code = compact_uscc(self.code)
            for name in ['code', 'code_compact']:
                if getattr(self, name, None) != code:
                    values[name] = code
                else:
                    values.pop(name, None)
        return values

    @classmethod
    def validate_fields(cls, identifiers, field_names):
        super().validate_fields(identifiers, field_names)
        if field_names is None or (
                {'type', 'code', 'party', 'active'} & field_names):
            cls.check_uscc_unique(identifiers)
        if field_names is None or {'type', 'code'} & field_names:
            cls.check_uscc_check_character(identifiers)

    @classmethod
    def check_uscc_unique(cls, identifiers):
        identifiers = [i for i in identifiers if i._uscc_unique()]
        parties = defaultdict(list)
        for identifier in cls._uscc_others(identifiers) + identifiers:
            parties[compact_uscc(identifier.code)].append(identifier.party)
        for identifier in identifiers:
            code = compact_uscc(identifier.code)
            others = [p for p in parties[code] if p != identifier.party]
            if others:
                raise DuplicateUSCC(gettext(
                        'jxc_addon.msg_party_uscc_unique',
                        code=code,
                        party=identifier.party.rec_name,
                        other=others[0].rec_name))

    def _uscc_unique(self):
        return (self.type in self.uscc_types()
            and self.active and self.party.active)

    @classmethod
    def _uscc_others(cls, identifiers):
        "Return the identifiers of other active parties with the same USCC"
        if not identifiers:
            return []
        return cls.search([
                ('type', 'in', list(cls.uscc_types())),
                ('code_compact', 'in',
                    list({compact_uscc(i.code) for i in identifiers})),
                ('active', '=', True),
                ('party.active', '=', True),
                ('id', 'not in', [i.id for i in identifiers]),
                ])

    @classmethod
    def check_uscc_check_character(cls, identifiers):
        pool = Pool()
        Warning = pool.get('res.user.warning')
        for identifier in identifiers:
            if identifier.type not in cls.uscc_types():
                continue
            code = compact_uscc(identifier.code)
            expected = uscc.calc_check_digit(code[:17])
            if code[-1] != expected:
                # Keyed on the code, as a new identifier gets a new id each
                # time the user saves again
                key = 'uscc_check.%s' % code
                if Warning.check(key):
                    raise USCCCheckWarning(key, gettext(
                            'jxc_addon.msg_party_uscc_check',
                            code=code, expected=expected))


class ContactMechanism(metaclass=PoolMeta):
    __name__ = 'party.contact_mechanism'

    @fields.depends('party', '_parent_party.addresses')
    def _phone_country_codes(self):
        return list(super()._phone_country_codes()) or [PHONE_COUNTRY]

    @fields.depends(methods=['_phone_country_codes'])
    def _parse_phonenumber(self, value):
        if value:
            value = normalize_phone_extension(value)
        return super()._parse_phonenumber(value)
