#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on 127.0.0.1:5432 with a nianbao user and test database.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
dir=${PGTEST_DIR:-/tmp/nianbao-pg}
# Debian's package may start its own cluster on 5432 (with password auth): stop it so ours can take the port.
if [ "$(id -u)" = 0 ] && command -v pg_lsclusters >/dev/null; then
  pg_lsclusters -h 2>/dev/null | awk '$4 == "online" { print $1, $2 }' | while read -r v c; do pg_ctlcluster "$v" "$c" stop || true; done
fi
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  rm -rf "$dir"; mkdir -p "$dir"; chown postgres "$dir" 2>/dev/null || true
  as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
  as_pg "$bin/initdb -D $dir/data -A trust -U postgres >/dev/null"
  as_pg "$bin/pg_ctl -D $dir/data -o '-c listen_addresses=127.0.0.1 -p 5432 -k /tmp' -l $dir/log -w start >/dev/null"
fi
psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname='nianbao'" | grep -q 1 ||
  psql -h 127.0.0.1 -U postgres -qc "CREATE ROLE nianbao LOGIN PASSWORD 'nianbao' CREATEDB"
psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='nianbao_test'" | grep -q 1 ||
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE nianbao_test OWNER nianbao"
echo "postgres ready on 127.0.0.1:5432"
