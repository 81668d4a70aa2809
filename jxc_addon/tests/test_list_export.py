# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt
import io
import re
import zipfile
from decimal import Decimal


from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction

from ..list_export import write_xlsx
from .test_report import pdf_text, report_output
from .tools import ActivatedTestCase


def xlsx_text(content):
    "Return the strings of the first sheet, inline and shared, in order"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read('xl/worksheets/sheet1.xml').decode()
        if 'xl/sharedStrings.xml' in archive.namelist():
            xml += archive.read('xl/sharedStrings.xml').decode()
    return re.findall(r'<t(?: [^>]*)?>([^<]*)</t>', xml)


class ListExportTestCase(ActivatedTestCase):
    "Test the XLSX export and the print of lists"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.output = report_output()

    def reason_report(self, report_name, extension):
        pool = Pool()
        ActionReport = pool.get('ir.action.report')
        Reason = pool.get('stock.other.reason')
        action = ActionReport(
            name="Reasons", model='stock.other.reason',
            report_name=report_name, extension=extension)
        action.save()
        reasons = Reason.search([], order=[('name', 'ASC')])
        Report = pool.get(report_name, type='report')
        return reasons, Report.execute(
            [r.id for r in reasons], {'action_id': action.id})

    @with_transaction()
    def test_xlsx(self):
        "The XLSX has the list's columns and a row per selected record"
        reasons, (extension, content, _, name) = self.reason_report(
            'jxc.list.xlsx', 'xlsx')
        self.assertEqual(extension, 'xlsx')
        self.assertTrue(name.startswith("Reasons"))
        strings = xlsx_text(content)
        self.assertEqual(
            strings[:4], ["Name", "Kind", "Location", "Account"])
        kinds = {'in': "Receipt", 'out': "Issue", 'both': "Both"}
        self.assertEqual(strings[4:7], [
                reasons[0].name, kinds[reasons[0].kind],
                reasons[0].location.rec_name])
        # empty cells are not written
        self.assertEqual(
            len(strings), 4 + sum(3 + bool(r.account) for r in reasons))

    @with_transaction()
    def test_print(self):
        "The printed list is a PDF with the title and every record"
        reasons, (extension, content, _, _) = self.reason_report(
            'jxc.list.print', 'pdf')
        self.assertEqual(extension, 'pdf')
        self.assertTrue(content.startswith(b'%PDF'))
        path = self.output / 'list_print.pdf'
        path.write_bytes(content)
        text = pdf_text(path)
        self.assertIn("Reasons", text)
        for reason in reasons:
            self.assertIn(reason.name.replace(' ', ''), text)

    def test_write_xlsx_streams(self):
        "write_xlsx takes a generator and writes typed cells"
        content = io.BytesIO()
        write_xlsx(content, "台账", ["日期", "数量"], (
                (dt.date(2026, 1, i), Decimal(i)) for i in range(1, 31)))
        with zipfile.ZipFile(io.BytesIO(content.getvalue())) as archive:
            sheet = archive.read('xl/worksheets/sheet1.xml').decode()
        self.assertEqual(sheet.count('<row '), 31)
        self.assertIn('<v>30</v>', sheet)
