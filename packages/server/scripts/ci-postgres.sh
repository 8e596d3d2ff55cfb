#!/usr/bin/env bash
# Starts a throwaway PostgreSQL from Debian's package on 127.0.0.1 for the server's test suite, then prints
# the lines a caller evals: `eval "$(packages/server/scripts/ci-postgres.sh)"` — the test URL, and
# BILLING_PG_STOP, a command that stops the server and removes its data (`eval "$BILLING_PG_STOP"`).
# Runs as root on Debian without Docker; everything but the final export lines goes to stderr.
set -euo pipefail

port="${BILLING_PG_PORT:-54329}"
role="billing_kit"
password="billing_kit"
database="billing_kit"

export DEBIAN_FRONTEND=noninteractive
if [ "${BILLING_PG_SKIP_APT:-}" != "1" ]; then
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
root="$(mktemp -d /tmp/billing-kit-pg.XXXXXX)"
chown postgres:postgres "$root"
as_postgres() { runuser -u postgres -- "$@"; }

as_postgres "$bindir/initdb" -D "$root/data" -U postgres -E UTF8 --auth-local=trust --auth-host=scram-sha-256 >&2
# Durability does not matter for a test server that lives as long as one CI run; speed does.
as_postgres "$bindir/pg_ctl" -D "$root/data" -l "$root/server.log" -w \
  -o "-p $port -k $root -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >&2

as_postgres psql -h "$root" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q >&2 <<SQL
CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password';
-- Test databases are dropped WITH (FORCE); an autovacuum worker still in one (heavy write tests) can only
-- be terminated with this.
GRANT pg_signal_backend TO $role;
CREATE DATABASE $database OWNER $role;
SQL

echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $root (stop: runuser -u postgres -- $bindir/pg_ctl -D $root/data stop)" >&2
echo "export BILLING_TEST_DATABASE_URL=postgres://$role:$password@127.0.0.1:$port/$database"
echo "export BILLING_PG_STOP='runuser -u postgres -- $bindir/pg_ctl -D $root/data -m fast stop >/dev/null && rm -rf $root'"
