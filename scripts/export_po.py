#!/usr/bin/env python3
# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Write MODULE/locale/LANG.po with every string of the module.

The strings come from the database (activate the module first); the
translations already in the po file are kept, new strings get an empty
msgstr to fill and strings that no longer exist are dropped.  The entries
that translate other modules' strings (msgctxt with a module prefix, or a
"# jxc:" comment, see docs/terminology.md) are kept as they are.

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
    old, kept = {}, []
    if os.path.exists(path):
        for entry in polib.pofile(path):
            old[(entry.msgctxt, entry.msgid)] = entry.msgstr
            if is_override(entry):
                kept.append(entry)
    pofile = polib.pofile(source.decode('utf-8'), wrapwidth=78)
    for entry in pofile:
        entry.msgstr = old.get((entry.msgctxt, entry.msgid), '')
    # the translations of other modules' strings (docs/terminology.md)
    exported = {(e.msgctxt, e.msgid) for e in pofile}
    for entry in kept:
        if (entry.msgctxt, entry.msgid) not in exported:
            pofile.append(entry)
    pofile.save(path)


def is_override(entry):
    "Whether the entry translates a string of another module"
    res_id = entry.msgctxt.split(':')[-1]
    return '.' in res_id or (entry.tcomment or '').startswith('jxc:')


if __name__ == '__main__':
    main()
