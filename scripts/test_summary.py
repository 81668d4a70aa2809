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
    # Test cases, not the subtests that the suite's attributes count
    cases = ET.parse(path).getroot().iter('testcase')
    outcomes = [{child.tag for child in case} for case in cases]
    failed = sum(bool(o & {'failure', 'error'}) for o in outcomes)
    skipped = sum('skipped' in o and not o & {'failure', 'error'}
        for o in outcomes)
    return len(outcomes) - failed - skipped, failed, skipped


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
