# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""An integrator registers a fapiao received (到票) over XML-RPC against a
purchase order of the demo database, and a duplicate number is refused."""
import datetime as dt
import xmlrpc.client
from decimal import Decimal

import pytest


def decimal(value):
    "A Decimal as trytond's XML-RPC reads it (it answers <bigdecimal>)"
    return {'__class__': 'Decimal', 'decimal': value}


def date(value):
    return {'__class__': 'date',
        'year': value.year, 'month': value.month, 'day': value.day}


@pytest.fixture
def rpc(server):
    proxy = xmlrpc.client.ServerProxy(
        '%sadmin:%s@%s/%s/rpc/' % (
            'http://', server['password'], server['listen'],
            server['database']),
        allow_none=True, use_builtin_types=True)
    context = proxy.model.res.user.get_preferences(True, {})
    return proxy.model, context


def create_purchase(model, context):
    "Confirm a purchase of 10 units at 100.00 with 13 % input VAT"
    supplier_price, = model.purchase.product_supplier.search_read(
        [], 0, 1, None, ['template', 'party'], context)
    product, = model.product.product.search_read(
        [('template', '=', supplier_price['template'])], 0, 1, None,
        ['default_uom'], context)
    tax_id, = model.account.tax.search([
            ('group.kind', '=', 'purchase'), ('rate', '=', decimal('0.13')),
            ('parent', '=', None)], 0, 1, None, context)
    address_id, = model.party.address.search(
        [('party', '=', supplier_price['party'])], 0, 1, None, context)
    purchase_id, = model.purchase.purchase.create([{
                'party': supplier_price['party'],
                'invoice_address': address_id,
                'lines': [('create', [{
                                'product': product['id'],
                                'unit': product['default_uom'],
                                'quantity': 10,
                                'unit_price': decimal('100.00'),
                                'taxes': [('add', [tax_id])],
                                }])],
                }], context)
    model.purchase.purchase.quote([purchase_id], context)
    model.purchase.purchase.confirm([purchase_id], context)
    return purchase_id, supplier_price['party']


def fapiao_values(purchase_id, party_id, number):
    "A 数电 special fapiao of 1130.00 covering the purchase"
    return {
        'type': 'in',
        'kind': 'digital_special',
        'number': number,
        'date': date(dt.date.today()),
        'party': party_id,
        'seller_name': "供应商",
        'buyer_name': "本公司",
        'total_amount': decimal('1130.00'),
        'lines': [('create', [{
                        'rate': decimal('0.13'),
                        'amount': decimal('1000.00'),
                        'tax': decimal('130.00'),
                        }])],
        'allocations': [('create', [{
                        'purchase': purchase_id,
                        'amount': decimal('1130.00'),
                        }])],
        }


def test_register_fapiao(rpc):
    "Create a purchase, register its fapiao, read the amounts received"
    model, context = rpc
    purchase_id, party_id = create_purchase(model, context)
    purchase_fields = [
        'fapiao_amount_due', 'fapiao_amount', 'fapiao_amount_open']
    purchase, = model.purchase.purchase.read(
        [purchase_id], purchase_fields, context)
    assert [purchase[f] for f in purchase_fields] == [
        Decimal('1130.00'), Decimal('0.00'), Decimal('1130.00')]

    number = '26332000005808230001'
    fapiao_id, = model.account.fapiao.create(
        [fapiao_values(purchase_id, party_id, number)], context)
    model.account.fapiao.post([fapiao_id], context)

    fapiao, = model.account.fapiao.read(
        [fapiao_id], ['state', 'tax_amount', 'rec_name'], context)
    assert (fapiao['state'], fapiao['tax_amount'], fapiao['rec_name']) == (
        'posted', Decimal('130.00'), number)
    purchase, = model.purchase.purchase.read(
        [purchase_id], purchase_fields, context)
    assert [purchase[f] for f in purchase_fields] == [
        Decimal('1130.00'), Decimal('1130.00'), Decimal('0.00')]

    duplicate = fapiao_values(purchase_id, party_id, number)
    del duplicate['allocations']
    with pytest.raises(xmlrpc.client.Fault) as fault:
        model.account.fapiao.create([duplicate], context)
    # the demo administrator reads zh_CN
    assert "发票“%s”已为往来单位" % number in str(fault.value)
    assert model.account.fapiao.search_count(
        [('number', '=', number)], 0, None, context) == 1
