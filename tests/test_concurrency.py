# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Clerks issuing the last units of a product at the same time, at
different dates.

Several processes, each a JSON-RPC session of the demo server (one
transaction per call, as the web client does), issue one unit at a time,
backdated, today or postdated, from a warehouse that forbids negative stock
(禁止负库存). The server must let exactly the stock on hand go and refuse the
rest with the clear error: no lost or duplicated issue, no negative stock at
any date, no deadlock, lock error or HTTP 503 shown to a clerk."""
import datetime as dt
import multiprocessing
import random
from decimal import Decimal

import pytest
from jsonrpc import Fault

from conftest import backend_name

# SQLite takes one writer at a time: fewer clerks, the same checks
CLERKS = 16 if backend_name() == 'postgresql' else 4
ATTEMPTS = 3  # each clerk issues one unit this many times
INITIAL = CLERKS * ATTEMPTS * 2 // 3  # some issues must be refused
DAYS = range(-6, 3)  # the issues are dated from 6 days back to 2 ahead
RECEIVED = -10  # the days back of the receipt, before every issue
REFUSED = '禁止负库存'


def session(server, login):
    "Return a new session of the warehouse clerk, in Chinese"
    return login('warehouse3', 'zh_CN')


def find(client, model, name):
    "Return the id of the record named name in English"
    record, = client.call(
        'model.%s.search' % model, [('name', '=', name)], 0, None, None,
        dict(client.context, language='en'))
    return record


def other_shipment(client, setup, kind, reason, quantity, days=0):
    "Create an other receipt or issue dated days from today, return its id"
    shipment, = client.call('model.stock.other.shipment.create', [{
                'kind': kind,
                'reason': reason,
                'warehouse': setup['warehouse'],
                'effective_date': setup['today'] + dt.timedelta(days=days),
                'lines': [('create', [{
                                'product': setup['product'],
                                'quantity': quantity,
                                'unit': setup['unit'],
                                }])],
                }], dict(client.context, other_shipment_kind=kind))
    return shipment


def do(client, shipment):
    "Do the shipment, accepting the warning of a date in the future"
    try:
        client.model.stock.other.shipment.do([shipment])
    except Fault as fault:
        if fault.kind != 'UserWarning':
            raise
        name = fault.args[0][1][0]
        client.model.res.user.warning.create([{
                    'user': client.user_id, 'name': name, 'always': True}])
        client.model.stock.other.shipment.do([shipment])


def set_up(admin, initial=INITIAL):
    "Create a product and receive initial units, RECEIVED days back"
    warehouse, = admin.model.stock.location.search(
        [('type', '=', 'warehouse')], 0, 1, None)
    admin.model.stock.location.write(
        [warehouse], {'forbid_negative_stock': True})
    unit = find(admin, 'product.uom', "Unit")
    template, = admin.model.product.template.create([{
                'name': "并发测试商品 %s" % random.random(),
                'type': 'goods',
                'default_uom': unit,
                'list_price': Decimal('10'),
                'products': [('create', [{}])],
                }])
    product, = admin.model.product.template.read(
        [template], ['products'])[0]['products']
    today = admin.model.ir.date.today()
    setup = {
        'warehouse': warehouse,
        'unit': unit,
        'product': product,
        'today': today,
        'opening': find(admin, 'stock.other.reason', "Opening Stock"),
        'scrap': find(admin, 'stock.other.reason', "Scrap"),
        }
    if initial:
        do(admin, other_shipment(
                admin, setup, 'in', setup['opening'], initial, RECEIVED))
    return setup


def clerk(client, setup, days, barrier, results):
    "Issue one unit at each of days, put (outcome, shipment, detail)"
    shipments = [
        other_shipment(client, setup, 'out', setup['scrap'], 1, d)
        for d in days]
    barrier.wait()
    for shipment in shipments:
        try:
            do(client, shipment)
        except Fault as fault:
            outcome = 'refused' if REFUSED in fault.message else 'failed'
            results.put((outcome, shipment, fault.message))
        except Exception as exception:
            results.put(('failed', shipment, repr(exception)))
        else:
            results.put(('succeeded', shipment, ''))


def run_clerks(clients, setup):
    mp = multiprocessing.get_context('fork')
    barrier = mp.Barrier(len(clients))
    results = mp.Queue()
    dates = random.Random(14)
    processes = [
        mp.Process(target=clerk, args=(
                client, setup, dates.choices(DAYS, k=ATTEMPTS),
                barrier, results))
        for client in clients]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=600) for _ in range(CLERKS * ATTEMPTS)]
    for process in processes:
        process.join(60)
    return outcomes


def balances(admin, setup):
    "Return the stock of the warehouse at the end of each day with a move"
    storage, = admin.model.stock.location.read(
        [setup['warehouse']], ['storage_location'])
    moves = admin.model.stock.move.search_read(
        [('product', '=', setup['product']), ('state', '=', 'done')],
        0, None, None, ['quantity', 'effective_date', 'to_location'])
    deltas = {}
    for move in moves:
        date = move['effective_date']
        sign = 1 if move['to_location'] == storage['storage_location'] else -1
        deltas[date] = deltas.get(date, 0) + sign * move['quantity']
    stock, result = 0, {}
    for date in sorted(deltas):
        stock += deltas[date]
        result[date] = stock
    return result


def count(admin, setup, outcomes):
    "Compare what the clerks were told with what the database holds"
    by_outcome = {'succeeded': [], 'refused': [], 'failed': []}
    for outcome, shipment, _ in outcomes:
        by_outcome[outcome].append(shipment)
    shipments = admin.model.stock.other.shipment.read(
        [s for _, s, _ in outcomes], ['state', 'moves'])
    done = {s['id'] for s in shipments if s['state'] == 'done'}
    moves = admin.model.stock.move.search_read(
        [('product', '=', setup['product']), ('state', '=', 'done'),
            ('to_location.type', '=', 'lost_found')],
        0, None, None, ['quantity'])
    succeeded = set(by_outcome['succeeded'])
    return {
        'succeeded': len(succeeded),
        'refused': len(by_outcome['refused']),
        'failed': len(by_outcome['failed']),
        'lost': len(succeeded - done),
        'duplicated': len(done - succeeded) + len(moves) - len(done),
        'issued': sum(m['quantity'] for m in moves),
        'lowest': min(balances(admin, setup).values()),
        }


def test_concurrent_issues(server, admin, login):
    "Concurrent dated issues of the last units: one success per unit"
    setup = set_up(admin)
    clients = [session(server, login) for _ in range(CLERKS)]

    outcomes = run_clerks(clients, setup)
    figures = count(admin, setup, outcomes)
    print(figures)

    failures = [d for o, _, d in outcomes if o == 'failed']
    assert failures == []
    assert figures['lost'] == figures['duplicated'] == 0
    assert figures['succeeded'] == INITIAL
    assert figures['refused'] == CLERKS * ATTEMPTS - INITIAL
    assert figures['issued'] == figures['succeeded']
    assert figures['lowest'] == 0


@pytest.fixture
def clerk_setup(server, admin, login):
    "A new product with nothing on hand and a clerk's session"
    return session(server, login), set_up(admin, 0)


def refusal(client, shipment):
    "Return the message of the refusal to do the shipment, left in draft"
    with pytest.raises(Fault) as info:
        do(client, shipment)
    state, = client.model.stock.other.shipment.read([shipment], ['state'])
    assert state['state'] == 'draft'
    return info.value


def test_postdated_issue_counts(clerk_setup):
    "Receive 5, issue 5 tomorrow: 5 more today would leave −5 tomorrow"
    client, setup = clerk_setup
    do(client, other_shipment(client, setup, 'in', setup['opening'], 5))
    do(client, other_shipment(client, setup, 'out', setup['scrap'], 5, 1))

    fault = refusal(
        client, other_shipment(client, setup, 'out', setup['scrap'], 5))

    assert fault.kind == 'UserError'
    assert REFUSED in fault.message
    assert (setup['today'] + dt.timedelta(days=1)).isoformat() in (
        fault.message)


def test_backdated_issue_refused(clerk_setup):
    "Receive 5 today: an issue dated 10 days back finds nothing"
    client, setup = clerk_setup
    do(client, other_shipment(client, setup, 'in', setup['opening'], 5))

    fault = refusal(client, other_shipment(
            client, setup, 'out', setup['scrap'], 5, -10))

    assert fault.kind == 'UserError'
    assert REFUSED in fault.message
    assert balances(client, setup) == {setup['today']: 5}
