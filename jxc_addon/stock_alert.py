# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from itertools import groupby

from sql import Literal, Null
from sql.aggregate import Sum
from sql.conditionals import Case, Coalesce

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Equal, Eval, If
from trytond.transaction import Transaction

from jxc_privacy.guard import GuardMixin

STATES = [
    ('below', "Below Minimum"),
    ('above', "Above Maximum"),
    ]


def _unset(name):
    return {'invisible': Equal(Eval(name, None), None)}


class OrderPoint(metaclass=PoolMeta):
    __name__ = 'stock.order_point'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        # The maximum of a purchase order point is the upper stock alert
        cls.max_quantity.states = {}
        cls.max_quantity.help = (
            "Above this quantity in the warehouse, the product is "
            "listed in the stock alerts.")


class StockAlert(GuardMixin, ModelSQL, ModelView):
    """Products whose quantity on hand in a warehouse is below the minimum
    or above the maximum of their purchase order point.
    Tryton has order points but no list of the products outside them."""
    __name__ = 'jxc.stock.alert'
    __string__ = "Stock Alert"

    company = fields.Many2One('company.company', "Company")
    order_point = fields.Many2One('stock.order_point', "Order Point")
    product = fields.Many2One(
        'product.product', "Product",
        context={
            'company': Eval('company', -1),
            },
        depends=['company'])
    warehouse = fields.Many2One('stock.location', "Warehouse")
    unit = fields.Many2One('product.uom', "Unit")
    quantity = fields.Float(
        "Quantity", digits='unit',
        help="The quantity on hand in the warehouse today.")
    # A quantity the order point does not set shows nothing, not a bare unit
    min_quantity = fields.Float(
        "Minimum", digits='unit', states=_unset('min_quantity'))
    target_quantity = fields.Float(
        "Target", digits='unit', states=_unset('target_quantity'))
    max_quantity = fields.Float(
        "Maximum", digits='unit', states=_unset('max_quantity'))
    shortage_quantity = fields.Float(
        "Shortage", digits='unit', states=_unset('shortage_quantity'),
        help="The quantity missing to reach the minimum.")
    excess_quantity = fields.Float(
        "Excess", digits='unit', states=_unset('excess_quantity'),
        help="The quantity above the maximum.")
    state = fields.Selection(STATES, "State")
    state_string = state.translated('state')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [
            ('state', 'DESC'),
            ('shortage_quantity', 'DESC'),
            ('excess_quantity', 'DESC'),
            ('id', 'ASC'),
            ]

    @classmethod
    def table_query(cls):
        pool = Pool()
        OrderPoint = pool.get('stock.order_point')
        Product = pool.get('product.product')
        Template = pool.get('product.template')
        order_point = OrderPoint.__table__()
        product = Product.__table__()
        template = Template.__table__()
        stock = cls._stock_query()

        quantity = Coalesce(stock.quantity, 0.0)
        below = quantity < order_point.min_quantity
        above = quantity > order_point.max_quantity
        return (order_point
            .join(product, condition=order_point.product == product.id)
            .join(template, condition=product.template == template.id)
            .join(stock, 'LEFT', condition=(
                    (stock.warehouse == order_point.location)
                    & (stock.product == order_point.product)))
            .select(
                order_point.id.as_('id'),
                order_point.company.as_('company'),
                order_point.id.as_('order_point'),
                order_point.product.as_('product'),
                order_point.location.as_('warehouse'),
                template.default_uom.as_('unit'),
                quantity.as_('quantity'),
                order_point.min_quantity.as_('min_quantity'),
                order_point.target_quantity.as_('target_quantity'),
                order_point.max_quantity.as_('max_quantity'),
                Case((below, order_point.min_quantity - quantity),
                    else_=Null).as_('shortage_quantity'),
                Case((above, quantity - order_point.max_quantity),
                    else_=Null).as_('excess_quantity'),
                Case((below, 'below'), else_='above').as_('state'),
                where=(order_point.type == 'purchase')
                & (order_point.company
                    == Transaction().context.get('company', -1))
                & (below | above)))

    @classmethod
    def _stock_query(cls):
        "Return the query of the quantity on hand per warehouse and product"
        pool = Pool()
        Date = pool.get('ir.date')
        Location = pool.get('stock.location')
        Move = pool.get('stock.move')
        location = Location.__table__()
        parent = Location.__table__()
        warehouse = Location.__table__()

        warehouses = [w.id for w in Location.search([
                    ('type', '=', 'warehouse'),
                    ])] or [-1]
        with Transaction().set_context(
                stock_date_end=Date.today(), forecast=False):
            quantities = Move.compute_quantities_query(
                warehouses, with_childs=True)
        # Children of a flat location are also counted in their parent
        return (quantities
            .join(location, condition=quantities.location == location.id)
            .join(parent, 'LEFT', condition=location.parent == parent.id)
            .join(warehouse, condition=(
                    (location.left >= warehouse.left)
                    & (location.right <= warehouse.right)))
            .select(
                warehouse.id.as_('warehouse'),
                quantities.product.as_('product'),
                Sum(quantities.quantity).as_('quantity'),
                where=warehouse.id.in_(warehouses)
                & (Coalesce(parent.flat_childs, Literal(False))
                    == Literal(False)),
                group_by=[warehouse.id, quantities.product]))

    @classmethod
    def view_attributes(cls):
        return super().view_attributes() + [
            ('/tree', 'visual',
                If(Eval('state') == 'below', 'danger', 'warning')),
            ]

    @classmethod
    def notify_below_minimum(cls):
        "Notify the warehouse clerks and owners of the products to supply"
        pool = Pool()
        Company = pool.get('company.company')
        company_id = Transaction().context.get('company')
        companies = [Company(company_id)] if company_id else Company.search([])
        for company in companies:
            with Transaction().set_context(
                    company=company.id, _check_access=False):
                count = cls.search(
                    [('state', '=', 'below')], count=True)
                if count:
                    cls._notify(company, count)

    @classmethod
    def _notify(cls, company, count):
        pool = Pool()
        ActionWindow = pool.get('ir.action.act_window')
        ModelData = pool.get('ir.model.data')
        Notification = pool.get('res.notification')
        User = pool.get('res.user')
        action = ActionWindow(
            ModelData.get_id('jxc_addon', 'act_stock_alert')).action
        users = User.search([
                ('groups', 'in', [
                        ModelData.get_id('jxc_addon', 'group_jxc_warehouse'),
                        ModelData.get_id('jxc_addon', 'group_jxc_owner'),
                        ]),
                ('companies', '=', company.id),
                ], order=[('language', 'ASC'), ('id', 'ASC')])
        notifications = []
        for language, users in groupby(users, key=lambda u: u.language):
            with Transaction().set_context(
                    language=language.code if language else None):
                label = gettext('jxc_addon.msg_stock_alert_notification')
                description = gettext(
                    'jxc_addon.msg_stock_alert_below_minimum', count=count)
            notifications.extend(Notification(
                    user=user, label=label, description=description,
                    icon='tryton-warning', action=action)
                for user in users)
        Notification.save(notifications)


class Cron(metaclass=PoolMeta):
    __name__ = 'ir.cron'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.method.selection.append(
            ('jxc.stock.alert|notify_below_minimum',
                "Notify Products below Minimum"))
