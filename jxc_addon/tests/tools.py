# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import os
import unittest

import polib

from proteus import Model, Wizard
from proteus.config import get_config, set_trytond
from trytond.modules.company.tests.tools import create_company, get_company
from trytond.modules.currency.tests.tools import get_currency
from trytond.pool import Pool
from trytond.tests.test_tryton import (
    activate_module, backup_db_cache, drop_db, restore_db_cache,
    with_transaction)
from trytond.tools import file_open


class TranslationTestMixin:
    "Check that the module's zh_CN.po translates every string it has"

    @with_transaction()
    def test_zh_cn_complete(self):
        "Every string of the module has a zh_CN translation"
        Translation = Pool().get('ir.translation')
        source = Translation.translation_export('en', self.module)
        with file_open(os.path.join(self.module, 'locale', 'zh_CN.po')) as fp:
            translated = {
                (e.msgctxt, e.msgid) for e in polib.pofile(fp.read())
                if e.msgstr}
        missing = [
            (e.msgctxt, e.msgid) for e in polib.pofile(source.decode())
            if (e.msgctxt, e.msgid) not in translated]
        self.assertEqual(missing, [])


def create_cn_company(config=None):
    "Create the company with the Chinese yuan (CNY) as currency"
    return create_company(
        currency=get_currency('CNY', config=config), config=config)


def create_cn_chart(company=None, config=None):
    "Create the chart of the Accounting Standards for Small Enterprises"
    if config is None:
        config = get_config()
    AccountTemplate = Model.get('account.account.template', config=config)
    ModelData = Model.get('ir.model.data', config=config)
    if not company:
        company = get_company(config=config)

    create_chart = Wizard('account.create_chart', config=config)
    create_chart.execute('account')
    create_chart.form.account_template = AccountTemplate(ModelData.get_id(
            'jxc_addon', 'account_template_cn_root', config.context))
    create_chart.form.company = company
    create_chart.execute('create_account')

    properties = create_chart.form
    properties.account_receivable = get_cn_account('1122', company, config)
    properties.account_payable = get_cn_account('2202', company, config)
    properties.category_account_expense = get_cn_account(
        '5401', company, config)
    properties.category_account_revenue = get_cn_account(
        '5001', company, config)
    create_chart.execute('create_properties')
    return create_chart


def get_cn_account(code, company=None, config=None):
    "Return the account of the company with code"
    Account = Model.get('account.account', config=config)
    if not company:
        company = get_company(config=config)
    account, = Account.find([
            ('company', '=', company.id),
            ('code', '=', code),
            ])
    return account


# The modules of the database the module tests of jxc_addon and jxc_rfq
# share, all of JXC as it is installed: activating a database costs minutes
# on PostgreSQL
SHARED_MODULES = ['jxc_addon', 'jxc_rfq', 'jxc_privacy']


def activate_jxc(*setup):
    """activate_modules for the three JXC modules, from the database the
    module tests activated: one activation of the modules serves both"""
    name = '-'.join(sorted(SHARED_MODULES)) + '--' + '|'.join(
        f.__qualname__ for f in setup)
    if restore_db_cache(name):
        return set_trytond()
    activate_module(SHARED_MODULES)
    config = set_trytond()
    for func in setup:
        func(config=config)
    backup_db_cache(name)
    return config


class ActivatedTestCase(unittest.TestCase):
    "The shared modules activated on a fresh database, as ModuleTestCase does"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        drop_db()
        cls.addClassCleanup(drop_db)
        activate_module(SHARED_MODULES)
