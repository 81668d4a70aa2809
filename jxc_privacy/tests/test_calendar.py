# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Working days of the holiday calendar, checked against dates counted by
hand on the 2025 schedule of the State Council (国办发明电〔2024〕12号)."""
import datetime as dt
import unittest

from trytond.model.exceptions import SQLConstraintError
from trytond.pool import Pool
from trytond.tests.test_tryton import (
    activate_module, drop_db, with_transaction)

D = dt.date


class CalendarTestCase(unittest.TestCase):
    "Test the working-day calendar"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        drop_db()
        cls.addClassCleanup(drop_db)
        activate_module('jxc_privacy')

    def _national_day_2025(self):
        "Oct 1-8 off; Sunday Sep 28 and Saturday Oct 11 worked"
        Holiday = Pool().get('privacy.holiday')
        Holiday.save(
            [Holiday(date=D(2025, 10, d), name="National Day")
                for d in range(1, 9)]
            + [Holiday(date=D(2025, 9, 28), name="Make-up", working_day=True),
                Holiday(date=D(2025, 10, 11), name="Make-up",
                    working_day=True)])

    def _spring_festival_2025(self):
        "Jan 28-Feb 4 off; Sunday Jan 26 and Saturday Feb 8 worked"
        Holiday = Pool().get('privacy.holiday')
        Holiday.save(
            [Holiday(date=D(2025, 1, 28) + dt.timedelta(days=n),
                    name="Spring Festival") for n in range(8)]
            + [Holiday(date=D(2025, 1, 26), name="Make-up", working_day=True),
                Holiday(date=D(2025, 2, 8), name="Make-up",
                    working_day=True)])

    @with_transaction()
    def test_weekends(self):
        "Without holidays only Saturdays and Sundays are skipped"
        Holiday = Pool().get('privacy.holiday')
        add = Holiday.add_working_days
        # Friday 21 November 2025: the day itself is not counted
        self.assertEqual(add(D(2025, 11, 21), 1), D(2025, 11, 24))
        self.assertEqual(add(D(2025, 11, 22), 1), D(2025, 11, 24))
        self.assertEqual(add(D(2025, 11, 21), 5), D(2025, 11, 28))
        self.assertEqual(add(D(2025, 11, 21), 15), D(2025, 12, 12))
        self.assertEqual(add(D(2025, 11, 21), 0), D(2025, 11, 21))
        self.assertFalse(Holiday.is_working_day(D(2025, 11, 22)))
        self.assertTrue(Holiday.is_working_day(D(2025, 11, 24)))

    @with_transaction()
    def test_national_day(self):
        "The Golden Week is skipped and its make-up weekend days count"
        Holiday = Pool().get('privacy.holiday')
        add = Holiday.add_working_days
        self.assertEqual(add(D(2025, 9, 26), 15), D(2025, 10, 17))

        self._national_day_2025()
        # 28 Sep (Sun) 1, 29-30 Sep 2-3, 9-10 Oct 4-5, 11 Oct (Sat) 6,
        # 13-17 Oct 7-11, 20-23 Oct 12-15
        self.assertEqual(add(D(2025, 9, 26), 15), D(2025, 10, 23))
        self.assertEqual(add(D(2025, 9, 26), 1), D(2025, 9, 28))
        # Received during the holiday: first working day after it
        self.assertEqual(add(D(2025, 10, 3), 1), D(2025, 10, 9))
        self.assertEqual(add(D(2025, 10, 3), 3), D(2025, 10, 11))
        self.assertTrue(Holiday.is_working_day(D(2025, 9, 28)))
        self.assertFalse(Holiday.is_working_day(D(2025, 10, 1)))
        self.assertFalse(Holiday.is_working_day(D(2025, 10, 6)))
        self.assertTrue(Holiday.is_working_day(D(2025, 10, 11)))
        self.assertFalse(Holiday.is_working_day(D(2025, 10, 12)))

    @with_transaction()
    def test_spring_festival(self):
        "The Spring Festival with a make-up Sunday before and Saturday after"
        Holiday = Pool().get('privacy.holiday')
        self._spring_festival_2025()
        # 26 Jan (Sun) 1, 27 Jan 2, 5-7 Feb 3-5, 8 Feb (Sat) 6, 10 Feb 7
        self.assertEqual(
            Holiday.add_working_days(D(2025, 1, 24), 7), D(2025, 2, 10))
        # 10-14 Feb 7-11, 17-20 Feb 12-15
        self.assertEqual(
            Holiday.add_working_days(D(2025, 1, 24), 15), D(2025, 2, 20))

    @with_transaction()
    def test_date_unique(self):
        "A date is entered once"
        Holiday = Pool().get('privacy.holiday')
        Holiday(date=D(2025, 5, 1), name="Labour Day").save()
        with self.assertRaises(SQLConstraintError):
            Holiday(date=D(2025, 5, 1), name="Again").save()


    @with_transaction()
    def test_shipped_2026(self):
        "The 2026 schedule (国务院办公厅, 4 November 2025) ships with the module"
        Holiday = Pool().get('privacy.holiday')
        add = Holiday.add_working_days
        self.assertEqual(
            Holiday.search_count([
                    ('date', '>=', D(2026, 1, 1)),
                    ('date', '<=', D(2026, 12, 31)),
                    ]), 39)
        # Friday 13 Feb: Saturday 14 Feb is worked, 15-23 Feb are off
        self.assertEqual(add(D(2026, 2, 13), 1), D(2026, 2, 14))
        self.assertEqual(add(D(2026, 2, 13), 2), D(2026, 2, 24))
        # 30 Sep (Wed): the Golden Week, then Thursday 8 Oct;
        # 8-9 Oct 1-2, Saturday 10 Oct 3, 12-16 Oct 4-8, 19-23 Oct 9-13,
        # 26-27 Oct 14-15
        self.assertEqual(add(D(2026, 9, 30), 1), D(2026, 10, 8))
        self.assertEqual(add(D(2026, 9, 30), 15), D(2026, 10, 27))
        self.assertTrue(Holiday.is_working_day(D(2026, 1, 4)))
        self.assertFalse(Holiday.is_working_day(D(2026, 6, 19)))
