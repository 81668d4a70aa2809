# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""A day's work in the web client at desk and phone width (issue 15 items
1 and 3): the warehouse clerk enters the lines of a 其他出库单 by hand and
confirms a 盘点 with the 扫码 button beside, not over, the action
buttons.  Screenshots under test-output/."""
import os
import re

import pytest
from browser import ARGS, CHROMIUM, log_in, menu_cells

VIEWPORTS = {
    'desktop': {'width': 1440, 'height': 900},
    'phone': {'width': 390, 'height': 844},
    }


@pytest.fixture(scope='module')
def chromium():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def user_page(request, chromium, server, login, output_dir, name):
    "A page of the user name logged in at the width of the param"
    password = login(name).password
    page = chromium.new_page(
        viewport=VIEWPORTS[request.param], locale='zh-CN')
    page.set_default_timeout(90000)
    page.width = request.param
    try:
        log_in(page, server, name, password)
    except Exception:
        page.screenshot(path=os.path.join(
                output_dir, 'daywork_login_%s.png' % request.param))
        raise
    return page


@pytest.fixture(params=list(VIEWPORTS))
def warehouse(request, chromium, server, login, output_dir):
    page = user_page(
        request, chromium, server, login, output_dir, 'warehouse3')
    yield page
    page.close()


@pytest.fixture(params=list(VIEWPORTS))
def bookkeeper(request, chromium, server, login, output_dir):
    page = user_page(
        request, chromium, server, login, output_dir, 'bookkeeper5')
    yield page
    page.close()


def open_menu(page, *path):
    """Open the menu entry at the end of path under 进销存, just logged in:
    the JXC entries come first, before Tryton's of the same names"""
    path = ('进销存',) + path
    for label, child in zip(path, path[1:]):
        count = menu_cells(page, child).count()
        menu_cells(page, label).first.locator('.expander').click()
        for _ in range(100):
            if menu_cells(page, child).count() > count:
                break
            page.wait_for_timeout(100)
    menu_cells(page, path[-1]).first.click()
    return page.locator('.tab-pane.active')


def settle(page):
    "Wait for sao to finish its calls and redraw the form"
    page.wait_for_load_state('networkidle')
    page.wait_for_timeout(500)


def choose(page, field, text):
    "Type text in the many2one field and pick it in the search pop-up"
    # sao may still move the focus to the first field of a new record
    for _ in range(10):
        field.focus()
        page.keyboard.type(text)
        if field.input_value() == text:
            break
        field.fill('')
        page.wait_for_timeout(500)
    page.keyboard.press('Tab')
    modal = page.locator('.modal-dialog:visible')
    modal.get_by_text(text, exact=True).first.click()
    modal.get_by_role('button', name='确定').click()
    modal.wait_for(state='detached')


def test_other_issue_lines_by_hand(warehouse, output_dir):
    "新建 → 原因 报损 → 明细 +: the new line takes a product and a quantity"
    page = warehouse
    tab = open_menu(page, '库存', '其他出库单')
    tab.get_by_title('新建', exact=True).first.click()
    settle(page)
    choose(page, tab.locator('input[name="reason"]:visible'), '报损')
    form = tab.locator('.form')
    settle(page)
    form.get_by_title('新建', exact=True).click()
    settle(page)
    product = form.locator('input[name="product"]:visible')
    assert product.is_editable()
    choose(page, product, 'SP0001')
    quantity = form.locator('input[name="quantity"]:visible').first
    assert quantity.is_editable()
    quantity.focus()
    page.keyboard.type('2')
    page.keyboard.press('Tab')
    settle(page)
    page.screenshot(path=os.path.join(
            output_dir, 'daywork_other_issue_%s.png' % page.width))
    tab.get_by_title('保存', exact=True).first.click()
    page.get_by_text('记录保存成功').wait_for()
    settle(page)
    # Saved, the line stays editable while the document is draft
    row = form.locator('tbody tr').filter(has_text='SP0001').first
    # A click selects the row, the next one edits the cell
    cell = row.locator('td[data-title^="数量"]')
    cell.click()
    settle(page)
    cell.click()
    settle(page)
    assert form.locator(
        'input[name="quantity"]:visible').first.is_editable()
    assert tab.get_by_role('button', name='完成').is_enabled()


def test_receipt_line_lists_invoices(bookkeeper, admin, output_dir):
    "收款单: 核销明细 + then F2 in the invoice lists the party's invoices"
    page = bookkeeper
    invoice, = admin.model.account.invoice.search_read([
            ('type', '=', 'out'), ('state', '=', 'posted'),
            ], 0, 1, None, ['number', 'party.name'])
    tab = open_menu(page, '收付款', '收款单')
    tab.get_by_title('新建', exact=True).first.click()
    settle(page)
    choose(page, tab.locator('input[name="party"]:visible'),
        invoice['party.']['name'])
    settle(page)
    form = tab.locator('.form')
    form.get_by_title('新建', exact=True).click()
    settle(page)
    form.locator('input[name="invoice"]:visible').focus()
    page.keyboard.press('F2')
    modal = page.locator('.modal-dialog:visible')
    modal.get_by_text(invoice['number'], exact=True).wait_for(timeout=30000)
    page.screenshot(path=os.path.join(
            output_dir, 'daywork_receipt_invoices_%s.png' % page.width))


def test_inventory_confirm_beside_scan(warehouse, output_dir):
    "The 扫码 button covers no action button; 确认 takes the click"
    page = warehouse
    tab = open_menu(page, '库存', '盘点单')
    tab.get_by_title('新建', exact=True).first.click()
    scan = tab.locator('.btn-code-scanner .btn')
    confirm = tab.get_by_role('button', name='确认')
    confirm.wait_for()
    page.screenshot(path=os.path.join(
            output_dir, 'daywork_inventory_%s.png' % page.width))
    scan_box = scan.bounding_box()
    buttons = tab.locator('.form button:visible').filter(
        has_text=re.compile(r'\S'))
    for i in range(buttons.count()):
        button = buttons.nth(i)
        if button.inner_text().strip() == '扫码':
            continue
        box = button.bounding_box()
        assert not overlap(box, scan_box), button.inner_text()
    # Playwright checks that the button itself would receive the click
    confirm.click(trial=True, timeout=10000)


def overlap(a, b):
    return (a['x'] < b['x'] + b['width'] and b['x'] < a['x'] + a['width']
        and a['y'] < b['y'] + b['height'] and b['y'] < a['y'] + a['height'])
