# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond import backend
from trytond.transaction import Transaction

_PG_COLUMNS = (
    "SELECT c.table_name, c.column_name, c.data_type "
    "FROM information_schema.columns c "
    "JOIN information_schema.tables t "
    "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
    "WHERE c.table_schema = current_schema() "
    "AND t.table_type = 'BASE TABLE' "
    "AND c.data_type IN ("
    "'character varying', 'character', 'text', 'json', 'jsonb', 'bytea') "
    "ORDER BY c.table_name, c.column_name")


def _columns(cursor):
    "Yield (table, column, is binary) of every text column of the database"
    if backend.name == 'postgresql':
        cursor.execute(_PG_COLUMNS)
        for table, column, type_ in cursor.fetchall():
            yield table, column, type_ == 'bytea'
    else:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "ORDER BY name")
        for table, in cursor.fetchall():
            cursor.execute('PRAGMA table_info("%s")' % table)
            # SQLite stores any value in any column: search them all
            for column in [r[1] for r in cursor.fetchall()]:
                yield table, column, True


def _contains(cursor, table, column, binary, value):
    if backend.name == 'postgresql':
        if binary:
            where = 'position(%%s in "%s") > 0' % column
            param = value.encode('utf-8')
        else:
            where = '"%s"::text LIKE %%s' % column
            param = '%' + value + '%'
    else:
        where = 'instr(CAST("%s" AS BLOB), ?) > 0' % column
        param = value.encode('utf-8')
    cursor.execute(
        'SELECT 1 FROM "%s" WHERE %s LIMIT 1' % (table, where), (param,))
    return bool(cursor.fetchone())


def find_in_database(database_name, *values):
    """Return the sorted (table, column, value) of every text and binary
    column of every table of the database (history tables included) that
    contains one of the values"""
    found = []
    with Transaction().start(database_name, 0, readonly=True) as transaction:
        cursor = transaction.connection.cursor()
        for table, column, binary in list(_columns(cursor)):
            for value in values:
                if _contains(cursor, table, column, binary, value):
                    found.append((table, column, value))
            # release the table locks: PostgreSQL has room for a few hundred
            transaction.connection.rollback()
    return sorted(found)
