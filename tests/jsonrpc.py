# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""A JSON-RPC client of trytond as the web client speaks it: a session
opened with a login and password, one HTTP request per call."""
import base64
import datetime
import decimal
import itertools
import json
import urllib.request


class Fault(Exception):
    "An error answered by the server: args[0] is [kind, arguments]"

    @property
    def kind(self):
        return self.args[0][0]

    @property
    def message(self):
        "The user error's message, or the error as text"
        kind, arguments = self.args[0]
        if kind in {'UserError', 'UserWarning'}:
            return arguments[0]
        return str(arguments)


class _Path:

    def __init__(self, client, path):
        self._client = client
        self._path = path

    def __getattr__(self, name):
        return _Path(self._client, self._path + [name])

    def __call__(self, *args):
        "Call with the user's context added as last argument"
        return self._client.call(
            '.'.join(self._path), *args, self._client.context)


class Client:
    "A user's session; client.model.party.party.search(domain, 0, None, None)"

    def __init__(self, url, database, login, password, language='en'):
        self.url = url.rstrip('/') + '/' + database + '/rpc/'
        self.login = login
        self.password = password
        self._ids = itertools.count(1)
        self._authorization = None
        user_id, session, _ = self.call(
            'common.db.login', login, {'password': password}, language)
        self.user_id = user_id
        self._authorization = 'Session ' + base64.b64encode(
            ('%s:%s:%s' % (login, user_id, session)).encode()).decode()
        self.context = self.call('model.res.user.get_preferences', True, {})
        self.context['language'] = language

    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(name)
        return _Path(self, [name])

    def call(self, method, *params):
        "Call method with params as given; raise Fault on an error"
        data = json.dumps({
                'id': next(self._ids),
                'method': method,
                'params': params,
                }, default=_default).encode()
        request = urllib.request.Request(self.url, data, {
                'Content-Type': 'application/json'})
        if self._authorization:
            request.add_header('Authorization', self._authorization)
        with urllib.request.urlopen(request, timeout=300) as response:
            answer = json.loads(response.read(), object_hook=_object_hook)
        if answer.get('error'):
            raise Fault(answer['error'])
        return answer['result']


def _object_hook(value):
    "Decode the dates and decimals of trytond's JSON encoder"
    kind = value.get('__class__')
    if kind == 'date':
        return datetime.date(value['year'], value['month'], value['day'])
    if kind == 'datetime':
        return datetime.datetime(
            value['year'], value['month'], value['day'], value['hour'],
            value['minute'], value['second'], value.get('microsecond', 0))
    if kind == 'Decimal':
        return decimal.Decimal(value['decimal'])
    if kind == 'bytes':
        return base64.b64decode(value['base64'])
    return value


def _default(value):
    "Encode dates and decimals as trytond's JSON decoder reads them"
    if isinstance(value, datetime.datetime):
        return {'__class__': 'datetime', 'year': value.year,
            'month': value.month, 'day': value.day, 'hour': value.hour,
            'minute': value.minute, 'second': value.second,
            'microsecond': value.microsecond}
    if isinstance(value, datetime.date):
        return {'__class__': 'date', 'year': value.year,
            'month': value.month, 'day': value.day}
    if isinstance(value, decimal.Decimal):
        return {'__class__': 'Decimal', 'decimal': str(value)}
    raise TypeError(repr(value))
