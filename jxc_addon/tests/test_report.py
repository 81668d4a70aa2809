# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

from trytond import backend
from trytond.modules.account.tests import create_chart, get_fiscalyear
from trytond.modules.company.tests import create_company, set_company
from trytond.modules.currency.tests import add_currency_rate, create_currency
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction
from trytond.transaction import Transaction

from ..report import address_text, money, price
from .tools import ActivatedTestCase

COMPANY = "杭州云杉商贸有限公司"
COMPANY_USCC = '91110000600037341L'
SUPPLIER = "浙江绿源食品有限公司"
CUSTOMER = "宁波海曙百货有限公司"
PARTY_USCC = '91330108MA2CD71LXN'
CUSTOMER_USCC = '91350100M000100Y43'
TAXED_WORDS = "人民币壹仟壹佰叁拾元整"
OUTPUT = Path(__file__).resolve().parents[2] / 'test-output'


def report_output():
    "Return the folder of this backend's printed documents"
    path = OUTPUT / backend.name / 'reports'
    path.mkdir(parents=True, exist_ok=True)
    return path


def pdf_text(path):
    "Return the text of the PDF without any white space"
    result = subprocess.run(
        ['pdftotext', str(path), '-'], capture_output=True, check=True)
    return ''.join(result.stdout.decode('utf-8').split())


