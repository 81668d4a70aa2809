# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Personal information requests over XML-RPC on the demo set-up: any
user files a request, only the privacy officer decides it."""
import secrets
import xmlrpc.client

import pytest


def proxy(server, login, password):
    url = 'http://%s:%s@%s/%s/rpc/' % (
        login, password, server['listen'], server['database'])
    return xmlrpc.client.ServerProxy(url, allow_none=True)


@pytest.fixture(scope='module')
def admin(server):
    return proxy(server, 'admin', server['password'])


@pytest.fixture(scope='module')
def salesperson(server, admin):
    "The demo salesperson, with a password set by admin"
    password = secrets.token_urlsafe(16)
    user_id, = admin.model.res.user.search(
        [('login', '=', 'salesperson4')], 0, None, None, {})
    admin.model.res.user.write([user_id], {'password': password}, {})
    return proxy(server, 'salesperson4', password)


def context(rpc):
    return dict(rpc.model.res.user.get_preferences(True, {}), language='en')


def file_request(rpc, type_):
    ctx = context(rpc)
    party_id, = rpc.model.party.party.search(
        [('name', '=', "刘洋")], 0, 1, None, ctx)
    request_id, = rpc.model.privacy.request.create(
        [{'type': type_, 'party': party_id, 'channel': 'phone'}], ctx)
    return request_id


def read(rpc, request_id, *names):
    record, = rpc.model.privacy.request.read(
        [request_id], list(names), context(rpc))
    return [record[n] for n in names]


def test_salesperson_files_but_does_not_decide(admin, salesperson):
    "The salesperson files a request; verifying it is refused to him"
    request_id = file_request(salesperson, 'access')
    number, state, due_date = read(
        salesperson, request_id, 'number', 'state', 'due_date')
    assert number.startswith('PR')
    assert state == 'received'
    assert due_date is not None

    ctx = context(salesperson)
    with pytest.raises(xmlrpc.client.Fault) as error:
        salesperson.model.privacy.request.write(
            [request_id], {'identity_method': 'known_contact'}, ctx)
    assert 'not allowed to access "Privacy Request"' in (
        error.value.faultString)
    with pytest.raises(xmlrpc.client.Fault) as error:
        salesperson.model.privacy.request.verify([request_id], ctx)
    assert 'Calling button "verify on "Privacy Request" is not allowed' in (
        error.value.faultString)
    assert read(admin, request_id, 'state') == ['received']


def test_salesperson_does_not_export(admin, salesperson):
    "The export of a verified request is the officer's"
    request_id = file_request(salesperson, 'export')
    ctx = context(admin)
    admin.model.privacy.request.write(
        [request_id], {'identity_method': 'document'}, ctx)
    admin.model.privacy.request.verify([request_id], ctx)
    assert read(admin, request_id, 'state') == ['verified']

    with pytest.raises(xmlrpc.client.Fault) as error:
        salesperson.model.privacy.request.process(
            [request_id], context(salesperson))
    assert 'Calling button "process on "Privacy Request" is not allowed' in (
        error.value.faultString)
    assert read(admin, request_id, 'state') == ['verified']


def test_salesperson_sees_only_his_requests(admin, salesperson):
    "A request filed by the officer is not visible to the salesperson"
    request_id = file_request(admin, 'access')
    assert salesperson.model.privacy.request.search(
        [('id', '=', request_id)], 0, None, None,
        context(salesperson)) == []
    assert admin.model.privacy.request.search(
        [('id', '=', request_id)], 0, None, None,
        context(admin)) == [request_id]
