# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Time 收款统计 and the customer aging against one raw SQL query each.

    PYTHONPATH=. .venv/bin/python -O tests/bench_payment.py \\
        --backend sqlite|postgresql --invoices 100000

A seed of posted customer invoices, half of them partly paid by receipt
vouchers, is made through the ORM, then copied in bulk with SQL (new ids,
same columns) until there are --invoices invoices."""
import argparse
import datetime as dt
import os
import sys
import time
from decimal import Decimal

from tqdm import tqdm

SEED = 50


def parse():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--backend', choices=['sqlite', 'postgresql'],
        default='sqlite')
    parser.add_argument('--invoices', type=int, default=100000)
    parser.add_argument('--repeat', type=int, default=3)
    return parser.parse_args()


def configure(backend):
    os.environ.pop('DB_CACHE', None)
    if backend == 'postgresql':
        os.environ['TRYTOND_DATABASE_URI'] = (
            'postgresql://postgres@127.0.0.1:5432/')
        os.environ['DB_NAME'] = 'bench_payment'
    else:
        os.environ.pop('TRYTOND_DATABASE_URI', None)
        os.environ['DB_NAME'] = ':memory:'


def seed():
    "Company, chart, SEED customers with an invoice each, vouchers"
    from proteus import Model
    from trytond.modules.account.tests.tools import create_fiscalyear
    from trytond.modules.account_invoice.tests.tools import (
        set_fiscalyear_invoice_sequences)
    from trytond.modules.company.tests.tools import get_company
    from trytond.tests.tools import activate_modules

    from jxc_addon.tests.tools import (
        create_cn_chart, create_cn_company, get_cn_account)

    activate_modules('jxc_addon', create_cn_company)
    company = get_company()
    create_cn_chart()
    today = dt.date.today()
    fiscalyear = set_fiscalyear_invoice_sequences(
        create_fiscalyear(company, today=today))
    fiscalyear.click('create_period')
    Journal = Model.get('account.journal')
    Method = Model.get('account.invoice.payment.method')
    journal, = Journal.find([('type', '=', 'cash')])
    method = Method(name="Bank", journal=journal)
    method.debit_account = method.credit_account = get_cn_account('1002')
    method.save()
    configuration = Model.get('account.configuration')(1)
    configuration.advance_receipt_account = get_cn_account('2203')
    configuration.advance_payment_account = get_cn_account('1123')
    configuration.save()

    Party = Model.get('party.party')
    Invoice = Model.get('account.invoice')
    Voucher = Model.get('jxc.payment.voucher')
    revenue = get_cn_account('5001')
    for i in tqdm(range(SEED), desc="seed (ORM)"):
        party = Party(name="Customer %d" % i)
        party.save()
        invoice = Invoice(type='out', party=party, invoice_date=today)
        line = invoice.lines.new(account=revenue, quantity=1)
        line.description = "Goods"
        line.unit_price = Decimal(100 + i)
        invoice.click('post')
        if i % 2:
            voucher = Voucher(kind='receipt', party=party, method=method)
            voucher.amount = Decimal(60)
            voucher.lines.new(invoice=invoice, amount=Decimal(40))
            voucher.click('post')
    return company.id


COPIES = [
    # table, {column: referenced table}, text columns made unique
    ('account_move', {}, ['number']),
    ('account_move_line', {'move': 'account_move'}, []),
    ('account_invoice', {'move': 'account_move'}, ['number']),
    ('jxc_payment_voucher_line', {
            'invoice': 'account_invoice',
            'move_line': 'account_move_line'}, []),
    ]


def multiply(copies):
    "Copy the seed rows copies times with SQL, new ids, same columns"
    from trytond.transaction import Transaction
    cursor = Transaction().connection.cursor()
    offsets, columns = {}, {}
    for table, _, _ in COPIES:
        cursor.execute('SELECT MAX(id) FROM "%s"' % table)
        offsets[table], = cursor.fetchone()
        cursor.execute('SELECT * FROM "%s" WHERE 1 = 0' % table)
        columns[table] = [d[0] for d in cursor.description]
    for k in tqdm(range(1, copies), desc="copies (SQL)"):
        for table, references, texts in COPIES:
            exprs = []
            for name in columns[table]:
                if name == 'id':
                    exprs.append('id + %d' % (k * offsets[table]))
                elif name in references:
                    exprs.append('"%s" + %d' % (
                            name, k * offsets[references[name]]))
                elif name in texts:
                    exprs.append("\"%s\" || '-%d'" % (name, k))
                elif name == 'reconciliation':
                    exprs.append('NULL')
                else:
                    exprs.append('"%s"' % name)
            cursor.execute('INSERT INTO "%s" (%s) SELECT %s FROM "%s" '
                'WHERE id <= %d' % (table,
                    ', '.join('"%s"' % c for c in columns[table]),
                    ', '.join(exprs), table, offsets[table]))
    if Transaction().database.name != 'sqlite':
        for table, _, _ in COPIES:
            cursor.execute('ANALYZE "%s"' % table)


RAW_STATISTICS = '''
SELECT i.id, i.party, i.invoice_date, i.total_amount_cache,
    COALESCE(p.amount, 0), i.total_amount_cache - COALESCE(p.amount, 0)
FROM account_invoice i LEFT JOIN (
    SELECT invoice, SUM(amount) AS amount FROM jxc_payment_voucher_line
    WHERE state != 'draft' GROUP BY invoice) p ON p.invoice = i.id
WHERE i.type = 'out' AND i.state IN ('posted', 'paid') AND i.company = %s
'''
RAW_AGING = '''
SELECT l.party, SUM(l.debit - l.credit)
FROM account_move_line l JOIN account_move m ON l.move = m.id
JOIN account_account a ON l.account = a.id
JOIN account_account_type t ON a.type = t.id
WHERE l.party IS NOT NULL AND (t.receivable OR t.advance = 'customer')
    AND l.reconciliation IS NULL AND m.date <= %s AND a.company = %s
GROUP BY l.party
'''


def best(function, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        rows = function()
        times.append(time.perf_counter() - start)
    return min(times), rows


def measure(company, repeat):
    from trytond.pool import Pool
    from trytond.transaction import Transaction
    pool = Pool()
    Statistics = pool.get('jxc.payment.statistics')
    AgedBalance = pool.get('account.aged_balance')
    cursor = Transaction().connection.cursor()
    today = dt.date.today()
    param = '?' if Transaction().database.name == 'sqlite' else '%s'

    def raw(query, *args):
        cursor.execute(query.replace('%s', param), args)
        return len(cursor.fetchall())

    def orm(Model, names, **context):
        with Transaction().set_context(company=company, **context):
            return len(Model.search_read([], fields_names=names))

    results = []
    for name, orm_call, raw_call in [
            ("收款统计 (search_read, all rows)", lambda: orm(
                    Statistics, ['party', 'invoice', 'total', 'paid',
                        'open', 'overdue'], kind='out', to_date=today),
                lambda: raw(RAW_STATISTICS, company)),
            ("账龄 customers (aged_balance search_read)", lambda: orm(
                    AgedBalance, ['party', 'balance', 'term0', 'term1',
                        'term2', 'term3'], type='customer', date=today,
                    term1=30, term2=60, term3=90, unit='day'),
                lambda: raw(RAW_AGING, today, company)),
            ]:
        orm_time, orm_rows = best(orm_call, repeat)
        raw_time, raw_rows = best(raw_call, repeat)
        results.append((name, orm_rows, raw_rows, orm_time, raw_time))
    return results


def main():
    args = parse()
    configure(args.backend)
    from trytond.tests.test_tryton import DB_NAME
    from trytond.transaction import Transaction
    company = seed()
    with Transaction().start(DB_NAME, 0) as transaction:
        multiply(max(args.invoices // SEED, 1))
        transaction.commit()
    with Transaction().start(DB_NAME, 0, readonly=True):
        results = measure(company, args.repeat)
    print("backend %s, %d invoices, asserts %s" % (
            args.backend, args.invoices, 'off' if not __debug__ else 'on'))
    for name, orm_rows, raw_rows, orm_time, raw_time in results:
        print("%-45s rows %7d/%7d  JXC %.3f s  raw SQL %.3f s  ratio %.2f"
            % (name, orm_rows, raw_rows, orm_time, raw_time,
                orm_time / raw_time))


if __name__ == '__main__':
    sys.exit(main())
