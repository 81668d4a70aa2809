# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Clerks issuing the last units of a product at the same time.

Several processes, each an XML-RPC client of the demo server (one
transaction per call, as the web client does), issue one unit at a time
from a warehouse that forbids negative stock. The server must let exactly
the stock on hand go and refuse the rest with a clear error: no lost or
duplicated issue, no deadlock or lock error shown to a clerk."""
import multiprocessing
import xmlrpc.client

CLERKS = 4
ATTEMPTS = 2  # each clerk issues one unit this many times
INITIAL = 5  # fewer than CLERKS * ATTEMPTS: some issues must be refused
LANGUAGE = {'language': 'zh_CN'}
REFUSED = '禁止负库存'


def connect(server):
    "Return the server proxy and the context the clients send: the user's"
    rpc = xmlrpc.client.ServerProxy(
        'http://admin:%s@%s/%s/rpc/' % (
            server['password'], server['listen'], server['database']),
        allow_none=True)
    context = rpc.model.res.user.get_preferences(True, {})
    context.update(LANGUAGE)
    return rpc, context


def find(rpc, context, model, name):
    "Return the id of the record named name in English"
    record, = getattr(rpc.model, model).search(
        [('name', '=', name)], 0, None, None, dict(context, language='en'))
    return record


def other_shipment(
        rpc, context, kind, reason, warehouse, product, unit, quantity):
    "Create an other receipt or issue and return its id"
    shipment, = rpc.model.stock.other.shipment.create([{
                'kind': kind,
                'reason': reason,
                'warehouse': warehouse,
                'lines': [('create', [{
                                'product': product,
                                'quantity': quantity,
                                'unit': unit,
                                }])],
                }], dict(context, other_shipment_kind=kind))
    return shipment


def on_hand(rpc, context, product, warehouse):
    record, = rpc.model.product.product.read(
        [product], ['quantity'], dict(context, locations=[warehouse]))
    return record['quantity']


def clerk(server, setup, barrier, results):
    "Issue one unit ATTEMPTS times, put (outcome, shipment, detail)"
    rpc, context = connect(server)
    shipments = [
        other_shipment(rpc, context, 'out', setup['scrap'],
            setup['warehouse'], setup['product'], setup['unit'], 1)
        for _ in range(ATTEMPTS)]
    barrier.wait()
    for shipment in shipments:
        try:
            rpc.model.stock.other.shipment.do([shipment], context)
        except xmlrpc.client.Fault as fault:
            outcome = 'refused' if REFUSED in fault.faultString else 'failed'
            results.put((outcome, shipment, fault.faultString))
        except Exception as exception:
            results.put(('failed', shipment, repr(exception)))
        else:
            results.put(('succeeded', shipment, ''))


def set_up(rpc, context):
    "Create a product with INITIAL units in the demo warehouse"
    warehouse, = rpc.model.stock.location.search(
        [('type', '=', 'warehouse')], 0, 1, None, context)
    rpc.model.stock.location.write(
        [warehouse], {'forbid_negative_stock': True}, context)
    unit = find(rpc, context, 'product.uom', "Unit")
    template, = rpc.model.product.template.create([{
                'name': "并发测试商品",
                'type': 'goods',
                'default_uom': unit,
                'list_price': {'__class__': 'Decimal', 'decimal': '10'},
                'products': [('create', [{}])],
                }], context)
    product, = rpc.model.product.template.read(
        [template], ['products'], context)[0]['products']
    setup = {
        'warehouse': warehouse,
        'unit': unit,
        'product': product,
        'scrap': find(rpc, context, 'stock.other.reason', "Scrap"),
        }
    receipt = other_shipment(
        rpc, context, 'in',
        find(rpc, context, 'stock.other.reason', "Opening Stock"),
        warehouse, product, unit, INITIAL)
    rpc.model.stock.other.shipment.do([receipt], context)
    return setup


def run_clerks(server, setup):
    mp = multiprocessing.get_context('fork')
    barrier = mp.Barrier(CLERKS)
    results = mp.Queue()
    processes = [
        mp.Process(target=clerk, args=(server, setup, barrier, results))
        for _ in range(CLERKS)]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=600) for _ in range(CLERKS * ATTEMPTS)]
    for process in processes:
        process.join(60)
    return outcomes


def count(rpc, context, setup, outcomes):
    "Compare what the clerks were told with what the database holds"
    by_outcome = {'succeeded': [], 'refused': [], 'failed': []}
    for outcome, shipment, _ in outcomes:
        by_outcome[outcome].append(shipment)
    shipments = rpc.model.stock.other.shipment.read(
        [s for _, s, _ in outcomes], ['state', 'moves'], context)
    done = {s['id'] for s in shipments if s['state'] == 'done'}
    moves = rpc.model.stock.move.search_read(
        [('product', '=', setup['product']), ('state', '=', 'done'),
            ('to_location.type', '=', 'lost_found')],
        0, None, None, ['quantity'], context)
    succeeded = set(by_outcome['succeeded'])
    return {
        'succeeded': len(succeeded),
        'refused': len(by_outcome['refused']),
        'failed': len(by_outcome['failed']),
        'lost': len(succeeded - done),
        'duplicated': len(done - succeeded) + len(moves) - len(done),
        'issued': sum(m['quantity'] for m in moves),
        'final': on_hand(
            rpc, context, setup['product'], setup['warehouse']),
        }


def test_concurrent_issues(server):
    "Concurrent issues of the last units: one success per unit on hand"
    rpc, context = connect(server)
    setup = set_up(rpc, context)
    assert on_hand(
        rpc, context, setup['product'], setup['warehouse']) == INITIAL

    outcomes = run_clerks(server, setup)
    figures = count(rpc, context, setup, outcomes)
    print(figures)

    failures = [d for o, _, d in outcomes if o == 'failed']
    assert failures == []
    assert figures['lost'] == figures['duplicated'] == 0
    assert figures['succeeded'] == INITIAL
    assert figures['refused'] == CLERKS * ATTEMPTS - INITIAL
    assert figures['issued'] == figures['succeeded']
    assert figures['final'] == INITIAL - figures['succeeded'] >= 0
