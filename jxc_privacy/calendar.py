# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt

from trytond.model import ModelSQL, ModelView, Unique, fields

from .guard import GuardMixin


class Holiday(GuardMixin, ModelSQL, ModelView):
    """Public holidays and make-up working days (调休)

    Tryton has no working-day calendar. China moves working days every year:
    a Saturday or Sunday may be a working day to make up for a bridge day,
    so each date is entered as a day off or as a working day."""
    __name__ = 'privacy.holiday'

    date = fields.Date("Date", required=True)
    name = fields.Char(
        "Name", required=True, translate=True,
        help="The holiday, for example \"Spring Festival\".")
    working_day = fields.Boolean(
        "Working Day",
        help="Check for a make-up working day on a weekend (调休上班); "
        "leave unchecked for a day off.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('date_unique', Unique(t, t.date),
                'jxc_privacy.msg_holiday_date_unique'),
            ]
        cls._order.insert(0, ('date', 'ASC'))

    @classmethod
    def default_working_day(cls):
        return False

    @classmethod
    def _exceptions(cls, start, end=None):
        "Return the working-day flag of the entries from start to end"
        domain = [('date', '>=', start)]
        if end:
            domain.append(('date', '<=', end))
        return {h.date: h.working_day for h in cls.search(domain)}

    @classmethod
    def is_working_day(cls, date):
        return cls._exceptions(date, date).get(date, date.weekday() < 5)

    @classmethod
    def add_working_days(cls, date, days):
        """Return the date falling days working days after date.

        The day of date itself is not counted (Civil Code art. 201), so with
        days=1 a request received on a Friday is due on the next working day.
        """
        # The calendar holds a few dozen dates a year: read them all at once
        exceptions = cls._exceptions(date)
        current, left = date, days
        while left > 0:
            current += dt.timedelta(days=1)
            if exceptions.get(current, current.weekday() < 5):
                left -= 1
        return current
