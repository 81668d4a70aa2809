#!/usr/bin/env python3
# This file is part of JXC.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""JXC command line: write the server configuration, set up a database
with the JXC modules (and demo data), start the server.

    python scripts/jxc.py setup --demo      # SQLite database jxc_demo
    python scripts/jxc.py serve
    python scripts/jxc.py setup --uri postgresql://postgres@127.0.0.1:5432/
"""
import argparse
import os
import secrets
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VAR = os.path.join(ROOT, 'var')
MODULES = ['jxc_addon', 'jxc_rfq', 'jxc_privacy']
LANGUAGE = 'zh_CN'


def write_config(path, uri, listen, sao_root, db_path):
    "Write a trytond configuration file and return its path"
    # Clerks issuing the same product at once are serialized by PostgreSQL:
    # the later ones fail and trytond runs them again; Tryton's default of 5
    # retries (about 0.3 s) is too short for a busy warehouse.
    lines = ['[database]', 'uri = %s' % uri, 'retry = 40']
    if uri.startswith('sqlite'):
        os.makedirs(db_path, exist_ok=True)
        lines.append('path = %s' % db_path)
    lines += ['', '[web]', 'listen = %s' % listen]
    if sao_root:
        lines.append('root = %s' % sao_root)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as fp:
        fp.write('\n'.join(lines) + '\n')
    return path


def database_exists(uri, db_path, name):
    if uri.startswith('sqlite'):
        return os.path.exists(os.path.join(db_path, name + '.sqlite'))
    import psycopg
    with psycopg.connect(uri, dbname='postgres', autocommit=True) as conn:
        return bool(conn.execute(
                'SELECT 1 FROM pg_database WHERE datname = %s',
                (name,)).fetchone())


def create_database(uri, db_path, name):
    if uri.startswith('sqlite'):
        os.makedirs(db_path, exist_ok=True)
        open(os.path.join(db_path, name + '.sqlite'), 'a').close()
        return
    import psycopg
    from psycopg import sql
    with psycopg.connect(uri, dbname='postgres', autocommit=True) as conn:
        conn.execute(sql.SQL(
                "CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0")
            .format(sql.Identifier(name)))


def password_file(args):
    return os.path.join(args.var, '%s.password' % args.database)


def new_password(args):
    "Write a generated password beside the final file until setup is done"
    path = password_file(args) + '.new'
    password = secrets.token_urlsafe(12)
    os.makedirs(args.var, exist_ok=True)
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
            'w') as fp:
        fp.write(password + '\n')
    return path


def admin(config, database, password_path):
    "Create or update the database with the JXC modules and zh_CN"
    env = dict(os.environ, TRYTONPASSFILE=password_path)
    # No e-mail for admin: trytond-admin would check its domain with DNS,
    # which the machine may not reach; the empty answer is "none"
    subprocess.run([
            os.path.join(os.path.dirname(sys.executable), 'trytond-admin'),
            '-c', config, '-d', database,
            '-u', *MODULES, '--activate-dependencies', '-l', LANGUAGE],
        env=env, input='\n', text=True, check=True)


def setup(args):
    config = write_config(
        args.config, args.uri, args.listen, args.sao_root, args.db_path)
    exists = database_exists(args.uri, args.db_path, args.database)
    if exists and os.path.exists(password_file(args)):
        print("Database %s is set up: reusing it." % args.database)
        return
    elif exists:
        if not args.uri.startswith('sqlite'):
            sys.exit("Database %s exists but was not set up by this "
                "command: drop it or choose another name." % args.database)
        print("Database %s was left half set up: starting again."
            % args.database)
        os.remove(os.path.join(args.db_path, args.database + '.sqlite'))
    create_database(args.uri, args.db_path, args.database)
    print("Creating database %s with %s (about a minute)..."
        % (args.database, ', '.join(MODULES)), flush=True)
    password = new_password(args)
    admin(config, args.database, password)
    if args.demo:
        import demo_data
        demo_data.load(config, args.database)
    os.replace(password, password_file(args))
    info(args)


def info(args):
    with open(password_file(args)) as fp:
        password = fp.read().strip()
    print()
    print("JXC 进销存")
    print("  URL:      http://%s/#%s" % (args.listen, args.database))
    print("  Database: %s" % args.database)
    print("  Login:    admin")
    print("  Password: %s" % password)
    print()


def serve(args):
    write_config(
        args.config, args.uri, args.listen, args.sao_root, args.db_path)
    info(args)
    trytond = os.path.join(os.path.dirname(sys.executable), 'trytond')
    # -O: with asserts on, browsing n records costs O(n²)
    os.execv(sys.executable, [
            sys.executable, '-O', trytond,
            '-c', args.config, '-d', args.database])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('command', choices=['setup', 'serve', 'info'])
    parser.add_argument('--database', default='jxc_demo')
    parser.add_argument('--uri', default='sqlite://')
    parser.add_argument(
        '--var', default=VAR, help="where passwords and SQLite files go")
    parser.add_argument('--db-path', help="default: VAR/db")
    parser.add_argument('--listen', default='127.0.0.1:8000')
    parser.add_argument(
        '--sao-root', default=os.path.join(ROOT, '.sao', 'package'))
    parser.add_argument('--config', help="default: VAR/trytond.conf")
    parser.add_argument(
        '--demo', action='store_true', help="load the demo company")
    args = parser.parse_args()
    args.db_path = args.db_path or os.path.join(args.var, 'db')
    args.config = args.config or os.path.join(args.var, 'trytond.conf')
    {'setup': setup, 'serve': serve, 'info': info}[args.command](args)


if __name__ == '__main__':
    main()
