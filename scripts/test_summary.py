# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Print each backend's counts and the total from pytest's JUnit XML;
fail when a backend ran no test or any test failed."""
import os
import sys
import xml.etree.ElementTree as ET


def counts(path):
    if not os.path.exists(path):
        return 0, 1, 0
    suite = ET.parse(path).getroot().find('testsuite')
    tests, skipped = int(suite.get('tests')), int(suite.get('skipped'))
    failed = int(suite.get('failures')) + int(suite.get('errors'))
    return tests - failed - skipped, failed, skipped


def main(paths):
    total = [0, 0, 0]
    ok = True
    for path in paths:
        passed, failed, skipped = counts(path)
        name = os.path.splitext(os.path.basename(path))[0]
        print(f"{name}: {passed} passed, {failed} failed, {skipped} skipped")
        ok &= passed > 0 and not failed
        total = [a + b for a, b in zip(total, (passed, failed, skipped))]
    print("total: %d passed, %d failed, %d skipped" % tuple(total))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
