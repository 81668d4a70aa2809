# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Random move histories: the 收发存汇总表, the 库存台账 and Tryton's own
quantities tell the same story over any date range"""
import datetime as dt
import io
import random
import zipfile
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction
from trytond.transaction import Transaction

from .tools import ActivatedTestCase

DAYS = 120
PRODUCTS = 6
RANGES = 100


def insert_moves(moves):
    "Insert the moves with the columns the ORM writes, in one statement a batch"
    Move = Pool().get('stock.move')
    table = Move.__table__()
    transaction = Transaction()
    columns = [
        table.create_uid, table.create_date, table.product, table.unit,
        table.quantity, table.internal_quantity, table.from_location,
        table.to_location, table.company, table.effective_date,
        table.planned_date, table.state, table.cost_amount]
    cursor = transaction.connection.cursor()
    now = dt.datetime.now()
    for i in range(0, len(moves), 200):
        cursor.execute(*table.insert(columns, [
                    [transaction.user, now, *m] for m in moves[i:i + 200]]))


class StockPropertyTestCase(ActivatedTestCase):
    "Invariants of the stock reports over random move histories"

    def setup_stock(self):
        pool = Pool()
        Location = pool.get('stock.location')
        Template = pool.get('product.template')
        Uom = pool.get('product.uom')
        warehouse, = Location.search([('code', '=', 'WH')])
        warehouse2, = Location.copy([warehouse])
        shelf, = Location.create([{
                    'name': "Shelf", 'type': 'storage',
                    'parent': warehouse.storage_location.id}])
        unit, = Uom.search([('name', '=', 'Unit')])
        templates = Template.create([{
                    'name': "Product %s" % i, 'type': 'goods',
                    'default_uom': unit.id, 'cost_price_method': 'average',
                    'products': [('create', [{}])],
                    } for i in range(PRODUCTS)])
        locations = {
            'storage': warehouse.storage_location,
            'shelf': shelf,
            'storage2': warehouse2.storage_location,
            }
        for type_ in ['supplier', 'customer', 'lost_found']:
            locations[type_], = Location.search([('type', '=', type_)])
        return warehouse, [t.products[0] for t in templates], unit, locations

    def random_moves(self, rng, count, products, unit, locations, company):
        "Return count random moves over the last DAYS days"
        today = dt.date.today()
        routes = [
            ('supplier', 'storage'), ('storage', 'customer'),
            ('customer', 'storage'), ('storage', 'supplier'),
            ('lost_found', 'storage'), ('storage', 'lost_found'),
            ('storage', 'shelf'), ('shelf', 'storage'),
            ('shelf', 'customer'), ('storage', 'storage2'),
            ('storage2', 'storage'), ('supplier', 'shelf'),
            ]
        moves = []
        for _ in range(count):
            from_, to = rng.choice(routes)
            quantity = float(rng.randint(1, 20))
            date = today - dt.timedelta(days=rng.randint(1, DAYS))
            state = 'cancelled' if rng.random() < 0.05 else 'done'
            moves.append((
                    rng.choice(products).id, unit.id, quantity, quantity,
                    locations[from_].id, locations[to].id, company.id,
                    date, date, state,
                    Decimal(rng.randint(100, 5000)) / 100))
        return moves

    def summary(self, warehouse, company, from_date, to_date):
        Summary = Pool().get('stock.reporting.summary')
        with Transaction().set_context(
                company=company.id, location=warehouse.id,
                from_date=from_date, to_date=to_date):
            return {r.product.id: r for r in Summary.search([])}

    def ledger_ends(self, warehouse, company, from_date, to_date):
        "The last running quantity and amount of each product"
        Ledger = Pool().get('stock.reporting.inventory.move')
        with Transaction().set_context(
                company=company.id, location=warehouse.id,
                from_date=from_date, to_date=to_date,
                product_type='product.product'):
            rows = Ledger.search_read(
                [], order=[('date', 'ASC'), ('move.id', 'ASC NULLS FIRST')],
                fields_names=['product', 'quantity', 'amount'])
        return {r['product']: (r['quantity'], r['amount']) for r in rows}

    def tryton_quantities(self, warehouse, products, date):
        Product = Pool().get('product.product')
        with Transaction().set_context(stock_date_end=date):
            quantities = Product.products_by_location(
                [warehouse.id], with_childs=True,
                grouping_filter=([p.id for p in products],))
        return {p: q for (_, p), q in quantities.items()}

    def check_range(self, warehouse, company, products, from_date, to_date):
        rows = self.summary(warehouse, company, from_date, to_date)
        for row in rows.values():
            self.assertAlmostEqual(
                row.opening_quantity + row.input_quantity
                - row.output_quantity, row.closing_quantity)
            self.assertEqual(
                row.opening_amount + row.input_amount - row.output_amount,
                row.closing_amount)
            self.assertAlmostEqual(
                sum(getattr(row, 'in_%s_quantity' % k) for k in [
                        'purchase', 'sale_return', 'transfer', 'other',
                        'count']), row.input_quantity)
        quantities = self.tryton_quantities(warehouse, products, to_date)
        for product in products:
            closing = rows[product.id].closing_quantity if (
                product.id in rows) else 0
            self.assertAlmostEqual(closing, quantities.get(product.id, 0))
        ledger = self.ledger_ends(warehouse, company, from_date, to_date)
        for product, (quantity, amount) in ledger.items():
            self.assertAlmostEqual(quantity, rows[product].closing_quantity)
            self.assertEqual(amount, rows[product].closing_amount)
        return rows

    @given(
        seed=st.integers(min_value=0, max_value=2 ** 32),
        count=st.integers(min_value=1000, max_value=1500),
        period_days=st.lists(
            st.integers(min_value=10, max_value=DAYS - 10),
            min_size=0, max_size=2, unique=True))
    @settings(max_examples=1, deadline=None)
    @with_transaction()
    def test_summary_invariants(self, seed, count, period_days):
        "Opening + in - out = closing = Tryton's and the ledger's balance"
        pool = Pool()
        Period = pool.get('stock.period')
        User = pool.get('res.user')
        Attachment = pool.get('ir.attachment')
        rng = random.Random(seed)
        today = dt.date.today()
        company = create_company()
        with set_company(company):
            warehouse, products, unit, locations = self.setup_stock()
            # The nested set of the locations is updated by SQL
            Transaction().cache.clear()
            warehouse = Pool().get('stock.location')(warehouse.id)
            insert_moves(self.random_moves(
                    rng, count, products, unit, locations, company))
            periods = Period.create([{
                        'date': today - dt.timedelta(days=d),
                        'company': company.id,
                        } for d in sorted(period_days, reverse=True)])
            Period.close(periods)

            for _ in range(RANGES // 2):
                start = today - dt.timedelta(days=rng.randint(0, DAYS + 5))
                middle = start + dt.timedelta(days=rng.randint(0, 40))
                end = middle + dt.timedelta(days=rng.randint(1, 40))
                first = self.check_range(
                    warehouse, company, products, start, middle)
                second = self.check_range(
                    warehouse, company, products,
                    middle + dt.timedelta(days=1), end)
                for product, row in first.items():
                    self.assertAlmostEqual(
                        row.closing_quantity,
                        second[product].opening_quantity)
                    self.assertEqual(
                        row.closing_amount, second[product].opening_amount)

            from_date = today - dt.timedelta(days=DAYS)
            values = {
                'company': company.id, 'location': warehouse.id,
                'from_date': from_date, 'to_date': today}
            User.export_stock_ledger([User(Transaction().user)], values)
            attachment, = Attachment.search([
                    ('resource', '=', str(User(Transaction().user)))],
                order=[('id', 'DESC')], limit=1)
            sheet = zipfile.ZipFile(io.BytesIO(attachment.data)).read(
                'xl/worksheets/sheet1.xml').decode()
            lines = self.ledger_lines(warehouse, company, from_date, today)
            self.assertGreater(lines, 300)
            self.assertEqual(sheet.count('<row '), lines + 1)

    def ledger_lines(self, warehouse, company, from_date, to_date):
        Ledger = Pool().get('stock.reporting.inventory.move')
        with Transaction().set_context(
                company=company.id, location=warehouse.id,
                from_date=from_date, to_date=to_date,
                product_type='product.product'):
            return Ledger.search_count([('move', '!=', None)])
