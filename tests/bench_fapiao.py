#!/usr/bin/env python3
# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Time the 到票/开票 statistics against one raw SQL query over the same rows.

Builds N confirmed purchases and N sales, each with one registered fapiao
(one line, one allocation), by bulk SQL copies of ORM-made templates.

Each statistics model (per supplier, per customer, per purchase, per sale,
per party, rate and month) is timed as the client opens its list:
``search`` with the client's page size, then ``read`` of the list view's
fields of the ids found (two requests, each its own transaction).  The
reference is one hand-written query giving the same page: the same rows
in the same order with the same figures (the ids and the totals of the
money columns to the cent are compared).  Best of --repeat, the ORM and
the raw query timed in turns.

    PYTHONPATH=. .venv/bin/python -O tests/bench_fapiao.py \\
        --backend sqlite|postgresql --fapiao 100000
"""
import argparse
import datetime as dt
import os
import random
import sys
import time
from decimal import Decimal

PARTIES = 200
BATCH = 5000
PARAM = {'sqlite': '?', 'postgresql': '%s'}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        '--backend', choices=['sqlite', 'postgresql'], default='sqlite')
    parser.add_argument('--fapiao', type=int, default=10000,
        help="number of fapiao of each type (received and issued)")
    parser.add_argument(
        '--uri', default='postgresql://postgres@127.0.0.1:5432/')
    parser.add_argument('--repeat', type=int, default=3)
    return parser.parse_args()


def set_up_environment(args):
    os.environ['DB_NAME'] = (
        ':memory:' if args.backend == 'sqlite' else 'bench_fapiao')
    if args.backend == 'postgresql':
        os.environ['TRYTOND_DATABASE_URI'] = args.uri
    else:
        os.environ.pop('TRYTOND_DATABASE_URI', None)


def create_templates():
    "One confirmed order and one fapiao of each type made by the ORM"
    from proteus import Model
    from trytond.modules.company.tests.tools import get_company
    Party = Model.get('party.party')
    parties = [Party(name="Party %03d" % i) for i in range(PARTIES)]
    for start in range(0, PARTIES, 50):
        Party.save(parties[start:start + 50])
    company = get_company()
    templates = {}
    for type_, model, field in [
            ('in', 'purchase.purchase', 'purchase'),
            ('out', 'sale.sale', 'sale')]:
        Order = Model.get(model)
        order = Order(party=parties[0])
        order.save()
        Fapiao = Model.get('account.fapiao')
        fapiao = Fapiao(type=type_, kind='other', number='T%s' % type_)
        fapiao.date = dt.date.today()
        fapiao.party = parties[0]
        fapiao.total_amount = Decimal('0')
        fapiao.lines.new(rate=Decimal('0.13'), amount=0, tax=0)
        fapiao.save()
        templates[type_] = (model, field, order.id, fapiao.id)
    return company.id, [p.id for p in parties], templates


def param():
    return PARAM[os.environ.get('TRYTOND_DATABASE_URI', 'sqlite').split(
            ':', 1)[0]]


def copy_rows(cursor, table, template_id, count, values, start_id):
    "Insert count copies of the template row with values(i) changed"
    cursor.execute('SELECT * FROM "%s" WHERE id = %s' % (table, param()),
        (template_id,))
    names = [d[0] for d in cursor.description]
    template = dict(zip(names, cursor.fetchone()))
    rows = []
    for i in range(count):
        row = dict(template, id=start_id + i, **values(i))
        rows.append(tuple(row[n] for n in names))
    sql = 'INSERT INTO "%s" (%s) VALUES (%s)' % (
        table, ','.join('"%s"' % n for n in names),
        ','.join([param()] * len(names)))
    for start in range(0, count, BATCH):
        cursor.executemany(sql, rows[start:start + BATCH])


def next_id(cursor, table):
    cursor.execute('SELECT MAX(id) FROM "%s"' % table)
    return (cursor.fetchone()[0] or 0) + 1


def build(count, company, parties, templates):
    from tqdm import tqdm
    from trytond.transaction import Transaction
    database = os.environ['DB_NAME']
    with Transaction().start(database, 0) as transaction:
        cursor = transaction.connection.cursor()
        rng = random.Random(42)
        today = dt.date.today()
        steps = tqdm(total=len(templates) * 4, desc="bulk insert")
        for type_, (model, field, order_id, fapiao_id) in templates.items():
            order_table = model.replace('.', '_')
            cursor.execute('SELECT id FROM account_fapiao_line '
                'WHERE fapiao = ' + param(), (fapiao_id,))
            line_id, = cursor.fetchone()
            first_order = next_id(cursor, order_table)
            first_fapiao = next_id(cursor, 'account_fapiao')
            amounts = [Decimal(rng.randint(100, 100000)) for _ in range(count)]
            dates = [today - dt.timedelta(days=rng.randint(0, 364))
                for _ in range(count)]
            copy_rows(cursor, order_table, order_id, count, lambda i: {
                    'party': parties[i % len(parties)],
                    'number': '%s%08d' % (type_, i),
                    'state': 'confirmed',
                    '%s_date' % field: dates[i],
                    'total_amount_cache': amounts[i] * Decimal('1.13'),
                    }, first_order)
            steps.update()
            copy_rows(cursor, 'account_fapiao', fapiao_id, count, lambda i: {
                    'party': parties[i % len(parties)],
                    'number': '%020d' % i,
                    'state': 'posted',
                    'date': dates[i],
                    'total_amount': amounts[i] * Decimal('1.13'),
                    }, first_fapiao)
            steps.update()
            copy_rows(cursor, 'account_fapiao_line', line_id, count,
                lambda i: {
                    'fapiao': first_fapiao + i,
                    'rate': Decimal('0.13') if i % 3 else Decimal('0.09'),
                    'amount': amounts[i],
                    'tax': amounts[i] * Decimal('0.13'),
                    }, next_id(cursor, 'account_fapiao_line'))
            steps.update()
            allocation_id = next_id(cursor, 'account_fapiao_allocation')
            cursor.executemany(
                'INSERT INTO account_fapiao_allocation '
                '(id, fapiao, "%s", amount, create_uid, create_date) '
                'VALUES (%s, 0, %s)' % (
                    field, ','.join([param()] * 4), param()),
                [(allocation_id + i, first_fapiao + i, first_order + i,
                        amounts[i] * (1 if i % 4 else Decimal('0.5')),
                        dt.datetime.now())
                    for i in range(count)])
            steps.update()
        steps.close()
        if transaction.database.has_sequence():
            for table in ['purchase_purchase', 'sale_sale', 'account_fapiao',
                    'account_fapiao_line', 'account_fapiao_allocation']:
                transaction.database.setnextid(
                    transaction.connection, table,
                    next_id(cursor, table))
        cursor.execute('ANALYZE')
        transaction.commit()


PAGE = 1000
STATES = "('confirmed', 'processing', 'done')"
VIEWS = os.path.join(os.path.dirname(os.path.dirname(
            os.path.abspath(__file__))), 'jxc_addon', 'view')

# What the order's fapiao amount is: the posted fapiao allocated to it
BOOKED = """SELECT a.{field} AS "order", SUM(a.amount) AS amount
    FROM account_fapiao_allocation AS a
    JOIN account_fapiao AS f ON a.fapiao = f.id
    WHERE f.state = 'posted' GROUP BY a.{field}"""

RAW_PARTY = """
SELECT o.party, COUNT(o.id), SUM(o.total_amount_cache),
    SUM(COALESCE(b.amount, 0)),
    SUM(o.total_amount_cache - COALESCE(b.amount, 0))
