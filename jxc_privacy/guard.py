# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The checks every JXC model shares, whatever the client.

What a client sends (create, write and copy over RPC) may not set a field
the model keeps for its transitions: a field read-only for the client, one
read-only in the record's state, or the lines of a document whose lines are
read-only. Whatever the caller, a value must be of its field's type,
finite, within the field's digits and, for dates, within [jxc] date_min and
date_max of the configuration."""
import datetime as dt
import math
from decimal import Decimal

from trytond.config import config
from trytond.i18n import gettext
from trytond.model import fields
from trytond.model.exceptions import ValidationError
from trytond.model.modelstorage import _record_eval_pyson
from trytond.pool import Pool
from trytond.transaction import without_check_access

from .search import SearchMixin, check_records, checked_rpc

INTEGER_MAX = 2 ** 31
NUMBER_MAX = Decimal(10) ** 16
ACTIONS = {'create', 'write', 'delete', 'add', 'remove', 'copy'}
TYPES = {
    'reference': (str, list, tuple),
    'timedelta': dt.timedelta,
    'dict': dict,
    'binary': bytes,
    'multiselection': (list, tuple),
    'time': dt.time,
    }


class GuardError(ValidationError):
    pass


def date_range():
    return (
        dt.date.fromisoformat(
            config.get('jxc', 'date_min', default='1900-01-01')),
        dt.date.fromisoformat(
            config.get('jxc', 'date_max', default='2100-12-31')))


class GuardMixin(SearchMixin):
    "Refuse values a client may not send and values out of sense"
    __slots__ = ()
    # Pairs of fields whose product (the amount of a line) must be finite
    _guard_products = []

    @classmethod
    def __post_setup__(cls):
        super().__post_setup__()
        for name, check in [
                ('create', cls._guard_rpc_create),
                ('write', cls._guard_rpc_write),
                ('copy', cls._guard_rpc_copy),
                ('delete', cls._guard_rpc_delete),
                ]:
            if name in cls.__rpc__:
                cls.__rpc__[name] = checked_rpc(cls.__rpc__[name], check)

    @classmethod
    def _guard_report(cls):
        if cls._is_table_query():
            raise GuardError(gettext(
                    'jxc_privacy.msg_guard_report', **cls.__names__()))

    @classmethod
    @without_check_access
    def _guard_rpc_create(cls, vlist):
        cls._guard_report()
        if not isinstance(vlist, list):
            cls._guard_type_model()
        for values in vlist:
            cls._guard_values(values)
            cls._guard_client(values)
            cls._guard_parents(values=values)

    @classmethod
    @without_check_access
    def _guard_rpc_write(cls, *args):
        cls._guard_report()
        actions = iter(args)
        for records, values in zip(actions, actions):
            records = cls.browse(records)
            cls._guard_values(values, records)
            cls._guard_parents(records=records)
            if not records:
                cls._guard_client(values)
            for record in records:
                cls._guard_client(values, cls._guard_after(record, values))

    @classmethod
    def _guard_after(cls, record, values):
        "The record as it would be with the scalar values written"
        after = cls(record.id)
        for name, value in values.items():
            field = cls._fields.get(name)
            if (field is not None and not isinstance(value, (list, dict))
                    and field._type not in {'one2many', 'many2many'}):
                setattr(after, name, value)
        return after

    @classmethod
    @without_check_access
    def _guard_rpc_copy(cls, records, default=None):
        cls._guard_report()
        if default is not None and not isinstance(default, dict):
            cls._guard_type_model()
        default = dict(default or {})
        for name, field in cls._fields.items():
            # The default of lines in a copy is the ids of lines
            if field._type in {'one2many', 'many2many'} and name in default:
                cls._guard_client({name: []})
                check_records(field.get_target(), default.pop(name))
        cls._guard_values(default)
        cls._guard_client(default)

    @classmethod
    @without_check_access
    def _guard_rpc_delete(cls, records):
        cls._guard_report()
        cls._guard_parents(records=cls.browse(records))

    @classmethod
    def _guard_client(cls, values, record=None):
        "Refuse the client's values for fields it may not set"
        if not isinstance(values, dict):
            return
        for name, value in values.items():
            field = cls._fields.get(name)
            if field is None:
                raise GuardError(gettext(
                        'jxc_privacy.msg_guard_fields', fields=name,
                        **cls.__names__()))
            if field._type == 'many2one' and value is not None:
                check_records(field.get_target(), value)
            if name in cls.__access__:
                continue
            if field.readonly is True or (
                    isinstance(field, fields.Function) and not field.setter):
                raise GuardError(gettext(
                        'jxc_privacy.msg_guard_readonly',
                        **cls.__names__(name)))
            if record is not None and cls._guard_readonly(record, field):
                raise GuardError(gettext(
                        'jxc_privacy.msg_guard_readonly_state',
                        record=record.rec_name, **cls.__names__(name)))
            if field._type in {'one2many', 'many2many'}:
                if not isinstance(value, (list, tuple)):
                    cls._guard_type(field)
                cls._guard_actions(field, value)
                cls._guard_client_lines(field, value)

    @classmethod
    def _guard_client_lines(cls, field, actions):
        Target = field.get_target()
        if not hasattr(Target, '_guard_client') or not isinstance(
                actions, list):
            return
        for action in actions:
            if not isinstance(action, (list, tuple)) or len(action) < 2:
                continue
            if action[0] == 'create' and isinstance(action[1], list):
                for values in action[1]:
                    Target._guard_client(values)
            elif action[0] == 'write':
                moves = iter(action[1:])
                for ids, values in zip(moves, moves):
                    if isinstance(ids, list) and isinstance(values, dict):
                        for line in Target.browse(ids):
                            Target._guard_client(
                                values, Target._guard_after(line, values))

    @staticmethod
    def _guard_readonly(record, field):
        readonly = field.states.get('readonly')
        return bool(readonly and _record_eval_pyson(record, readonly))

    @classmethod
    def _guard_parents(cls, records=None, values=None):
        """Refuse to create, change or delete the lines of a parent whose
        lines field is read-only"""
        pool = Pool()
        for name in cls.__access__:
            field = cls._fields[name]
            Parent = pool.get(field.model_name)
            lines = [f for f in Parent._fields.values()
                if f._type == 'one2many' and f.model_name == cls.__name__
                and f.field == name]
            parents = set()
            if values is not None and isinstance(values.get(name), int):
                parents.add(Parent(values[name]))
            for record in records or []:
                if getattr(record, name, None):
                    parents.add(getattr(record, name))
            for parent in parents:
                for line_field in lines:
                    if (line_field.readonly is True
                            or cls._guard_readonly(parent, line_field)):
                        raise GuardError(gettext(
                                'jxc_privacy.msg_guard_lines',
                                record=parent.rec_name,
                                **Parent.__names__(line_field.name)))

    @classmethod
    def create(cls, vlist):
        for values in vlist:
            cls._guard_values(values)
        return super().create(vlist)

    @classmethod
    def write(cls, *args):
        actions = iter(args)
        for records, values in zip(actions, actions):
            cls._guard_values(values, records)
        super().write(*args)

    @classmethod
    def _guard_values(cls, values, records=None):
        "Refuse values of the wrong type, not finite or out of range"
        if not isinstance(values, dict):
            cls._guard_type_model()
        for name, value in values.items():
            field = cls._fields.get(name)
            if isinstance(field, fields.Function):
                field = field._field
            if field is not None and value is not None:
                cls._guard_value(field, value)
        for quantity, price in cls._guard_products:
            if quantity not in values and price not in values:
                continue
            for record in records or [None]:
                factors = [values.get(n, getattr(record, n, None))
                    for n in [quantity, price]]
                if all(isinstance(f, (int, float, Decimal)) for f in factors):
                    cls._guard_number(
                        price, Decimal(str(factors[0])) * factors[1],
                        NUMBER_MAX)

    @classmethod
    def _guard_value(cls, field, value):
        if isinstance(value, str) and '\x00' in value:
            raise GuardError(gettext(
                    'jxc_privacy.msg_guard_character',
                    **cls.__names__(field.name)))
        if isinstance(field, (fields.Float, fields.Numeric)):
            if isinstance(value, str):
                # Tryton reads a number sent as text
                try:
                    value = Decimal(value)
                except ArithmeticError:
                    cls._guard_type(field)
            if (isinstance(value, bool)
                    or not isinstance(value, (int, float, Decimal))):
                cls._guard_type(field)
            cls._guard_number(field.name, value, cls._guard_limit(field))
        elif isinstance(field, (fields.Integer, fields.Many2One)):
            if isinstance(value, bool) or not isinstance(value, int):
                cls._guard_type(field)
            elif not -INTEGER_MAX < value < INTEGER_MAX:
                cls._guard_number(field.name, value, INTEGER_MAX)
        elif isinstance(field, (fields.Date, fields.Timestamp)):
            cls._guard_date(field, value)
        elif isinstance(field, (fields.Char, fields.Text)):
            if not isinstance(value, str):
                cls._guard_type(field)
        elif isinstance(field, fields.Boolean):
            if not isinstance(value, (bool, int)):
                cls._guard_type(field)
        elif not isinstance(value, TYPES.get(field._type, object)):
            cls._guard_type(field)

    @classmethod
    def _guard_actions(cls, field, actions):
        "Refuse actions on lines that are not a list of known actions"
        for action in actions:
            if (not isinstance(action, (list, tuple)) or len(action) < 2
                    or action[0] not in ACTIONS):
                cls._guard_type(field)
            if action[0] == 'create':
                if not isinstance(action[1], (list, tuple)) or not all(
                        isinstance(v, dict) for v in action[1]):
                    cls._guard_type(field)
            elif action[0] == 'write':
                moves = iter(action[1:])
                for ids, values in zip(moves, moves):
                    if not isinstance(ids, list) or not isinstance(
                            values, dict):
                        cls._guard_type(field)
                    check_records(field.get_target(), ids)
            elif action[0] != 'copy' or isinstance(action[1], (list, tuple)):
                check_records(field.get_target(), action[1])
            else:
                cls._guard_type(field)

    @staticmethod
    def _guard_limit(field):
        digits = getattr(field, 'digits', None)
        if (isinstance(digits, tuple) and isinstance(digits[0], int)
                and digits[0] - (digits[1] or 0) > 0):
            return min(Decimal(10) ** (digits[0] - digits[1]), NUMBER_MAX)
        return NUMBER_MAX

    @classmethod
    def _guard_number(cls, name, value, limit):
        if not math.isfinite(value) or abs(value) >= limit:
            raise GuardError(gettext(
                    'jxc_privacy.msg_guard_number',
                    value=value, limit="{:,}".format(int(limit)),
                    **cls.__names__(name)))

    @classmethod
    def _guard_date(cls, field, value):
        if isinstance(field, fields.Timestamp):
            if not isinstance(value, dt.datetime):
                cls._guard_type(field)
            value = value.date()
        elif (not isinstance(value, dt.date)
                or isinstance(value, dt.datetime)):
            cls._guard_type(field)
        start, end = date_range()
        if not start <= value <= end:
            raise GuardError(gettext(
                    'jxc_privacy.msg_guard_date',
                    value=value, min=start, max=end,
                    **cls.__names__(field.name)))

    @classmethod
    def _guard_type_model(cls):
        raise GuardError(gettext(
                'jxc_privacy.msg_guard_fields', fields='?',
                **cls.__names__()))

    @classmethod
    def _guard_type(cls, field):
        raise GuardError(gettext(
                'jxc_privacy.msg_guard_type', **cls.__names__(field.name)))
