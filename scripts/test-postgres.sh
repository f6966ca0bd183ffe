#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests and the benchmark: a new cluster in a temporary
# folder, listening on 127.0.0.1 only, run as an ordinary user (PostgreSQL refuses root).
#
#   eval "$(scripts/test-postgres.sh start)"   # sets CLAIMTRACK_TEST_POSTGRES and TEST_POSTGRES_DIR
#   scripts/test-postgres.sh stop "$TEST_POSTGRES_DIR"
#
# `start --durable` keeps fsync on (for the benchmark); the tests do without it.
set -euo pipefail

find_bin() {
    local dir
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir
        return
    fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) /usr/local/bin /usr/bin; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return
        fi
    done
    echo "test-postgres: initdb not found; install PostgreSQL (apt-get install postgresql)" >&2
    exit 1
}

# Run a command as the server's user: root hands it to an unprivileged account made for this.
as_server_user() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u claimtrack-pg -- "$@"
    else
        "$@"
    fi
}

# A port nothing listens on (bash's /dev/tcp: no other tool needed on a bare machine).
free_port() {
    local port
    for _ in $(seq 50); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    echo "test-postgres: no free port found" >&2
    exit 1
}

start() {
    local fsync=off
    [ "${1:-}" = "--durable" ] && fsync=on
    local bin dir port password
    bin=$(find_bin)
    if [ "$(id -u)" = 0 ] && ! id claimtrack-pg >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin claimtrack-pg
    fi
    dir=$(mktemp -d /tmp/claimtrack-pg.XXXXXX)
    chmod 0755 "$dir"
    password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
    printf '%s\n' "$password" >"$dir/password"
    [ "$(id -u)" = 0 ] && chown -R claimtrack-pg "$dir"
    as_server_user "$bin/initdb" -D "$dir/data" -U claimtrack --pwfile="$dir/password" \
        --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/password"
    port=$(free_port)
    # One line: pg_ctl hands the options to a shell, where a line break would end the command.
    local options="-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c max_connections=300"
    options+=" -c fsync=$fsync -c synchronous_commit=$fsync -c full_page_writes=$fsync -c shared_buffers=256MB"
    as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
        "$options" >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    as_server_user "$bin/psql" -h "$dir" -p "$port" -U claimtrack -d postgres -qc "CREATE DATABASE claimtrack" >/dev/null
    echo "export CLAIMTRACK_TEST_POSTGRES='postgres://claimtrack:$password@127.0.0.1:$port/claimtrack'"
    echo "export TEST_POSTGRES_DIR='$dir'"
    echo "export TEST_POSTGRES_BIN='$bin'"
}

stop() {
    local dir=${1:?usage: test-postgres.sh stop DIR}
    [ -d "$dir/data" ] || return 0
    as_server_user "$(find_bin)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}

case "${1:-}" in
    start) shift; start "$@" ;;
    stop) shift; stop "$@" ;;
    *) echo "usage: $0 start [--durable] | stop DIR" >&2; exit 2 ;;
esac