FROM {order} AS o LEFT JOIN (%s) AS b ON b."order" = o.id
WHERE o.company = {param} AND o.state IN %s
GROUP BY o.party ORDER BY 5 DESC, o.party LIMIT %d""" % (
    BOOKED, STATES, PAGE)

RAW_ORDER = """
SELECT o.id, o.number, o.{field}_date, o.party, o.total_amount_cache,
    COALESCE(b.amount, 0), o.total_amount_cache - COALESCE(b.amount, 0)
FROM {order} AS o LEFT JOIN (%s) AS b ON b."order" = o.id
WHERE o.company = {param} AND o.state IN %s
ORDER BY o.{field}_date DESC, o.id DESC LIMIT %d""" % (
    BOOKED, STATES, PAGE)

# The same pages in the form of the report's queries: per party the sums
# of the orders and of the allocations in a union, per order a correlated
# sum of its allocations
RAW_PARTY_UNION = """
SELECT s.party, SUM(s.orders), SUM(s.amount), SUM(s.fapiao_amount),
    SUM(s.amount) - SUM(s.fapiao_amount)
FROM (SELECT +o.party AS party, COUNT(o.id) AS orders,
        SUM(o.total_amount_cache) AS amount, 0 AS fapiao_amount
    FROM {order} AS o WHERE o.company = {param} AND o.state IN %s
    GROUP BY +o.party
    UNION ALL
    SELECT +o.party, 0, 0, SUM(a.amount)
    FROM account_fapiao_allocation AS a
    JOIN account_fapiao AS f ON a.fapiao = f.id
    JOIN {order} AS o ON a.{field} = o.id
    WHERE f.state = 'posted' AND o.company = {param} AND o.state IN %s
    GROUP BY +o.party) AS s
