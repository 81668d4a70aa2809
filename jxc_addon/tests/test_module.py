# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.

import datetime as dt
import unittest
from unittest.mock import patch

from trytond import backend
from trytond.modules.company.tests import (
    CompanyTestMixin, create_company, set_company)
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction
from trytond.transaction import Transaction

from .tools import SHARED_MODULES, TranslationTestMixin


class JxcAddonTestCase(
        TranslationTestMixin, CompanyTestMixin, ModuleTestCase):
    "Test JXC module"
    module = 'jxc_addon'
    extras = SHARED_MODULES[1:]

    def user_groups(self, *groups):
        pool = Pool()
        User = pool.get('res.user')
        user = User(login='member', groups=groups)
        user.save()
        with Transaction().set_user(user.id):
            return set(User.get_groups())

    @with_transaction()
    def test_implied_groups(self):
        "A group grants its implied groups, their parents and implied"
        Group = Pool().get('res.group')
        base, parent, other = Group.create([
                {'name': "Base"}, {'name': "Parent"}, {'name': "Other"}])
        implied, = Group.create([{'name': "Implied", 'parent': parent.id}])
        role, = Group.create([{
                    'name': "Role",
                    'implied_groups': [('add', [implied.id, base.id])]}])

        self.assertEqual(
            self.user_groups(role),
            {role.id, implied.id, parent.id, base.id})

    @with_transaction()
    def test_implied_groups_cycle(self):
        "Groups that imply each other grant both, once"
        Group = Pool().get('res.group')
        first, second = Group.create([{'name': "First"}, {'name': "Second"}])
        Group.write([first], {'implied_groups': [('add', [second.id])]})
        Group.write([second], {'implied_groups': [('add', [first.id])]})

        self.assertEqual(self.user_groups(first), {first.id, second.id})

    @with_transaction()
    def test_implied_groups_cache(self):
        "Changing what a group implies changes its members' groups"
        Group = Pool().get('res.group')
        role, extra = Group.create([{'name': "Role"}, {'name': "Extra"}])
        self.assertEqual(self.user_groups(role), {role.id})

        GroupImplied = Pool().get('res.group-res.group.implied')
        GroupImplied.create([{'group': role.id, 'implied': extra.id}])
        User = Pool().get('res.user')
        user, = User.search([('login', '=', 'member')])
        with Transaction().set_user(user.id):
            self.assertEqual(set(User.get_groups()), {role.id, extra.id})

    def create_sequence(self, reset):
        pool = Pool()
        Sequence = pool.get('ir.sequence')
        SequenceType = pool.get('ir.sequence.type')
        sequence_type, = SequenceType.create([{'name': "Test"}])
        sequence, = Sequence.create([{
                    'name': "Test", 'sequence_type': sequence_type.id,
                    'prefix': 'CG${date_Y}${date_m}${date_d}',
                    'padding': 3, 'reset': reset}])
        return sequence

    def numbers_on(self, sequence, day, count=1):
        Date = Pool().get('ir.date')
        with patch.object(Date, 'today', return_value=day):
            return list(sequence.get_many(count))

    @with_transaction()
    def test_sequence_reset_daily(self):
        "A daily sequence counts from 001 each day"
        sequence = self.create_sequence('day')
        first, second = dt.date(2026, 11, 25), dt.date(2026, 11, 26)

        self.assertEqual(
            self.numbers_on(sequence, first, 2),
            ['CG20261125001', 'CG20261125002'])
        self.assertEqual(
            self.numbers_on(sequence, first), ['CG20261125003'])
        self.assertEqual(
            self.numbers_on(sequence, second), ['CG20261126001'])
        self.assertEqual(sequence.number_next, 2)
        self.assertEqual(sequence.last_reset, '20261126')

    @with_transaction()
    def test_sequence_reset_monthly(self):
        "A monthly sequence counts from 1 each month, not each day"
        sequence = self.create_sequence('month')

        self.assertEqual(
            self.numbers_on(sequence, dt.date(2026, 11, 25)),
            ['CG20261125001'])
        self.assertEqual(
            self.numbers_on(sequence, dt.date(2026, 11, 30)),
            ['CG20261130002'])
        self.assertEqual(
            self.numbers_on(sequence, dt.date(2026, 12, 1)),
            ['CG20261201001'])

    @with_transaction()
    def test_sequence_no_reset(self):
        "A sequence without reset keeps counting"
        sequence = self.create_sequence(None)

        self.assertEqual(
            self.numbers_on(sequence, dt.date(2026, 11, 25)),
            ['CG20261125001'])
        self.assertEqual(
            self.numbers_on(sequence, dt.date(2026, 11, 26)),
            ['CG20261126002'])

    @with_transaction()
    def test_document_sequences(self):
        "Documents are numbered with the Chinese prefixes by default"
        pool = Pool()
        configurations = {
            'purchase.configuration': {'purchase_sequence': 'CG'},
            'sale.configuration': {'sale_sequence': 'XS'},
            'stock.configuration': {
                'shipment_in_sequence': 'RK',
                'shipment_in_return_sequence': 'CT',
                'shipment_out_sequence': 'CK',
                'shipment_out_return_sequence': 'XT',
                'shipment_internal_sequence': 'DB',
                'inventory_sequence': 'PD',
                },
            }
        company = create_company()
        numbers, expected = {}, {}
        with set_company(company):
            for model, fields in configurations.items():
                configuration = pool.get(model)(1)
                for field, prefix in fields.items():
                    numbers[field], = self.numbers_on(
                        getattr(configuration, field), dt.date(2026, 11, 25))
                    expected[field] = prefix + '20261125001'
        self.assertEqual(numbers, expected)

    @unittest.skipIf(
        backend.name != 'postgresql', "statistics of PostgreSQL")
    @with_transaction()
    def test_move_date_statistics(self):
        "PostgreSQL has statistics on the date of the moves"
        cursor = Transaction().connection.cursor()
        cursor.execute(
            "SELECT pg_get_statisticsobjdef(oid) FROM pg_statistic_ext "
            "WHERE stxname = 'stock_move_date_stat'")
        definition, = cursor.fetchone()
        self.assertIn(
            'COALESCE(effective_date, planned_date)', definition)


del ModuleTestCase
