# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The role matrix of docs/roles.md over JSON-RPC, as the demo users: what
each role may not read it cannot read, search, order by or export, and
each role finishes its own work."""
import datetime as dt
import io
import re
import zipfile

import pytest
from jsonrpc import Fault

DENIED = "You are not allowed to access"

# (login, model, field) that the role may not read; the owner (admin) may
ROWS = [
    ('salesperson4', 'product.template', 'cost_price'),
    ('salesperson4', 'product.template', 'cost_price_method'),
    ('salesperson4', 'product.product', 'cost_price'),
    ('salesperson4', 'product.product', 'cost_value'),
    ('salesperson4', 'stock.move', 'unit_price'),
    ('salesperson4', 'stock.move', 'cost_price'),
    ('salesperson4', 'stock.location', 'cost_value'),
    ('warehouse3', 'product.template', 'cost_price'),
    ('warehouse3', 'product.product', 'cost_price'),
    ('warehouse3', 'product.product', 'cost_value'),
    ('warehouse3', 'stock.move', 'unit_price'),
    ('warehouse3', 'stock.move', 'cost_price'),
    ('warehouse3', 'stock.move', 'cost_amount'),
    ('warehouse3', 'purchase.product_supplier.price', 'unit_price'),
    ('warehouse3', 'purchase.line', 'unit_price'),
    ('warehouse3', 'purchase.line', 'amount'),
    ('warehouse3', 'purchase.purchase', 'total_amount'),
    ('warehouse3', 'purchase.purchase', 'untaxed_amount'),
    ('warehouse3', 'stock.inventory.line', 'unit_cost'),
    ('warehouse3', 'stock.period.cache', 'cost_amount'),
    ]

# The fields of each role's work, which it reads
READABLE = {
    'warehouse3': [
        ('stock.move', ['product', 'quantity', 'state']),
        ('purchase.line', ['product', 'quantity']),
        ],
    'buyer2': [
        ('product.product', ['cost_price']),
        ('purchase.line', ['unit_price', 'amount']),
        ],
    'bookkeeper5': [
        ('product.product', ['cost_price', 'cost_value']),
        ('stock.move', ['unit_price', 'cost_price', 'cost_amount']),
        ('stock.period', ['date', 'state']),
        ('stock.period.cache', ['cost_amount']),
        ],
    'salesperson4': [
        ('sale.line', ['unit_price', 'amount']),
        ('account.invoice', ['total_amount']),
        ],
    }


def call(client, model, method, *args, context=None):
    return client.call('model.%s.%s' % (model, method), *args,
        context if context is not None else client.context)


def first_ids(client, model):
    return call(client, model, 'search', [], 0, 1, None)


def assert_denied(client, model, field):
    with pytest.raises(Fault) as info:
        call(client, model, 'read', first_ids(client, model), [field])
    assert DENIED in info.value.message


@pytest.mark.parametrize('name, model, field', ROWS)
def test_field_denied(admin, login, name, model, field):
    "The role cannot read the field; the owner can"
    assert_denied(login(name), model, field)
    call(admin, model, 'read', first_ids(admin, model), [field])


def assert_reads(client):
    "The role reads the fields of its work"
    for model, fields in READABLE[client.login]:
        ids = first_ids(client, model)
        assert len(call(client, model, 'read', ids, fields)) == len(ids)


@pytest.mark.parametrize('name, model, domain, order', [
        ('salesperson4', 'product.product', [('cost_price', '>', 0)], None),
        ('salesperson4', 'product.product',
            [('template.cost_price', '>', 0)], None),
        ('salesperson4', 'product.product', [], [('cost_price', 'DESC')]),
        ('salesperson4', 'stock.move', [('cost_price', '>', 0)], None),
        ('warehouse3', 'stock.move', [('unit_price', '>', 0)], None),
        ('warehouse3', 'stock.move', [], [('unit_price', 'DESC')]),
        ('warehouse3', 'purchase.line', [('unit_price', '>', 0)], None),
        ])
def test_search_denied_field(admin, login, name, model, domain, order):
    "The role cannot infer a price or a cost by a search or an order on it"
    client = login(name)
    with pytest.raises(Fault) as info:
        call(client, model, 'search', domain, 0, None, order)
    assert DENIED in info.value.message


def test_export_denied_field(login):
    "The salesperson cannot export the cost of a product"
    client = login('salesperson4')
    ids = first_ids(client, 'product.product')
    with pytest.raises(Fault) as info:
        call(client, 'product.product', 'export_data', ids,
            ['name', 'cost_price'])
    assert DENIED in info.value.message


def test_salesperson_supplier_invoices(admin, login):
    "The salesperson reads customer invoices and their lines, no others"
    client = login('salesperson4')
    supplier = call(admin, 'account.invoice', 'search',
        [('type', '=', 'in')], 0, None, None)
    assert supplier
    invoices = call(client, 'account.invoice', 'search_read',
        [], 0, None, None, ['type'])
    assert invoices and {i['type'] for i in invoices} == {'out'}
    with pytest.raises(Fault):
        call(client, 'account.invoice', 'read', supplier[:1], ['number'])
    lines = call(client, 'account.invoice.line', 'search_read',
        [], 0, None, None, ['invoice_type'])
    assert lines and {l['invoice_type'] for l in lines} == {'out'}
    assert_reads(client)


def test_buyer_customer_invoices(admin, login):
    "The buyer reads supplier invoices, not the sales"
    client = login('buyer2')
    invoices = call(client, 'account.invoice', 'search_read',
        [], 0, None, None, ['type'])
    assert invoices and {i['type'] for i in invoices} == {'in'}
    assert_reads(client)


def test_salesperson_supplier_prices(admin, login):
    "The salesperson reads no supplier price list"
    client = login('salesperson4')
    assert call(admin, 'purchase.product_supplier', 'search',
        [], 0, None, None)
    for model in ['purchase.product_supplier',
            'purchase.product_supplier.price']:
        assert call(client, model, 'search', [], 0, None, None) == []


def test_field_access_view(login):
    "The forms and lists of the role do not carry the denied fields"
    client = login('warehouse3')
    for view_type in ['tree', 'form']:
        fields = call(client, 'stock.move', 'fields_view_get', None,
            view_type)['fields']
        assert 'quantity' in fields
        assert not {'unit_price', 'cost_price', 'cost_amount'} & set(fields)
    assert_reads(client)


@pytest.fixture
def posting(admin):
    "Other issues of scrap post against 营业外支出 (5711), stock 1405"
    def account(code):
        account, = call(admin, 'account.account', 'search',
            [('code', '=', code)], 0, None, None)
        return account
    scrap, = call(admin, 'stock.other.reason', 'search',
        [('name', '=', 'Scrap')], 0, None, None)
    found, = call(admin, 'stock.other.reason', 'search',
        [('name', '=', 'Found')], 0, None, None)
    call(admin, 'stock.other.reason', 'write', [scrap, found],
        {'account': account('5711')})
    call(admin, 'stock.configuration', 'write', [1],
        {'other_shipment_account_stock': account('1405')})
    yield {'out': scrap, 'in': found}
    call(admin, 'stock.other.reason', 'write', [scrap, found],
        {'account': None})
    call(admin, 'stock.configuration', 'write', [1],
        {'other_shipment_account_stock': None})


@pytest.mark.parametrize('kind', ['in', 'out'])
def test_warehouse_other_shipment(admin, login, posting, kind):
    """The warehouse clerk finishes an other receipt or issue, which posts
    its accounting entry, with no access to the accounting"""
    client = login('warehouse3')
    context = dict(client.context, other_shipment_kind=kind)
    product, = call(client, 'product.product', 'search_read',
        [('code', '=', 'SP0001')], 0, 1, None, ['default_uom'])
    warehouse, = call(client, 'stock.location', 'search',
        [('type', '=', 'warehouse')], 0, 1, None)
    line = {'product': product['id'], 'quantity': 1,
        'unit': product['default_uom']}
    if kind == 'in':
        line['unit_price'] = '5'
    shipment, = call(client, 'stock.other.shipment', 'create', [{
                'kind': kind, 'warehouse': warehouse,
                'company': client.context['company'],
                'reason': posting[kind],
                'lines': [['create', [line]]],
                }], context=context)
    call(client, 'stock.other.shipment', 'do', [shipment], context=context)
    shipment, = call(admin, 'stock.other.shipment', 'read', [shipment],
        ['state', 'account_move.state'])
    assert shipment['state'] == 'done'
    assert shipment['account_move.']['state'] == 'posted'
    with pytest.raises(Fault):
        call(client, 'account.move', 'search', [], 0, None, None)


def stock_reports(client):
    "The context of the menus 收发存汇总表, 库存价值 and 库存台账"
    warehouse, = call(client, 'stock.location', 'search',
        [('type', '=', 'warehouse')], 0, 1, None)
    today = dt.date.today()
    period = {'location': warehouse, 'from_date': today.replace(day=1),
        'to_date': today}
    return [
        ('stock.reporting.summary', period, ['product', 'closing_amount']),
        ('stock.reporting.summary.category', period,
            ['category', 'closing_amount']),
        ('stock.reporting.valuation', {'location': warehouse, 'date': today},
            ['product', 'amount']),
        ('stock.reporting.inventory.move', dict(period,
                product_type='product.product', date=None),
            ['product_reference', 'input_amount', 'output_amount']),
        ]


def test_bookkeeper_stock_reports(login):
    "The bookkeeper opens the stock reports with their amounts"
    client = login('bookkeeper5')
    for model, context, fields in stock_reports(client):
        rows = call(client, model, 'search_read', [], 0, None, None, fields,
            context=dict(client.context, **context))
        assert rows, model
    assert_reads(client)


def test_warehouse_stock_reports(login):
    "The warehouse clerk opens the quantities of the reports, no amount"
    client = login('warehouse3')
    for model, context, fields in stock_reports(client):
        context = dict(client.context, **context)
        if model == 'stock.reporting.valuation':
            with pytest.raises(Fault):
                call(client, model, 'search', [], 0, None, None,
                    context=context)
            continue
        with pytest.raises(Fault) as info:
            call(client, model, 'search_read', [], 0, None, None, fields,
                context=context)
        assert DENIED in info.value.message
        assert call(client, model, 'search_read', [], 0, None, None,
            fields[:1], context=context)


@pytest.fixture(scope='module')
def receipt_print(admin):
    """The action of the print of a supplier receipt (入库单), kept as
    OpenDocument to read it without LibreOffice"""
    action, = call(admin, 'ir.action.report', 'search',
        [('report_name', '=', 'jxc.shipment.in')], 0, 1, None)
    action, = call(admin, 'ir.action.report', 'copy', [action],
        {'extension': ''})
    yield action
    call(admin, 'ir.action.report', 'delete', [action])


def print_text(client, action, ids):
    "The text of the print of the supplier receipts"
    ext, content, _, _ = client.call('report.jxc.shipment.in.execute', ids,
        {'action_id': action, 'model': 'stock.shipment.in'}, client.context)
    assert ext == 'odt'
    odt = io.BytesIO(content)
    with zipfile.ZipFile(odt) as odt:
        return odt.read('content.xml').decode()


def test_print_without_prices(admin, login, receipt_print):
    "A supplier receipt prints its prices only to whom may read them"
    shipment, = call(admin, 'stock.shipment.in', 'search',
        [('state', '=', 'done')], 0, 1, None)
    moves = call(admin, 'stock.move', 'search_read',
        [('shipment', '=', 'stock.shipment.in,%s' % shipment)], 0, None,
        None, ['unit_price'])
    prices = {'{:,.2f}'.format(m['unit_price'])
        for m in moves if m['unit_price']}
    assert prices
    text = print_text(admin, receipt_print, [shipment])
    assert all('>%s<' % p in text for p in prices)
    assert "人民币" in text
    text = print_text(login('warehouse3'), receipt_print, [shipment])
    assert "入库单" in text
    assert not any('>%s<' % p in text for p in prices)
    assert "人民币" not in text


def test_warehouse_ledger_export(login):
    "The stock ledger exported by the warehouse clerk has no amount"
    client = login('warehouse3')
    model, context, _ = stock_reports(client)[-1]
    context = dict(client.context, **context)
    wizard = 'wizard.stock.reporting.inventory.move.export'
    session, _, _ = client.call(wizard + '.create', context)
    client.call(wizard + '.execute', session, {}, 'start', context)
    client.call(wizard + '.delete', session, context)
    attachments = call(client, 'ir.attachment', 'search_read',
        [('resource', '=', 'res.user,%s' % client.user_id)], 0, None,
        [('id', 'DESC')], ['name', 'data'])
    assert attachments and attachments[0]['name'].endswith('.xlsx')
    data = attachments[0]['data']
    with zipfile.ZipFile(io.BytesIO(data)) as xlsx:
        sheet = xlsx.read('xl/worksheets/sheet1.xml').decode()
    # product, date, document, party and 3 quantities: no cost nor amounts
    assert re.search(r'<dimension ref="A1:G\d+"/>', sheet)
