# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Row locks that wait for the transaction holding them.

Tryton's ``ModelSQL.lock`` asks PostgreSQL with NOWAIT and restarts the
call when the rows are taken; under contention the restarts run out and
the client gets HTTP 503 "could not obtain lock". JXC waits instead."""
from sql import Literal
from trytond.model import fields
from trytond.transaction import Transaction


def lock_rows(Model, ids):
    """Lock the rows of Model until the end of the transaction

    PostgreSQL: the rows are selected FOR NO KEY UPDATE in the order of their
    id (two transactions locking some of the same rows never deadlock),
    waiting for the transaction that holds them, then updated. FOR UPDATE
    would deadlock with the KEY SHARE locks that the foreign keys of the rows
    created before (stock moves of the product) take. The transaction runs
    in REPEATABLE READ: when a transaction that updated the rows committed
    after its snapshot, the lock fails with a serialization error and
    Tryton's dispatcher runs the call again, at most ``[database] retry``
    times, so what is read after the lock is never older than the last
    commit of a holder. SQLite: updating the rows takes the write lock of
    the database."""
    ids = sorted(set(ids))
    if not ids:
        return
    transaction = Transaction()
    table = Model.__table__()
    cursor = transaction.connection.cursor()
    where = fields.SQL_OPERATORS['in'](table.id, ids)
    if transaction.database.has_select_for():
        # python-sql writes FOR UPDATE and FOR SHARE only
        query, params = tuple(table.select(
                Literal(1), where=where, order_by=[table.id]))
        cursor.execute(query + ' FOR NO KEY UPDATE', params)
    cursor.execute(*table.update(
            [table.write_date], [table.write_date], where=where))
