# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt
import io
import json
from collections import defaultdict
from decimal import Decimal

import xlsxwriter
from sql.operators import Like

from trytond.i18n import gettext
from trytond.model import Model, ModelSQL, ModelView, fields
from trytond.model.exceptions import AccessError
from trytond.modules.party.exceptions import EraseError
from trytond.pool import Pool
from trytond.rpc import RPC
from trytond.transaction import (
    Transaction, inactive_records, without_check_access)
from trytond.wizard import Button, StateTransition, StateView, Wizard

PERSONS = {'party.party', 'web.user'}
EXPORT_TYPES = {
    'boolean', 'char', 'date', 'datetime', 'dict', 'float', 'integer',
    'many2one', 'multiselection', 'numeric', 'reference', 'selection',
    'text', 'time', 'timedelta', 'timestamp',
    }
CLOSED_STATES = {'done', 'paid', 'cancelled'}
WEB_USER_COLUMNS = [
    'email', 'password_hash', 'email_token', 'reset_password_token']


class Data(Model):
    """Personal Data

    The registry of the personal information of a person (a party and its
    web users) across the installed modules: it finds, exports and erases
    it.  Not stored; Tryton has no export of a person.  The records holding
    the person's data are found through the stored Many2One fields to
    party.party and web.user (_personal_data_models), the erasure goes
    through party.erase (to_erase, check_erase_company, get_resources)."""
    __name__ = 'privacy.data'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__rpc__.update({
                'export_person': RPC(readonly=False),
                'erase_person': RPC(readonly=False),
                'check_erasable': RPC(),
                })

    @classmethod
    def _personal_data_models(cls):
        """Return the links to the person as (model, field, target):
        the records of model whose field is one of the person's parties
        (target party.party) or web users (web.user) hold their data"""
        links = [
            ('party.party', 'id', 'party.party'),
            ('web.user', 'id', 'web.user'),
            ]
        for name, Model_ in Pool().iterobject():
            if not issubclass(Model_, ModelSQL) or Model_._is_table_query():
                continue
            for fname, field in Model_._fields.items():
                if (field._type == 'many2one'
                        and field.model_name in PERSONS
                        and not isinstance(field, fields.Function)):
                    links.append((name, fname, field.model_name))
        return links

    @classmethod
    def _resource_models(cls):
        "Return the models whose attachments and notes are exported"
        return {
            'party.party', 'party.address', 'party.contact_mechanism',
            'party.identifier', 'web.user', 'privacy.consent',
            }

    @classmethod
    def _export_excluded_fields(cls):
        "Return the fields not exported per model: secrets and internals"
        return {
            'web.user': {
                'password_hash', 'email_token', 'reset_password_token',
                'reset_password_token_expire'},
            }

    @classmethod
    def _closed_states(cls):
        """Return the states in which the documents of the model are no
        longer processed, None to skip the model.  By default the models
        with a done or paid state are documents closed in those states or
        cancelled."""
        return {
            'privacy.request': None,
            'purchase.request.quotation': [
                'received', 'rejected', 'cancelled'],
            }

    @classmethod
    def _retention(cls):
        "Return the message why the records of the model are kept"
        accounting = 'jxc_privacy.msg_data_kept_accounting'
        evidence = 'jxc_privacy.msg_data_kept_evidence'
        return {
            'account.invoice': accounting,
            'account.invoice.line': accounting,
            'account.move.line': accounting,
            'privacy.access.log': evidence,
            'privacy.consent': evidence,
            }

    @classmethod
    def _links_by_model(cls):
        links = defaultdict(list)
        for model, field, target in cls._personal_data_models():
            links[model].append((field, target))
        return links

    @classmethod
    def check_officer(cls, message='jxc_privacy.msg_data_officer_only'):
        "Raise the message unless the user is a privacy officer"
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        User = pool.get('res.user')
        if not Transaction().user:
            return
        group = ModelData.get_id('jxc_privacy', 'group_privacy_officer')
        if group not in User.get_groups():
            raise AccessError(gettext(message))

    @classmethod
    @without_check_access
    @inactive_records
    def _persons(cls, party=None, web_user=None):
        """Return the ids of the parties (with those it replaced) and web
        users of the person"""
        pool = Pool()
        Party = pool.get('party.party')
        User = pool.get('web.user')
        parties = {int(party)} if party else set()
        users = {int(web_user)} if web_user else set()
        parties |= {u.party.id for u in User.browse(users) if u.party}
        replacing = parties
        while replacing:
            replacing = {p.id for p in Party.search([
                        ('replaced_by', 'in', list(replacing)),
                        ])} - parties
            parties |= replacing
        if parties:
            users |= {u.id for u in User.search([
                        ('party', 'in', list(parties)),
                        ])}
        return sorted(parties), sorted(users)

    @classmethod
    def _domain(cls, links, parties, users):
        ids = {'party.party': parties, 'web.user': users}
        clauses = [(f, 'in', ids[t]) for f, t in links if ids[t]]
        if clauses:
            return ['OR'] + clauses

    @classmethod
    def export_person(cls, party=None, web_user=None):
        """Return the personal information of the person as a JSON-able
        dictionary: {'date', 'parties', 'web_users', 'models': {model:
        {'name', 'records': [{field: value}]}}, 'sharing': [...]}"""
        pool = Pool()
        AccessLog = pool.get('privacy.access.log')
        IrModel = pool.get('ir.model')
        cls.check_officer()
        parties, users = cls._persons(party, web_user)
        names = dict(IrModel.get_name_items())
        models = {}
        with without_check_access(), inactive_records():
            for name, links in cls._links_by_model().items():
                records = cls._export_records(
                    pool.get(name), cls._domain(links, parties, users))
                if records:
                    models[name] = {'name': names[name], 'records': records}
            for name, records in cls._export_lines(models):
                model = models.setdefault(
                    name, {'name': names[name], 'records': []})
                known = {r['id'] for r in model['records']}
                model['records'].extend(
                    r for r in records if r['id'] not in known)
            for name in ['ir.attachment', 'ir.note']:
                records = cls._export_records(
                    pool.get(name), cls._resource_domain(models))
                if records:
                    models[name] = {'name': names[name], 'records': records}
            cls._set_record_names(models)
            sharing = cls._export_sharing(parties)
        AccessLog.add(
            'export', pool.get('party.party').browse(parties),
            pool.get('web.user').browse(users))
        return {
            'date': dt.datetime.now().isoformat(),
            'parties': parties,
            'web_users': users,
            'models': models,
            'sharing': sharing,
            }

    @classmethod
    def _export_lines(cls, models):
        "Yield the model and records of the lines of the exported documents"
        pool = Pool()
        for name in list(models):
            field = pool.get(name)._fields.get('lines')
            if (field is None or field._type != 'one2many'
                    or isinstance(field, fields.Function)):
                continue
            ids = [r['id'] for r in models[name]['records']]
            Line = pool.get(field.model_name)
            records = cls._export_records(Line, [(field.field, 'in', ids)])
            if records:
                yield Line.__name__, records

    @classmethod
    def _resource_domain(cls, models):
        resources = [
            f'{name},{r["id"]}' for name in cls._resource_models()
            for r in models.get(name, {}).get('records', [])]
        if resources:
            return [('resource', 'in', resources)]

    @classmethod
    def _export_fields(cls, Model_):
        excluded = cls._export_excluded_fields().get(Model_.__name__, set())
        excluded |= {'id', 'create_uid', 'write_uid', 'write_date'}
        return ['id'] + sorted(
            n for n, f in Model_._fields.items()
            if f._type in EXPORT_TYPES
            and not isinstance(f, fields.Function)
            and n not in excluded)

    @classmethod
    def _export_records(cls, Model_, domain):
        """Return the records of domain as dictionaries of the exported
        fields, the Many2One as ids (see _set_record_names)"""
        if not domain:
            return []
        ids = [r.id for r in Model_.search(domain, order=[('id', 'ASC')])]
        names = cls._export_fields(Model_)
        return [
            {n: cls._jsonify(row[n]) for n in names}
            for row in Model_.read(ids, names)]

    @classmethod
    def _set_record_names(cls, models):
        """Replace the Many2One ids of the exported records by the record
        names, read once per target model"""
        pool = Pool()
        links, targets = {}, defaultdict(set)
        for name, model in models.items():
            Model_ = pool.get(name)
            links[name] = [
                (n, Model_._fields[n].model_name)
                for n in cls._export_fields(Model_)
                if Model_._fields[n]._type == 'many2one']
            for field, target in links[name]:
                targets[target].update(
                    r[field] for r in model['records']
                    if r[field] is not None)
        record_names = {}
        for target, ids in targets.items():
            rows = pool.get(target).read(list(ids), ['rec_name'])
            record_names[target] = {r['id']: r['rec_name'] for r in rows}
        for name, model in models.items():
            for field, target in links[name]:
                names = record_names[target]
                for record in model['records']:
                    if record[field] is not None:
                        record[field] = names[record[field]]

    @classmethod
    def _jsonify(cls, value):
        if isinstance(value, Decimal):
            return str(value)
        elif isinstance(value, (dt.date, dt.time)):
            return value.isoformat()
        elif isinstance(value, dt.timedelta):
            return value.total_seconds()
        elif isinstance(value, bytes):
            return None
        elif isinstance(value, (list, tuple)):
            return [cls._jsonify(v) for v in value]
        return value

    @classmethod
    def _export_sharing(cls, parties):
        """Return the recipients of the person's data: those that need no
        consent and those the person consented to"""
        pool = Pool()
        Consent = pool.get('privacy.consent')
        Sharing = pool.get('privacy.sharing')
        result = [
            dict(s.to_export(), consent=None)
            for s in Sharing.search([('legal_basis', '!=', 'consent')])]
        latest = {}
        for consent in Consent.search([
                    ('subject', 'in', parties),
                    ('sharing', '!=', None),
                    ], order=[('date', 'ASC'), ('id', 'ASC')]):
            latest[consent.subject, consent.sharing] = consent
        for consent in latest.values():
            status = Consent.get_status(
                consent.subject, consent.purpose, consent.third_party)
            result.append(dict(consent.sharing.to_export(), consent=status))
        return result

    @classmethod
    def to_json(cls, data):
        return json.dumps(data, ensure_ascii=False).encode('utf-8')

    @classmethod
    def to_xlsx(cls, data):
        """Return the export as an XLSX workbook with one sheet per model,
        written row by row (constant memory)"""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {'constant_memory': True})
        sheets = [('sharing', data['sharing'])] + [
            (name, model['records'])
            for name, model in data['models'].items()]
        for name, rows in sheets:
            sheet = workbook.add_worksheet(name[:31])
            header = list(rows[0]) if rows else []
            sheet.write_row(0, 0, header)
            for i, row in enumerate(rows, 1):
                for j, column in enumerate(header):
                    if row[column] is not None:
                        cls._write_cell(sheet, i, j, row[column])
        workbook.close()
        return output.getvalue()

    @classmethod
    def _write_cell(cls, sheet, row, column, value):
        if isinstance(value, str):
            sheet.write_string(row, column, value)
        elif isinstance(value, bool):
            sheet.write_boolean(row, column, value)
        elif isinstance(value, (int, float)):
            sheet.write_number(row, column, value)
        else:
            sheet.write_string(
                row, column, json.dumps(value, ensure_ascii=False))

    @classmethod
    def check_erasable(cls, party):
        """Raise if the personal information of the party may not be erased:
        it has open documents or balances"""
        pool = Pool()
        Company = pool.get('company.company')
        Party = pool.get('party.party')
        party = Party(int(party))
        cls._check_open_documents(party)
        wizard = cls._erase_wizard(party)
        with without_check_access(), inactive_records():
            for company in Company.search([]):
                with Transaction().set_context(company=company.id):
                    wizard.check_erase_company(Party(party.id), company)

    @classmethod
    def _check_open_documents(cls, party):
        pool = Pool()
        IrModel = pool.get('ir.model')
        names = dict(IrModel.get_name_items())
        parties, _ = cls._persons(party)
        documents = []
        with without_check_access(), inactive_records():
            for name, links in cls._links_by_model().items():
                Model_ = pool.get(name)
                closed = cls._get_closed_states(Model_)
                domain = cls._domain(links, parties, [])
                if closed is None or not domain:
                    continue
                count = Model_.search_count(
                    [domain, ('state', 'not in', closed)])
                if count:
                    documents.append(f'{names[name]} ({count})')
        if documents:
            raise EraseError(gettext(
                    'jxc_privacy.msg_data_open_documents',
                    party=party.rec_name, documents=', '.join(documents)))

    @classmethod
    def _get_closed_states(cls, Model_):
        closed_states = cls._closed_states()
        if Model_.__name__ in closed_states:
            return closed_states[Model_.__name__]
        field = Model_._fields.get('state')
        if (field is None or field._type != 'selection'
                or isinstance(field, fields.Function)
                or not isinstance(field.selection, (list, tuple))):
            return None
        states = {value for value, _ in field.selection}
        if states & {'done', 'paid'}:
            return sorted(states & CLOSED_STATES)

    @classmethod
    def _erase_wizard(cls, party):
        "Return a party.erase wizard to call its hooks, without session"
        pool = Pool()
        Erase = pool.get('party.erase', type='wizard')
        EraseAsk = pool.get('party.erase.ask')
        wizard = Erase.__new__(Erase)
        wizard.ask = EraseAsk(party=party)
        return wizard

    @classmethod
    def erase_person(cls, party=None, web_user=None):
        """Erase the personal information of the person through party.erase
        and return what was erased and what was kept and why:
        {'erased': [{'model', 'records', 'fields'}],
        'kept': [{'model', 'records', 'reason'}]}"""
        pool = Pool()
        Party = pool.get('party.party')
        User = pool.get('web.user')
        cls.check_officer()
        party_ids, user_ids = cls._persons(party, web_user)
        parties = Party.browse(party_ids)
        for record in parties:
            cls.check_erasable(record)
        result = cls._erase_result(parties, user_ids)
        with without_check_access(), inactive_records():
            linked = {u.id for u in User.search([('party', 'in', parties)])}
            Party.write(parties, {'active': False})
            for record in parties:
                if not record.replaced_by:
                    cls._erase_wizard(record).transition_erase()
            others = [u for u in user_ids if u not in linked]
            if others:
                cls._after_erase(cls._prepare_erasure([], others))
        return result

    @classmethod
    def _erase_result(cls, parties, users):
        pool = Pool()
        erased = {}
        if users:
            erased['web.user'] = {
                'model': 'web.user', 'records': len(users),
                'fields': WEB_USER_COLUMNS}
        with without_check_access(), inactive_records():
            for party in parties:
                wizard = cls._erase_wizard(party)
                for Model_, domain, _, columns, _ in wizard.to_erase(party.id):
                    count = Model_.search_count(domain)
                    entry = erased.setdefault(Model_.__name__, {
                            'model': Model_.__name__, 'records': 0,
                            'fields': []})
                    entry['records'] = max(entry['records'], count)
                    entry['fields'] += [
                        c for c in columns if c not in entry['fields']]
            kept = []
            party_ids = [p.id for p in parties]
            for name, links in cls._links_by_model().items():
                domain = cls._domain(links, party_ids, users)
                if name in erased or not domain:
                    continue
                count = pool.get(name).search_count(domain)
                if count:
                    kept.append({
                            'model': name, 'records': count,
                            'reason': gettext(cls._retention().get(
                                    name, 'jxc_privacy.msg_data_kept_link')),
                            })
        return {
            'erased': [e for e in erased.values() if e['records']],
            'kept': kept,
            }

    @classmethod
    @without_check_access
    @inactive_records
    def _prepare_erasure(cls, parties, users):
        "Return what the erasure needs once the party.erase ran"
        User = Pool().get('web.user')
        return {
            'parties': list(parties),
            'web_users': list(users),
            'emails': [u.email for u in User.browse(users) if u.email],
            }

    @classmethod
    @without_check_access
    def _after_erase(cls, erasure):
        "Complete party.erase for web users, e-mails and the restriction"
        pool = Pool()
        AccessLog = pool.get('privacy.access.log')
        Party = pool.get('party.party')
        User = pool.get('web.user')
        parties = Party.browse(erasure['parties'])
        users = User.browse(erasure['web_users'])
        cls._erase_web_users(users, erasure['emails'])
        cls._erase_emails(erasure['emails'])
        Party.write(parties, {'privacy_restricted': True})
        AccessLog.add('erasure', parties, users)

    @classmethod
    def _erase_web_users(cls, users, emails):
        pool = Pool()
        User = pool.get('web.user')
        Session = pool.get('web.user.session')
        Attempt = pool.get('web.user.authenticate.attempt')
        if not users:
            return
        cursor = Transaction().connection.cursor()
        User.write(users, {'active': False})
        table = User.__table__()
        cursor.execute(*table.update(
                [getattr(table, c) for c in WEB_USER_COLUMNS],
                [None] * len(WEB_USER_COLUMNS),
                where=table.id.in_([u.id for u in users])))
        Session.delete(Session.search([('user', 'in', users)]))
        if emails:
            attempt = Attempt.__table__()
            cursor.execute(*attempt.delete(
                    where=attempt.login.in_(emails)))

    @classmethod
    def _erase_emails(cls, emails):
        "Erase the e-mails sent to the person"
        pool = Pool()
        Email = pool.get('ir.email')
        Address = pool.get('ir.email.address')
        cursor = Transaction().connection.cursor()
        email, address = Email.__table__(), Address.__table__()
        columns = [
            'recipients', 'recipients_secondary', 'recipients_hidden',
            'subject', 'body']
        for value in emails:
            pattern = '%' + value.replace('%', '\\%') + '%'
            sent = address.select(
                address.email, where=address.address == value)
            cursor.execute(*email.update(
                    [getattr(email, c) for c in columns],
                    [None] * len(columns),
                    where=email.id.in_(sent)
                    | Like(email.recipients, pattern)
                    | Like(email.recipients_secondary, pattern)
                    | Like(email.recipients_hidden, pattern)))
            cursor.execute(*address.delete(where=address.address == value))


