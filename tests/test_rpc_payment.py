# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""An integrator registers a receipt over XML-RPC: a customer invoice of
the demo company is paid by a 收款单 with an advance left over."""
import subprocess
import sys

CODE = '''
from decimal import Decimal
from proteus import Model, config

config.set_xmlrpc(URL)
Party = Model.get('party.party')
Product = Model.get('product.product')
Invoice = Model.get('account.invoice')
Method = Model.get('account.invoice.payment.method')
Voucher = Model.get('jxc.payment.voucher')

customer, = Party.find([('name', '=', "杭州鲜丰便利超市有限公司")])
product, = Product.find([('code', '=', 'SP0001')])
invoice = Invoice(type='out', party=customer)
line = invoice.lines.new(product=product, quantity=2)
line.unit_price = Decimal('45.00')
invoice.click('post')

bank, = Method.find([('journal.code', '=', 'YH')])
voucher = Voucher(kind='receipt', party=customer, method=bank)
voucher.amount = Decimal('500.00')
allocation = voucher.lines.new(invoice=invoice)
voucher.click('post')
invoice.reload()
print(invoice.total_amount, allocation.amount, invoice.state)
print(voucher.number[:2], voucher.state, voucher.allocated, voucher.advance)
'''


def test_register_receipt(server):
    "A receipt over XML-RPC pays the invoice and keeps the rest as advance"
    url = 'http://admin:%s@%s/%s/rpc/' % (
        server['password'], server['listen'], server['database'])
    result = subprocess.run(
        [sys.executable, '-c', 'URL = %r\n' % url + CODE],
        cwd=server['cwd'], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    invoice, voucher = result.stdout.splitlines()
    total = invoice.split()[0]
    assert invoice == '%s %s paid' % (total, total)
    number, state, allocated, advance = voucher.split()
    assert (number, state) == ('SK', 'posted')
    assert allocated == total
    assert float(allocated) + float(advance) == 500
