#!/usr/bin/env python3
# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Benchmark of the 收发存汇总表 against a raw GROUP BY and Tryton's
products_by_location, with and without closed stock periods.

    PYTHONPATH=. .venv/bin/python -O tests/bench_stock_summary.py \\
        --backend sqlite --products 5000 --moves 100000

The moves are spread over two years; the summary covers the last year.
"""
import argparse
import datetime as dt
import os
import random
import sys
import time
import tracemalloc
from decimal import Decimal


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        '--backend', choices=['sqlite', 'postgresql'], default='sqlite')
    parser.add_argument('--products', type=int, default=5000)
    parser.add_argument('--moves', type=int, default=100000)
    parser.add_argument(
        '--uri', default='postgresql://postgres@127.0.0.1:5432/')
    parser.add_argument('--database', default='bench_stock_summary')
    parser.add_argument(
        '--export', action='store_true',
        help="also measure the ledger XLSX export of the year")
    return parser.parse_args()


ARGS = parse_args()
if ARGS.backend == 'postgresql':
    os.environ['TRYTOND_DATABASE_URI'] = ARGS.uri
    os.environ['DB_NAME'] = ARGS.database
else:
    os.environ.pop('TRYTOND_DATABASE_URI', None)
    os.environ['DB_NAME'] = ':memory:'

from sql.aggregate import Sum  # noqa: E402
from sql.conditionals import Case, Coalesce  # noqa: E402
from tqdm import tqdm  # noqa: E402

from trytond.modules.company.tests import (  # noqa: E402
    create_company, set_company)
from trytond.pool import Pool  # noqa: E402
from trytond.tests.test_tryton import (  # noqa: E402
    activate_module, drop_db, with_transaction)
from trytond.transaction import Transaction  # noqa: E402

TODAY = dt.date.today()
DAYS = 730
BATCH = 10000


def timed(function, *args, repeat=3):
    "The best time of repeat runs and the last result"
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def compared(functions, *args, repeat=5):
    """The best times of the functions run in turns, so that the load of
    the machine weighs on all alike, and their last results"""
    times, results = [None] * len(functions), [None] * len(functions)
    for _ in range(repeat):
        for i, f in enumerate(functions):
            elapsed, results[i] = timed(f, *args, repeat=1)
            times[i] = elapsed if times[i] is None else min(times[i], elapsed)
    return times, results


def create_products(count, unit):
    "Insert the templates and variants with the columns the ORM writes"
    pool = Pool()
    Template = pool.get('product.template')
    Product = pool.get('product.product')
    template = Template.__table__()
    product = Product.__table__()
    cursor = Transaction().connection.cursor()
    user, now = Transaction().user, dt.datetime.now()
    for i in tqdm(range(0, count, 500), desc="products", unit="batch"):
        cursor.execute(*template.insert(
                [template.create_uid, template.create_date, template.name,
                    template.type, template.default_uom, template.active,
                    template.consumable],
                [[user, now, 'Bench %s' % n, 'goods', unit.id, True, False]
                    for n in range(i, min(count, i + 500))]))
    cursor.execute(*template.select(
            template.id, where=template.name.like('Bench %')))
    template_ids = [i for i, in cursor]
    for i in range(0, len(template_ids), 500):
        cursor.execute(*product.insert(
                [product.create_uid, product.create_date, product.template,
                    product.active],
                [[user, now, t, True] for t in template_ids[i:i + 500]]))
    cursor.execute(*product.select(
            product.id, where=product.template.in_(
                template.select(template.id,
                    where=template.name.like('Bench %')))))
    return [i for i, in cursor]


def move_rows(count, products, unit, locations, company):
    rng = random.Random(42)
    routes = [
        ('supplier', 'storage'), ('storage', 'customer'),
        ('storage', 'customer'), ('customer', 'storage'),
        ('storage', 'supplier'), ('lost_found', 'storage'),
        ('storage', 'lost_found'), ('storage', 'storage2'),
        ]
    now = dt.datetime.now()
    user = Transaction().user
    for _ in range(count):
        from_, to = rng.choice(routes)
        quantity = float(rng.randint(1, 20))
        date = TODAY - dt.timedelta(days=rng.randint(1, DAYS))
        yield (user, now, rng.choice(products), unit, quantity, quantity,
            locations[from_], locations[to], company, date, date, 'done',
            Decimal(rng.randint(100, 50000)) / 100)


COLUMNS = [
    'create_uid', 'create_date', 'product', 'unit', 'quantity',
    'internal_quantity', 'from_location', 'to_location', 'company',
    'effective_date', 'planned_date', 'state', 'cost_amount']


def insert_moves(rows, count):
    "Bulk insert: COPY on PostgreSQL, executemany on SQLite"
    connection = Transaction().connection
    cursor = connection.cursor()
    bar = tqdm(total=count, desc="moves", unit="move")
    if ARGS.backend == 'postgresql':
        with cursor.copy('COPY stock_move (%s) FROM STDIN' % ', '.join(
                    COLUMNS)) as copy:
            for row in rows:
                copy.write_row(row)
                bar.update()
        cursor.execute('ANALYZE stock_move')
    else:
        sql = 'INSERT INTO stock_move (%s) VALUES (%s)' % (
            ', '.join(COLUMNS), ', '.join('?' * len(COLUMNS)))
        batch = []
        for row in rows:
            batch.append(row[:-1] + (str(row[-1]),))
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                bar.update(len(batch))
                batch = []
        cursor.executemany(sql, batch)
        bar.update(len(batch))
        cursor.execute('ANALYZE')
    bar.close()


def raw_group_by(warehouse, company, from_date, to_date, amounts=True):
    """One GROUP BY over all moves: opening, in, out and closing per
    product, in quantity and, as the summary gives them too, in amount"""
    pool = Pool()
    Move = pool.get('stock.move')
    Location = pool.get('stock.location')
    move = Move.__table__()
    from_l = Location.__table__()
    to_l = Location.__table__()
    in_ = (to_l.left >= warehouse.left) & (to_l.right <= warehouse.right)
    out = (from_l.left >= warehouse.left) & (from_l.right <= warehouse.right)
    date = Coalesce(move.effective_date, move.planned_date)
    columns = [move.internal_quantity]
    if amounts:
        columns.append(move.cost_amount)
    sums = []
    for column in columns:
        signed = Case((in_, column), else_=-column)
        sums += [
            Sum(signed, filter_=date < from_date),
            Sum(column, filter_=in_ & (date >= from_date)),
            Sum(column, filter_=out & (date >= from_date)),
            Sum(signed),
            ]
    query = (move
        .join(from_l, condition=move.from_location == from_l.id)
        .join(to_l, condition=move.to_location == to_l.id)
        .select(
            move.product, *sums,
            where=((in_ & ~out) | (out & ~in_)) & (move.state == 'done')
            & (date <= to_date),
            group_by=[move.product]))
    cursor = Transaction().connection.cursor()
    cursor.execute(*query)
    return cursor.fetchall()


def raw_quantities(*args):
    "The raw GROUP BY of the quantities only"
    return raw_group_by(*args, amounts=False)


def summary(warehouse, company, from_date, to_date):
    Summary = Pool().get('stock.reporting.summary')
    with Transaction().set_context(
            company=company.id, location=warehouse.id,
            from_date=from_date, to_date=to_date):
        query = Summary.table_query()
        cursor = Transaction().connection.cursor()
        cursor.execute(*query)
        return cursor.fetchall()


def summary_read(warehouse, company, from_date, to_date):
    """The summary as the web client opens it: search of the first page of
    1,000 rows, then read of their fields"""
    Summary = Pool().get('stock.reporting.summary')
    with Transaction().set_context(
            company=company.id, location=warehouse.id,
            from_date=from_date, to_date=to_date):
        summaries = Summary.search([], limit=1000)
        return Summary.read(
            [s.id for s in summaries], ['product', 'unit',
                'opening_quantity', 'opening_amount', 'input_quantity',
                'input_amount', 'output_quantity', 'output_amount',
                'closing_quantity', 'closing_amount'])


def tryton_quantities(warehouse, products, from_date, to_date):
    "Opening and closing with products_by_location (no in/out split)"
    Product = Pool().get('product.product')
    result = []
    for date in [from_date - dt.timedelta(days=1), to_date]:
        with Transaction().set_context(stock_date_end=date):
            result.append(Product.products_by_location(
                    [warehouse.id], with_childs=True,
                    grouping_filter=(products,)))
    return result


def peak_memory(function, *args):
    tracemalloc.start()
    function(*args)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2 ** 20


def export_ledger(warehouse, company, from_date, to_date):
    User = Pool().get('res.user')
    User.export_stock_ledger([User(Transaction().user)], {
            'company': company.id, 'location': warehouse.id,
            'from_date': from_date, 'to_date': to_date})


@with_transaction()
def run():
    pool = Pool()
    Location = pool.get('stock.location')
    Move = pool.get('stock.move')
    Period = pool.get('stock.period')
    Uom = pool.get('product.uom')
    # Closing a period locks the moves, which restarts the transaction
    # unless the lock is taken at its start: take it before building
    Move.lock()
    company = create_company()
    with set_company(company):
        warehouse, = Location.search([('code', '=', 'WH')])
        warehouse2, = Location.copy([warehouse])
        locations = {
            'storage': warehouse.storage_location.id,
            'storage2': warehouse2.storage_location.id,
            }
        for type_ in ['supplier', 'customer', 'lost_found']:
            locations[type_] = Location.search([('type', '=', type_)])[0].id
        unit, = Uom.search([('name', '=', 'Unit')])
        products = create_products(ARGS.products, unit)
        insert_moves(
            move_rows(ARGS.moves, products, unit.id, locations, company.id),
            ARGS.moves)

        from_date = TODAY - dt.timedelta(days=365)
        args = (warehouse, company, from_date, TODAY)
        print("backend=%s products=%s moves=%s python -O=%s" % (
                ARGS.backend, ARGS.products, ARGS.moves, not __debug__))
        for label in ['without closed periods', 'with closed periods']:
            if label.startswith('with '):
                start = time.perf_counter()
                period = Period(
                    date=from_date - dt.timedelta(days=1), company=company)
                period.save()
                Period.close([period])
                print("closing the period: %.1f s" % (
                        time.perf_counter() - start))
            (quantities, raw, sql), (_, raw_rows, rows) = compared(
                [raw_quantities, raw_group_by, summary], *args)
            print("raw GROUP BY over all moves: %.3f s (%s rows), "
                "quantities only: %.3f s (summary %.2f× that)" % (
                    raw, len(raw_rows), quantities, sql / quantities))
            read, _ = timed(summary_read, *args, repeat=1)
            memory = peak_memory(summary, *args)
            print("summary %s: SQL %.3f s (%.2f× raw, %s rows), "
                "client first page %.3f s, peak memory of the SQL summary %.1f MiB" % (
                    label, sql, sql / raw, len(rows), read, memory))
        tryton, _ = timed(
            tryton_quantities, warehouse, products, from_date, TODAY,
            repeat=1)
        print("products_by_location (opening + closing): %.3f s "
            "(%.1f× raw)" % (tryton, tryton / raw))
        if ARGS.export:
            start = time.perf_counter()
            memory = peak_memory(export_ledger, *args)
            print("ledger XLSX export of the year: %.1f s, "
                "peak memory %.1f MiB" % (
                    time.perf_counter() - start, memory))
        Transaction().rollback()


def main():
    activate_module('jxc_addon')
    try:
        run()
    finally:
        if ARGS.backend == 'postgresql':
            drop_db()
    sys.stdout.flush()


if __name__ == '__main__':
    main()
