# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The web client in Debian's headless Chromium: log in as the demo admin
(language zh_CN, the owner's and privacy officer's roles), open the 进销存
menu, keep screenshots."""
import os
import re

import pytest
from browser import ARGS, CHROMIUM, log_in

SUBMENUS = ['采购', '询价', '销售', '库存', '发票', '收付款', '报表',
    '基础资料', '个人信息保护']
# (submenu, entry, a column of its list, screenshot)
SCREENS = [
    ('库存', '收发存汇总表', '期初数量', 'stock_summary'),
    ('库存', '库存预警', '短缺数量', 'stock_alerts'),
    ('发票', '已到票', '发票号码', 'fapiao_received'),
    ('收付款', '收款单', '已核销', 'voucher_receipt'),
    ('个人信息保护', '个人信息权利请求', '答复截止日', 'privacy_requests'),
    ]


@pytest.fixture(scope='module')
def page(server, output_dir):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(
            viewport={'width': 1400, 'height': 900}, locale='zh-CN')
        page.set_default_timeout(90000)
        try:
            log_in(page, server, 'admin', server['password'])
        except Exception:
            page.screenshot(path=os.path.join(output_dir, 'login.png'))
            raise
        yield page
        browser.close()


def menu_cell(page, label):
    return page.locator('.cell').filter(
        has=page.get_by_title(label, exact=True)).first


def test_jxc_menu(page, output_dir):
    "The 进销存 menu and its submenus show in Chinese"
    menu_cell(page, '进销存').wait_for()
    menu_cell(page, '进销存').locator('.expander').click()
    for label in SUBMENUS:
        menu_cell(page, label).wait_for()
    page.screenshot(path=os.path.join(output_dir, 'jxc_menu.png'))
    text = page.inner_text('body')
    assert all(label in text for label in SUBMENUS)


def test_purchase_orders(page, output_dir):
    "A JXC entry opens Tryton's document list with a Chinese title"
    menu_cell(page, '采购').locator('.expander').click()
    # sao opens a menu entry on a single click: a double click opens it
    # two or three times while its views load
    menu_cell(page, '采购订单').click()
    page.locator('.tab-content').get_by_text('采购订单').first.wait_for()
    page.wait_for_timeout(1000)
    page.screenshot(path=os.path.join(output_dir, 'purchase_orders.png'))


@pytest.mark.parametrize(
    'submenu, entry, column, name', SCREENS, ids=[s[-1] for s in SCREENS])
def test_jxc_screens(page, output_dir, submenu, entry, column, name):
    "The JXC lists open from the menu with their Chinese columns"
    # Entries may show a count after their name
    cell = page.locator('.cell').filter(
        has=page.get_by_title(re.compile('^' + entry))).first
    if not cell.is_visible():
        menu_cell(page, submenu).locator('.expander').click()
    cell.click()
    page.locator('.tab-content').get_by_text(column, exact=True).locator(
        'visible=true').first.wait_for()
    page.wait_for_timeout(1000)
    page.screenshot(path=os.path.join(output_dir, name + '.png'))
