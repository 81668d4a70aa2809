# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Three months of demo documents: purchases received and invoiced, sales
delivered and invoiced, dated in the past so that the ledgers, summaries and
statistics have something to show."""
import datetime as dt

from proteus import Model
from proteus.config import get_config

# months back, day, supplier index, [(product index, quantity)]
PURCHASES = [
    (3, 3, 0, [(0, 60), (1, 40)]),
    (3, 8, 2, [(4, 80), (5, 120)]),
    (2, 4, 1, [(2, 150), (3, 30)]),
    (2, 15, 3, [(6, 50), (7, 40)]),
    (1, 6, 0, [(0, 80), (1, 30)]),
    (1, 12, 2, [(4, 60), (5, 100)]),
    ]
# months back, day, customer index, [(product index, quantity)]
SALES = [
    (3, 12, 0, [(0, 50), (2, 80), (5, 100)]),
    (3, 22, 1, [(3, 20), (4, 60)]),
    (2, 10, 2, [(0, 40), (1, 30), (6, 30)]),
    (2, 24, 0, [(2, 120), (5, 150)]),
    (1, 14, 1, [(1, 40), (4, 90), (7, 30)]),
    (1, 20, 3, [(3, 5), (6, 10)]),
    ]


def opening_date(today=None):
    "The date of the opening stock count: the first day, 4 months ago"
    return month_day(4, 1, today)


def month_day(months_back, day, today=None):
    today = today or dt.date.today()
    month = today.month - months_back
    year = today.year + (month - 1) // 12
    return dt.date(year, (month - 1) % 12 + 1, day)


def post_invoices(invoices, date):
    Invoice = Model.get('account.invoice')
    for invoice in invoices:
        invoice = Invoice(invoice.id)
        invoice.invoice_date = date
        invoice.click('post')


def purchase(warehouse, supplier, lines, date):
    "A purchase confirmed, received and invoiced on date"
    Purchase = Model.get('purchase.purchase')
    Shipment = Model.get('stock.shipment.in')
    Move = Model.get('stock.move')
    order = Purchase(party=supplier, purchase_date=date, warehouse=warehouse)
    for product, quantity in lines:
        line = order.lines.new()
        line.product = product
        line.quantity = quantity
    order.click('quote')
    order.click('confirm')
    shipment = Shipment(
        supplier=supplier, warehouse=warehouse, planned_date=date,
        effective_date=date)
    for move in order.moves:
        shipment.incoming_moves.append(Move(move.id))
    shipment.click('receive')
    shipment.click('do')
    order.reload()
    post_invoices(order.invoices, date)


def sale(warehouse, customer, lines, date):
    "A sale confirmed, delivered and invoiced on date"
    Sale = Model.get('sale.sale')
    Shipment = Model.get('stock.shipment.out')
    order = Sale(party=customer, sale_date=date, warehouse=warehouse)
    for product, quantity in lines:
        line = order.lines.new()
        line.product = product
        line.quantity = quantity
    order.click('quote')
    order.click('confirm')
    for shipment in order.shipments:
        shipment = Shipment(shipment.id)
        shipment.effective_date = date
        shipment.save()
        shipment.click('assign_try')
        shipment.click('pick')
        shipment.click('pack')
        shipment.click('do')
    order.reload()
    post_invoices(order.invoices, date)


def create(warehouse, suppliers, customers, products):
    "Create the documents in date order"
    # the payment dates of back-dated invoices are in the past: expected
    get_config().skip_warning = True
    documents = [
        (month_day(m, d), purchase, suppliers[s], lines)
        for m, d, s, lines in PURCHASES]
    documents += [
        (month_day(m, d), sale, customers[c], lines)
        for m, d, c, lines in SALES]
    for date, make, party, lines in sorted(
            documents, key=lambda d: d[0]):
        make(warehouse, party, [(products[p], q) for p, q in lines], date)
