# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Amounts of money in Chinese capital numerals (人民币大写)"
from decimal import ROUND_HALF_UP, Decimal

DIGITS = '零壹贰叁肆伍陆柒捌玖'
UNITS = ('', '拾', '佰', '仟')
GROUPS = ('', '万', '亿', '万亿')
CENT = Decimal('0.01')
# The smallest amount that would round to 17 integer digits
LIMIT = Decimal('9999999999999999.995')


def rmb_upper(amount):
    """Return amount (Decimal, int or str) in Chinese capitals

    Follows the PBOC rules for bills (RULES-CN.md §3), with one fixed form
    where they allow several:

    - the amount is first rounded half-up to cents;
    - 整 ends an amount ending at 元 or at 角, never one ending at 分:
      1409.50 → 壹仟肆佰零玖元伍角整, 0.50 → 伍角整, 0.05 → 伍分,
      0 → 零元整; below one yuan no 元 is written;
    - a leading ten is 壹拾: 10 → 壹拾元整, 100000 → 壹拾万元整;
    - the group units are 万, 亿 and 万亿: 10^12 → 壹万亿元整;
    - a run of zeros inside the integer part is one 零, except that no
      零 is written when only the tail of a 万/亿 group is zero and the
      next group starts with a non-zero digit (rule 3 without 零):
      101000 → 壹拾万壹仟元整, 1000001 → 壹佰万零壹元整,
      100010000 → 壹亿零壹万元整;
    - 零 is always written between 元 and the cents when the 元 or 角
      digit is zero (rule 3 with 零, rule 4): 1680.32 → 壹仟陆佰捌拾元零叁角贰分,
      107000.53 → 壹拾万柒仟元零伍角叁分, 16409.02 → 壹万陆仟肆佰零玖元零贰分;
    - a negative amount, as on a red-letter fapiao, is prefixed with 负:
      -12.30 → 负壹拾贰元叁角整.

    The 人民币 prefix is not included: the caller prints it immediately in
    front. Floats raise TypeError (money is never a float) and amounts of
    more than 16 integer digits raise ValueError.
    """
    if isinstance(amount, float):
        raise TypeError("Amount must not be a float: %r" % amount)
    amount = Decimal(amount)
    if not amount.is_finite() or abs(amount) >= LIMIT:
        raise ValueError("Amount out of range: %s" % amount)
    amount = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    cents = int(abs(amount) * 100)
    if not cents:
        return '零元整'
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    text = '负' if amount < 0 else ''
    if yuan:
        text += _integer(yuan) + '元'
        if cents % 100 and (not yuan % 10 or not jiao):
            text += '零'
    if jiao:
        text += DIGITS[jiao] + '角'
    return text + (DIGITS[fen] + '分' if fen else '整')


def _integer(number):
    "Return the capitals of a positive integer, grouped by 万 and 亿"
    groups = []
    while number:
        number, group = divmod(number, 10000)
        groups.append(group)
    text, zero = '', False
    for index in reversed(range(len(groups))):
        group = groups[index]
        if not group:
            zero = True
            continue
        if text and (zero or group < 1000):
            text += '零'
        text += _group(group) + GROUPS[index]
        zero = False
    return text


def _group(number):
    "Return the capitals of 1 to 9999 without leading or trailing 零"
    text = ''
    for position in reversed(range(4)):
        digit = number // 10 ** position % 10
        if digit:
            text += DIGITS[digit] + UNITS[position]
        elif text and not text.endswith('零') and number % 10 ** position:
            text += '零'
    return text