GROUP BY s.party ORDER BY 5 DESC, s.party LIMIT %d""" % (
    STATES, STATES, PAGE)

BOOKED_ORDER = """COALESCE((SELECT SUM(a.amount)
        FROM account_fapiao_allocation AS a
        JOIN account_fapiao AS f ON a.fapiao = f.id
        WHERE a.{field} = o.id AND f.state = 'posted'), 0)"""

RAW_ORDER_CORRELATED = """
SELECT o.id, o.number, o.{field}_date, o.party, o.total_amount_cache,
    %s, o.total_amount_cache - %s
FROM {order} AS o
WHERE o.company = {param} AND o.state IN %s
ORDER BY o.{field}_date DESC, o.id DESC LIMIT %d""" % (
    BOOKED_ORDER, BOOKED_ORDER, STATES, PAGE)

RAW_RATE = """
SELECT MIN(l.id), {month}, f.type, f.party, l.rate, COUNT(DISTINCT f.id),
    SUM(l.amount), SUM(l.tax), SUM(l.amount + l.tax)
FROM account_fapiao_line AS l JOIN account_fapiao AS f ON l.fapiao = f.id
WHERE f.company = {param} AND f.state = 'posted'
GROUP BY f.type, f.party, l.rate, {month}
ORDER BY 2 DESC, l.rate DESC, 1 LIMIT %d""" % PAGE

MONTH = {
    'sqlite': "strftime('%Y-%m-01', f.date)",
    'postgresql': "date_trunc('month', f.date)",
    }


def list_fields(view):
    "The fields of the list view, as the client reads them"
    from lxml import etree
    tree = etree.parse(os.path.join(VIEWS, view + '.xml'))
    return [f.get('name') for f in tree.iter('field')]


def cases(backend):
    """(model, list view, raw queries, money columns of the model and
    queries): the reference first, then the query in the report's form"""
    money = ['amount', 'fapiao_amount', 'open_amount']
    for type_, order, party in [
            ('purchase', 'purchase_purchase', 'supplier'),
            ('sale', 'sale_sale', 'customer')]:
        keys = {'order': order, 'field': type_, 'param': param()}
        yield ('account.fapiao.reporting.%s' % party,
            'fapiao_reporting_party_list',
            [RAW_PARTY.format(**keys), RAW_PARTY_UNION.format(**keys)],
            money, [2, 3, 4])
        yield ('account.fapiao.reporting.%s' % type_,
            'fapiao_reporting_order_list',
            [RAW_ORDER.format(**keys), RAW_ORDER_CORRELATED.format(**keys)],
            money, [4, 5, 6])
    yield ('account.fapiao.reporting.rate', 'fapiao_reporting_rate_list',
        [RAW_RATE.format(month=MONTH[backend], param=param())],
        ['untaxed_amount', 'tax_amount', 'total_amount'], [6, 7, 8])


