# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import unittest
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ..rmb import rmb_upper

# RULES-CN.md §3 test vectors: accepted outputs separated by " / "
VECTORS = {
    '1409.50': "壹仟肆佰零玖元伍角 / 壹仟肆佰零玖元伍角整",
    '6007.14': "陆仟零柒元壹角肆分",
    '1680.32': "壹仟陆佰捌拾元零叁角贰分 / 壹仟陆佰捌拾元叁角贰分",
    '107000.53': "壹拾万柒仟元零伍角叁分 / 壹拾万零柒仟元伍角叁分",
    '16409.02': "壹万陆仟肆佰零玖元零贰分",
    '325.04': "叁佰贰拾伍元零肆分",
    '1004.50': "壹仟零肆元伍角整 / 壹仟零肆元伍角",
    '100000.07': "壹拾万元零柒分",
    '0.50': "伍角整 / 伍角",
    '0.05': "伍分",
    '0.00': "零元整",
    '10.00': "壹拾元整",
    '15.00': "壹拾伍元整",
    '1010.00': "壹仟零壹拾元整",
    '1000001.00': "壹佰万零壹元整",
    '101000.00': "壹拾万壹仟元整 / 壹拾万零壹仟元整",
    '100000000.00': "壹亿元整",
    '100010000.00': "壹亿零壹万元整",
    '12345678.90': (
        "壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角整 / "
        "壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角"),
    '20000.00': "贰万元整",
    }

DIGITS = '零壹贰叁肆伍陆柒捌玖'
SMALL_UNITS = {'拾': 10, '佰': 100, '仟': 1000}
BIG_UNITS = {'万': 10 ** 4, '亿': 10 ** 8}
ALLOWED = set(DIGITS + '拾佰仟万亿元角分整负')
MAXIMUM = Decimal(10 ** 15)


def parse(text):
    "Read capitals back into a Decimal"
    negative = text.startswith('负')
    text = text.removeprefix('负').removesuffix('整')
    total = section = digit = cents = 0
    for char in text:
        if char in DIGITS:
            digit = DIGITS.index(char)
        elif char in SMALL_UNITS:
            section, digit = section + digit * SMALL_UNITS[char], 0
        elif char in BIG_UNITS:
            unit = BIG_UNITS[char]
            low = total % unit
            total += (low + section + digit) * unit - low
            section = digit = 0
        elif char == '元':
            total, section, digit = total + section + digit, 0, 0
        elif char == '角':
            cents, digit = cents + 10 * digit, 0
        elif char == '分':
            cents, digit = cents + digit, 0
        else:
            raise ValueError(char)
    value = Decimal(total * 100 + cents) / 100
    return -value if negative else value


class RmbUpperTestCase(unittest.TestCase):
    "Test amounts in Chinese capitals"

    def test_vectors(self):
        "Each RULES-CN.md vector gives one of its accepted outputs"
        for amount, accepted in VECTORS.items():
            with self.subTest(amount=amount):
                self.assertIn(
                    rmb_upper(Decimal(amount)), accepted.split(' / '))

    def test_chosen_forms(self):
        "The fixed choices among accepted forms"
        for amount, result in [
                ('1409.50', "壹仟肆佰零玖元伍角整"),
                ('1680.32', "壹仟陆佰捌拾元零叁角贰分"),
                ('107000.53', "壹拾万柒仟元零伍角叁分"),
                ('101000', "壹拾万壹仟元整"),
                ('100001000', "壹亿零壹仟元整"),
                ('100000', "壹拾万元整"),
                ('1000000000000', "壹万亿元整"),
                ('1234567800000000', "壹仟贰佰叁拾肆万亿伍仟陆佰柒拾捌亿元整"),
                ('9999999999999999.99',
                    "玖仟玖佰玖拾玖万亿玖仟玖佰玖拾玖亿"
                    "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
                ]:
            with self.subTest(amount=amount):
                self.assertEqual(rmb_upper(Decimal(amount)), result)

    def test_rounding(self):
        "Amounts are rounded half-up to cents before converting"
        self.assertEqual(rmb_upper(Decimal('0.995')), "壹元整")
        self.assertEqual(
            rmb_upper(Decimal('1234.567')), "壹仟贰佰叁拾肆元伍角柒分")
        self.assertEqual(rmb_upper(Decimal('0.004')), "零元整")
        self.assertEqual(rmb_upper(Decimal('-0.004')), "零元整")

    def test_negative(self):
        "A negative amount is prefixed with 负"
        self.assertEqual(rmb_upper(Decimal('-12.30')), "负壹拾贰元叁角整")

    def test_int_and_str(self):
        "int and str amounts are accepted"
        self.assertEqual(rmb_upper(15), "壹拾伍元整")
        self.assertEqual(rmb_upper('1680.32'), "壹仟陆佰捌拾元零叁角贰分")

    def test_float_refused(self):
        "A float amount raises TypeError"
        with self.assertRaises(TypeError):
            rmb_upper(0.1)

    def test_too_large_refused(self):
        "More than 16 integer digits raises ValueError"
        for amount in ['1' + '0' * 16, '9999999999999999.995', '-1e16']:
            with self.subTest(amount=amount):
                with self.assertRaises(ValueError):
                    rmb_upper(Decimal(amount))

    def test_not_finite_refused(self):
        "NaN and infinity raise ValueError"
        for amount in ['NaN', 'Infinity']:
            with self.subTest(amount=amount):
                with self.assertRaises(ValueError):
                    rmb_upper(Decimal(amount))

    @settings(max_examples=1000, database=None)
    @given(st.decimals(
            min_value=-MAXIMUM, max_value=MAXIMUM, places=2,
            allow_nan=False, allow_infinity=False))
    def test_property(self, amount):
        "Capitals read back to the amount and follow the structural rules"
        text = rmb_upper(amount)
        self.assertEqual(parse(text), amount)
        self.assertLessEqual(set(text), ALLOWED)
        self.assertNotIn('分整', text)
        self.assertEqual(text.endswith('整'), amount * 100 % 10 == 0)
        self.assertNotIn('零零', text)
        if text.removeprefix('负').startswith('零'):
            self.assertEqual(text, '零元整')
        self.assertEqual(
            '元' in text, abs(amount) >= 1 or amount == 0)
