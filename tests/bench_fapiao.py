#!/usr/bin/env python3
# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Time the 到票/开票 statistics against one raw SQL query over the same rows.

Builds N confirmed purchases and N sales, each with one registered fapiao
(one line, one allocation), by bulk SQL copies of ORM-made templates, then
reads the statistics models in process and runs the equivalent raw query.

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


RAW_PARTY = '''
SELECT o.party, COUNT(o.id), SUM(o.total_amount_cache),
    SUM(COALESCE(b.amount, 0)),
    SUM(o.total_amount_cache - COALESCE(b.amount, 0))
FROM {order} AS o
LEFT JOIN (SELECT a.{field} AS "order", SUM(a.amount) AS amount
    FROM account_fapiao_allocation AS a
    JOIN account_fapiao AS f ON a.fapiao = f.id
    WHERE f.state = 'posted' GROUP BY a.{field}) AS b ON b."order" = o.id
WHERE o.company = {param} AND o.state IN ('confirmed', 'processing', 'done')
GROUP BY o.party ORDER BY 5 DESC'''

RAW_RATE = '''
SELECT f.type, f.party, l.rate, SUM(l.amount), SUM(l.tax),
    SUM(l.amount + l.tax), COUNT(DISTINCT f.id)
FROM account_fapiao_line AS l JOIN account_fapiao AS f ON l.fapiao = f.id
WHERE f.company = {param} AND f.state = 'posted'
GROUP BY f.type, f.party, l.rate, {month}'''


def timed(function, repeat):
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def measure(company, repeat, backend):
    from trytond.pool import Pool
    from trytond.transaction import Transaction
    database = os.environ['DB_NAME']
    month = ("strftime('%Y-%m', f.date)" if backend == 'sqlite'
        else "date_trunc('month', f.date)")
    cases = [
        ('account.fapiao.reporting.supplier',
            RAW_PARTY.format(order='purchase_purchase', field='purchase',
                param=param())),
        ('account.fapiao.reporting.customer',
            RAW_PARTY.format(order='sale_sale', field='sale',
                param=param())),
        ('account.fapiao.reporting.rate',
            RAW_RATE.format(month=month, param=param())),
        ]
    names = ['amount', 'fapiao_amount', 'open_amount']
    with Transaction().start(database, 0, context={'company': company},
            readonly=True) as transaction:
        pool = Pool()
        cursor = transaction.connection.cursor()
        for model, raw in cases:
            Model = pool.get(model)
            fields = names if 'rate' not in model else [
                'untaxed_amount', 'tax_amount', 'total_amount']

            def orm():
                return Model.search_read([], fields_names=fields)

            def sql():
                cursor.execute(raw, (company,))
                return cursor.fetchall()
            orm_time, rows = timed(orm, repeat)
            sql_time, raw_rows = timed(sql, repeat)
            assert len(rows) == len(raw_rows), (len(rows), len(raw_rows))
            print('%-36s rows %6d  orm %.3f s  sql %.3f s  ratio %.2f' % (
                    model, len(rows), orm_time, sql_time,
                    orm_time / sql_time))


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
    measure(company, args.repeat, args.backend)


if __name__ == '__main__':
    main()
