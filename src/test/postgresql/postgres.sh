#!/usr/bin/env bash
# A throw-away PostgreSQL server for the integration tests of the postgresql profile:
#   postgres.sh start DIR PORT [FORKS]
#                                initdb under DIR, start on 127.0.0.1:PORT, create user nodeim, its database
#                                nodeim and one per integration-test fork (nodeim_fork1 .. nodeim_forkFORKS)
#   postgres.sh stop DIR         stop it (fast shutdown)
#   postgres.sh resume DIR PORT  start a server stopped by stop again, with its data
# It uses the PostgreSQL server binaries of the machine (pg_ctl on the PATH, or those of
# /usr/lib/postgresql/*/bin). PostgreSQL refuses to run as root: as root it runs as the user postgres.
set -euo pipefail

action=$1
dir=$(mkdir -p "$2" && cd "$2" && pwd)
bin=$(dirname "$(readlink -f "$(command -v pg_ctl || ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -1)")")

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

run_server() {
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $1 -k $dir/data -c fsync=on -c max_connections=200" start
}

case "$action" in
start)
    port=$3
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$dir"
        # The server reads its data directory from inside the build directory.
        p=$dir; while [ "$p" != / ]; do chmod o+x "$p" 2>/dev/null || true; p=$(dirname "$p"); done
    fi
    rm -rf "$dir/data"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C > "$dir/initdb.log"
    run_server "$port"
    statements=(-c "CREATE ROLE nodeim LOGIN CREATEDB PASSWORD 'nodeim'" -c "CREATE DATABASE nodeim OWNER nodeim")
    for fork in $(seq 1 "${4:-0}"); do
        statements+=(-c "CREATE DATABASE nodeim_fork$fork OWNER nodeim")
    done
    as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 "${statements[@]}"
    ;;
resume)
    run_server "$3"
    ;;
stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop
    fi
    ;;
*)
    echo "usage: $0 start DIR PORT [FORKS] | stop DIR | resume DIR PORT" >&2
    exit 2
    ;;
esac
