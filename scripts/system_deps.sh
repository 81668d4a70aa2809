#!/usr/bin/env bash
# What JXC needs from Debian, installed only when missing.
#   demo: LibreOffice Writer without GUI (soffice --headless --convert-to
#         pdf) and a CJK font, for the printed reports.
#   test: also chromium for the browser tests, poppler-utils (pdftotext,
#         pdftoppm) to check the reports, and PostgreSQL running on
#         127.0.0.1:5432 with trust for local TCP.
set -euo pipefail
mode=${1:-test}
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
wanted=(fonts-wqy-zenhei libreoffice-writer-nogui)
[ "$mode" = demo ] || wanted+=(chromium poppler-utils postgresql)
packages=()
for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null \
        | grep -q 'install ok installed' || packages+=("$package")
done
if [ ${#packages[@]} -gt 0 ]; then
    echo "Installing ${packages[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
        "${packages[@]}" >/dev/null
fi
[ "$mode" = demo ] && exit 0

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    version=$(ls /etc/postgresql | sort -n | tail -1)
    hba=/etc/postgresql/$version/main/pg_hba.conf
    if grep -qE '^host.*(127.0.0.1/32|::1/128).*(scram-sha-256|md5)' "$hba"
    then
        $SUDO sed -i -E \
            '/^host.*(127.0.0.1\/32|::1\/128)/s/(scram-sha-256|md5)$/trust/' \
            "$hba"
    fi
    echo "Starting PostgreSQL $version"
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start
    for _ in $(seq 30); do
        pg_isready -q -h 127.0.0.1 -p 5432 && break
        sleep 1
    done
fi
pg_isready -h 127.0.0.1 -p 5432
psql -h 127.0.0.1 -U postgres -tAc 'SELECT 1' postgres >/dev/null
