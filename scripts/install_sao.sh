#!/usr/bin/env bash
# Install the Tryton web client (npm tryton-sao 8.0) into DIR/package with
# its dependencies beside index.html, where trytond serves it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-.sao}
mkdir -p "$dir"
cd "$dir"
rm -rf package tryton-sao-*.tgz
npm pack --silent 'tryton-sao@>=8.0 <8.1' >/dev/null
tar xzf tryton-sao-*.tgz
rm tryton-sao-*.tgz
cd package
npm install --omit=dev --legacy-peer-deps --no-audit --no-fund --silent
# JXC's zh_CN for the strings sao 8.0 leaves untranslated (docs/terminology.md)
python3 - "$here/sao_zh_CN.json" locale/zh_CN.json <<'PY'
import json
import sys

ours, path = sys.argv[1:]
with open(path, encoding='utf-8') as fp:
    data = json.load(fp)
with open(ours, encoding='utf-8') as fp:
    for msgid, msgstr in json.load(fp).items():
        data[msgid] = [None, msgstr]
with open(path, 'w', encoding='utf-8') as fp:
    json.dump(data, fp, ensure_ascii=False)
PY
