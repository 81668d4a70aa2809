# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import os

import polib

from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction
from trytond.tools import file_open


class TranslationTestMixin:
    "Check that the module's zh_CN.po translates every string it has"

    @with_transaction()
    def test_zh_cn_complete(self):
        "Every string of the module has a zh_CN translation"
        Translation = Pool().get('ir.translation')
        source = Translation.translation_export('en', self.module)
        with file_open(os.path.join(self.module, 'locale', 'zh_CN.po')) as fp:
            translated = {
                (e.msgctxt, e.msgid) for e in polib.pofile(fp.read())
                if e.msgstr}
        missing = [
            (e.msgctxt, e.msgid) for e in polib.pofile(source.decode())
            if (e.msgctxt, e.msgid) not in translated]
        self.assertEqual(missing, [])
