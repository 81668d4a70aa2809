# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""XLSX export and print of any list (导出 Excel / 打印)

Every JXC summary binds the two reports to its model with an
``ir.action.report`` (``report_name`` ``jxc.list.xlsx`` or
``jxc.list.print``) and a ``form_print`` keyword.  The columns are the fields
of the model's list view with their labels in the user's language, the rows
are the selected records in the order of the list."""
import datetime as dt
import io
from decimal import Decimal
from types import SimpleNamespace
from xml.sax.saxutils import escape

import xlsxwriter
from lxml import etree

from trytond.pool import Pool
from trytond.report import Report
from trytond.transaction import Transaction

CHUNK = 1000


def write_xlsx(fileobj, title, header, rows):
    """Write one sheet with the header and rows to fileobj.

    The rows may be any iterable: they are written one by one and flushed to
    disk (constant memory), so a million rows take no more memory than ten."""
    workbook = xlsxwriter.Workbook(fileobj, {
            'constant_memory': True,
            'default_date_format': 'yyyy-mm-dd',
            'strings_to_numbers': False,
            'strings_to_formulas': False,
            })
    bold = workbook.add_format({'bold': True, 'bg_color': '#DDEBF7'})
    datetime_format = workbook.add_format(
        {'num_format': 'yyyy-mm-dd hh:mm:ss'})
    worksheet = workbook.add_worksheet(title[:31])
    worksheet.freeze_panes(1, 0)
    for col, label in enumerate(header):
        worksheet.write_string(0, col, label, bold)
        worksheet.set_column(col, col, max(10, min(40, 2 * len(label) + 4)))
    for row, values in enumerate(rows, 1):
        for col, value in enumerate(values):
            if value is None or value == '':
                continue
            if isinstance(value, bool):
                worksheet.write_boolean(row, col, value)
            elif isinstance(value, (int, float, Decimal)):
                worksheet.write_number(row, col, value)
            elif isinstance(value, dt.datetime):
                worksheet.write_datetime(row, col, value, datetime_format)
            elif isinstance(value, dt.date):
                worksheet.write_datetime(row, col, value)
            else:
                worksheet.write_string(row, col, str(value))
    workbook.close()


class ListReportMixin:

    @classmethod
    def list_columns(cls, model):
        "Return [(name, label, field definition)] of the list view's fields"
        Model = Pool().get(model)
        view = Model.fields_view_get(view_type='tree')
        definitions = view['fields']
        columns = []
        for node in etree.fromstring(view['arch']).iter('field'):
            name = node.get('name')
            if (node.get('tree_invisible') in {'1', 'True'}
                    or name not in definitions):
                continue
            definition = definitions[name]
            if definition['type'] in {'one2many', 'many2many', 'binary'}:
                continue
            columns.append((
                    name, node.get('string') or definition['string'],
                    definition))
        return columns

    @classmethod
    def list_rows(cls, model, ids, columns):
        "Yield the display values of the records, CHUNK records at a time"
        Model = Pool().get(model)
        names = [n for n, _, _ in columns]
        names += [n + '.rec_name' for n, _, d in columns
            if d['type'] in {'many2one', 'reference'}]
        for i in range(0, len(ids), CHUNK):
            sub_ids = ids[i:i + CHUNK]
            values = {v['id']: v for v in Model.read(sub_ids, names)}
            for id_ in sub_ids:
                yield [cls.display(values[id_], n, d) for n, _, d in columns]

    @staticmethod
    def display(values, name, definition):
        value = values.get(name)
        type_ = definition['type']
        if type_ in {'many2one', 'reference'}:
            related = values.get(name + '.')
            return related['rec_name'] if related else None
        if type_ in {'selection', 'multiselection'}:
            labels = dict(definition.get('selection') or [])
            if isinstance(value, (list, tuple)):
                return ', '.join(str(labels.get(v, v)) for v in value)
            return labels.get(value, value)
        if type_ == 'timedelta' and value is not None:
            return str(value)
        return value

    @classmethod
    def period_text(cls):
        "The dates of the list's context, as the user chose them"
        context = Transaction().context
        dates = [context.get(k) for k in ('from_date', 'start_date')]
        dates += [context.get(k) for k in ('to_date', 'end_date', 'date')]
        dates = [d for d in dates if isinstance(d, dt.date)]
        return ' ~ '.join(d.isoformat() for d in dates)


class ListXlsx(ListReportMixin, Report):
    "XLSX export of a list"
    __name__ = 'jxc.list.xlsx'

    @classmethod
    def _execute(cls, records, header, data, action):
        model = action.model or data.get('model')
        columns = cls.list_columns(model)
        content = io.BytesIO()
        write_xlsx(
            content, action.name, [l for _, l, _ in columns],
            cls.list_rows(model, [int(r) for r in records], columns))
        return 'xlsx', content.getvalue()


class ListPrint(ListReportMixin, Report):
    "Printed list (PDF) of a summary, landscape A4, header repeated per page"
    __name__ = 'jxc.list.print'

    @classmethod
    def _execute(cls, records, header, data, action):
        pool = Pool()
        Company = pool.get('company.company')
        model = action.model or data.get('model')
        columns = cls.list_columns(model)
        company_id = Transaction().context.get('company')
        subtitle = '　'.join(filter(None, [
                    Company(company_id).rec_name if company_id else '',
                    cls.period_text(),
                    dt.datetime.now().strftime('%Y-%m-%d %H:%M')]))
        document = cls.fodt(
            action.name, subtitle, columns,
            cls.list_rows(model, [int(r) for r in records], columns))
        pdf = SimpleNamespace(
            template_extension='fodt', extension='pdf',
            report_name=cls.__name__)
        return cls.convert(pdf, document)

    @classmethod
    def fodt(cls, title, subtitle, columns, rows):
        numeric = {'integer', 'float', 'numeric'}
        head = ''.join(
            cell(label, 'Head', 'Bold') for _, label, _ in columns)
        body = []
        for values in rows:
            cells = []
            for (_, _, definition), value in zip(columns, values):
                if value is None:
                    cells.append(cell('', 'Cell', 'Left'))
                elif definition['type'] in numeric:
                    cells.append(
                        cell(cls.number(value, definition), 'Cell', 'Right'))
                elif isinstance(value, bool):
                    cells.append(cell('✓' if value else '', 'Cell', 'Left'))
                else:
                    cells.append(cell(str(value), 'Cell', 'Left'))
            body.append('<table:table-row>%s</table:table-row>'
                % ''.join(cells))
        return FODT % {
            'title': escape(title),
            'subtitle': escape(subtitle),
            'columns': len(columns),
            'head': head,
            'body': '\n'.join(body),
            }

    @staticmethod
    def number(value, definition):
        digits = definition.get('digits')
        if (isinstance(digits, (list, tuple)) and len(digits) == 2
                and isinstance(digits[1], int)):
            return '{:,.{}f}'.format(value, digits[1])
        if definition['type'] == 'integer':
            return '{:,d}'.format(value)
        return '{:,}'.format(value)


def cell(text, cell_style, paragraph_style):
    return (
        '<table:table-cell table:style-name="%s" office:value-type="string">'
        '<text:p text:style-name="%s">%s</text:p></table:table-cell>' % (
            cell_style, paragraph_style, escape(text)))


FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document
 xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3"
 office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="WenQuanYi Zen Hei"
  svg:font-family="'WenQuanYi Zen Hei'"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:text-properties style:font-name="WenQuanYi Zen Hei"
   style:font-name-asian="WenQuanYi Zen Hei"
   fo:font-size="8pt" style:font-size-asian="8pt"/>
 </style:default-style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="Page">
  <style:page-layout-properties fo:page-width="29.7cm" fo:page-height="21cm"
   style:print-orientation="landscape" fo:margin="1cm"/>
 </style:page-layout>
 <style:style style:name="Table" style:family="table">
  <style:table-properties style:width="27.7cm" table:align="margins"/>
 </style:style>
 <style:style style:name="Cell" style:family="table-cell">
  <style:table-cell-properties fo:border="0.5pt solid #000000"
   fo:padding="0.05cm"/>
 </style:style>
 <style:style style:name="Head" style:family="table-cell">
  <style:table-cell-properties fo:border="0.5pt solid #000000"
   fo:padding="0.05cm" fo:background-color="#DDEBF7"/>
 </style:style>
 <style:style style:name="Title" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"
   fo:margin-bottom="0.2cm"/>
  <style:text-properties fo:font-size="14pt" style:font-size-asian="14pt"
   fo:font-weight="bold" style:font-weight-asian="bold"/>
 </style:style>
 <style:style style:name="Left" style:family="paragraph"/>
 <style:style style:name="Right" style:family="paragraph">
  <style:paragraph-properties fo:text-align="end"/>
 </style:style>
 <style:style style:name="Bold" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-weight="bold"
   style:font-weight-asian="bold"/>
 </style:style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="Page"/>
</office:master-styles>
<office:body><office:text>
<text:p text:style-name="Title">%(title)s</text:p>
<text:p text:style-name="Left">%(subtitle)s</text:p>
<table:table table:name="List" table:style-name="Table">
<table:table-column table:number-columns-repeated="%(columns)d"/>
<table:table-header-rows><table:table-row>%(head)s</table:table-row>
</table:table-header-rows>
%(body)s
</table:table>
</office:text></office:body></office:document>
"""
