#!/usr/bin/env python3
# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Time 收款/付款统计 and the aging against one raw SQL query each.

    PYTHONPATH=. .venv/bin/python -O tests/bench_payment.py \\
        --backend sqlite|postgresql --invoices 100000

A seed of SEED customer and SEED supplier invoices is posted through the
ORM with the vouchers of the product: unpaid, partly paid, fully paid
(reconciled), advance received first and matched later, paid with the rest
kept as an advance.  All the rows the seed wrote (invoices, their lines,
moves, move lines, reconciliations, payment lines, vouchers, allocations)
are then copied with one INSERT ... SELECT per table, with new ids, the
references between them shifted, the Reference fields rewritten and the
parties rotated over PARTIES, until there are --invoices invoices.

Each report is timed as the client opens its list: ``search`` with the
client's page size then ``read`` of the list view's fields of the ids found
(two requests, each its own transaction); the reference is one raw SQL
query giving the same rows in the same order with the same figures, and
the totals of every column are compared to the cent."""
import argparse
import datetime as dt
import os
import sys
import time
from decimal import Decimal

from tqdm import tqdm

SEED = 20
PARTIES = 200
PAGE = 1000


def parse():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--backend', choices=['sqlite', 'postgresql'],
        default='sqlite')
    parser.add_argument('--invoices', type=int, default=100000,
        help="number of invoices, half customer and half supplier ones")
    parser.add_argument(
        '--uri', default='postgresql://postgres@127.0.0.1:5432/')
    parser.add_argument('--repeat', type=int, default=3)
    return parser.parse_args()


def configure(args):
    if args.backend == 'postgresql':
        os.environ['TRYTOND_DATABASE_URI'] = args.uri
        os.environ['DB_NAME'] = 'bench_pay_payment'
    else:
        os.environ.pop('TRYTOND_DATABASE_URI', None)
        os.environ['DB_NAME'] = ':memory:'


def set_up():
    "Company, chart, fiscal year, payment method, parties; the company id"
    from proteus import Model
    from trytond.modules.account.tests.tools import create_fiscalyear
    from trytond.modules.account_invoice.tests.tools import (
        set_fiscalyear_invoice_sequences)
    from trytond.modules.company.tests.tools import get_company
    from trytond.tests.tools import activate_modules

    from jxc_addon.tests.tools import (
        create_cn_chart, create_cn_company, get_cn_account)

    config = activate_modules('jxc_addon', create_cn_company)
    company = get_company()
    create_cn_chart()
    today = dt.date.today()
    fiscalyear = set_fiscalyear_invoice_sequences(create_fiscalyear(
            company, today=(today - dt.timedelta(days=365), today)))
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
    Term = Model.get('account.invoice.payment_term')
    term = Term(name="30 days")
    term.lines.new(type='remainder').relativedeltas.new(days=30)
    term.save()
    Party = Model.get('party.party')
    parties = [Party(name="Party %03d" % i) for i in range(PARTIES)]
    Party.save(parties)
    return config, company.id, method, term, parties


def rotations(parties):
    "First id of the parties and of their addresses, rotated by the copies"
    first = {
        'party.party': [p.id for p in parties],
        'party.address': [a.id for p in parties for a in p.addresses],
        }
    for model, ids in first.items():
        if ids != list(range(ids[0], ids[0] + PARTIES)):
            raise SystemExit("%s: ids not one per party in a row" % model)
    return {m: ids[0] for m, ids in first.items()}


def seed(config, method, term, parties):
    "Post SEED invoices of each type with the vouchers of the product"
    from proteus import Model
    from trytond.modules.account_invoice.exceptions import (
        InvoicePaymentTermDateWarning)

    from jxc_addon.tests.tools import get_cn_account
    Invoice = Model.get('account.invoice')
    Voucher = Model.get('jxc.payment.voucher')
    Warning = Model.get('res.user.warning')
    today = dt.date.today()
    accounts = {'out': get_cn_account('5001'), 'in': get_cn_account('5401')}
    kinds = {'out': 'receipt', 'in': 'payment'}

    def voucher(invoice, amount, allocated):
        voucher = Voucher(kind=kinds[invoice.type], party=invoice.party,
            method=method, date=invoice.invoice_date, amount=amount)
        if allocated:
            voucher.lines.new(invoice=invoice, amount=allocated)
        voucher.click('post')
        return voucher

    # oldest first: an invoice is numbered after the ones of earlier dates
    seeds = [(t, i) for t in kinds for i in reversed(range(SEED))]
    for type_, i in tqdm(seeds, desc="seed (ORM)"):
        invoice = Invoice(type=type_, party=parties[i],
            invoice_date=today - dt.timedelta(days=15 * i))
        if i % 2:
            invoice.payment_term = term
        line = invoice.lines.new(account=accounts[type_], quantity=1)
        line.description = "Goods"
        line.unit_price = Decimal(100 + 7 * i)
        try:
            invoice.click('post')
        except InvoicePaymentTermDateWarning as warning:
            Warning(user=config.user, name=warning.name).save()
            invoice.click('post')
        total = invoice.total_amount
        pattern = i % 5
        if pattern == 1:  # partly paid
            voucher(invoice, Decimal(40), Decimal(40))
        elif pattern == 2:  # fully paid: reconciled
            voucher(invoice, total, total)
        elif pattern == 3:  # advance received first, matched later
            advance = voucher(invoice, Decimal(50), None)
            advance.lines.new(invoice=invoice, amount=Decimal(50))
            advance.click('allocate')
        elif pattern == 4:  # paid in part, the rest kept as an advance
            voucher(invoice, Decimal(80), Decimal(30))


# The models whose rows the seed wrote, copied in this order
COPIED = [
    'account.move.reconciliation',
    'account.move',
    'account.move.line',
    'account.invoice',
    'account.invoice.line',
    'account.invoice-account.move.line',
    'jxc.payment.voucher',
    'jxc.payment.voucher.line',
    ]
UNIQUE_TEXTS = {'number', 'post_number'}


def copy_expressions(Model, ranges, rotated):
    "SQL expressions of the columns of Model for the copy number k"
    from trytond.model import fields
    exprs = {}
    for name, field in Model._fields.items():
        if hasattr(field, 'get') or name in {'create_date', 'write_date',
                'create_uid', 'write_uid'}:
            continue
        column = '"%s"' % name
        if name == 'id':
            lo, hi = ranges[Model.__name__]
            exprs[name] = 'id + k * %d' % (hi - lo + 1)
        elif isinstance(field, fields.Many2One):
            target = field.model_name
            if target in ranges:
                lo, hi = ranges[target]
                exprs[name] = '%s + k * %d' % (column, hi - lo + 1)
            elif target in rotated:
                first = rotated[target]
                exprs[name] = '%d + (%s - %d + k * %d) %% %d' % (
                    first, column, first, SEED, PARTIES)
        elif isinstance(field, fields.Reference):
            cases = []
            for target in ranges:
                lo, hi = ranges[target]
                prefix = target + ','
                cases.append("WHEN %s LIKE '%s%%' THEN '%s' || CAST("
                    "CAST(SUBSTR(%s, %d) AS INTEGER) + k * %d AS VARCHAR)"
                    % (column, prefix, prefix, column, len(prefix) + 1,
                        hi - lo + 1))
            exprs[name] = 'CASE %s ELSE %s END' % (' '.join(cases), column)
        elif name in UNIQUE_TEXTS:
            exprs[name] = "%s || '-' || CAST(k AS VARCHAR)" % column
        exprs.setdefault(name, column)
    return exprs


def multiply(copies, rotated):
    "Copy the rows of the seed copies - 1 times with SQL"
    from trytond.pool import Pool
    from trytond.transaction import Transaction
    pool = Pool()
    transaction = Transaction()
    cursor = transaction.connection.cursor()
    ranges = {}
    for name in COPIED:
        table = pool.get(name)._table
        cursor.execute('SELECT MIN(id), MAX(id) FROM "%s"' % table)
        ranges[name] = cursor.fetchone()
    cursor.execute('CREATE TABLE bench_copy (k INTEGER)')
    cursor.execute('INSERT INTO bench_copy (k) VALUES ' + ', '.join(
            '(%d)' % k for k in range(1, copies)))
    for name in tqdm(COPIED, desc="copies (SQL)"):
        Model = pool.get(name)
        exprs = copy_expressions(Model, ranges, rotated)
        lo, hi = ranges[name]
        cursor.execute('INSERT INTO "%s" (%s) SELECT %s FROM "%s", bench_copy '
            'WHERE id BETWEEN %d AND %d' % (Model._table,
                ', '.join('"%s"' % c for c in exprs),
                ', '.join(exprs.values()), Model._table, lo, hi))
    cursor.execute('DROP TABLE bench_copy')
    for name in COPIED:
        table = pool.get(name)._table
        if transaction.database.has_sequence():
            cursor.execute('SELECT MAX(id) FROM "%s"' % table)
            transaction.database.setnextid(
                transaction.connection, table, cursor.fetchone()[0] + 1)
    cursor.execute('ANALYZE')


LIST_FIELDS = {
    'jxc.payment.statistics': [
        'party', 'invoice', 'invoice_date', 'maturity_date',
        'total', 'paid', 'open', 'overdue'],
    'account.aged_balance': [
        'party', 'term0', 'term1', 'term2', 'term3', 'balance'],
    }

# The first page of invoices, then the vouchers' allocations still in
# force at the date of these invoices only
RAW_STATISTICS = '''
WITH page AS (
    SELECT id, party, invoice_date,
        COALESCE(payment_term_date, invoice_date) AS maturity_date,
        total_amount_cache AS total
    FROM account_invoice
    WHERE type = :type AND company = :company
        AND state IN ('posted', 'paid') AND invoice_date <= :date
    ORDER BY invoice_date, id
    LIMIT %d),
paid AS (
    SELECT l.invoice, SUM(l.amount) AS amount
    FROM jxc_payment_voucher_line AS l JOIN page ON l.invoice = page.id
    WHERE l.state != 'draft' AND l.date <= :date
        AND (l.undo_date IS NULL OR l.undo_date > :date)
    GROUP BY l.invoice)
SELECT page.id, page.party, page.invoice_date, page.maturity_date,
    page.total, COALESCE(paid.amount, 0),
    page.total - COALESCE(paid.amount, 0),
    CASE WHEN page.maturity_date < :date
        THEN page.total - COALESCE(paid.amount, 0) ELSE 0 END
FROM page LEFT JOIN paid ON paid.invoice = page.id
ORDER BY page.invoice_date, page.id''' % PAGE

# Receivable/payable or advance lines open at the date, per party, by age
RAW_AGING = '''
SELECT l.party,
    SUM(CASE WHEN COALESCE(l.maturity_date, m.date) <= :date
        AND COALESCE(l.maturity_date, m.date) > {d30}
        THEN l.debit - l.credit ELSE 0 END),
    SUM(CASE WHEN COALESCE(l.maturity_date, m.date) <= {d30}
        AND COALESCE(l.maturity_date, m.date) > {d60}
        THEN l.debit - l.credit ELSE 0 END),
    SUM(CASE WHEN COALESCE(l.maturity_date, m.date) <= {d60}
        AND COALESCE(l.maturity_date, m.date) > {d90}
        THEN l.debit - l.credit ELSE 0 END),
    SUM(CASE WHEN COALESCE(l.maturity_date, m.date) <= {d90}
        THEN l.debit - l.credit ELSE 0 END),
    SUM(l.debit - l.credit)
FROM account_move_line AS l
JOIN account_move AS m ON l.move = m.id
JOIN account_account AS a ON l.account = a.id
JOIN account_account_type AS t ON a.type = t.id
LEFT JOIN account_move_reconciliation AS r ON l.reconciliation = r.id
WHERE l.party IS NOT NULL AND {kind}
    AND (l.reconciliation IS NULL OR r.date > :date)
    AND m.date <= :date AND a.company = :company
GROUP BY l.party
ORDER BY l.party'''
DAYS_BEFORE = {
    'sqlite': "date(:date, '-%d days')",
    'postgresql': "CAST(:date AS DATE) - %d",
    }
AGING_KINDS = {
    'customer': "(t.receivable OR t.advance = 'customer')",
    'supplier': "(t.payable OR t.advance = 'supplier')",
    }


def raw_sql(query, backend, values):
    "The query with :name parameters for the backend, and its parameters"
    query = query.format(**{'d%d' % d: DAYS_BEFORE[backend] % d
            for d in [30, 60, 90]})
    params = []
    mark = '?' if backend == 'sqlite' else '%s'
    while ':' in query:
        start = end = query.index(':') + 1
        while end < len(query) and (query[end].isalnum()
                or query[end] == '_'):
            end += 1
        params.append(values[query[start:end]])
        query = query[:start - 1] + mark + query[end:]
    return query, params


def money(value):
    if isinstance(value, bytes):
        value = value.decode()
    return Decimal(str(value or 0)).quantize(Decimal('0.01'))


def totals(rows, columns):
    "The sum of each money column of rows, to the cent"
    return [sum((money(r[c]) for r in rows), Decimal(0)) for c in columns]


def best(function, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        rows = function()
        times.append(time.perf_counter() - start)
    return min(times), rows


def client(model, context):
    "search a page then read the list's fields, as two requests do"
    from trytond.pool import Pool
    from trytond.tests.test_tryton import DB_NAME
    from trytond.transaction import Transaction
    with Transaction().start(DB_NAME, 0, context=context, readonly=True):
        Model = Pool().get(model)
        ids = list(map(int, Model.search([], limit=PAGE)))
    with Transaction().start(DB_NAME, 0, context=context, readonly=True):
        Model = Pool().get(model)
        rows = Model.read(ids, LIST_FIELDS[model])
    index = {i: n for n, i in enumerate(ids)}
    return sorted(rows, key=lambda r: index[r['id']])


def raw(query, backend, values):
    from trytond.tests.test_tryton import DB_NAME
    from trytond.transaction import Transaction
    query, params = raw_sql(query, backend, values)
    with Transaction().start(DB_NAME, 0, readonly=True) as transaction:
        cursor = transaction.connection.cursor()
        cursor.execute(query, params)
        return cursor.fetchall()


def cases(company, backend):
    today = dt.date.today()
    aging = {'date': today, 'term1': 30, 'term2': 60, 'term3': 90,
        'unit': 'day', 'company': company}
    for kind, name in [('out', "收款统计"), ('in', "付款统计")]:
        yield (name, 'jxc.payment.statistics',
            {'company': company, 'kind': kind, 'to_date': today},
            ['total', 'paid', 'open', 'overdue'], RAW_STATISTICS,
            {'date': today, 'type': kind, 'company': company}, [4, 5, 6, 7])
    for kind, name in [('customer', "账龄 customers"),
            ('supplier', "账龄 suppliers")]:
        yield (name, 'account.aged_balance', dict(aging, type=kind),
            ['term0', 'term1', 'term2', 'term3', 'balance'],
            RAW_AGING.replace('{kind}', AGING_KINDS[kind]),
            {'date': today, 'company': company}, [1, 2, 3, 4, 5])


def measure(company, backend, repeat):
    results = []
    for (name, model, context, fields, query, values,
            columns) in cases(company, backend):
        orm_time, orm_rows = best(lambda: client(model, context), repeat)
        raw_time, raw_rows = best(
            lambda: raw(query, backend, values), repeat)
        orm_totals = totals(orm_rows, fields)
        raw_totals = totals(raw_rows, columns)
        same = ([r['id'] for r in orm_rows] == [r[0] for r in raw_rows]
            and orm_totals == raw_totals)
        results.append((name, len(orm_rows), orm_time, raw_time,
                orm_totals, raw_totals, same))
    return results


def main():
    args = parse()
    configure(args)
    sys.path.insert(0, os.path.dirname(os.path.dirname(
                os.path.abspath(__file__))))
    from trytond.tests.test_tryton import DB_NAME
    from trytond.transaction import Transaction
    start = time.perf_counter()
    config, company, method, term, parties = set_up()
    seed(config, method, term, parties)
    copies = max(args.invoices // (2 * SEED), 1)
    rotated = rotations(parties)
    with Transaction().start(DB_NAME, 0) as transaction:
        multiply(copies, rotated)
        transaction.commit()
    print("backend %s, %d invoices built in %.0f s, asserts %s" % (
            args.backend, copies * 2 * SEED, time.perf_counter() - start,
            'off' if not __debug__ else 'on'))
    failed = False
    for (name, rows, orm_time, raw_time, orm_totals, raw_totals,
            same) in measure(company, args.backend, args.repeat):
        print("%-16s rows %5d  JXC %.3f s  raw SQL %.3f s  ratio %.2f  "
            "totals %s" % (name, rows, orm_time, raw_time,
                orm_time / raw_time, ' '.join(map(str, orm_totals))))
        if not same:
            failed = True
            print("    differs from raw SQL: %s" % ' '.join(
                    map(str, raw_totals)))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
