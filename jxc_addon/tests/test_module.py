# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.

from trytond.modules.company.tests import CompanyTestMixin
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction
from trytond.transaction import Transaction

from .tools import TranslationTestMixin


class JxcAddonTestCase(
        TranslationTestMixin, CompanyTestMixin, ModuleTestCase):
    "Test JXC module"
    module = 'jxc_addon'

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


del ModuleTestCase
