# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.

from trytond.modules.party.exceptions import InvalidPhoneNumber
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction
from trytond.transaction import Transaction

from ..exceptions import DuplicateUSCC, InvalidUSCC, USCCCheckWarning
from .tools import ActivatedTestCase

VALID = ['91110000600037341L', '91350100M000100Y43', '91512081MA62K0260E']
LETTER_FIRST = 'N2110000MA00000001'
PILOT = '91350100M0001TGQXM'


class PartyTestCase(ActivatedTestCase):
    "Test JXC party identifiers and phones"

    def create_party(self, name, code=None, phones=(), active=True):
        Party = Pool().get('party.party')
        values = {'name': name, 'active': active}
        if code:
            values['identifiers'] = [
                ('create', [{'type': 'cn_vat', 'code': code}])]
        if phones:
            values['contact_mechanisms'] = [('create', [
                        {'type': 'phone', 'value': p} for p in phones])]
        party, = Party.create([values])
        return party

    def accept_warning(self, name):
        Warning = Pool().get('res.user.warning')
        Warning.create([{'user': 1, 'name': name}])

    @with_transaction()
    def test_uscc_valid(self):
        "Valid codes are stored compact"
        for i, code in enumerate(VALID):
            party = self.create_party("Supplier %s" % i, code)
            identifier, = party.identifiers
            self.assertEqual(identifier.code, code)
            self.assertEqual(identifier.code_compact, code)

    @with_transaction()
    def test_uscc_compact(self):
        "Spaces, hyphens, lower case and full-width forms are compacted"
        party = self.create_party("Supplier", "９１３５-0100 m000100y43")
        identifier, = party.identifiers
        self.assertEqual(identifier.code, '91350100M000100Y43')
        self.assertEqual(identifier.code_compact, '91350100M000100Y43')

    @with_transaction()
    def test_uscc_compact_write(self):
        "A written code is compacted"
        Identifier = Pool().get('party.identifier')
        party = self.create_party("Supplier", VALID[0])
        identifier, = party.identifiers
        Identifier.write([identifier], {'code': '91512081-ma62k0260e'})
        self.assertEqual(identifier.code, VALID[2])
        self.assertEqual(identifier.code_compact, VALID[2])

    @with_transaction()
    def test_uscc_letter_first(self):
        "A code of a letter authority with a right check is accepted"
        party = self.create_party("Co-operative", LETTER_FIRST)
        identifier, = party.identifiers
        self.assertEqual(identifier.code_compact, LETTER_FIRST)

    @with_transaction()
    def test_uscc_length(self):
        "A code of the wrong length is refused"
        with self.assertRaisesRegex(InvalidUSCC, r'"9111000060003734".* 16 '):
            self.create_party("Supplier", '9111000060003734')

    @with_transaction()
    def test_uscc_character(self):
        "A code with a letter out of the alphabet is refused"
        with self.assertRaisesRegex(
                InvalidUSCC, r'"91110000600O37341L".*"O" at position 12'):
            self.create_party("Supplier", '91110000600O37341L')

    @with_transaction()
    def test_uscc_region(self):
        "A code with a letter in the region is refused"
        with self.assertRaisesRegex(
                InvalidUSCC, r'"A10000".*"91A10000600037341L"'):
            self.create_party("Supplier", '91A10000600037341L')

    @with_transaction()
    def test_uscc_refused_on_write(self):
        "A malformed code is refused when written"
        Identifier = Pool().get('party.identifier')
        party = self.create_party("Supplier", VALID[0])
        with self.assertRaises(InvalidUSCC):
            Identifier.write(list(party.identifiers), {'code': '12345'})

    @with_transaction()
    def test_uscc_check_warning(self):
        "A wrong check character is a warning the user can accept"
        with self.assertRaisesRegex(USCCCheckWarning, r'"1"') as cm:
            self.create_party("Pilot", PILOT)
        Transaction().rollback()
        self.accept_warning(cm.exception.name)

        party = self.create_party("Pilot", PILOT)
        identifier, = party.identifiers
        self.assertEqual(identifier.code_compact, PILOT)

    @with_transaction()
    def test_uscc_check_letter_first(self):
        "A letter-first code with a wrong check is only a warning"
        with self.assertRaises(USCCCheckWarning):
            self.create_party("Co-operative", LETTER_FIRST[:-1] + '2')

    @with_transaction()
    def test_uscc_unique(self):
        "The same code on two active parties is refused"
        self.create_party("First", VALID[0])
        with self.assertRaisesRegex(DuplicateUSCC, r'"First"'):
            self.create_party("Second", VALID[0].lower())

    @with_transaction()
    def test_uscc_unique_same_batch(self):
        "The same code on two parties created together is refused"
        Party = Pool().get('party.party')
        identifiers = [('create', [{'type': 'cn_vat', 'code': VALID[0]}])]
        with self.assertRaises(DuplicateUSCC):
            Party.create([
                    {'name': "First", 'identifiers': identifiers},
                    {'name': "Second", 'identifiers': identifiers}])

    @with_transaction()
    def test_uscc_unique_inactive(self):
        "An inactive party does not keep its code"
        Party = Pool().get('party.party')
        first = self.create_party("First", VALID[0])
        Party.write([first], {'active': False})
        self.create_party("Second", VALID[0])

        with self.assertRaisesRegex(DuplicateUSCC, r'"Second"'):
            Party.write([first], {'active': True})

    @with_transaction()
    def test_uscc_unique_same_party(self):
        "A party may hold its code twice"
        Identifier = Pool().get('party.identifier')
        party = self.create_party("First", VALID[0])
        Identifier.create([
                {'party': party.id, 'type': 'cn_vat', 'code': VALID[0]}])

    @with_transaction()
    def test_tax_identifier_resident_id(self):
        "A natural person's tax identifier is the resident ID"
        Party = Pool().get('party.party')
        person, = Party.create([{
                    'name': "周敏",
                    'identifiers': [('create', [{
                                    'type': 'cn_ric',
                                    'code': '360426199101010071'}])],
                    }])
        company = self.create_party("Supplier", VALID[0])

        self.assertEqual(person.tax_identifier.code, '360426199101010071')
        self.assertEqual(company.tax_identifier.code, VALID[0])
        self.assertEqual(
            Party.search([('tax_identifier', '=', '360426199101010071')]),
            [person])

    @with_transaction()
    def test_phone_mobile(self):
        "A Chinese mobile number without country is formatted"
        party = self.create_party("Supplier", phones=['13800138000'])
        phone, = party.contact_mechanisms
        self.assertEqual(phone.value, '+86 138 0013 8000')
        self.assertEqual(phone.value_compact, '+8613800138000')

    @with_transaction()
    def test_phone_landline(self):
        "A landline with its area code is formatted"
        party = self.create_party("Supplier", phones=['0571-88886123'])
        phone, = party.contact_mechanisms
        self.assertEqual(phone.value, '+86 571 8888 6123')
        self.assertEqual(phone.value_compact, '+8657188886123')

    @with_transaction()
    def test_phone_extension(self):
        "Chinese extensions are understood"
        party = self.create_party("Supplier", phones=[
                '0571-8888 6123转808', '0571-88886123 分机 808',
                '057188886123-转808', '0571-88886123分机号：808'])
        for phone in party.contact_mechanisms:
            self.assertEqual(phone.value, '+86 571 8888 6123 ext. 808')
            self.assertEqual(phone.value_compact, '+8657188886123')

    @with_transaction()
    def test_phone_address_country(self):
        "The country of the party's address is used first"
        pool = Pool()
        Country = pool.get('country.country')
        Party = pool.get('party.party')
        country, = Country.create([{'name': "United States", 'code': 'US'}])
        party, = Party.create([{
                    'name': "Customer",
                    'addresses': [('create', [{'country': country.id}])],
                    'contact_mechanisms': [('create', [
                                {'type': 'phone', 'value': '2025550123'},
                                ])]}])
        phone, = party.contact_mechanisms
        self.assertEqual(phone.value_compact, '+12025550123')

    @with_transaction()
    def test_phone_invalid(self):
        "An invalid number is refused as upstream does"
        with self.assertRaises(InvalidPhoneNumber):
            self.create_party("Supplier", phones=['12345678901'])
