#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks: local TCP only, trust auth, no fsync.
#
#   scripts/pg-cluster.sh start <dir>   create and start a cluster in <dir> (absent or empty);
#                                       prints postgres://postgres@127.0.0.1:<port>/postgres once
#                                       pg_isready says yes, and writes it to <dir>/url too
#   scripts/pg-cluster.sh stop <dir>    stop it and delete <dir> (only if this script made it)
#   scripts/pg-cluster.sh url <dir>     print the URL of a running cluster
#
# Typical use:  dir=$(mktemp -d /tmp/mycelium-pg-XXXXXX); url=$(scripts/pg-cluster.sh start "$dir")
#
# initdb refuses to run as root, so as root the server runs as the `postgres` system user and <dir>
# is handed to it (mode 700); its parent must be traversable by that user (/tmp is). Any other user
# runs the server as itself. PG_BIN overrides the binaries folder (default: newest
# /usr/lib/postgresql/*/bin). Never use such a cluster for data you want to keep: fsync is off.
# Only fsync differs from the defaults: embedded PGlite runs with fsync off too (its -F start
# option), so bench/ compares the two engines on equal durability settings.
set -euo pipefail

MARKER=.mycelium-pg-cluster

die() {
  echo "pg-cluster: $*" >&2
  exit 1
}

usage() {
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

find_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then
    echo "$PG_BIN"
    return
  fi
  local newest
  newest=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
  [[ -n "$newest" ]] || die "no PostgreSQL binaries under /usr/lib/postgresql; set PG_BIN"
  echo "$newest"
}

# Runs a command as the cluster's owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

cmd_start() {
  local dir=$1 bin port attempt
  bin=$(find_bin)
  [[ -x "$bin/initdb" ]] || die "no initdb in $bin"
  if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root needs a 'postgres' system user"
  fi
  mkdir -p "$dir"
  [[ -z "$(ls -A "$dir")" ]] || die "$dir is not empty"
  dir=$(cd "$dir" && pwd -P)
  touch "$dir/$MARKER"
  chmod 700 "$dir"
  if [[ $EUID -eq 0 ]]; then
    chown -R postgres: "$dir"
    as_owner test -x "$dir" || die "user postgres cannot reach $dir: use a folder under /tmp"
  fi

  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync \
    >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    die "initdb failed"
  }

  # A port found free can be taken before the server binds it: try a few.
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 -o "\
-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir' \
-c fsync=off -c max_connections=300" \
      start >/dev/null; then
      break
    fi
    [[ $attempt -lt 5 ]] || {
      tail -n 20 "$dir/postgres.log" >&2 || true
      die "the server did not start"
    }
  done

  local tries=0
  until "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; do
    tries=$((tries + 1))
    [[ $tries -lt 100 ]] || die "pg_isready never answered on port $port"
    sleep 0.1
  done
  local url="postgres://postgres@127.0.0.1:$port/postgres"
  echo "$url" >"$dir/url"
  echo "$url"
}

cmd_stop() {
  local dir=$1 bin
  [[ -d "$dir" ]] || return 0
  [[ -f "$dir/$MARKER" ]] || die "$dir was not made by this script; not touching it"
  bin=$(find_bin)
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null || true
  fi
  rm -rf "$dir"
}

cmd_url() {
  local dir=$1
  [[ -f "$dir/url" ]] || die "no cluster in $dir"
  cat "$dir/url"
}

[[ $# -eq 2 ]] || usage
case "$1" in
start) cmd_start "$2" ;;
stop) cmd_stop "$2" ;;
url) cmd_url "$2" ;;
*) usage ;;
esac