def client(model, fields, context):
    "search a page then read the list's fields, as two requests do"
    from trytond.pool import Pool
    from trytond.transaction import Transaction
    database = os.environ['DB_NAME']
    with Transaction().start(database, 0, context=context, readonly=True):
        ids = list(map(int, Pool().get(model).search([], limit=PAGE)))
    with Transaction().start(database, 0, context=context, readonly=True):
        rows = Pool().get(model).read(ids, fields)
    index = {i: n for n, i in enumerate(ids)}
    return sorted(rows, key=lambda r: index[r['id']])


def raw(query, company):
    from trytond.transaction import Transaction
    database = os.environ['DB_NAME']
    with Transaction().start(database, 0, readonly=True) as transaction:
        cursor = transaction.connection.cursor()
        cursor.execute(query, (company,) * query.count(param()))
        return cursor.fetchall()


def totals(rows, columns):
    "The sum of each money column of rows, to the cent"
    from jxc_addon.fapiao import to_money
    return [sum((to_money(r[c]) for r in rows), Decimal(0))
        for c in columns]


def measure(company, repeat, backend):
    """Best of repeat for each case and query, the ORM and the raw queries
    in turns: (model, rows, ORM time, raw times, same rows and figures)"""
    from tqdm import tqdm
    context = {'company': company}
    results = []
    steps = tqdm(total=repeat * 5, desc="measure")
    for model, view, queries, names, columns in cases(backend):
        fields = list_fields(view)
        times = [None] * (1 + len(queries))
        same = True
        for _ in range(repeat):
            for i, run in enumerate([lambda: client(model, fields, context)]
                    + [lambda q=q: raw(q, company) for q in queries]):
                start = time.perf_counter()
                result = run()
                elapsed = time.perf_counter() - start
                times[i] = min(times[i] or elapsed, elapsed)
                if i == 0:
                    rows = result
                else:
                    assert len(rows) == len(result), (
                        model, len(rows), len(result))
                    same &= (
                        [r['id'] for r in rows] == [r[0] for r in result]
                        and totals(rows, names) == totals(result, columns))
            steps.update()
        results.append((model, len(rows), times[0], times[1:], same))
    steps.close()
    return results


def main():
    args = parse_args()
    set_up_environment(args)
    from trytond.tests.tools import activate_modules
    sys.path.insert(0, os.path.dirname(os.path.dirname(
                os.path.abspath(__file__))))
    from jxc_addon.tests.tools import create_cn_company
    start = time.perf_counter()
    activate_modules('jxc_addon', create_cn_company)
    company, parties, templates = create_templates()
    build(args.fapiao, company, parties, templates)
    print("%s: %d fapiao of each type built in %.0f s" % (
            args.backend, args.fapiao, time.perf_counter() - start))
    failed = False
    for model, rows, orm_time, sql_times, same in measure(
            company, args.repeat, args.backend):
        print('%-36s rows %5d  orm %.3f s  sql %.3f s  ratio %.2f%s' % (
                model, rows, orm_time, sql_times[0],
                orm_time / sql_times[0],
                ''.join('  report\'s form: sql %.3f s  ratio %.2f' % (
                        t, orm_time / t) for t in sql_times[1:])
                + ('' if same else '  DIFFERS from raw SQL')))
        failed |= not same
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
