#!/usr/bin/env bash
# The whole suite on SQLite in memory and on PostgreSQL, side by side (one
# core each), then each run's output and the total.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/system_deps.sh || exit 1
PY=.venv/bin/python
out=test-output
cache=var/test-cache
rm -rf "$cache" "$out"
mkdir -p "$out"
export PYTHONWARNINGS=ignore::DeprecationWarning

run() {  # backend, then the environment of its run
    local backend=$1
    shift
    # LibreOffice refuses a second instance on the same profile
    env "$@" TRYTOND_REPORT__CONVERT_COMMAND="soffice --headless \
--nolockcheck --nodefault --norestore \
-env:UserInstallation=file://$PWD/var/lo-$backend \
--convert-to \"%(output_extension)s\" --outdir \"%(directory)s\" \
\"%(input_path)s\"" \
        $PY -m pytest --junitxml=$out/$backend.xml "${ARGS[@]}" \
        > $out/$backend.log 2>&1
}

ARGS=("$@")
echo "Running the suite on SQLite and PostgreSQL in parallel" \
    "(logs: $out/sqlite.log, $out/postgresql.log)"
run sqlite DB_NAME=:memory: DB_CACHE=$cache/sqlite &
sqlite_pid=$!
# PostgreSQL keeps each activated set of modules as a template database
# (test-<hash>), much faster to copy than a dump is to restore; drop the
# previous run's, as the modules may have changed since.
pg=postgresql://postgres@127.0.0.1:5432
psql "$pg/postgres" -tAc "SELECT datname FROM pg_database
    WHERE datname ~ '^test-[0-9a-f]{40}$'" | while read -r template; do
    psql -q "$pg/postgres" -c "DROP DATABASE \"$template\""
done
run postgresql TRYTOND_DATABASE_URI=$pg/ DB_NAME=test_jxc DB_CACHE=$pg &
postgresql_pid=$!
wait $sqlite_pid
sqlite=$?
wait $postgresql_pid
postgresql=$?

for backend in sqlite postgresql; do
    echo "==================== $backend ===================="
    cat $out/$backend.log
done
$PY scripts/test_summary.py $out/sqlite.xml $out/postgresql.xml
summary=$?
[ $sqlite -eq 0 ] && [ $postgresql -eq 0 ] && [ $summary -eq 0 ]
