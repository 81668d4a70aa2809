# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Translatable charts of accounts.

Tryton stores the names of account, account type and tax templates in one
language and ships a chart per language.  JXC ships one chart, the
小企业会计准则 chart of account.xml, in English with its Chinese names in
locale/zh_CN.po: the names are made translatable, and the charts created
or updated from a template get the translations of the template."""
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction


class TranslatedMixin:
    "Make the fields of _translated translatable"
    __slots__ = ()
    _translated = ('name',)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        for name in cls._translated:
            field = getattr(cls, name)
            field.translate = True
            field.loading = 'lazy'


class TypeTemplate(TranslatedMixin, metaclass=PoolMeta):
    __name__ = 'account.account.type.template'


class Type(TranslatedMixin, metaclass=PoolMeta):
    __name__ = 'account.account.type'


class AccountTemplate(TranslatedMixin, metaclass=PoolMeta):
    __name__ = 'account.account.template'


class Account(TranslatedMixin, metaclass=PoolMeta):
    __name__ = 'account.account'


class TaxGroup(TranslatedMixin, metaclass=PoolMeta):
    __name__ = 'account.tax.group'


class TaxTemplate(TranslatedMixin, metaclass=PoolMeta):
    __name__ = 'account.tax.template'
    _translated = ('name', 'description')


class Tax(TranslatedMixin, metaclass=PoolMeta):
    __name__ = 'account.tax'
    _translated = ('name', 'description')


class CreateChart(metaclass=PoolMeta):
    __name__ = 'account.create_chart'

    def transition_create_account(self):
        state = super().transition_create_account()
        copy_template_translations(self.account.company)
        return state


class UpdateChart(metaclass=PoolMeta):
    __name__ = 'account.update_chart'

    def transition_update(self):
        state = super().transition_update()
        copy_template_translations(self.start.account.company)
        return state


def copy_template_translations(company):
    "Give the chart of company the translations of its templates"
    pool = Pool()
    Configuration = pool.get('ir.configuration')
    Lang = pool.get('ir.lang')
    default = Configuration.get_language()
    for language in Lang.get_translatable_languages():
        if language == default:
            continue
        with Transaction().set_context(
                language=language, active_test=False):
            for name in ['account.account.type', 'account.account',
                    'account.tax']:
                Model = pool.get(name)
                _copy_translations(Model, Model._translated, company)


def _copy_translations(Model, names, company):
    to_write = []
    for record in Model.search([
                ('company', '=', company.id),
                ('template', '!=', None),
                ('template_override', '=', False),
                ]):
        values = {}
        for name in names:
            value = getattr(record.template, name)
            if value != getattr(record, name):
                values[name] = value
        if values:
            to_write.extend(([record], values))
    if to_write:
        Model.write(*to_write)
