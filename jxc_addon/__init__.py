# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.

from . import cursor, postgresql  # noqa: F401
