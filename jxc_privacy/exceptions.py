# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.

from trytond.exceptions import UserError
from trytond.model.exceptions import AccessError, ValidationError


class PolicyModifyError(AccessError):
    pass


class ConsentModifyError(AccessError):
    pass


class ConsentValidationError(ValidationError):
    pass


class AccessLogModifyError(AccessError):
    pass


class PartyRestrictedError(UserError):
    pass
