#!/usr/bin/env bash
# Runs a command with MUSEUM_TEST_DATABASE_URL pointing at a local PostgreSQL test database,
# installing and starting Debian's PostgreSQL first when it is not there (CI runs as root).
set -euo pipefail
if [ -z "${MUSEUM_TEST_DATABASE_URL:-}" ]; then
  if ! command -v pg_lsclusters >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  pg_lsclusters -h | grep -q "^$version main .* online" || pg_ctlcluster "$version" main start
  su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='museum'\"" | grep -q 1 \
    || su postgres -c "psql -qc \"CREATE ROLE museum LOGIN PASSWORD 'museum'\""
  # The backup tests restore into databases of their own (tests/backup).
  su postgres -c "psql -qc \"ALTER ROLE museum CREATEDB\""
  su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='museum_test'\"" | grep -q 1 \
    || su postgres -c "createdb -O museum museum_test"
  export MUSEUM_TEST_DATABASE_URL="postgresql+psycopg://museum:museum@127.0.0.1/museum_test"
fi
exec "$@"
