# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The zh_CN words JXC users see in the upstream screens.

jxc_addon/locale/zh_CN.po overrides upstream translations with entries whose
msgctxt names the upstream module (see docs/terminology.md)."""
import os
import re
import unittest

import polib

from trytond.i18n import gettext
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

    @with_transaction()
    def test_labels(self):
        "The labels of the JXC reports say what their figures are"
        pool = Pool()
        Menu = pool.get('ir.ui.menu')
        ModelData = pool.get('ir.model.data')
        FapiaoLine = pool.get('account.fapiao.line')
        labels = {
            ('account.fapiao.reporting.purchase', 'open_amount'): "未到票金额",
            ('account.fapiao.reporting.supplier', 'open_amount'): "未到票金额",
            ('account.fapiao.reporting.sale', 'open_amount'): "未开票金额",
            ('purchase.purchase', 'invoice_state'): "到票状态",
            ('sale.sale', 'invoice_state'): "开票状态",
            ('stock.reporting.inventory.turnover', 'output_quantity'):
            "日均出库数量",
            ('stock.reporting.inventory.move', 'product'): "商品",
            ('account.aged_balance', 'term0'): "0-30天",
            ('account.aged_balance', 'term1'): "31-60天",
            ('account.aged_balance', 'term2'): "61-90天",
            ('account.aged_balance', 'term3'): "90天以上",
            ('account.invoice', 'amount_to_pay_today'): "今日到期未结金额",
            }
        with self.zh_cn():
            for (model, field), string in labels.items():
                with self.subTest(model=model, field=field):
                    self.assertEqual(
                        pool.get(model).fields_get([field])[field]['string'],
                        string)
            reports = Menu.search([
                    ('parent', '=',
                        ModelData.get_id('jxc_addon', 'menu_jxc_reporting')),
                    ])
            self.assertEqual(
                [m.name for m in reports].count("库存台账"), 1)
            view = FapiaoLine.fields_view_get(view_type='tree')
        # 13% is entered as 13, not 0.13
        self.assertIn('factor="100"', view['arch'])
        self.assertIn('税率（%）', view['arch'])

    @with_transaction()
    def test_stock_alert_unset(self):
        "A quantity the order point does not set shows no bare unit"
        Alert = Pool().get('jxc.stock.alert')
        fields = Alert.fields_get(['max_quantity', 'excess_quantity'])
        for field in fields.values():
            self.assertIn('invisible', field['states'])

    @with_transaction()
    def test_messages(self):
        "Tryton's errors read in Chinese"
        Translation = Pool().get('ir.translation')
        with self.zh_cn():
            required = gettext('ir.msg_required_validation_record',
                field="单号", record="1", model="采购订单")
            groups = gettext('ir.msg_context_groups', groups="仓管")
        self.assertEqual(
            required, "“采购订单”的记录“1”中，字段“单号”必须填写。")
        self.assertEqual(groups, "所在用户组：仓管")
        self.assertEqual(
            Translation.get_source(
                'account.reconcile,start,setup', 'wizard_button',
                'zh_CN'),
            "核销")

    @with_transaction()
    def test_untranslated(self):
        "Every string of the activated modules has a zh_CN value"
        counts = untranslated()
        print("untranslated zh_CN strings per module: %s" % (
                {m: len(s) for m, s in counts.items() if s} or 0))
        self.assertEqual(
            {m: sorted(s)[:10] for m, s in counts.items() if s}, {})


# The strings a user meets: records (menus, actions, buttons, messages,
# model names), field labels and helps, selections, views, wizard buttons
# and reports
USER_TYPES = [
    'model', 'field', 'help', 'selection', 'view', 'wizard_button', 'report']
SOURCE_TYPES = {'selection', 'view', 'wizard_button', 'report'}


def untranslated(language='zh_CN'):
    """Return the strings of each activated module without a value in
    language, read as the client does: by name (and source), whatever
    module stores the value"""
    pool = Pool()
    Translation = pool.get('ir.translation')
    Module = pool.get('ir.module')
    table = Translation.__table__()
    cursor = Transaction().connection.cursor()

    def key(type_, name, res_id, src):
        return (type_, name, res_id, src if type_ in SOURCE_TYPES else None)
    cursor.execute(*table.select(
            table.type, table.name, table.res_id, table.src,
            where=(table.lang == language) & (table.value != '')
            & (table.value != None)  # noqa: E711
            & (table.fuzzy == False)))  # noqa: E712
    translated = {key(*r) for r in cursor}
    activated = [
        m.name for m in Module.search([('state', '=', 'activated')])]
    missing = {m: set() for m in activated}
    cursor.execute(*table.select(
            table.module, table.type, table.name, table.res_id, table.src,
            where=(table.lang == 'en')
            & table.type.in_(USER_TYPES) & table.module.in_(activated)))
    for module, *row in cursor:
        type_, name, res_id, src = row
        # the help of a selection value is read as a selection translation
        # (docs/terminology.md)
        if key(*row) not in translated and not (type_ == 'help'
                and key('selection', name, res_id, src) in translated):
            missing[module].add('%s:%s:%s' % (row[0], row[1], row[3]))
    return missing
