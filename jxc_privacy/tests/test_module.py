# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.

from jxc_addon.tests.tools import TranslationTestMixin
from trytond.modules.company.tests import CompanyTestMixin
from trytond.tests.test_tryton import ModuleTestCase


class JxcPrivacyTestCase(
        TranslationTestMixin, CompanyTestMixin, ModuleTestCase):
    "Test JXC privacy module"
    module = 'jxc_privacy'


del ModuleTestCase