class DataExport(Wizard):
    "Export Personal Information"
    __name__ = 'privacy.data.export'
    start = StateTransition()
    result = StateView(
        'privacy.data.export.result',
        'jxc_privacy.data_export_result_view_form', [
            Button("Close", 'end', 'tryton-close', default=True),
            ])

    def transition_start(self):
        Data = Pool().get('privacy.data')
        if self.model.__name__ == 'web.user':
            data = Data.export_person(web_user=self.record)
        else:
            data = Data.export_person(party=self.record)
        stem = 'personal-information-%s-%s' % (
            self.model.__name__.replace('.', '-'), self.record.id)
        self.result.json_file = Data.to_json(data)
        self.result.json_filename = stem + '.json'
        self.result.xlsx_file = Data.to_xlsx(data)
        self.result.xlsx_filename = stem + '.xlsx'
        return 'result'

    def default_result(self, fields):
        return {
            'json_file': self.result.json_file,
            'json_filename': self.result.json_filename,
            'xlsx_file': self.result.xlsx_file,
            'xlsx_filename': self.result.xlsx_filename,
            }


class DataExportResult(ModelView):
    "Export Personal Information"
    __name__ = 'privacy.data.export.result'

    json_file = fields.Binary(
        "JSON", filename='json_filename', readonly=True,
        help="The personal information, machine-readable.")
    json_filename = fields.Char("JSON File Name", readonly=True)
    xlsx_file = fields.Binary(
        "Spreadsheet", filename='xlsx_filename', readonly=True,
        help="The personal information, one sheet per kind of record.")
    xlsx_filename = fields.Char("Spreadsheet File Name", readonly=True)
