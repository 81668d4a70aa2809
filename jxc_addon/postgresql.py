# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Read the foreign keys of a table from pg_catalog.

Tryton 8.0's PostgreSQL table handler reads them, once for each model
registered by each module, from ``information_schema.key_column_usage``
joined to ``referential_constraints``: views that PostgreSQL evaluates over
every constraint of the database.  With the JXC modules it took 0.5 to
1.7 s per table, most of the time of activating or updating a database
(see docs/benchmarks.md).  The same rows come from pg_constraint in about
a millisecond."""
from trytond.backend.postgresql import table
from trytond.transaction import Transaction

# The delete_rule of information_schema.referential_constraints
FOREIGN_KEYS = (
    "SELECT c.conname, a.attname, "
    "CASE c.confdeltype "
    "WHEN 'c' THEN 'CASCADE' "
    "WHEN 'n' THEN 'SET NULL' "
    "WHEN 'd' THEN 'SET DEFAULT' "
    "WHEN 'r' THEN 'RESTRICT' "
    "ELSE 'NO ACTION' END "
    "FROM pg_constraint AS c "
    "JOIN pg_class AS t ON t.oid = c.conrelid "
    "JOIN pg_namespace AS n ON n.oid = t.relnamespace "
    "JOIN pg_attribute AS a "
    "ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) "
    "WHERE c.contype = 'f' AND t.relname = %s AND n.nspname = %s")


def _fk_deltypes(self):
    # The attribute of the handler, which it resets when it changes a key
    if self._TableHandler__fk_deltypes is None:
        cursor = Transaction().connection.cursor()
        cursor.execute(FOREIGN_KEYS, (self.table_name, self.table_schema))
        self._TableHandler__fk_deltypes = {r[:2]: r[2] for r in cursor}
    return self._TableHandler__fk_deltypes


table.TableHandler._fk_deltypes = property(_fk_deltypes)
