#!/usr/bin/env bash
# Finds or starts the PostgreSQL that Intelligence uses, and prints its connection string.
#   ops/pg.sh start   use $INTELLIGENCE_DB if set, else start (or reuse) a private cluster under .data/pg
#   ops/pg.sh stop    stop the private cluster (only the one this script started)
#   ops/pg.sh url     print the connection string of the running private cluster
# Idempotent: running `start` twice reuses the running cluster.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data_dir="${INTELLIGENCE_PG_DIR:-$root/.data/pg}"
[ -z "${INTELLIGENCE_PG_DIR:-}" ] && [ -f "$root/.data/pg-dir" ] && data_dir="$(cat "$root/.data/pg-dir")"
set_paths() {
  cluster="$data_dir/cluster"
  port_file="$data_dir/port"
  log_file="$data_dir/postgres.log"
}
set_paths
db_name="intelligence"

log() { echo "[pg] $*" >&2; }

find_bin() {
  local name="$1"
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
  local candidate
  for candidate in /usr/lib/postgresql/*/bin/"$name"; do
    [ -x "$candidate" ] && { echo "$candidate"; return; }
  done
  return 1
}

as_owner() {
  # initdb and postgres refuse to run as root: run them as the postgres user then.
  if [ "$(id -u)" = "0" ]; then
    su postgres -s /bin/bash -c "cd / && $(printf '%q ' "$@")"
  else
    "$@"
  fi
}

free_port() {
  local port
  for port in $(seq 54329 54399); do
    if ! (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then echo "$port"; return; fi
  done
  log "no free port between 54329 and 54399"; exit 1
}

url_for() { echo "Host=127.0.0.1;Port=$1;Database=$db_name;Username=postgres;Password=postgres;Include Error Detail=true"; }

is_running() { [ -f "$cluster/postmaster.pid" ] && as_owner "$PG_CTL" -D "$cluster" status >/dev/null 2>&1; }

start() {
  if [ -n "${INTELLIGENCE_DB:-}" ]; then
    log "using INTELLIGENCE_DB"
    echo "$INTELLIGENCE_DB"; return
  fi
  INITDB="$(find_bin initdb)" && PG_CTL="$(find_bin pg_ctl)" || {
    log "no PostgreSQL binaries (initdb, pg_ctl) found on PATH or under /usr/lib/postgresql."
    log "Either install PostgreSQL 15+, set INTELLIGENCE_DB to a connection string, or run: docker compose up -d postgres"
    log "(then export INTELLIGENCE_DB='Host=127.0.0.1;Port=5432;Database=intelligence;Username=postgres;Password=postgres')"
    exit 1
  }
  mkdir -p "$data_dir"
  if [ "$(id -u)" = "0" ]; then
    chown postgres "$data_dir"
    if ! su postgres -s /bin/bash -c "test -w '$data_dir'"; then
      # The checkout sits somewhere the postgres user cannot reach (e.g. under /root): keep the cluster in /tmp.
      data_dir="/tmp/intelligence-pg-$(echo "$root" | md5sum | cut -c1-8)"
      log "postgres cannot write under $root; using $data_dir"
      mkdir -p "$data_dir"; chown postgres "$data_dir"
      echo "$data_dir" > "$root/.data/pg-dir"
      set_paths
    fi
  fi
  if [ ! -f "$cluster/PG_VERSION" ]; then
    log "initialising a private cluster in $cluster"
    local pwfile; pwfile="$(mktemp)"; echo postgres > "$pwfile"; chmod 644 "$pwfile"
    as_owner "$INITDB" -D "$cluster" -U postgres --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --no-locale >/dev/null
    rm -f "$pwfile"
  fi
  if ! is_running; then
    local port; port="$(free_port)"
    echo "$port" > "$port_file"
    log "starting PostgreSQL on 127.0.0.1:$port"
    as_owner "$PG_CTL" -D "$cluster" -l "$log_file" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k /tmp -c max_connections=600 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
  fi
  local port; port="$(cat "$port_file")"
  for _ in $(seq 1 60); do
    if PGPASSWORD=postgres psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atqc "select 1" >/dev/null 2>&1; then break; fi
    sleep 0.5
  done
  if ! PGPASSWORD=postgres psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atqc "select 1" >/dev/null 2>&1; then
    log "PostgreSQL did not accept connections; see $log_file"; exit 1
  fi
  if [ "$(PGPASSWORD=postgres psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atqc "select 1 from pg_database where datname='$db_name'")" != "1" ]; then
    PGPASSWORD=postgres psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "create database $db_name" >/dev/null
  fi
  url_for "$port"
}

stop() {
  PG_CTL="$(find_bin pg_ctl)" || { log "no pg_ctl found"; exit 0; }
  if is_running; then
    as_owner "$PG_CTL" -D "$cluster" -m fast -w stop >/dev/null
    log "stopped"
  else
    log "not running"
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  url) url_for "$(cat "$port_file")" ;;
  *) echo "usage: ops/pg.sh start|stop|url" >&2; exit 2 ;;
esac
