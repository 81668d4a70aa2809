# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from sql import With

from trytond.model import ModelSQL, fields
from trytond.pool import Pool, PoolMeta

from jxc_privacy.guard import GuardMixin


class Group(metaclass=PoolMeta):
    __name__ = 'res.group'

    implied_groups = fields.Many2Many(
        'res.group-res.group.implied', 'group', 'implied', "Also Grants",
        help="The groups whose accesses members of this group also get.\n"
        "A JXC role grants the Tryton groups of its daily work.")

    @classmethod
    def group_parent_all_cte(cls):
        # A role implies several groups where "parent" allows only one, so
        # both kinds of edge feed the same recursive closure.
        pool = Pool()
        Implied = pool.get('res.group-res.group.implied')
        group = cls.__table__()
        implied = Implied.__table__()
        edges = (group.select(group.id, group.parent.as_('parent'))
            | implied.select(
                implied.group.as_('id'), implied.implied.as_('parent')))
        parents = With('id', 'parent', recursive=True)
        parents.query = group.select(group.id, group.id)
        parents.query |= (edges
            .join(parents, condition=edges.parent == parents.id)
            .select(edges.id, parents.parent))
        return parents


class GroupImplied(GuardMixin, ModelSQL):
    __name__ = 'res.group-res.group.implied'

    group = fields.Many2One(
        'res.group', "Group", required=True, ondelete='CASCADE')
    implied = fields.Many2One(
        'res.group', "Implied Group", required=True, ondelete='CASCADE')

    @classmethod
    def on_modification(cls, mode, records, field_names=None):
        pool = Pool()
        User = pool.get('res.user')
        super().on_modification(mode, records, field_names=field_names)
        User._get_groups_cache.clear()
