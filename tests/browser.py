# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Debian's headless Chromium and sao's log-in, shared by the browser
tests."""
import re
import shutil

CHROMIUM = shutil.which('chromium') or '/usr/bin/chromium'
ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
    '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run']


def log_in(page, server, name, password):
    "Log in; sao may ignore an Enter sent while it sets up"
    from playwright.sync_api import TimeoutError
    page.goto(server['url'] + '#' + server['database'])
    page.fill('#login', name)
    prompt = page.locator('#password, input[type=password]').first
    for _ in range(10):
        if page.locator('#login').is_enabled():
            page.locator('#login').press('Enter')
        try:
            prompt.wait_for(timeout=10000)
            break
        except TimeoutError:
            continue
    page.wait_for_timeout(300)
    page.keyboard.type(password)
    page.keyboard.press('Enter')
    menu_cells(page, '进销存').first.wait_for()


def menu_cells(page, label):
    return page.locator('.cell').filter(
        has=page.get_by_title(re.compile('^%s' % label)))
