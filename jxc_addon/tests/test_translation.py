# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The zh_CN words JXC users see in the upstream screens.

jxc_addon/locale/zh_CN.po overrides upstream translations with entries whose
msgctxt names the upstream module (see docs/terminology.md)."""
import os
import re
import unittest

import polib

from trytond.modules import create_graph, load_translations
from trytond.pool import Pool
from trytond.tests.test_tryton import DB_NAME, with_transaction
from trytond.tools import file_open
from trytond.transaction import Transaction

from .tools import ActivatedTestCase

PLACEHOLDER = re.compile(r'%\(\w+\)[sd]|\$\{\w+\}|\{\}')


def po_entries(module):
    with file_open(os.path.join(module, 'locale', 'zh_CN.po')) as fp:
        return polib.pofile(fp.read())


def upstream_entries(module):
    with file_open(os.path.join(module, 'locale', 'zh_CN.po')) as fp:
        return {(e.msgctxt, e.msgid): e for e in polib.pofile(fp.read())}


def check_overrides(test, module):
    "Every override targets one upstream entry, with the same placeholders"
    upstream = {}
    for entry in po_entries(module):
        ttype, name, res_id = entry.msgctxt.split(':')
        fill = (entry.tcomment or '').startswith('jxc:')
        if '.' not in res_id and not fill:
            continue  # a string of the module itself
        with test.subTest(msgctxt=entry.msgctxt, msgid=entry.msgid):
            test.assertTrue(entry.msgstr)
            test.assertEqual(
                sorted(PLACEHOLDER.findall(entry.msgid)),
                sorted(PLACEHOLDER.findall(entry.msgstr)))
            if fill:
                continue
            target, xml_id = res_id.split('.', 1)
            if target not in upstream:
                upstream[target] = upstream_entries(target)
            key = ('%s:%s:%s' % (ttype, name, xml_id), entry.msgid)
            # Tryton fails to load the module if the row does not exist
            test.assertIn(key, upstream[target])
            if ttype not in {'report', 'view', 'wizard_button', 'selection'}:
                # Tryton finds the row without the msgid: the help of
                # selection values, which share their msgctxt, can not be
                # overridden (the client reads them as selection entries)
                test.assertEqual(
                    len([k for k in upstream[target] if k[0] == key[0]]), 1,
                    "ambiguous")


def load_language(code):
    "Load the translations of code as activating the database in it would"
    pool = Pool()
    Lang = pool.get('ir.lang')
    Module = pool.get('ir.module')
    Lang.write(Lang.search([('code', '=', code)]), {'translatable': True})
    activated = {
        m.name for m in Module.search([('state', '=', 'activated')])}
    # In the order of the dependencies, so that the overrides come last
    for node in create_graph(activated):
        load_translations(pool, node, {code})


class JxcOverrideFileTestCase(unittest.TestCase):
    "The override entries of the po files are well formed"

    def test_jxc_addon_overrides(self):
        check_overrides(self, 'jxc_addon')

    def test_jxc_rfq_overrides(self):
        check_overrides(self, 'jxc_rfq')


class JxcTranslationTestCase(ActivatedTestCase):
    "The JXC words as the client reads them in zh_CN"

    @classmethod
    def setUpClass(cls):
        # Loading zh_CN into the database the other tests share costs a few
        # seconds; a database activated in zh_CN costs minutes
        super().setUpClass()
        with Transaction().start(DB_NAME, 0) as transaction:
            load_language('zh_CN')
            transaction.commit()

    def zh_cn(self):
        return Transaction().set_context(language='zh_CN')

    @with_transaction()
    def test_menus(self):
        "The top menus read 往来单位, 商品, 库存 and 销售"
        pool = Pool()
        Menu = pool.get('ir.ui.menu')
        ModelData = pool.get('ir.model.data')
        menus = {
            ('party', 'menu_party'): "往来单位",
            ('product', 'menu_main_product'): "商品",
            ('stock', 'menu_stock'): "库存",
            ('sale', 'menu_sale'): "销售",
            ('purchase', 'menu_purchase'): "采购",
            ('stock', 'menu_shipment_in_form'): "采购入库单",
            ('jxc_addon', 'menu_jxc'): "进销存",
            }
        with self.zh_cn():
            for (module, xml_id), name in menus.items():
                with self.subTest(menu=xml_id):
                    menu = Menu(ModelData.get_id(module, xml_id))
                    self.assertEqual(menu.name, name)

    @with_transaction()
    def test_model_names(self):
        "The shipments read as the documents of a 进销存"
        Model = Pool().get('ir.model')
        names = {
            'stock.shipment.in': "采购入库单",
            'stock.shipment.out': "销售出库单",
            'stock.shipment.in.return': "采购退货单",
            'stock.shipment.out.return': "销售退货单",
            'stock.shipment.internal': "调拨单",
            'stock.inventory': "盘点单",
            'party.party': "往来单位",
            'product.product': "商品",
            'sale.sale': "销售订单",
            'purchase.purchase': "采购订单",
            'purchase.request': "请购单",
            'account.invoice': "发票",
            }
        with self.zh_cn():
            for name, string in names.items():
                with self.subTest(model=name):
                    model, = Model.search([('name', '=', name)])
                    self.assertEqual(model.string, string)

    @with_transaction()
    def test_sale_fields(self):
        "The sale labels untranslated upstream read in Chinese"
        pool = Pool()
        Sale = pool.get('sale.sale')
        Line = pool.get('sale.line')
        with self.zh_cn():
            fields = Sale.fields_get([
                    'party', 'number', 'sale_date', 'untaxed_amount',
                    'tax_amount', 'total_amount', 'state'])
            lines = Line.fields_get(['product', 'unit_price', 'amount'])
        self.assertEqual(
            {n: f['string'] for n, f in fields.items()}, {
                'party': "客户",
                'number': "单号",
                'sale_date': "销售日期",
                'untaxed_amount': "不含税金额",
                'tax_amount': "税额",
                'total_amount': "价税合计",
                'state': "状态",  # fuzzy upstream
                })
        self.assertEqual(dict(fields['state']['selection'])['draft'], "草稿")
        self.assertEqual(
            {n: f['string'] for n, f in lines.items()},
            {'product': "商品", 'unit_price': "单价", 'amount': "金额"})

    @with_transaction()
    def test_fixed_upstream_errors(self):
        "Wrong upstream translations are corrected"
        pool = Pool()
        Purchase = pool.get('purchase.purchase')
        Location = pool.get('stock.location')
        Uom = pool.get('product.uom')
        ModelData = pool.get('ir.model.data')
        with self.zh_cn():
            fields = Purchase.fields_get(['untaxed_amount', 'party'])
            location = Location.fields_get(['type'])['type']
            gram = Uom(ModelData.get_id('product', 'uom_gram'))
            self.assertEqual(gram.name, "克")  # upstream: 加仑 (gallon)
        self.assertEqual(fields['untaxed_amount']['string'], "不含税金额")
        self.assertEqual(fields['party']['string'], "供应商")
        self.assertEqual(
            location['help_selection']['storage'], "用于实际存放货物。")

    @with_transaction()
    def test_report_and_wizard(self):
        "Reports and wizard buttons are translated"
        Translation = Pool().get('ir.translation')
        with self.zh_cn():
            self.assertEqual(
                Translation.get_report('sale.sale', 'Total:'), "价税合计：")
        self.assertEqual(
            Translation.get_source(
                'sale.return_sale,start,return_', 'wizard_button', 'zh_CN'),
            "退货")
        self.assertEqual(
            Translation.get_source(
                'sale.return_sale,start,end', 'wizard_button', 'zh_CN'),
            "取消")  # fuzzy upstream
