# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Searches from a client checked before they reach the database: a wrong
domain, order, offset or limit, or a pattern that would keep the database
busy, is a clear error instead of a server error."""
import copy
import re

from sql import As, Column, Select

from trytond.exceptions import UserError
from trytond.i18n import gettext
from trytond.model import Model, ModelSingleton
from trytond.model.exceptions import ValidationError
from trytond.rpc import RPC
from trytond.transaction import inactive_records, without_check_access

PATTERN_MAX = 1000
WILDCARDS_MAX = 16
INTEGER_MAX = 2 ** 31
LIKE = {'like', 'ilike', 'not like', 'not ilike'}


class SearchError(ValidationError):
    pass


def check_records(Class, ids):
    "Refuse ids that are not integers of existing records of Class"
    if isinstance(ids, int) and not isinstance(ids, bool):
        ids = [ids]
    if isinstance(ids, (list, tuple)):
        ids = [int(i) if isinstance(i, Model) else i for i in ids]
    valid = isinstance(ids, list) and all(
        isinstance(i, int) and not isinstance(i, bool)
        and 0 < i < INTEGER_MAX for i in ids)
    # The rows of a report depend on its context
    if (valid and ids and not issubclass(Class, ModelSingleton)
            and not getattr(Class, 'table_query', None)):
        with without_check_access(), inactive_records():
            valid = Class.search(
                [('id', 'in', list(set(ids)))], count=True) == len(set(ids))
    if not valid:
        raise SearchError(gettext(
                'jxc_privacy.msg_guard_records',
                ids=str(ids)[:100], model=Class.__names__()['model']))


class RecordsRPC(RPC):
    """An RPC whose record ids are checked before they are instantiated:
    integers of records that exist"""
    __slots__ = ('records',)

    def convert(self, obj, *args, **kwargs):
        values = list(args if 'context' in kwargs else args[:-1])
        if isinstance(self.records, slice):
            selection = values[self.records]
        else:
            selection = values[self.records:self.records + 1]
        for ids in selection:
            if not isinstance(ids, dict):
                obj._search_check_records(ids)
        return super().convert(obj, *args, **kwargs)


def records_rpc(rpc, records):
    "Return a copy of rpc that checks the records at position records"
    checked = RecordsRPC()
    for name in RPC.__slots__:
        setattr(checked, name, getattr(rpc, name))
    checked.records = records
    return checked


def checked_rpc(rpc, check):
    "Return a copy of rpc whose method is checked by check first"
    decorator = rpc.decorator

    def decorate(func):
        if decorator:
            func = decorator(func)

        def wrapper(*args, **kwargs):
            check(*args, **kwargs)
            return func(*args, **kwargs)
        return wrapper
    rpc = copy.copy(rpc)
    rpc.decorator = decorate
    return rpc


def _leaves(domain):
    "Yield the leaves of domain; raise TypeError if it is not a domain"
    if not isinstance(domain, (list, tuple)):
        raise TypeError(domain)
    if domain and isinstance(domain[0], str) and domain[0] in {'AND', 'OR'}:
        domain = domain[1:]
    if domain and isinstance(domain[0], str):
        if len(domain) < 3 or not isinstance(domain[1], str):
            raise TypeError(domain)
        yield domain
        return
    for item in domain:
        yield from _leaves(item)


class SearchMixin:
    "Check the searches of a client"
    __slots__ = ()

    @classmethod
    def __post_setup__(cls):
        super().__post_setup__()
        for name, check in [
                ('search', cls._search_rpc_check),
                ('search_count', cls._search_rpc_check),
                ('search_read', cls._search_rpc_check),
                ]:
            if name in cls.__rpc__:
                cls.__rpc__[name] = checked_rpc(cls.__rpc__[name], check)
        for name, rpc in list(cls.__rpc__.items()):
            records = 0 if name == 'read' else rpc.instantiate
            if records is not None and not isinstance(rpc, RecordsRPC):
                cls.__rpc__[name] = records_rpc(rpc, records)
        if 'read' in cls.__rpc__:
            cls.__rpc__['read'] = checked_rpc(
                cls.__rpc__['read'], cls._search_rpc_read)

    @classmethod
    def _search_check_records(cls, ids):
        check_records(cls, ids)

    @classmethod
    def _search_rpc_read(cls, ids, fields_names=None, *args, **kwargs):
        cls._search_check_fields(fields_names)

    @classmethod
    def _search_check_fields(cls, names):
        "Refuse names that are not a list of the model's fields"
        valid = isinstance(names, list) and all(
            isinstance(n, str) and (n.startswith('_')
                or re.split(r'[.:]', n, 1)[0] in cls._fields)
            for n in names)
        if not valid:
            raise SearchError(gettext(
                    'jxc_privacy.msg_guard_fields',
                    fields=str(names)[:100],
                    model=cls.__names__()['model']))

    @classmethod
    def _search_rpc_check(
            cls, domain, offset=0, limit=None, order=None, *args, **kwargs):
        order = kwargs.get('order', order)
        if args and args[0] is not None and not isinstance(args[0], bool):
            # search_read: the fields to read
            cls._search_check_fields(args[0])
        try:
            cls._search_check(domain, offset, limit, order)
            cls.search(domain, offset, limit, order, query=True)
        except UserError:
            raise
        except Exception:
            raise SearchError(gettext(
                    'jxc_privacy.msg_guard_search', model=cls.__names__()[
                        'model']))

    @classmethod
    def _search_check(cls, domain, offset, limit, order):
        for number in [offset, limit]:
            if number is not None and (
                    isinstance(number, bool) or not isinstance(number, int)
                    or not 0 <= number < INTEGER_MAX):
                raise TypeError(number)
        names = set()
        for leaf in _leaves(domain):
            names.add(leaf[0].split('.', 1)[0])
            if leaf[1] in LIKE:
                cls._search_check_pattern(leaf)
        for item in order or []:
            if (not isinstance(item, (list, tuple)) or len(item) != 2
                    or not isinstance(item[0], str)
                    or not isinstance(item[1], (str, type(None)))):
                raise TypeError(item)
            names.add(item[0].split('.', 1)[0])
        columns = cls._search_columns()
        for name in names:
            field = cls._fields.get(name)
            if field is None:
                raise KeyError(name)
            if (columns is not None and name not in columns
                    and not getattr(field, 'getter', None)):
                raise KeyError(name)

    @classmethod
    def _search_columns(cls):
        "The columns of a table query, None for a table"
        if not cls._is_table_query():
            return None
        query = cls.table_query()
        if not isinstance(query, Select):
            return None
        names = set()
        for column in query.columns:
            if isinstance(column, As):
                names.add(column.output_name)
            elif isinstance(column, Column):
                names.add(column.name)
        return names

    @classmethod
    def _search_check_pattern(cls, leaf):
        values = leaf[2] if isinstance(leaf[2], list) else [leaf[2]]
        for value in values:
            if not isinstance(value, str):
                continue
            wildcards = value.count('%') + value.count('_')
            if len(value) > PATTERN_MAX or wildcards > WILDCARDS_MAX:
                raise SearchError(gettext(
                        'jxc_privacy.msg_guard_pattern',
                        field=cls.__names__(leaf[0].split('.', 1)[0])[
                            'field'],
                        length=PATTERN_MAX, wildcards=WILDCARDS_MAX))
