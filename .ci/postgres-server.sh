#!/usr/bin/env bash
# Starts a real PostgreSQL server (Debian's postgresql package) for the API tests, the way
# production runs one: its own cluster on PORT under DIR, run by the postgres OS user, and a
# NON-superuser role that owns the test databases (LOGIN CREATEDB only). Prints the URL to use
# as TEST_DATABASE_URL. Usage: .ci/postgres-server.sh DIR PORT
set -euo pipefail
dir=${1:?DIR}
port=${2:?PORT}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
rm -rf "$dir"
mkdir -p "$dir"
chown postgres:postgres "$dir"
as_pg() { (cd / && runuser -u postgres -- "$@"); }
echo postgres > "$dir/pwfile"
chown postgres:postgres "$dir/pwfile"
# Fail with a clear reason when a parent folder keeps the postgres OS user out (e.g. mktemp's 0700)
as_pg test -r "$dir/pwfile" || { echo "postgres-server.sh: the postgres OS user cannot read $dir; make its parent folders traversable (chmod o+x)" >&2; exit 1; }
as_pg "$bin/initdb" -D "$dir/data" --encoding=UTF8 --locale=C.UTF-8 --auth=scram-sha-256 --pwfile="$dir/pwfile" >/dev/null
rm -f "$dir/pwfile"
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
PGPASSWORD=postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q <<SQL
CREATE ROLE market_owner LOGIN CREATEDB NOSUPERUSER NOCREATEROLE PASSWORD 'market_owner';
CREATE DATABASE market_ci OWNER market_owner;
SQL
echo "postgresql://market_owner:market_owner@127.0.0.1:$port/market_ci"
