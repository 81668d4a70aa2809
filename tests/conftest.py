# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""A JXC server as a real process: the demo set-up of ``make demo`` on a
fresh database of the backend under test, served with the web client."""
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JXC = os.path.join(ROOT, 'scripts', 'jxc.py')
OUTPUT = os.path.join(ROOT, 'test-output')


def backend_uri():
    return os.environ.get('TRYTOND_DATABASE_URI') or 'sqlite://'


def backend_name():
    return backend_uri().split(':', 1)[0]


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def drop_database(uri, name):
    import psycopg
    from psycopg import sql
    with psycopg.connect(uri, dbname='postgres', autocommit=True) as conn:
        conn.execute(sql.SQL('DROP DATABASE IF EXISTS {} WITH (FORCE)')
            .format(sql.Identifier(name)))


def wait_for(url, process, timeout=120):
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if process.poll() is not None:
            raise RuntimeError("server exited with %s" % process.returncode)
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(url)


@pytest.fixture(scope='session')
def output_dir():
    path = os.path.join(OUTPUT, backend_name())
    os.makedirs(path, exist_ok=True)
    return path


@pytest.fixture(scope='session')
def server(tmp_path_factory):
    "Set up the demo database and serve it; yield url, database, password"
    uri = backend_uri()
    cwd = tmp_path_factory.mktemp('jxc')
    var = cwd / 'var'
    database = 'jxc_test_%d' % os.getpid()
    listen = '127.0.0.1:%d' % free_port()
    args = [sys.executable, JXC, '--var', str(var), '--uri', uri,
        '--database', database, '--listen', listen]
    env = {k: v for k, v in os.environ.items()
        if k not in {'DB_NAME', 'DB_CACHE', 'TRYTOND_DATABASE_URI'}}
    if not uri.startswith('sqlite'):
        drop_database(uri, database)
    subprocess.run(args + ['setup', '--demo'], env=env, check=True)
    with open(var / ('%s.password' % database)) as fp:
        password = fp.read().strip()
    log = open(var / 'trytond.log', 'w')
    process = subprocess.Popen(
        args + ['serve'], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = 'http://%s/' % listen
    try:
        wait_for(url, process)
        yield {'url': url, 'database': database, 'password': password,
            'listen': listen, 'cwd': str(cwd)}
    finally:
        process.terminate()
        process.wait(30)
        log.close()
        if not uri.startswith('sqlite'):
            drop_database(uri, database)


@pytest.fixture(scope='session')
def admin(server):
    "A JSON-RPC session of the demo's admin"
    from jsonrpc import Client
    return Client(server['url'], server['database'], 'admin',
        server['password'])


@pytest.fixture(scope='session')
def login(server, admin):
    """Return a JSON-RPC session of a demo user by login, with a password
    set by admin on first use (client.password)"""
    import secrets

    from jsonrpc import Client
    clients = {}

    def login(name, language='en'):
        if name not in clients:
            password = secrets.token_urlsafe(16)
            user_id, = admin.model.res.user.search(
                [('login', '=', name)], 0, None, None)
            admin.model.res.user.write([user_id], {'password': password})
            clients[name] = password
        return Client(server['url'], server['database'], name,
            clients[name], language)
    return login
