#!/usr/bin/env bash
# The whole suite on SQLite in memory, then on PostgreSQL, then the total.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/system_deps.sh || exit 1
PY=.venv/bin/python
out=test-output
cache=var/test-cache
rm -rf "$cache" "$out"
mkdir -p "$out"
export PYTHONWARNINGS=ignore::DeprecationWarning

DB_NAME=:memory: DB_CACHE=$cache/sqlite \
    $PY -m pytest --junitxml=$out/sqlite.xml "$@"
sqlite=$?
TRYTOND_DATABASE_URI=postgresql://postgres@127.0.0.1:5432/ \
    DB_NAME=test_jxc DB_CACHE=$cache/postgresql \
    $PY -m pytest --junitxml=$out/postgresql.xml "$@"
postgresql=$?

$PY scripts/test_summary.py $out/sqlite.xml $out/postgresql.xml
summary=$?
[ $sqlite -eq 0 ] && [ $postgresql -eq 0 ] && [ $summary -eq 0 ]
