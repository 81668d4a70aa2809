#!/usr/bin/env bash
# Tryton's own test suites of the modules JXC depends on or sits beside,
# with JXC activated in each of their databases, on SQLite in memory; fails
# on a failure that docs/compatibility.md does not expect, or on an expected
# failure that passes.  Arguments: the modules to run (default: all nine).
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${UPSTREAM_VENV:-var/venv-upstream}/bin/python
cache=var/upstream-cache
out=test-output
rm -rf "$cache"
mkdir -p "$out"
start=$(date +%s)
PYTHONPATH=$PWD DB_NAME=:memory: DB_CACHE=$PWD/$cache/sqlite \
    PYTHONWARNINGS=ignore::DeprecationWarning \
    $PY scripts/upstream.py "$@" > "$out/upstream.log" 2>&1
status=$?
# The time of each suite and the summary; the failures are in the log
grep -E '^[a-z_]+: [0-9]+ s$' "$out/upstream.log"
sed -n '/^==================== summary/,$p' "$out/upstream.log"
echo "Run time: $(( $(date +%s) - start )) s (log: $out/upstream.log)"
exit $status
