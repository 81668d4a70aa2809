#!/usr/bin/env python3
# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Benchmark of the 禁止负库存 check: an issue done with the rule on against
the same issue with the rule off, in the same run.

    PYTHONPATH=. .venv/bin/python -O tests/bench_stock_negative.py \\
        --backend sqlite --products 1000 --moves 100000 --issues 200

The history is spread over two years; each issue takes one unit of a random
product, dated a random day of the last year, so that the check covers a
year of later moves. The rule on and off run in turns, so that the load of
the machine weighs on both alike.
"""
import argparse
import datetime as dt
import os
import random
import statistics
import time


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        '--backend', choices=['sqlite', 'postgresql'], default='sqlite')
    parser.add_argument('--products', type=int, default=1000)
    parser.add_argument('--moves', type=int, default=100000)
    parser.add_argument('--issues', type=int, default=200)
    parser.add_argument(
        '--uri', default='postgresql://postgres@127.0.0.1:5432/')
    parser.add_argument('--database', default='bench_stock_negative')
    return parser.parse_args()


ARGS = parse_args()
if ARGS.backend == 'postgresql':
    os.environ['TRYTOND_DATABASE_URI'] = ARGS.uri
    os.environ['DB_NAME'] = ARGS.database
else:
    os.environ.pop('TRYTOND_DATABASE_URI', None)
    os.environ['DB_NAME'] = ':memory:'

from tqdm import tqdm  # noqa: E402
from trytond.modules.company.tests import (  # noqa: E402
    create_company, set_company)
from trytond.pool import Pool  # noqa: E402
from trytond.tests.test_tryton import (  # noqa: E402
    activate_module, with_transaction)
from trytond.transaction import Transaction  # noqa: E402

TODAY = dt.date.today()
DAYS = 730
OPENING = 10 ** 6  # received per product before the history: never short
COLUMNS = [
    'create_uid', 'create_date', 'product', 'unit', 'quantity',
    'internal_quantity', 'from_location', 'to_location', 'company',
    'effective_date', 'planned_date', 'state']


def create_products(count, unit):
    "Create the products with the ORM, in batches"
    Template = Pool().get('product.template')
    templates = []
    for i in tqdm(range(0, count, 500), desc="products", unit="batch"):
        templates += Template.create([{
                    'name': 'Bench %s' % n, 'type': 'goods',
                    'default_uom': unit.id, 'products': [('create', [{}])],
                    } for n in range(i, min(count, i + 500))])
    return [t.products[0].id for t in templates]


def move_rows(products, unit, locations, company):
    "An opening receipt per product, then ARGS.moves random moves"
    rng = random.Random(42)
    now, user = dt.datetime.now(), Transaction().user
    start = TODAY - dt.timedelta(days=DAYS + 1)
    for product in products:
        yield (user, now, product, unit, OPENING, OPENING,
            locations['supplier'], locations['storage'], company,
            start, start, 'done')
    routes = [
        ('supplier', 'storage'), ('storage', 'customer'),
        ('storage', 'customer'), ('storage', 'lost_found')]
    for _ in range(ARGS.moves):
        from_, to = rng.choice(routes)
        quantity = float(rng.randint(1, 20))
        date = TODAY - dt.timedelta(days=rng.randint(0, DAYS))
        yield (user, now, rng.choice(products), unit, quantity, quantity,
            locations[from_], locations[to], company, date, date, 'done')


def insert_moves(rows):
    "Bulk insert of the history"
    cursor = Transaction().connection.cursor()
    placeholder = '%s' if ARGS.backend == 'postgresql' else '?'
    sql = 'INSERT INTO stock_move (%s) VALUES (%s)' % (
        ', '.join(COLUMNS), ', '.join([placeholder] * len(COLUMNS)))
    batch = []
    for row in tqdm(rows, desc="moves", unit="move",
            total=ARGS.products + ARGS.moves):
        batch.append(row)
        if len(batch) == 10000:
            cursor.executemany(sql, batch)
            batch = []
    cursor.executemany(sql, batch)
    cursor.execute('ANALYZE' if ARGS.backend == 'sqlite'
        else 'ANALYZE stock_move')


def issue(product, unit, storage, lost_found, date):
    "Create and do an issue of one unit; return the seconds of do"
    Move = Pool().get('stock.move')
    move, = Move.create([{
                'product': product, 'unit': unit.id, 'quantity': 1,
                'from_location': storage, 'to_location': lost_found,
                'effective_date': date,
                }])
    start = time.perf_counter()
    Move.do([move])
    return time.perf_counter() - start


@with_transaction()
def run():
    pool = Pool()
    Location = pool.get('stock.location')
    Uom = pool.get('product.uom')
    company = create_company()
    with set_company(company):
        warehouse, = Location.search([('code', '=', 'WH')])
        locations = {'storage': warehouse.storage_location.id}
        for type_ in ['supplier', 'customer', 'lost_found']:
            locations[type_] = Location.search([('type', '=', type_)])[0].id
        unit, = Uom.search([('name', '=', 'Unit')])
        products = create_products(ARGS.products, unit)
        insert_moves(move_rows(products, unit.id, locations, company.id))
        print("backend=%s products=%s moves=%s issues=%s" % (
                ARGS.backend, ARGS.products, ARGS.moves, ARGS.issues))

        rng = random.Random(7)
        times = {True: [], False: []}
        for _ in tqdm(range(ARGS.issues), desc="issues", unit="pair"):
            product = rng.choice(products)
            date = TODAY - dt.timedelta(days=rng.randint(0, 365))
            for forbid in rng.sample([True, False], 2):
                Location.write([warehouse], {'forbid_negative_stock': forbid})
                times[forbid].append(issue(
                        product, unit, locations['storage'],
                        locations['lost_found'], date))
        on, off = (statistics.median(times[f]) for f in [True, False])
        print("do of one issue, median of %s: rule on %.2f ms, "
            "rule off %.2f ms, check %.2f ms per issue, ratio %.2fx" % (
                ARGS.issues, on * 1000, off * 1000, (on - off) * 1000,
                on / off))
        Transaction().rollback()


if __name__ == '__main__':
    activate_module(['jxc_addon'])
    run()
