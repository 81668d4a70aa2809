# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The web client in Debian's headless Chromium: log in as the demo admin
(language zh_CN), open the 进销存 menu, keep screenshots."""
import os
import shutil

import pytest

CHROMIUM = shutil.which('chromium') or '/usr/bin/chromium'
ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
    '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run']
SUBMENUS = ['采购', '询价', '销售', '库存', '发票', '收付款', '报表',
    '基础资料', '个人信息保护']


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
            login(page, server)
        except Exception:
            page.screenshot(path=os.path.join(output_dir, 'login.png'))
            raise
        yield page
        browser.close()


def login(page, server):
    "Log in as admin; sao may ignore an Enter sent while it sets up"
    from playwright.sync_api import TimeoutError
    page.goto(server['url'] + '#' + server['database'])
    page.fill('#login', 'admin')
    prompt = page.get_by_text('Password for admin')
    for _ in range(10):
        if page.locator('#login').is_enabled():
            page.locator('#login').press('Enter')
        try:
            prompt.wait_for(timeout=10000)
            break
        except TimeoutError:
            continue
    prompt.wait_for()
    page.wait_for_timeout(300)
    page.keyboard.type(server['password'])
    page.keyboard.press('Enter')


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
    menu_cell(page, '采购订单').dblclick()
    page.locator('.tab-content').get_by_text('采购订单').first.wait_for()
    page.wait_for_timeout(1000)
    page.screenshot(path=os.path.join(output_dir, 'purchase_orders.png'))
