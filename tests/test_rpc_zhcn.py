# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The demo in zh_CN over JSON-RPC, as each role reads it: labels of the
reports and Tryton's messages (issue 15, items 7 and 8)."""
import pytest
from jsonrpc import Fault

# (login, model, field, label)
LABELS = [
    ('bookkeeper5', 'account.fapiao.reporting.purchase', 'open_amount',
        "未到票金额"),
    ('bookkeeper5', 'account.fapiao.reporting.sale', 'open_amount',
        "未开票金额"),
    ('bookkeeper5', 'account.aged_balance', 'term0', "0-30天"),
    ('bookkeeper5', 'account.aged_balance', 'term3', "90天以上"),
    ('bookkeeper5', 'account.invoice', 'amount_to_pay_today',
        "今日到期未结金额"),
    ('buyer2', 'purchase.purchase', 'invoice_state', "到票状态"),
    ('salesperson4', 'sale.sale', 'invoice_state', "开票状态"),
    ('warehouse3', 'stock.reporting.inventory.turnover', 'output_quantity',
        "日均出库数量"),
    ('warehouse3', 'stock.reporting.inventory.move', 'product', "商品"),
    ]


@pytest.mark.parametrize('name,model,field,label', LABELS)
def test_label(login, name, model, field, label):
    client = login(name, 'zh_CN')
    model_ = client.model
    for part in model.split('.'):
        model_ = getattr(model_, part)
    assert model_.fields_get([field])[field]['string'] == label


def test_stock_ledger_menu_once(login):
    "报表 lists 库存台账 once"
    client = login('bookkeeper5', 'zh_CN')
    menu = client.model.ir.ui.menu
    reporting, = menu.search([
            ('name', '=', "报表"),
            ('parent.name', '=', "进销存"),
            ], 0, None, None)
    children = menu.search_read(
        [('parent', '=', reporting)], 0, None, None, ['name'])
    names = [c['name'] for c in children]
    assert names.count("库存台账") == 1, names


def test_fapiao_rate_percent(login):
    "The fapiao 税率 is entered and shown in percent"
    client = login('bookkeeper5', 'zh_CN')
    view = client.model.account.fapiao.line.fields_view_get(None, 'tree')
    assert 'factor="100"' in view['arch']
    assert "税率（%）" in view['arch']


def test_required_message(login):
    "Tryton's validation errors read in Chinese"
    client = login('buyer2', 'zh_CN')
    with pytest.raises(Fault) as info:
        client.model.party.contact_mechanism.create(
            [{'type': 'phone', 'value': '010-12345678'}])
    # Upstream's zh_CN or JXC's: either reads in Chinese
    assert "往来单位" in info.value.message, info.value.message
    assert "A value is required" not in info.value.message
