#!/usr/bin/env bash
# A PostgreSQL server for the tests: install Debian's package when missing, start the
# cluster on 127.0.0.1, make sure a test role that may create databases exists, and print
# the SQLAlchemy URL the tests read from RISKTRACKER_TEST_POSTGRES (stdout: the URL only;
# progress goes to stderr). Idempotent: a second run, or a server already running, reuses
# what is there. Usage:  export RISKTRACKER_TEST_POSTGRES="$(.ci/postgres.sh)"
set -euo pipefail

ROLE=${RISKTRACKER_PG_ROLE:-risktracker_test}
PASSWORD=${RISKTRACKER_PG_PASSWORD:-risktracker_test}  # a local test role, nothing secret
say() { echo "postgres.sh: $*" >&2; }

if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo -n"; fi

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  say "installing Debian's postgresql package"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
fi

# The newest installed cluster; create one when the package left none (e.g. a docker image).
cluster=$(pg_lsclusters --no-header 2>/dev/null | sort -k1,1n | tail -n 1 || true)
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
  say "creating cluster $version/main"
  $SUDO pg_createcluster "$version" main >&2
  cluster=$(pg_lsclusters --no-header | sort -k1,1n | tail -n 1)
fi
read -r version name port status _ <<<"$cluster"

if [ "$status" != "online" ]; then
  say "starting cluster $version/$name on port $port"
  # pg_ctlcluster runs the server as the cluster's owner (postgres) even when called as root.
  $SUDO pg_ctlcluster "$version" "$name" start >&2 || say "start failed; trying the port anyway"
fi

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else $SUDO -u postgres sh -c "$*"; fi
}

for _ in $(seq 1 30); do
  as_postgres "pg_isready -q -h 127.0.0.1 -p $port" && break
  sleep 1
done
as_postgres "pg_isready -q -h 127.0.0.1 -p $port" || { say "no server on 127.0.0.1:$port"; exit 1; }

# The role: created once, its password and right to create databases reset on every run.
as_postgres "psql -q -X -v ON_ERROR_STOP=1 -p $port -d postgres" >&2 <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  ELSE
    ALTER ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  END IF;
END
\$\$;
SQL
if ! as_postgres "psql -tAX -p $port -d postgres -c \"SELECT 1 FROM pg_database WHERE datname = '$ROLE'\"" | grep -q 1; then
  as_postgres "createdb -p $port -O $ROLE $ROLE" >&2
fi

say "server ready on 127.0.0.1:$port"
echo "postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$port/$ROLE"
