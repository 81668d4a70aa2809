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
    # A mirror that answers late once should not fail the run
    for try in 1 2 3; do
        $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq \
            && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
                -o DPkg::Lock::Timeout=600 \
                "${packages[@]}" >/dev/null \
            && break
        [ "$try" = 3 ] && exit 1
        sleep 10
    done
fi
[ "$mode" = demo ] && exit 0
command -v chromium >/dev/null || { echo "chromium is missing" >&2; exit 1; }

connects() {
    psql -h 127.0.0.1 -U postgres -tAc 'SELECT 1' postgres >/dev/null 2>&1
}
if ! connects; then
    version=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)
    if [ -z "$version" ]; then
        version=$(ls /usr/lib/postgresql | sort -n | tail -1)
        echo "Creating the PostgreSQL $version cluster"
        $SUDO pg_createcluster "$version" main
    fi
    hba=/etc/postgresql/$version/main/pg_hba.conf
    if grep -qE '^host.*(127.0.0.1/32|::1/128).*(scram-sha-256|md5)' "$hba"
    then
        $SUDO sed -i -E \
            '/^host.*(127.0.0.1\/32|::1\/128)/s/(scram-sha-256|md5)$/trust/' \
            "$hba"
    fi
    if pg_isready -q -h 127.0.0.1 -p 5432; then
        echo "Reloading PostgreSQL $version for trust on 127.0.0.1"
        $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main reload
    else
        echo "Starting PostgreSQL $version"
        $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start
    fi
    for _ in $(seq 30); do
        connects && break
        sleep 1
    done
fi
pg_isready -h 127.0.0.1 -p 5432
connects || { echo "Cannot connect to PostgreSQL as postgres" >&2; exit 1; }
