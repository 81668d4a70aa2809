# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""A day's work of each role over JSON-RPC, as the web client calls the
server (issue 15 items 1, 2, 4, 5 and 6): new lines editable, invoices
found by the 核销 lines, fapiao allocations of sale orders, the demo's
currency rate, quotations and requests of the buyer, payments of an
order."""
import datetime as dt
from decimal import Decimal


def call(client, model, method, *args, context=None):
    return client.call('model.%s.%s' % (model, method), *args,
        context if context is not None else client.context)


def test_other_shipment_new_line_draft(login):
    "A line added by hand to a new 其他出库单 is editable: its document is draft"
    client = login('warehouse3')
    values = call(client, 'stock.other.shipment.line', 'default_get',
        ['shipment_state', 'product', 'quantity'])
    assert values['shipment_state'] == 'draft'


def test_invoice_search_by_party(admin, login):
    "Typing a customer's name in the invoice field lists its invoices"
    client = login('bookkeeper5')
    invoice, = call(admin, 'account.invoice', 'search_read', [
            ('type', '=', 'out'), ('state', '=', 'posted')], 0, 1, None,
        ['party.name'])
    found = call(client, 'account.invoice', 'search', [
            ('rec_name', 'ilike', '%%%s%%' % invoice['party.']['name']),
            ('type', '=', 'out'), ('state', '=', 'posted'),
            ], 0, None, None)
    assert invoice['id'] in found


def test_bookkeeper_sale_fapiao_allocation(login):
    """The bookkeeper reads the sale orders and sees the sale column of
    the allocations of a fapiao issued"""
    client = login('bookkeeper5')
    sales = call(client, 'sale.sale', 'search_read',
        [('state', 'in', ['processing', 'done'])], 0, 1, None, ['number'])
    assert sales and sales[0]['number']
    view = call(client, 'account.fapiao.allocation', 'fields_view_get',
        None, 'tree')
    assert {'sale', 'purchase'} <= set(view['fields'])
    context = dict(client.context, fapiao_type='out')
    values = call(client, 'account.fapiao.allocation', 'default_get',
        ['fapiao_type'], context=context)
    assert values['fapiao_type'] == 'out'


def test_demo_currency_rate(admin):
    "The demo's CNY has a rate, so 销售统计 and 毛利 show rows"
    currency, = call(admin, 'currency.currency', 'search_read',
        [('code', '=', 'CNY')], 0, None, None, ['rate'])
    assert currency['rate'] == Decimal(1)
    today = dt.date.today()
    context = dict(admin.context, from_date=today.replace(month=1, day=1),
        to_date=today)
    assert call(admin, 'sale.reporting.main', 'search_read', [], 0, None,
        None, ['number', 'revenue'], context=context)
    assert call(admin, 'stock.reporting.margin.main', 'search_read', [], 0,
        None, None, ['revenue', 'profit'], context=context)


def test_quotation_menu(admin):
    "询价/报价单 opens all the quotations, not those of selected requests"
    menu, = call(admin, 'ir.ui.menu', 'search_read', [
            ('name', '=', "Supplier Quotations"),
            ('parent.name', '=', "Requests for Quotation"),
            ], 0, None, None, ['action'])
    act_window_id = int(menu['action'].split(',')[1])
    window, = call(admin, 'ir.action.act_window', 'read', [act_window_id],
        ['res_model', 'domain'])
    assert window['res_model'] == 'purchase.request.quotation'
    assert window['domain'] in (None, '', '[]')


def test_buyer_request_quotation(login):
    """The buyer raises a 请购单 and asks a supplier: the quotation line
    has the company's currency and no 9999-12-31 supply date"""
    client = login('buyer2')
    product, = call(client, 'product.product', 'search_read',
        [('purchasable', '=', True)], 0, 1, None, ['default_uom'])
    warehouse, = call(client, 'stock.location', 'search',
        [('type', '=', 'warehouse')], 0, 1, None)
    request, = call(client, 'purchase.request', 'create', [{
                'product': product['id'], 'quantity': 5,
                'unit': product['default_uom'], 'warehouse': warehouse,
                }])
    values = call(client, 'purchase.request.quotation.line', 'default_get',
        ['currency'])
    company, = call(client, 'company.company', 'read',
        [client.context['company']], ['currency'])
    assert values['currency'] == company['currency']
    supplier, = call(client, 'party.party', 'search', [], 0, 1, None)
    context = dict(client.context, active_model='purchase.request',
        active_id=request, active_ids=[request])
    session, start, _ = client.call(
        'wizard.purchase.request.quotation.create.create', context)
    client.call('wizard.purchase.request.quotation.create.execute',
        session, {}, start, context)
    client.call('wizard.purchase.request.quotation.create.execute',
        session, {'ask_suppliers': {'suppliers': [supplier]}},
        'create_quotations', context)
    lines = call(client, 'purchase.request.quotation.line', 'search_read',
        [('request', '=', request)], 0, None, None,
        ['currency', 'supply_date'])
    assert lines
    for line in lines:
        assert line['currency'] == company['currency']
        assert line['supply_date'] != dt.date.max


def test_fifo_order_invoices_first(admin, login):
    """先进先出 of a receipt for an order pays that order's invoice before
    the older invoices of the party; the line shows the order"""
    client = login('bookkeeper5')
    invoices = call(admin, 'account.invoice', 'search_read', [
            ('type', '=', 'out'), ('state', '=', 'posted'),
            ('sales', '!=', None),
            ], 0, None, [('invoice_date', 'DESC'), ('id', 'DESC')],
        ['party', 'sales', 'amount_to_pay'])
    parties = {}
    for invoice in invoices:
        parties.setdefault(invoice['party'], []).append(invoice)
    newest = next(i[0] for i in parties.values() if len(i) > 1)
    sale, = call(admin, 'sale.sale', 'read', newest['sales'][:1], ['number'])
    method, = call(client, 'account.invoice.payment.method', 'search', [],
        0, 1, None)
    voucher, = call(client, 'jxc.payment.voucher', 'create', [{
                'kind': 'receipt', 'party': newest['party'],
                'company': client.context['company'], 'method': method,
                'amount': Decimal('1.00'), 'sale': sale['id'],
                }])
    call(client, 'jxc.payment.voucher', 'allocate_fifo', [voucher])
    line, = call(client, 'jxc.payment.voucher.line', 'search_read',
        [('voucher', '=', voucher)], 0, None, None, ['invoice', 'order'])
    assert line['invoice'] == newest['id']
    assert sale['number'] in line['order']
    call(client, 'jxc.payment.voucher', 'delete', [voucher])
