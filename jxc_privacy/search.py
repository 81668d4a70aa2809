# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Searches from a client checked before they reach the database: a wrong
domain, order, offset or limit, or a pattern that would keep the database
busy, is a clear error instead of a server error."""
import copy

from sql import As, Column, Select
from trytond.exceptions import UserError
from trytond.i18n import gettext
from trytond.model.exceptions import ValidationError

PATTERN_MAX = 1000
WILDCARDS_MAX = 16
INTEGER_MAX = 2 ** 31
LIKE = {'like', 'ilike', 'not like', 'not ilike'}


class SearchError(ValidationError):
    pass


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

    @classmethod
    def _search_rpc_check(
            cls, domain, offset=0, limit=None, order=None, *args, **kwargs):
        order = kwargs.get('order', order)
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
