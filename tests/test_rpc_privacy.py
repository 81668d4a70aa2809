# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Personal information over JSON-RPC on the demo set-up: consent events
carry the server's evidence, requests are filed in their first state and
only the privacy officer reads what they export."""
import datetime as dt
import json
import secrets

import pytest
from jsonrpc import Fault


@pytest.fixture(scope='module')
def salesperson(login):
    return login('salesperson4')


@pytest.fixture(scope='module')
def customer(admin):
    "A customer of the demo, unique to this module"
    party_id, = admin.model.party.party.create([{
                'name': "测试客户 %s" % secrets.token_hex(4),
                'contact_mechanisms': [('create', [{
                                'type': 'mobile',
                                'value': '+8613900001111'}])],
                }])
    return party_id


@pytest.fixture(scope='module')
def policy(admin):
    "A privacy policy published by the officer"
    policy_id, = admin.model.privacy.policy.create([{
                'name': "隐私政策",
                'version': 'RPC.%s' % secrets.token_hex(2),
                'text': "我们为向您发送促销信息处理您的手机号码。",
                'effective_date': dt.date.today() - dt.timedelta(days=1),
                }])
    admin.model.privacy.policy.publish([policy_id])
    return policy_id


def consent_values(customer, policy, **values):
    return dict({
            'subject': customer, 'purpose': 'marketing', 'action': 'given',
            'policy': policy, 'channel': 'paper',
            }, **values)


def consents(admin, customer, purpose):
    return admin.model.privacy.consent.search_read(
        [('subject', '=', customer), ('purpose', '=', purpose)],
        0, None, None, ['date', 'action', 'imported'])


def import_(client, customer, policy, purpose, date):
    "Run Import Historical Consent as client"
    Wizard = client.wizard.privacy.consent.__getattr__('import')
    session_id, _, _ = Wizard.create()
    try:
        Wizard.execute(session_id, {'start': {
                    'subject': customer, 'purpose': purpose,
                    'action': 'given', 'policy': policy, 'channel': 'paper',
                    'date': date, 'evidence': "2025 年纸质登记表",
                    }}, 'import_')
    finally:
        Wizard.delete(session_id)


def test_consent_date_forged(admin, salesperson, customer, policy):
    "A date or an import flag chosen by the salesperson is refused"
    for values, label in [
            ({'date': dt.datetime(2099, 1, 1)}, "Date"),
            ({'imported': True}, "Imported"),
            ({'remote_address': '203.0.113.7'}, "Remote Address"),
            ({'recorded_by': admin.user_id}, "Recorded By"),
            ]:
        with pytest.raises(Fault) as error:
            salesperson.model.privacy.consent.create(
                [consent_values(customer, policy, **values)])
        assert error.value.kind == 'UserError'
        assert 'field "%s"' % label in error.value.message
    assert consents(admin, customer, 'marketing') == []


def test_consent_server_evidence(admin, salesperson, customer, policy):
    "The server records its time, the client's address and the user"
    before = dt.datetime.now().replace(microsecond=0)
    consent_id, = salesperson.model.privacy.consent.create(
        [consent_values(customer, policy, purpose='service')])
    consent, = salesperson.model.privacy.consent.read([consent_id], [
            'date', 'remote_address', 'recorded_by', 'imported'])
    assert before <= consent['date'] <= dt.datetime.now()
    assert consent['remote_address'] == '127.0.0.1'
    assert consent['recorded_by'] == salesperson.user_id
    assert not consent['imported']


def test_withdrawal_prevails(admin, salesperson, customer, policy):
    """A withdrawal recorded after the consent gives the status withdrawn,
    whatever the dates of the events imported by the officer"""
    Consent = salesperson.model.privacy.consent
    consent_id, = Consent.create(
        [consent_values(customer, policy, purpose='sensitive')])
    assert Consent.get_status(customer, 'sensitive') == 'given'
    Consent.withdraw([consent_id])
    assert Consent.get_status(customer, 'sensitive') == 'withdrawn'

    # The officer imports a consent given yesterday: it is logged, and
    # the withdrawal recorded now still prevails
    import_(admin, customer, policy, 'sensitive',
        dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=1))
    assert Consent.get_status(customer, 'sensitive') == 'withdrawn'
    imported, = [c for c in consents(admin, customer, 'sensitive')
        if c['imported']]
    assert imported['action'] == 'given'
    logs = admin.model.privacy.access.log.search_read(
        [('party', '=', customer), ('action', '=', 'consent_import')],
        0, None, None, ['user', 'resource'])
    assert [(l['user'], l['resource']) for l in logs] == [
        (admin.user_id, 'privacy.consent,%s' % imported['id'])]


def test_consent_import_officer_only(admin, salesperson, customer, policy):
    "The salesperson cannot import a historical consent"
    with pytest.raises(Fault) as error:
        import_(salesperson, customer, policy, 'cross_border',
            dt.datetime(2024, 1, 1))
    assert error.value.kind == 'UserError'
    assert "not allowed to execute wizard" in error.value.message
    assert consents(admin, customer, 'cross_border') == []


@pytest.mark.parametrize('values,label', [
        ({'state': 'done'}, "State"),
        ({'number': 'PR-FORGED'}, "Number"),
        ({'closed_by': 1}, "Closed By"),
        ({'verified_by': 1}, "Verified By"),
        ({'result': "Erased"}, "Result"),
        ({'closed_date': dt.date.today()}, "Closed Date"),
        ({'answer': "Done"}, "Answer"),
        ], ids=lambda v: next(iter(v)) if isinstance(v, dict) else '')
def test_request_filed_in_first_state(
        admin, salesperson, customer, values, label):
    "The salesperson cannot file a request done, numbered or closed"
    count = admin.model.privacy.request.search_count(
        [('party', '=', customer)])
    with pytest.raises(Fault) as error:
        salesperson.model.privacy.request.create([dict(
                    {'type': 'access', 'party': customer,
                        'channel': 'phone'}, **values)])
    assert error.value.kind == 'UserError'
    assert 'field "%s"' % label in error.value.message
    assert admin.model.privacy.request.search_count(
        [('party', '=', customer)]) == count


def test_export_for_officer_only(admin, salesperson, customer):
    """The salesperson files an access request; once the officer processed
    it, he sees it done but reads neither the export nor the logs"""
    Request = salesperson.model.privacy.request
    request_id, = Request.create([{
                'type': 'access', 'party': customer, 'channel': 'phone'}])
    number, = [r['number'] for r in Request.read([request_id], ['number'])]
    assert number.startswith('PR')
    with pytest.raises(Fault) as error:
        Request.verify([request_id])
    assert 'Calling button "verify' in error.value.message

    admin.model.privacy.request.write(
        [request_id], {'identity_method': 'document'})
    admin.model.privacy.request.verify([request_id])
    admin.model.privacy.request.process([request_id])
    admin.model.privacy.request.do([request_id])

    request, = Request.read([request_id], ['state', 'closed_date'])
    assert request['state'] == 'done'
    assert request['closed_date'] is not None
    assert salesperson.model.ir.attachment.search(
        [('resource', '=', 'privacy.request,%s' % request_id)],
        0, None, None) == []
    for model, domain in [
            ('privacy.request.export', [('request', '=', request_id)]),
            ('privacy.request.log', [('request', '=', request_id)]),
            ('privacy.access.log', [('party', '=', customer)]),
            ]:
        with pytest.raises(Fault) as error:
            salesperson.call('model.%s.search_read' % model,
                domain, 0, None, None, ['id'], salesperson.context)
        assert "not allowed to access" in error.value.message, model
    for field in ['exports', 'logs', 'exports.data']:
        with pytest.raises(Fault) as error:
            Request.read([request_id], [field])
        assert "not allowed to access" in error.value.message, field

    export, = admin.model.privacy.request.export.search_read(
        [('request', '=', request_id)], 0, None, None, ['name', 'data'])
    assert export['name'] == '%s.json' % number
    data = json.loads(export['data'])
    assert data['parties'] == [customer]
    events = [l['event'] for l in admin.model.privacy.request.log.search_read(
            [('request', '=', request_id)], 0, None, None, ['event'])]
    assert events == ['received', 'verified', 'exported', 'processing', 'done']
    assert admin.model.privacy.access.log.search(
        [('party', '=', customer), ('action', '=', 'export')],
        0, None, None) != []


def test_request_of_others_hidden(admin, salesperson, customer):
    "A request filed by the officer is not visible to the salesperson"
    request_id, = admin.model.privacy.request.create([{
                'type': 'access', 'party': customer, 'channel': 'phone'}])
    assert salesperson.model.privacy.request.search(
        [('id', '=', request_id)], 0, None, None) == []
    assert admin.model.privacy.request.search(
        [('id', '=', request_id)], 0, None, None) == [request_id]
