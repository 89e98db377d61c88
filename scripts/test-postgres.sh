#!/usr/bin/env bash
# A throw-away PostgreSQL 15 server for the tests: nothing of it outlives `stop`.
#
#   dir=$(mktemp -d); trap 'scripts/test-postgres.sh stop "$dir"' EXIT
#   eval "$(scripts/test-postgres.sh start "$dir")"     # exports TEST_DATABASE_URL (and TEST_POSTGRES_DIR)
#   npm test
#
# start [DIR]   Installs Debian's postgresql-15 with apt-get when /usr/lib/postgresql/15/bin/postgres is missing
#               (as root), initdb's a cluster into DIR (default: a new mktemp folder) with trust authentication,
#               starts it on a free port listening on 127.0.0.1 only (its socket in DIR too), waits until it
#               answers, creates the database reverse_mentor_test, and prints shell `export` lines for
#               TEST_DATABASE_URL and TEST_POSTGRES_DIR on stdout (everything else goes to stderr). PostgreSQL
#               refuses to run as root: run as root (CI), the server runs as the `postgres` user (made by the
#               package; a system user of that name is created when missing). A start that fails stops and
#               deletes what it made. With --watch PID, a watchdog also stops the server once PID is gone, so even
#               a killed CI run leaves no server behind.
# stop DIR      Stops the server in DIR (if one runs) and deletes DIR. Never fails: meant for a trap.
#
# PG_BIN overrides where the server's programs are (default /usr/lib/postgresql/15/bin).
set -euo pipefail

SELF=$(realpath "$0")
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DB_NAME=reverse_mentor_test
SUPERUSER=postgres

say() { printf 'test-postgres: %s\n' "$*" >&2; }
die() {
  say "$*"
  exit 1
}

# Runs a command as the server's user: itself, unless this runs as root.
as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$RUN_AS" -- "$@"
  else
    "$@"
  fi
}

install_postgres() {
  [ -x "$PG_BIN/postgres" ] && return 0
  [ "$(id -u)" -eq 0 ] || die "$PG_BIN/postgres is missing; install PostgreSQL 15 (apt-get install postgresql-15) or set PG_BIN."
  say "installing PostgreSQL 15 (apt-get install postgresql-15)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql-15 >&2
  [ -x "$PG_BIN/postgres" ] || die "apt-get installed postgresql-15, but $PG_BIN/postgres is still missing."
}

choose_user() {
  RUN_AS=$(id -un)
  [ "$(id -u)" -eq 0 ] || return 0
  RUN_AS=postgres
  if ! id -u "$RUN_AS" >/dev/null 2>&1; then
    say "creating the system user $RUN_AS to run the server (PostgreSQL refuses root)"
    useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$RUN_AS"
  fi
}

# A TCP port on 127.0.0.1 nothing listens on right now.
free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();});"
}

stop_server() {
  local dir=$1
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  if [ -f "$dir/data/postmaster.pid" ]; then
    local pid owner
    pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
    owner=$(stat -c %U "$dir/data" 2>/dev/null || id -un)
    # -m immediate: a test database needs no clean shutdown, and nothing of it is kept. pg_ctl refuses root too.
    if [ "$(id -u)" -eq 0 ]; then
      runuser -u "$owner" -- "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
    else
      "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
    fi
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  # The watchdog, if any, has nothing left to watch (unless this is the watchdog, stopping what it watched).
  local watchdog
  watchdog=$(cat "$dir/watchdog.pid" 2>/dev/null || true)
  if [ -n "$watchdog" ] && [ "$watchdog" != "$$" ]; then kill "$watchdog" 2>/dev/null || true; fi
  rm -rf "$dir"
  return 0
}

start() {
  local dir='' watch=''
  while [ $# -gt 0 ]; do
    case $1 in
    --watch)
      watch=${2:?--watch needs a PID}
      shift 2
      ;;
    *)
      dir=$1
      shift
      ;;
    esac
  done
  install_postgres
  choose_user
  [ -n "$dir" ] || dir=$(mktemp -d "${TMPDIR:-/tmp}/rm-test-postgres.XXXXXX")
  mkdir -p "$dir"
  # Whatever goes wrong from here on, nothing is left running or lying around.
  trap 'say "start failed; see the log above"; [ -f "$dir/server.log" ] && tail -n 20 "$dir/server.log" >&2; stop_server "$dir"' ERR
  [ "$(id -u)" -ne 0 ] || chown "$RUN_AS" "$dir"
  chmod 700 "$dir"
  cd "$dir" # the server's user may not enter the caller's folder

  as_server_user "$PG_BIN/initdb" -D "$dir/data" -U "$SUPERUSER" --auth=trust --encoding=UTF8 --locale=C \
    --no-sync >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    false
  }

  local port tries=0
  while :; do
    port=$(free_port)
    # A throw-away server: durability off (faster tests), TCP on loopback only, its socket in its own folder.
    if as_server_user "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null; then
      break
    fi
    tries=$((tries + 1))
    # Another process may have taken the port between choosing and listening: choose again.
    [ "$tries" -lt 3 ] && grep -q 'could not bind' "$dir/server.log" 2>/dev/null || false
    say "port $port was taken meanwhile; trying another"
  done

  for _ in $(seq 1 50); do
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U "$SUPERUSER" -d postgres && break
    sleep 0.2
  done
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U "$SUPERUSER" -d postgres
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U "$SUPERUSER" "$DB_NAME"
  trap - ERR

  if [ -n "$watch" ]; then
    # Detached, its output nowhere, so `eval "$(… start)"` doesn't wait for it.
    setsid bash -c '
      while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 2; done
      [ -d "$2" ] && exec "$3" stop "$2"
    ' watchdog "$watch" "$dir" "$SELF" </dev/null >/dev/null 2>&1 &
    echo $! >"$dir/watchdog.pid"
  fi

  say "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port as $RUN_AS, in $dir"
  printf 'export TEST_DATABASE_URL=%q\n' "postgres://$SUPERUSER@127.0.0.1:$port/$DB_NAME"
  printf 'export TEST_POSTGRES_DIR=%q\n' "$dir"
}

case ${1:-} in
start)
  shift
  start "$@"
  ;;
stop)
  stop_server "${2:-${TEST_POSTGRES_DIR:-}}"
  ;;
*)
  echo "usage: $0 start [DIR] [--watch PID] | stop DIR" >&2
  exit 2
  ;;
esac
