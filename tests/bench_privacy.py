#!/usr/bin/env python3
# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Time the export and the erasure of a person who is the party of many
documents (paid invoices and done sales inserted by bulk SQL).

Prints the wall-clock and the CPU time of this process (the load of a shared
machine inflates the first) of export_person, of the JSON and XLSX files of
the export wizard with their sizes, and of erase_person.

    PYTHONPATH=. .venv/bin/python -O tests/bench_privacy.py \\
        --backend sqlite|postgresql [--documents 10000]
"""
import argparse
import datetime as dt
import os
import sys
import time


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        '--backend', choices=['sqlite', 'postgresql'], default='sqlite')
    parser.add_argument('--documents', type=int, default=10000,
        help="number of invoices and of sales of the person")
    parser.add_argument('--database', default='bench_privacy')
    parser.add_argument(
        '--uri', default='postgresql://postgres@127.0.0.1:5432/')
    return parser.parse_args()


def configure(args):
    "Point trytond's test tools at the database before importing them"
    if args.backend == 'postgresql':
        os.environ['TRYTOND_DATABASE_URI'] = args.uri
        os.environ['DB_NAME'] = args.database
    else:
        os.environ['TRYTOND_DATABASE_URI'] = 'sqlite://'
        os.environ['DB_NAME'] = ':memory:'


def clone(Model, record_id, count, values):
    "Insert count copies of the row of record_id with values, in batches"
    from sql import Table
    from trytond.transaction import Transaction
    cursor = Transaction().connection.cursor()
    table = Table(Model._table)
    cursor.execute(*table.select(where=table.id == record_id))
    names = [d[0] for d in cursor.description]
    row = dict(zip(names, cursor.fetchone()))
    del row['id']
    columns = sorted(row)
    batch = max(1, 30000 // len(columns))
    for start in range(0, count, batch):
        rows = []
        for i in range(start, min(start + batch, count)):
            row.update({k: v(i) if callable(v) else v
                    for k, v in values.items()})
            rows.append([row[c] for c in columns])
        cursor.execute(*table.insert(
                [getattr(table, c) for c in columns], rows))


def close(Model, record_id, state):
    "Set the state of the record in SQL, as if its workflow had run"
    from trytond.transaction import Transaction
    table = Model.__table__()
    Transaction().connection.cursor().execute(*table.update(
            [table.state], [state], where=table.id == record_id))


def create_person(count):
    "Create the person, one invoice and one sale, then clone them"
    from trytond.modules.account.tests import create_chart
    from trytond.modules.company.tests import create_company, set_company
    from trytond.pool import Pool
    pool = Pool()
    Account = pool.get('account.account')
    Invoice = pool.get('account.invoice')
    Journal = pool.get('account.journal')
    Party = pool.get('party.party')
    Sale = pool.get('sale.sale')
    company = create_company()
    with set_company(company):
        create_chart(company)
        receivable, = Account.search([('type.receivable', '=', True)], limit=1)
        party = Party(name="周敏", contact_mechanisms=[
                {'type': 'mobile', 'value': '+8613958123456'}],
            addresses=[{'street': "文三路 90 号"}])
        party.save()
        journal, = Journal.search([('type', '=', 'revenue')], limit=1)
        invoice = Invoice(
            type='out', party=party, invoice_address=party.addresses[0],
            company=company, currency=company.currency, journal=journal,
            account=receivable, invoice_date=dt.date.today())
        invoice.save()
        sale = Sale(party=party, company=company)
        sale.save()
        clone(Invoice, invoice.id, count - 1, {
                'state': 'paid', 'number': lambda i: 'INV%06d' % i})
        clone(Sale, sale.id, count - 1, {
                'state': 'done', 'number': lambda i: 'SO%06d' % i})
        close(Invoice, invoice.id, 'paid')
        close(Sale, sale.id, 'done')
    return company.id, party.id


class Timed:
    "The wall-clock and the CPU time of this process of a call"

    def __init__(self, function, *args, **kwargs):
        wall, cpu = time.perf_counter(), time.process_time()
        self.result = function(*args, **kwargs)
        self.wall = time.perf_counter() - wall
        self.cpu = time.process_time() - cpu

    def __str__(self):
        return f"{self.wall:.2f} s (CPU {self.cpu:.2f} s)"


def main():
    args = parse_args()
    configure(args)
    from trytond.pool import Pool
    from trytond.tests.test_tryton import DB_NAME, activate_module, drop_db
    from trytond.transaction import Transaction, TransactionError

    drop_db()
    activate_module(['jxc_privacy', 'jxc_addon'])
    pool = Pool(DB_NAME)
    start, extras = time.perf_counter(), {}
    while True:
        try:
            with Transaction().start(DB_NAME, 0, **extras) as transaction:
                company, party = create_person(args.documents)
                transaction.commit()
                break
        except TransactionError as exception:
            exception.fix(extras)  # the chart locks the configuration
    print(f"setup {args.documents} invoices + {args.documents} sales: "
        f"{time.perf_counter() - start:.1f} s", file=sys.stderr)
    with Transaction().start(DB_NAME, 0, context={'company': company}):
        Data = pool.get('privacy.data')
        export = Timed(Data.export_person, party=party)
        data = export.result
        to_json = Timed(Data.to_json, data)
        to_xlsx = Timed(Data.to_xlsx, data)
        records = sum(len(m['records']) for m in data['models'].values())
        erase = Timed(Data.erase_person, party=party)
    wizard = export.wall + to_json.wall + to_xlsx.wall
    print(f"backend={args.backend} documents={args.documents} "
        f"(x2: invoices + sales) asserts={'on' if __debug__ else 'off'} "
        f"load={os.getloadavg()[0]:.1f}")
    print(f"export_person: {export}, {records} records, "
        f"{len(data['models'])} models")
    print(f"to_json: {to_json}, {len(to_json.result) / 2**20:.1f} MiB")
    print(f"to_xlsx: {to_xlsx}, {len(to_xlsx.result) / 2**20:.1f} MiB")
    print(f"export wizard (export_person + files): {wizard:.2f} s")
    print(f"erase_person: {erase}, kept: " + ', '.join(
            f"{k['model']} {k['records']}" for k in erase.result['kept']))
    print(f"per 1000 records: export {1000 * export.wall / records:.3f} s, "
        f"erase {1000 * erase.wall / records:.3f} s")
    drop_db()


if __name__ == '__main__':
    main()
