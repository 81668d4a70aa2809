# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""A bounded, seeded fuzz of JXC's models and the order flow over JSON-RPC.

Each call is malformed in one way a client could send: wrong types,
numbers not finite or huge, dates out of range, NUL characters, forged
states, bad domains, orders, offsets and ids. The server must answer each
with a result or a clear user error: no server error, no internal error,
no record left behind by a refused create, no value out of sense stored.
Repeat with another seed: JXC_FUZZ_SEED=7 JXC_FUZZ_CALLS=10000."""
import datetime as dt
import math
import os
import random
import urllib.error
from decimal import Decimal

from jsonrpc import Fault

SEED = int(os.environ.get('JXC_FUZZ_SEED', 20261208))
CALLS = int(os.environ.get('JXC_FUZZ_CALLS', 2500))
CLEAR = {'UserError', 'UserWarning', 'ConcurrencyException'}
MODELS = [
    'stock.other.shipment', 'stock.other.shipment.line',
    'stock.other.reason', 'jxc.payment.voucher', 'jxc.payment.voucher.line',
    'account.fapiao', 'account.fapiao.line', 'account.fapiao.allocation',
    'jxc.stock.alert', 'privacy.consent', 'privacy.request',
    'privacy.policy', 'privacy.sharing', 'sale.sale', 'sale.line',
    'purchase.purchase', 'purchase.line', 'account.invoice',
    'account.invoice.line', 'stock.move', 'stock.shipment.out',
    'stock.shipment.in', 'stock.inventory', 'stock.inventory.line',
    'party.party', 'party.contact_mechanism', 'product.template',
    'stock.reporting.summary', 'stock.reporting.valuation',
    'jxc.payment.statistics',
    ]
DATE_MIN, DATE_MAX = dt.date(1900, 1, 1), dt.date(2100, 12, 31)


def bad_values(rng, type_):
    "Values a field of type_ must refuse or store within sense"
    numbers = [float('inf'), float('-inf'), float('nan'), 1e300, -1e300,
        Decimal('1E+1000'), Decimal('NaN'), 2 ** 63, -1, 0, 1.5]
    common = [None, True, '', 'x' * 5000, 'a\x00b', [], {}, [1, 2],
        {'a': 1}, dt.date(1, 1, 1), dt.date(9999, 12, 31)]
    typed = {
        'float': numbers, 'numeric': numbers, 'integer': numbers,
        'many2one': [0, -1, 2 ** 31, 2 ** 40, 999999, 1.5, '1'],
        'date': [dt.date(1, 1, 1), dt.date(9999, 12, 31),
            dt.datetime(2026, 1, 1), '2026-01-01', 20260101],
        'datetime': [dt.datetime(1, 1, 1), dt.date(2026, 1, 1)],
        'char': ['a\x00b', 'x' * 100000, 12, ['a']],
        'text': ['a\x00b', 12],
        'selection': ['done', 'posted', 'nothing', 1, None],
        'one2many': [[('create', [{'state': 'done'}])], [('delete', [0])],
            [('write', [2 ** 31], {})], 'x', [['bad']]],
        'many2many': [[('add', [2 ** 31])], [('remove', 'x')]],
        }
    return typed.get(type_, []) + [rng.choice(common)]


def bad_domain(rng, names):
    name = rng.choice(names)
    return rng.choice([
            [[name, 'ilike', '%' * rng.randint(20, 200)]],
            [[name, 'like', 'a' * 5000]],
            [[name, 'in', {'a': 1}]],
            [[name, 'bad operator', 1]],
            [['nothing', '=', 1]],
            [[name, '=', float('nan')]],
            ['OR'],
            [[name]],
            'not a domain',
            7,
            [[name, 'child_of', 2 ** 40]],
            [['write_uid', '=', 1]],
            ])


def bad_order(rng, names):
    return rng.choice([
            [[rng.choice(names), 'SIDEWAYS']], [['nothing', 'ASC']],
            [['write_uid', 'DESC']], 'id', [[1, 2]], [['id']], {'a': 1}])


class Fuzzer:

    def __init__(self, client, admin, rng):
        self.client = client
        self.admin = admin
        self.rng = rng
        self.fields = {}
        self.outcomes = {'result': 0, 'clear': 0, 'internal': []}
        self.left_behind = []

    def proxy(self, client, model):
        proxy = client.model
        for part in model.split('.'):
            proxy = getattr(proxy, part)
        return proxy

    def fields_of(self, model):
        if model not in self.fields:
            self.fields[model] = self.proxy(self.admin, model).fields_get(
                None)
        return self.fields[model]

    def call(self, model, method, *args):
        try:
            result = getattr(self.proxy(self.client, model), method)(*args)
        except Fault as fault:
            if fault.kind in CLEAR:
                self.outcomes['clear'] += 1
                return Fault
            self.outcomes['internal'].append(
                (model, method, repr(args)[:300], str(fault.args)[:500]))
            return Fault
        except urllib.error.HTTPError as error:
            if error.code >= 500:
                self.outcomes['internal'].append(
                    (model, method, repr(args)[:300], error.code))
            else:
                self.outcomes['clear'] += 1
            return Fault
        self.outcomes['result'] += 1
        return result

    def ids(self, model):
        return self.proxy(self.admin, model).search([], 0, 20, None)

    def step(self):
        rng = self.rng
        model = rng.choice(MODELS)
        fields = self.fields_of(model)
        names = sorted(fields)
        action = rng.choice(
            ['create', 'create', 'write', 'write', 'search', 'search_read',
                'read', 'delete', 'copy', 'button'])
        if action == 'create':
            values = {}
            for name in rng.sample(names, min(len(names), rng.randint(1, 4))):
                values[name] = rng.choice(
                    bad_values(rng, fields[name]['type']))
            before = self.count(model)
            if self.call(model, 'create', [values]) is Fault:
                if self.count(model) != before:
                    self.left_behind.append((model, values))
        elif action == 'write':
            ids = self.ids(model)
            name = rng.choice(names)
            value = rng.choice(bad_values(rng, fields[name]['type']))
            records = rng.choice([ids[:1], ids[-1:], [2 ** 31], [-1], ids])
            self.call(model, 'write', records, {name: value})
        elif action == 'search':
            self.call(model, 'search', bad_domain(rng, names),
                rng.choice([0, -1, 2 ** 40, 'x', None]),
                rng.choice([10, -5, 2 ** 40, None, 1.5]),
                bad_order(rng, names))
        elif action == 'search_read':
            self.call(model, 'search_read', [], 0, 5,
                bad_order(rng, names),
                rng.choice([['nothing'], names[:3], 'x', [1]]))
        elif action == 'read':
            self.call(model, 'read',
                rng.choice([[2 ** 31], [-1], ['x'], [1.5], 'x']),
                rng.choice([names[:2], ['nothing'], None]))
        elif action == 'delete':
            self.call(model, 'delete', rng.choice([[2 ** 31], [-5], 'x']))
        elif action == 'copy':
            ids = self.ids(model)[:1]
            name = rng.choice(names)
            self.call(model, 'copy', ids, {
                    name: rng.choice(bad_values(rng, fields[name]['type']))})
        else:
            button = rng.choice(
                ['do', 'post', 'cancel', 'draft', 'confirm', 'process',
                    'quote', 'nothing'])
            self.call(model, button, rng.choice([[2 ** 31], [-1], 'x']))

    def count(self, model):
        return self.proxy(self.admin, model).search_count([], 0, None)

    def stored_out_of_sense(self):
        "The values out of sense stored in the fuzzed models"
        found = []
        for model in MODELS:
            fields = self.fields_of(model)
            names = [n for n, f in fields.items()
                if f['type'] in {'float', 'numeric', 'integer', 'date'}
                and not f.get('function')]
            if not names:
                continue
            for record in self.proxy(self.admin, model).search_read(
                    [], 0, None, None, names):
                for name in names:
                    value = record[name]
                    if value is None:
                        continue
                    if isinstance(value, dt.date):
                        if not DATE_MIN <= value <= DATE_MAX:
                            found.append((model, record['id'], name, value))
                    elif not math.isfinite(value) or abs(value) >= 1e16:
                        found.append((model, record['id'], name, value))
        return found


def test_fuzz(login, admin):
    "Thousands of malformed calls: only results and clear user errors"
    rng = random.Random(SEED)
    clients = [login(n) for n in [
            'warehouse3', 'salesperson4', 'bookkeeper5', 'buyer2']] + [admin]
    fuzzers = [Fuzzer(c, admin, rng) for c in clients]
    for _ in range(CALLS):
        rng.choice(fuzzers).step()
    internal = [e for f in fuzzers for e in f.outcomes['internal']]
    left_behind = [e for f in fuzzers for e in f.left_behind]
    clear = sum(f.outcomes['clear'] for f in fuzzers)
    print("seed %s, %s calls: %s clear errors, %s results" % (
            SEED, CALLS, clear,
            sum(f.outcomes['result'] for f in fuzzers)))
    assert internal == []
    assert left_behind == []
    assert fuzzers[0].stored_out_of_sense() == []
    assert clear > CALLS / 2
