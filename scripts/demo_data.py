# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Demo data: a Hangzhou trading company with its products, suppliers,
customers, staff, books and opening stock, in Chinese and English."""
import datetime as dt
from decimal import Decimal

from proteus import Model, Wizard
from proteus import config as pconfig
from tqdm import tqdm

import demo_documents

COMPANY = {
    'name': "杭州云杉商贸有限公司",
    'uscc': '91330106MA27XK3P5K',
    'subdivision': 'CN-ZJ', 'city': "杭州市",
    'street': "西湖区文三路478号华星时代广场A座1205室",
    'postal_code': '310013', 'phone': '0571-8888 6123',
    'email': 'info@yunshan-trading.cn',
    }
# name, role group, mobile
STAFF = [
    ("王建国", 'owner', '138 0571 6601'),
    ("李娜", 'buyer', '138 0571 6602'),
    ("张伟", 'warehouse', '138 0571 6603'),
    ("刘洋", 'salesperson', '138 0571 6604'),
    ("陈静", 'bookkeeper', '138 0571 6605'),
    ]
SUPPLIERS = [
    ("浙江千岛湖饮品有限公司", '91330108MA2CD71LXN', 'CN-ZJ', "杭州市",
        "滨江区江南大道3888号", '310051', '0571-8765 4321', "赵磊",
        '139 5711 2345'),
    ("上海佳味食品有限公司", '91310115MA1FL5T21G', 'CN-SH', "上海市",
        "浦东新区张江路88号", '201203', '021-5080 1234', "孙丽",
        '139 1602 3456'),
    ("深圳洁佳日化有限公司", '91440300MA5EQ2N88T', 'CN-GD', "深圳市",
        "南山区科技园南区6栋", '518057', '0755-2660 8899', "黄海",
        '138 2654 7788'),
    ("苏州文华办公用品有限公司", '91320505MA1MW9B323', 'CN-JS', "苏州市",
        "虎丘区竹园路209号", '215011', '0512-6688 1122', "吴芳",
        '139 6211 5566'),
    ]
CUSTOMERS = [
    ("杭州鲜丰便利超市有限公司", '91330104MA28H2KE8C', 'CN-ZJ', "杭州市",
        "上城区解放东路29号", '310016', '0571-8602 3344', "郑强",
        '137 5710 8899'),
    ("杭州西溪百货有限公司", '91330110MA2B0R6G35', 'CN-ZJ', "杭州市",
        "余杭区五常大道181号", '311121', '0571-8877 6655', "何静",
        '135 8825 6677'),
    ("杭州青禾餐饮管理有限公司", '91330102MA2GJ9H44C', 'CN-ZJ', "杭州市",
        "上城区延安路98号", '310002', '0571-8706 5432', "马骏",
        '136 0651 2233'),
    ("周敏", None, 'CN-ZJ', "杭州市", "拱墅区湖墅南路200号3幢502室",
        '310005', None, None, '139 5812 3456'),
    ]
SUBDIVISIONS = [
    ('CN-ZJ', "Zhejiang", "浙江省", 'province'),
    ('CN-SH', "Shanghai", "上海市", 'municipality'),
    ('CN-GD', "Guangdong", "广东省", 'province'),
    ('CN-JS', "Jiangsu", "江苏省", 'province'),
    ]
CATEGORIES = [
    ('drink', "Beverages", "饮料"),
    ('snack', "Snacks", "休闲食品"),
    ('home', "Household Goods", "日用百货"),
    ('office', "Office Supplies", "办公用品"),
    ]
# account category: English, Chinese, expense and revenue account codes,
# customer and supplier tax templates (jxc_addon/account.xml)
ACCOUNT_CATEGORY = (
    "Goods for Resale", "库存商品", '5401', '5001',
    'tax_template_cn_output_13', 'tax_template_cn_input_13')
UOMS = [
    ('box', "Case", "箱"),
    ('pack', "Pack", "包"),
    ('carton', "Box", "盒"),
    ('bottle', "Bottle", "瓶"),
    ]
# code, English, Chinese, category, uom, list price, cost, EAN-13,
# supplier index, opening quantity
PRODUCTS = [
    ('SP0001', "Natural Drinking Water 550 ml x 24", "天然饮用水 550ml×24瓶",
        'drink', 'box', '36.00', '24.00', '6923450000014', 0, 120),
    ('SP0002', "Sugar-free Green Tea 500 ml x 15", "无糖绿茶 500ml×15瓶",
        'drink', 'box', '60.00', '42.00', '6923450000021', 0, 80),
    ('SP0003', "Soda Crackers 400 g", "苏打饼干 400g",
        'snack', 'pack', '12.80', '8.50', '6923450000038', 1, 200),
    ('SP0004', "Mixed Nuts Gift Box 750 g", "坚果礼盒 750g",
        'snack', 'carton', '128.00', '86.00', '6923450000045', 1, 40),
    ('SP0005', "Concentrated Laundry Liquid 2 kg", "浓缩洗衣液 2kg",
        'home', 'bottle', '39.90', '25.00', '6923450000052', 2, 150),
    ('SP0006', "Facial Tissue 3-ply 100 sheets x 6", "抽纸 3层100抽×6包",
        'home', 'pack', '19.90', '12.00', '6923450000069', 2, 300),
    ('SP0007', "A4 Copy Paper 70 g 500 sheets", "A4复印纸 70g 500张",
        'office', 'pack', '26.00', '18.50', '6923450000076', 3, 100),
    ('SP0008', "Gel Pen 0.5 mm Black x 12", "中性笔 0.5mm 黑色 12支",
        'office', 'carton', '18.00', '9.60', '6923450000083', 3, 60),
    ]
# product code, minimum, target, maximum in the warehouse (库存上下限):
# with the opening stock above, two products are below their minimum and
# one is above its maximum
ORDER_POINTS = [
    ('SP0001', 30, 100, 200),
    ('SP0004', 50, 100, 150),
    ('SP0006', 50, 150, 200),
    ('SP0008', 80, 120, None),
    ]


def translate(record, field, chinese):
    "Store the Chinese value of a translatable field"
    with pconfig.get_config().set_context(language='zh_CN'):
        localized = Model.get(record.__class__.__name__)(record.id)
        setattr(localized, field, chinese)
        localized.save()


def create_currency():
    Currency = Model.get('currency.currency')
    currency = Currency(
        name="Chinese Yuan Renminbi", code='CNY', numeric_code='156',
        symbol='¥', rounding=Decimal('0.01'), digits=2)
    # Tryton's sales and margin reports drop the rows of a currency
    # without rate: one rate from before the first demo document
    currency.rates.new(
        date=dt.date(dt.date.today().year - 1, 1, 1), rate=Decimal(1))
    currency.save()
    translate(currency, 'name', "人民币")
    return currency


def create_country():
    Country = Model.get('country.country')
    Subdivision = Model.get('country.subdivision')
    country = Country(
        name="China", code='CN', code3='CHN', code_numeric='156')
    country.save()
    translate(country, 'name', "中国")
    subdivisions = {}
    for code, english, chinese, type_ in SUBDIVISIONS:
        subdivision = Subdivision(
            country=country, code=code, name=english, type=type_)
        subdivision.save()
        translate(subdivision, 'name', chinese)
        subdivisions[code] = subdivision
    return country, subdivisions


def create_party(
        name, uscc, country, subdivision, city, street, postal_code,
        phone=None, contact=None, mobile=None, email=None):
    Party = Model.get('party.party')
    party = Party(name=name, lang=None)
    address = party.addresses[0]
    address.country = country
    address.subdivision = subdivision
    address.city = city
    address.street = street
    address.postal_code = postal_code
    if uscc:
        party.identifiers.new(type='cn_vat', code=uscc)
    if phone:
        party.contact_mechanisms.new(type='phone', value=phone)
    if mobile:
        party.contact_mechanisms.new(
            type='mobile', value=mobile, name=contact)
    if email:
        party.contact_mechanisms.new(type='email', value=email)
    party.save()
    return party


def create_company(country, subdivisions, currency):
    c = COMPANY
    party = create_party(
        c['name'], c['uscc'], country, subdivisions[c['subdivision']],
        c['city'], c['street'], c['postal_code'], phone=c['phone'],
        email=c['email'])
    company_config = Wizard('company.company.config')
    company_config.execute('company')
    company_config.form.party = party
    company_config.form.currency = currency
    company_config.form.timezone = 'Asia/Shanghai'
    company_config.execute('add')
    Company = Model.get('company.company')
    company, = Company.find()
    return company


def create_staff(company, country, subdivisions):
    User = Model.get('res.user')
    Employee = Model.get('company.employee')
    Group = Model.get('res.group')
    ModelData = Model.get('ir.model.data')
    Lang = Model.get('ir.lang')
    zh_cn, = Lang.find([('code', '=', 'zh_CN')])
    owner = None
    for index, (name, role, mobile) in enumerate(STAFF, 1):
        party = create_party(
            name, None, country, subdivisions['CN-ZJ'], COMPANY['city'],
            COMPANY['street'], COMPANY['postal_code'], mobile=mobile)
        employee = Employee(party=party, company=company)
        employee.save()
        owner = owner or employee
        group = Group(ModelData.get_id(
                'jxc_addon', 'group_jxc_%s' % role, {}))
        user = User(name=name, login='%s%d' % (role, index))
        set_user_company(user, company, employee, zh_cn)
        user.groups.append(group)
        user.save()
    # The demo is explored as admin: give it the owner's role and the
    # privacy officer's, so that every JXC screen is in its menu
    admin, = User.find([('login', '=', 'admin')])
    set_user_company(admin, company, owner, zh_cn)
    for module, fs_id in [
            ('jxc_addon', 'group_jxc_owner'),
            ('jxc_privacy', 'group_privacy_officer')]:
        admin.groups.append(Group(ModelData.get_id(module, fs_id, {})))
    admin.save()


def set_user_company(user, company, employee, language):
    user.language = language
    if company not in user.companies:
        user.companies.append(company.__class__(company.id))
    user.company = company
    user.employees.append(employee.__class__(employee.id))
    user.employee = employee


def get_account(code):
    Account = Model.get('account.account')
    account, = Account.find([('code', '=', code)])
    return account


def get_record(model, module, fs_id):
    ModelData = Model.get('ir.model.data')
    return Model.get(model)(ModelData.get_id(module, fs_id, {}))


def get_tax(template):
    "Return the tax of the company created from template of jxc_addon"
    Tax = Model.get('account.tax')
    ModelData = Model.get('ir.model.data')
    tax, = Tax.find([
            ('template', '=', ModelData.get_id('jxc_addon', template, {})),
            ])
    return tax


def create_chart(company):
    "Create the 小企业会计准则 chart of accounts of the company"
    create_chart = Wizard('account.create_chart')
    create_chart.execute('account')
    create_chart.form.account_template = get_record(
        'account.account.template', 'jxc_addon', 'account_template_cn_root')
    create_chart.form.company = company
    create_chart.execute('create_account')
    create_chart.form.account_receivable = get_account('1122')
    create_chart.form.account_payable = get_account('2202')
    create_chart.form.category_account_expense = get_account('5401')
    create_chart.form.category_account_revenue = get_account('5001')
    create_chart.execute('create_properties')


def create_fiscalyear(company, year):
    "Create the fiscal year with monthly periods and its sequences"
    FiscalYear = Model.get('account.fiscalyear')
    fiscalyear = FiscalYear(
        name=str(year), company=company,
        start_date=dt.date(year, 1, 1), end_date=dt.date(year, 12, 31))
    fiscalyear.move_sequence = create_sequence(
        company, 'account', 'sequence_type_account_move',
        "记账凭证 %s" % year, 'JZ%s-' % year)
    issued = create_sequence(
        company, 'account_invoice', 'sequence_type_account_invoice',
        "开票 %s" % year, 'KP%s-' % year)
    received = create_sequence(
        company, 'account_invoice', 'sequence_type_account_invoice',
        "收票 %s" % year, 'SP%s-' % year)
    sequences, = fiscalyear.invoice_sequences
    sequences.out_invoice_sequence = issued
    sequences.out_credit_note_sequence = issued
    sequences.in_invoice_sequence = received
    sequences.in_credit_note_sequence = received
    fiscalyear.save()
    fiscalyear.click('create_period')


def create_sequence(company, module, sequence_type, name, prefix):
    Sequence = Model.get('ir.sequence.strict')
    sequence = Sequence(
        name=name, company=company, prefix=prefix, padding=5,
        sequence_type=get_record('ir.sequence.type', module, sequence_type))
    sequence.save()
    return sequence


def default_payment_term():
    "Make 月结30天 (30 days after the end of the month) the default"
    Configuration = Model.get('account.configuration')
    term = get_record(
        'account.invoice.payment_term', 'account_invoice',
        'payment_term_30_eom')
    configuration = Configuration(1)
    configuration.default_customer_payment_term = term
    configuration.save()
    return term


def create_account_category():
    "Create the category that gives products their accounts and VAT"
    Category = Model.get('product.category')
    english, chinese, expense, revenue, output, input_ = ACCOUNT_CATEGORY
    category = Category(name=english, accounting=True)
    category.account_expense = get_account(expense)
    category.account_revenue = get_account(revenue)
    category.customer_taxes.append(get_tax(output))
    category.supplier_taxes.append(get_tax(input_))
    category.save()
    translate(category, 'name', chinese)
    return category


def create_products(suppliers, account_category):
    Category = Model.get('product.category')
    Uom = Model.get('product.uom')
    Template = Model.get('product.template')
    ProductSupplier = Model.get('purchase.product_supplier')
    unit, = Uom.find([('symbol', '=', 'u')])
    categories, uoms = {}, {}
    for key, english, chinese in CATEGORIES:
        categories[key] = Category(name=english)
        categories[key].save()
        translate(categories[key], 'name', chinese)
    for key, english, chinese in UOMS:
        uoms[key] = Uom(
            name=english, symbol=chinese, category=unit.category,
            factor=1, rounding=1, digits=0)
        uoms[key].save()
        translate(uoms[key], 'name', chinese)
    products = []
    for (code, english, chinese, category, uom, list_price, cost, ean,
            supplier, quantity) in PRODUCTS:
        template = Template(
            name=english, type='goods', default_uom=uoms[uom],
            purchasable=True, salable=True,
            list_price=Decimal(list_price), code=code,
            account_category=account_category)
        template.categories.append(Category(categories[category].id))
        template.save()
        translate(template, 'name', chinese)
        product, = template.products
        product.cost_price = Decimal(cost)
        product.identifiers.new(type='ean', code=ean)
        product.save()
        ProductSupplier(
            template=template, party=suppliers[supplier],
            prices=[{'quantity': 0, 'unit_price': Decimal(cost)}],
            lead_time=None).save()
        products.append((product, quantity))
    return products


def create_warehouse():
    Location = Model.get('stock.location')
    warehouse, = Location.find([('type', '=', 'warehouse')])
    warehouse.name = "Hangzhou Main Warehouse"
    warehouse.save()
    translate(warehouse, 'name', "杭州总仓")
    return warehouse


def opening_stock(warehouse, products):
    Inventory = Model.get('stock.inventory')
    inventory = Inventory(
        location=warehouse.storage_location,
        date=demo_documents.opening_date())
    for product, quantity in products:
        line = inventory.lines.new(product=product)
        line.quantity = quantity
    inventory.save()
    inventory.click('confirm')


def create_order_points(warehouse, products):
    OrderPoint = Model.get('stock.order_point')
    by_code = {p.code: p for p, _ in products}
    OrderPoint.save([
            OrderPoint(
                product=by_code[code], location=warehouse, type='purchase',
                min_quantity=minimum, target_quantity=target,
                max_quantity=maximum)
            for code, minimum, target, maximum in ORDER_POINTS])


# code, English, Chinese, account
PAYMENT_METHODS = [
    ('XJ', "Cash", "现金", '1001'),
    ('YH', "Bank", "银行", '1002'),
    ('WX', "WeChat Pay", "微信", '1012'),
    ('ZFB', "Alipay", "支付宝", '1012'),
    ]


def create_payment_methods(company):
    "A cash journal and payment method for each way money comes and goes"
    Journal = Model.get('account.journal')
    Method = Model.get('account.invoice.payment.method')
    for code, english, chinese, account in PAYMENT_METHODS:
        journal = Journal(name=english, code=code, type='cash')
        journal.save()
        translate(journal, 'name', chinese)
        method = Method(name=english, company=company, journal=journal)
        method.debit_account = method.credit_account = get_account(account)
        method.save()
        translate(method, 'name', chinese)
    Configuration = Model.get('account.configuration')
    configuration = Configuration(1)
    configuration.advance_receipt_account = get_account('2203')
    configuration.advance_payment_account = get_account('1123')
    configuration.save()


def finish_configuration():
    Item = Model.get('ir.module.config_wizard.item')
    items = Item.find([('state', '!=', 'done')])
    for item in items:
        item.state = 'done'
    Item.save(items)


def load(config_file, database):
    "Load the demo data into database, with a progress bar"
    config = pconfig.set_trytond(database=database, config_file=config_file)
    data = {}

    def country():
        data['country'], data['subdivisions'] = create_country()

    def company():
        data['company'] = create_company(
            data['country'], data['subdivisions'], data['currency'])
        config._context = Model.get('res.user').get_preferences(True, {})

    def staff():
        create_staff(data['company'], data['country'], data['subdivisions'])

    def fiscalyear():
        create_fiscalyear(data['company'], dt.date.today().year)

    def partners():
        data['suppliers'] = [
            create_party(n, u, data['country'], data['subdivisions'][s],
                *rest[:3], phone=rest[3], contact=rest[4], mobile=rest[5])
            for n, u, s, *rest in SUPPLIERS]
        for supplier in data['suppliers']:
            supplier.supplier_payment_term = data['payment_term']
        Model.get('party.party').save(data['suppliers'])
        data['customers'] = [
            create_party(n, u, data['country'], data['subdivisions'][s],
                *rest[:3], phone=rest[3], contact=rest[4], mobile=rest[5])
            for n, u, s, *rest in CUSTOMERS]

    def products():
        data['products'] = create_products(
            data['suppliers'], data['account_category'])

    def stock():
        data['warehouse'] = create_warehouse()
        opening_stock(data['warehouse'], data['products'])

    def documents():
        demo_documents.create(
            data['warehouse'], data['suppliers'], data['customers'],
            [p for p, _ in data['products']])

    steps = [
        ("currency", lambda: data.update(currency=create_currency())),
        ("country", country),
        ("company", company),
        ("staff", staff),
        ("chart of accounts", lambda: create_chart(data['company'])),
        ("fiscal year", fiscalyear),
        ("payment term",
            lambda: data.update(payment_term=default_payment_term())),
        ("account category", lambda: data.update(
                account_category=create_account_category())),
        ("partners", partners),
        ("products", products),
        ("opening stock", stock),
        ("order points", lambda: create_order_points(
                data['warehouse'], data['products'])),
        ("payment methods",
            lambda: create_payment_methods(data['company'])),
        ("documents", documents),
        ("configuration", finish_configuration),
        ]
    with tqdm(steps, desc="Demo data", unit="step") as bar:
        for name, step in bar:
            bar.set_postfix_str(name)
            step()
