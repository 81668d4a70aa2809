#!/usr/bin/env python3
# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Write MODULE/locale/LANG.po with every string of the module.

The strings come from the database (activate the module first); the
translations already in the po file are kept, new strings get an empty
msgstr to fill and strings that no longer exist are dropped.

    python scripts/export_po.py -c var/trytond.conf -d DB jxc_addon
"""
import argparse
import os

import polib

from trytond import config
from trytond.pool import Pool
from trytond.transaction import Transaction

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('-c', '--config', required=True)
    parser.add_argument('-d', '--database', required=True)
    parser.add_argument('-l', '--language', default='zh_CN')
    parser.add_argument('modules', nargs='+')
    args = parser.parse_args()
    config.update_etc(args.config)
    pool = Pool(args.database)
    pool.init()
    with Transaction().start(args.database, 0, readonly=True):
        Translation = pool.get('ir.translation')
        for module in args.modules:
            path = os.path.join(
                ROOT, module, 'locale', '%s.po' % args.language)
            merge(path, Translation.translation_export('en', module))
            print(path)


def merge(path, source):
    old = {}
    if os.path.exists(path):
        old = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(path)}
    pofile = polib.pofile(source.decode('utf-8'), wrapwidth=78)
    for entry in pofile:
        entry.msgstr = old.get((entry.msgctxt, entry.msgid), '')
    pofile.save(path)


if __name__ == '__main__':
    main()
