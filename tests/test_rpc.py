# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The README's XML-RPC, JSON-RPC and proteus snippets against a real
server: log in, read the JXC menu in Chinese, create and read a party."""
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT

SNIPPET = re.compile(
    r'<!-- snippet: (\w+) -->\n```python\n(.*?)```', re.DOTALL)


def snippets():
    with open(os.path.join(ROOT, 'README.md'), encoding='utf-8') as fp:
        return dict(SNIPPET.findall(fp.read()))


def run_snippet(name, server):
    code = (snippets()[name]
        .replace('127.0.0.1:8000', server['listen'])
        .replace('jxc_demo', server['database']))
    result = subprocess.run(
        [sys.executable, '-c', code], cwd=server['cwd'],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_readme_has_snippets():
    assert set(snippets()) == {'xmlrpc', 'jsonrpc', 'proteus'}


@pytest.mark.parametrize('name, party', [
        ('xmlrpc', "宁波海曙新客户有限公司"),
        ('jsonrpc', "温州鹿城新客户有限公司"),
        ])
def test_rpc(server, name, party):
    "Log in, read the top menu in zh_CN, create and read a party"
    output = run_snippet(name, server)
    menu, created = output.splitlines()
    assert "'进销存'" in menu
    assert "'个人信息保护'" not in menu  # under 进销存, not at the top
    assert "'name': '%s'" % party in created


def test_proteus(server):
    "proteus over XML-RPC creates a party and finds the demo products"
    output = run_snippet('proteus', server)
    created, products = output.splitlines()
    assert created.endswith(" 嘉兴南湖新客户有限公司")
    assert products == "8 salable products"


def test_jsonrpc_roles(login):
    "Each demo role opens a JSON-RPC session with its own password"
    for name in ['buyer2', 'warehouse3', 'salesperson4', 'bookkeeper5']:
        client = login(name)
        assert client.model.res.user.read(
            [client.user_id], ['login'])[0]['login'] == name
