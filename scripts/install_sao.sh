#!/usr/bin/env bash
# Install the Tryton web client (npm tryton-sao 8.0) into DIR/package with
# its dependencies beside index.html, where trytond serves it.
set -euo pipefail
dir=${1:-.sao}
mkdir -p "$dir"
cd "$dir"
rm -rf package tryton-sao-*.tgz
npm pack --silent 'tryton-sao@>=8.0 <8.1' >/dev/null
tar xzf tryton-sao-*.tgz
rm tryton-sao-*.tgz
cd package
npm install --omit=dev --legacy-peer-deps --no-audit --no-fund --silent
