# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt

from jxc_addon.tests.tools import TranslationTestMixin
from trytond.modules.company.tests import (
    CompanyTestMixin, create_company, set_company)
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction

from ..exceptions import ConsentModifyError, PolicyModifyError


class JxcPrivacyTestCase(
        TranslationTestMixin, CompanyTestMixin, ModuleTestCase):
    "Test JXC privacy module"
    module = 'jxc_privacy'

    @property
    def _skip_company_rule(self):
        # The company of a policy is optional: its rule allows none
        return super()._skip_company_rule | {
            ('privacy.policy', 'company'),
            }

    def _publish(self, version, days=0, major=False):
        Policy = Pool().get('privacy.policy')
        policy = Policy(
            name="Policy", version=version, text="Text", major=major,
            effective_date=dt.date.today() + dt.timedelta(days=days))
        policy.save()
        Policy.publish([policy])
        return policy

    @with_transaction()
    def test_policy_get_current(self):
        "The current policy is the latest published in effect"
        Policy = Pool().get('privacy.policy')
        company = create_company()
        with set_company(company):
            self.assertIsNone(Policy.get_current())
            old = self._publish('2026.1', days=-10)
            current = self._publish('2026.2', days=-1)
            self._publish('2026.3', days=10)
            draft = Policy(name="Policy", version='2026.4', text="Text")
            draft.save()

            self.assertEqual(Policy.get_current(), current)
            self.assertEqual(
                Policy.get_current(dt.date.today() - dt.timedelta(days=5)),
                old)
            self.assertEqual(Policy.get_current(language='zh_CN'), current)

    @with_transaction()
    def test_consent_immutable_without_access_check(self):
        "Consent events are refused modification even by root"
        pool = Pool()
        Consent = pool.get('privacy.consent')
        Party = pool.get('party.party')
        Policy = pool.get('privacy.policy')
        company = create_company()
        with set_company(company):
            policy = self._publish('2026.1')
            party = Party(name="Party")
            party.save()
            consent = Consent(
                subject=party, purpose='service', action='given',
                policy=policy, channel='paper')
            consent.save()

            with self.assertRaises(ConsentModifyError):
                Consent.write([consent], {'evidence': "Changed"})
            with self.assertRaises(ConsentModifyError):
                Consent.delete([consent])
            with self.assertRaises(PolicyModifyError):
                Policy.delete([policy])
            self.assertEqual(
                Consent.get_status(party, 'service'), 'given')
            self.assertIsNone(Consent.get_status(party, 'marketing'))


del ModuleTestCase
