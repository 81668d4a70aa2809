# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Read rows as dictionaries without rebuilding the cursor's description
for every row.

Tryton 8.0's ``cursor_dict`` evaluates ``cursor.description`` once per row
and, called without a size, fetches one row at a time (psycopg's default
``arraysize``).  psycopg 3 builds a new column object per column on every
``description``: reading 5,000 rows of 20 columns spent 2.6 s of 6.7 s
there (see docs/benchmarks/stock.md).  ``ModelSQL.read`` and ``search``
use it for every list of every model, so it is replaced for all."""
from trytond.model import modelsql

FETCH_SIZE = 1000


def cursor_dict(cursor, size=None):
    size = max(cursor.arraysize, FETCH_SIZE) if size is None else size
    while rows := cursor.fetchmany(size):
        names = [d[0] for d in cursor.description]
        for row in rows:
            yield dict(zip(names, row))


modelsql.cursor_dict = cursor_dict
