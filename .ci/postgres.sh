#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the tests that need one.
#
# Run as root on Debian 12. Installs PostgreSQL from Debian's packages when it is missing,
# initialises a cluster in a temporary folder as the `postgres` user (initdb refuses root),
# starts it on 127.0.0.1 on a free port, creates the database `bot_test`, and prints
#   export BOT_TEST_POSTGRES='Host=127.0.0.1;Port=…;Username=postgres;Database=bot_test'
#   export BOT_TEST_POSTGRES_STOP='bash …/.ci/postgres.sh stop /tmp/bot-pg.XXXXXX'
# (.ci/run evals them). The same lines are written to $BOT_PG_ENV_FILE (default:
# /tmp/bot-test-postgres.env). Stop the server with: .ci/postgres.sh stop [folder]
# When no server can be started the script exits non-zero and prints why; the tests then report
# themselves skipped (they read BOT_TEST_POSTGRES and skip when it is absent).
set -euo pipefail

ENV_FILE="${BOT_PG_ENV_FILE:-/tmp/bot-test-postgres.env}"
STATE_FILE="${ENV_FILE}.dir"

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

run_as_postgres() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [ "${1:-}" = "stop" ]; then
  dir="${2:-}"
  if [ -z "$dir" ] && [ -f "$STATE_FILE" ]; then dir="$(cat "$STATE_FILE")"; fi
  case "$dir" in
    /tmp/bot-pg.*)
      bin="$(pg_bin)"
      run_as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
      rm -rf "$dir"
      if [ -f "$STATE_FILE" ] && [ "$(cat "$STATE_FILE")" = "$dir" ]; then rm -f "$STATE_FILE" "$ENV_FILE"; fi
      echo "stopped PostgreSQL in $dir" >&2
      ;;
    *) echo "nothing to stop" >&2 ;;
  esac
  exit 0
fi

if ! bin="$(pg_bin)"; then
  if [ "$(id -u)" != "0" ]; then
    echo "PostgreSQL is not installed and this script is not root: cannot install it" >&2
    exit 1
  fi
  echo "installing PostgreSQL from Debian's packages…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2 && apt-get install -y postgresql >&2
  bin="$(pg_bin)"
fi

if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi

# A free port: ask the kernel for one by binding port 0.
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo $(( 40000 + RANDOM % 20000 )))"

dir="$(mktemp -d /tmp/bot-pg.XXXXXX)"
chmod 755 "$dir"
if [ "$(id -u)" = "0" ]; then chown postgres "$dir"; fi

run_as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
run_as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
run_as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc 'CREATE DATABASE bot_test' >/dev/null

script="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
lines="export BOT_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=bot_test'
export BOT_TEST_POSTGRES_STOP='bash $script stop $dir'"
echo "$lines" > "$ENV_FILE"
echo "$dir" > "$STATE_FILE"
echo "$lines"