class ReportTestCase(ActivatedTestCase):
    "Test the Chinese prints of orders, shipments and invoices"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.output = report_output()

    def create_company(self):
        pool = Pool()
        Country = pool.get('country.country')
        Subdivision = pool.get('country.subdivision')
        Party = pool.get('party.party')
        currency = create_currency('CNY')
        add_currency_rate(currency, 1)
        company = create_company(COMPANY, currency)
        country = Country(name="中国", code='CN')
        country.save()
        self.province = Subdivision(
            name="浙江省", code='CN-ZJ', type='province', country=country)
        self.province.save()
        self.country = country
        Party.write([company.party], {
                'identifiers': [('create', [
                            {'type': 'cn_vat', 'code': COMPANY_USCC}])],
                'contact_mechanisms': [('create', [
                            {'type': 'phone', 'value': '0571-88886123'}])],
                })
        address, = company.party.addresses
        self.set_address(address, "杭州市", "西湖区文三路478号华星时代广场A座1205室")
        return company

    def set_address(self, address, city, street):
        address.country = self.country
        address.subdivision = self.province
        address.city = city
        address.street = street
        address.postal_code = '310013'
        address.save()

    def create_party(self, name, code, city, street):
        Party = Pool().get('party.party')
        party, = Party.create([{
                    'name': name,
                    'identifiers': [('create', [
                                {'type': 'cn_vat', 'code': code}])],
                    'contact_mechanisms': [('create', [
                                {'type': 'phone', 'value': '0574-87654321'}])],
                    'addresses': [('create', [{}])],
                    }])
        self.set_address(party.addresses[0], city, street)
        return party

    def create_category(self, tax):
        pool = Pool()
        Account = pool.get('account.account')
        Category = pool.get('product.category')
        expense, = Account.search([
                ('closed', '!=', True), ('type.expense', '=', True)], limit=1)
        revenue, = Account.search([
                ('closed', '!=', True), ('type.revenue', '=', True)], limit=1)
        category = Category(
            name="饮料", accounting=True, account_expense=expense,
            account_revenue=revenue, customer_taxes=[tax],
            supplier_taxes=[tax])
        category.save()
        return category

    def create_product(self, category=None):
        pool = Pool()
        Template = pool.get('product.template')
        Uom = pool.get('product.uom')
        unit, = Uom.search([('name', '=', 'Unit')])
        template, = Template.create([{
                    'account_category': category.id if category else None,
                    'name': "农夫山泉饮用天然水 550ml",
                    'type': 'goods',
                    'default_uom': unit.id,
                    'purchase_uom': unit.id,
                    'sale_uom': unit.id,
                    'purchasable': True,
                    'salable': True,
                    'list_price': Decimal('100'),
                    'products': [('create', [{
                                    'suffix_code': 'SP0001',
                                    'description': "550ml×24瓶/箱",
                                    }])],
                    }])
        product, = template.products
        return product

    def create_tax(self, company):
        pool = Pool()
        Account = pool.get('account.account')
        Tax = pool.get('account.tax')
        account, = Account.search([
                ('company', '=', company.id),
                ('code', '=', '6.3.4'),
                ])
        tax = Tax(
            name="增值税13%", description="增值税13%", type='percentage',
            rate=Decimal('0.13'), invoice_account=account,
            credit_note_account=account)
        tax.save()
        return tax

    def create_fiscalyear(self, company):
        pool = Pool()
        FiscalYear = pool.get('account.fiscalyear')
        InvoiceSequence = pool.get('account.fiscalyear.invoice_sequence')
        Sequence = pool.get('ir.sequence.strict')
        SequenceType = pool.get('ir.sequence.type')
        sequence_type, = SequenceType.search([('name', '=', "Invoice")])
        sequence = Sequence(
            name="发票", sequence_type=sequence_type, company=company)
        sequence.save()
        fiscalyear = get_fiscalyear(company)
        fiscalyear.invoice_sequences = [InvoiceSequence(
                company=company, in_invoice_sequence=sequence,
                out_invoice_sequence=sequence,
                in_credit_note_sequence=sequence,
                out_credit_note_sequence=sequence)]
        fiscalyear.save()
        FiscalYear.create_period([fiscalyear])

    def create_purchase(self, party, product, taxes=()):
        pool = Pool()
        Purchase = pool.get('purchase.purchase')
        Line = pool.get('purchase.line')
        purchase = Purchase(
            party=party, invoice_method='manual',
            comment="请于周五前送达杭州总仓。",
            lines=[Line(
                    product=product, quantity=10, unit=product.default_uom,
                    unit_price=Decimal('100.0000'), taxes=list(taxes))])
        purchase.on_change_party()
        purchase.save()
        Purchase.quote([purchase])
        return purchase

    def create_sale(self, party, product, taxes=()):
        pool = Pool()
        Sale = pool.get('sale.sale')
        Line = pool.get('sale.line')
        sale = Sale(
            party=party, invoice_method='manual', shipment_method='order',
            lines=[Line(
                    product=product, quantity=10, unit=product.default_uom,
                    unit_price=Decimal('100.0000'), taxes=list(taxes))])
        sale.on_change_party()
        sale.save()
        Sale.quote([sale])
        Sale.confirm([sale])
        Sale.process([sale])
        return sale

    def create_shipment_in(self, purchase):
        pool = Pool()
        Purchase = pool.get('purchase.purchase')
        ShipmentIn = pool.get('stock.shipment.in')
        Purchase.confirm([purchase])
        Purchase.process([purchase])
        shipment = ShipmentIn(
            supplier=purchase.party, warehouse=purchase.warehouse,
            reference="SH-2025-001", incoming_moves=purchase.moves)
        shipment.on_change_supplier()
        shipment.on_change_warehouse()
        shipment.save()
        return shipment

    def create_invoice(self, party, product, tax):
        pool = Pool()
        Account = pool.get('account.account')
        Invoice = pool.get('account.invoice')
        Line = pool.get('account.invoice.line')
        revenue, = Account.search([
                ('closed', '!=', True), ('type.revenue', '=', True)], limit=1)
        invoice = Invoice(type='out', party=party)
        invoice.on_change_type()
        invoice.lines = [Line(
                account=revenue, product=product, quantity=10,
                unit=product.default_uom, unit_price=Decimal('100.0000'),
                taxes=[tax])]
        invoice.save()
        Invoice.post([invoice])
        return invoice

    def render(self, report_name, record):
        "Render the report as PDF into test-output and return its text"
        Report = Pool().get(report_name, type='report')
        self.assertTrue(
            shutil.which('soffice'), "soffice is needed to print PDF")
        ext, content, direct_print, name = Report.execute([record.id], {})
        self.assertEqual(ext, 'pdf', "%s was not converted" % report_name)
        self.assertTrue(bytes(content).startswith(b'%PDF'))
        path = self.output / ('%s.pdf' % report_name.replace('.', '_'))
        path.write_bytes(content)
        subprocess.run(
            ['pdftoppm', '-png', '-r', '60', '-f', '1', '-l', '1',
                '-singlefile', str(path), str(path.with_suffix(''))],
            check=True)
        return pdf_text(path)

    def assert_printed(self, text, title, party, party_uscc, words):
        for expected in [
                title, COMPANY, COMPANY_USCC, party, party_uscc,
                "价税合计(大写)", words, "SP0001", "农夫山泉饮用天然水"]:
            self.assertIn(expected, text)
        if title.endswith("发票"):
            signatures = ["开票人：Administrator", "复核：", "收款人："]
        else:
            signatures = ["制单：Administrator", "审核："]
        for signature in signatures:
            self.assertIn(signature, text)

    @with_transaction()
    def test_reports(self):
        "Print the five documents with a 13% VAT line of 10 × 100.00"
        company = self.create_company()
        with set_company(company):
            create_chart(company)
            self.create_fiscalyear(company)
            tax = self.create_tax(company)
            supplier = self.create_party(
                SUPPLIER, PARTY_USCC, "杭州市", "余杭区文一西路1号")
            customer = self.create_party(
                CUSTOMER, CUSTOMER_USCC, "宁波市", "海曙区中山西路2号")
            product = self.create_product(self.create_category(tax))
            purchase = self.create_purchase(supplier, product, [tax])
            sale = self.create_sale(customer, product, [tax])
            records = [
                ('jxc.purchase', purchase, "采购订单", SUPPLIER, PARTY_USCC),
                ('jxc.sale', sale, "销售订单", CUSTOMER, CUSTOMER_USCC),
                ('jxc.shipment.in', self.create_shipment_in(purchase),
                    "入库单", SUPPLIER, PARTY_USCC),
                ('jxc.shipment.out', sale.shipments[0],
                    "出库单", CUSTOMER, CUSTOMER_USCC),
                ('jxc.invoice', self.create_invoice(customer, product, tax),
                    "销售发票", CUSTOMER, CUSTOMER_USCC),
                ]
            for report_name, record, title, party, code in records:
                with self.subTest(report=report_name):
                    text = self.render(report_name, record)
                    self.assert_printed(
                        text, title, party, code, TAXED_WORDS)
                    self.assertIn("1,130.00", text)
                    self.assertIn("13%", text)
                    self.assertIn("浙江省杭州市西湖区文三路478号", text)

    @with_transaction()
    def test_purchase_untaxed(self):
        "A purchase without taxes totals its untaxed amount"
        company = self.create_company()
        with set_company(company):
            supplier = self.create_party(
                SUPPLIER, PARTY_USCC, "杭州市", "余杭区文一西路1号")
            purchase = self.create_purchase(supplier, self.create_product())
            Report = Pool().get('jxc.purchase', type='report')
            with Transaction().set_context(language='zh_CN'):
                sheet = Report.get_sheet(Report._get_records(
                        [purchase.id], 'purchase.purchase', {})[0])
        self.assertEqual(sheet.total_amount, Decimal('1000.00'))
        self.assertEqual(sheet.total_in_words, "人民币壹仟元整")
        line, = sheet.lines
        self.assertEqual(
            (line.code, line.spec, line.quantity_text, line.tax_rate),
            ('SP0001', "550ml×24瓶/箱", '10', ''))
        self.assertEqual(sheet.party.uscc, PARTY_USCC)
        self.assertEqual(sheet.party.address, "浙江省杭州市余杭区文一西路1号")
        self.assertEqual(sheet.date, purchase.purchase_date or dt.date.today())

    @with_transaction()
    def test_print_menu(self):
        "The Chinese prints are in the print menu of their documents"
        pool = Pool()
        ActionKeyword = pool.get('ir.action.keyword')
        ActionReport = pool.get('ir.action.report')
        for model, report_name in [
                ('purchase.purchase', 'jxc.purchase'),
                ('sale.sale', 'jxc.sale'),
                ('stock.shipment.in', 'jxc.shipment.in'),
                ('stock.shipment.out', 'jxc.shipment.out'),
                ('account.invoice', 'jxc.invoice')]:
            with self.subTest(model=model):
                actions = ActionKeyword.get_keyword('form_print', (model, -1))
                self.assertIn(
                    report_name, [a.get('report_name') for a in actions])
                action, = ActionReport.search(
                    [('report_name', '=', report_name)])
                self.assertEqual(action.extension, 'pdf')

    def test_formats(self):
        "Amounts, unit prices and addresses are formatted the Chinese way"
        self.assertEqual(money(Decimal('1234567.5')), '1,234,567.50')
        self.assertEqual(money(None), '')
        self.assertEqual(price(Decimal('100.0000')), '100.00')
        self.assertEqual(price(Decimal('12.3450')), '12.345')
        self.assertEqual(address_text(None), '')
