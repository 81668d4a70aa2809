# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.exceptions import UserError, UserWarning
from trytond.model.exceptions import AccessError, ValidationError
from trytond.modules.party.exceptions import InvalidIdentifierCode


class InvalidUSCC(InvalidIdentifierCode):
    pass


class USCCCheckWarning(UserWarning):
    pass


class DuplicateUSCC(ValidationError):
    pass


class OtherShipmentError(UserError):
    pass


class OtherShipmentDeleteError(AccessError):
    pass


class NegativeStockError(UserError):
    pass


class InternalShipmentLocationError(ValidationError):
    pass


class InventoryPeriodClosedError(UserError):
    pass


class FapiaoError(UserError):
    pass


class FapiaoValidationError(ValidationError):
    pass


class PaymentError(UserError):
    pass
