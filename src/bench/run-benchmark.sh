#!/usr/bin/env bash
# Issue 6's benchmark in one command: what Synin adds on top of the LLM server, against the same paced fake upstream
# straight (the floor) and through nginx. Builds Synin and the harness, recreates the synin_bench database, prints a
# table and writes target/bench/results.json and latency.svg.
#
#   src/bench/run-benchmark.sh --quick        # about 2 minutes on 2 cores
#   src/bench/run-benchmark.sh                # the full run, about 6 minutes
#   src/bench/run-benchmark.sh --help         # every knob (--steps=..., --pace-ms=..., --no-build, ...)
#
# Needs Java 17+, PostgreSQL on $PGHOST:$PGPORT (default 127.0.0.1:5432, user postgres, trust) and nginx (installed
# with apt-get when missing and running as root). All traffic stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."

out=target/bench
build=yes
args=()
for arg in "$@"; do
    case "$arg" in
        --out=*) out="${arg#--out=}"; args+=("$arg") ;;
        --no-build) build=no ;;
        *) args+=("$arg") ;;
    esac
done
mkdir -p "$out"

# Stop what a previous, interrupted run may have left, then what this run starts, whatever way it ends.
stop_started() {
    if [ -n "${bench_pid:-}" ]; then kill "$bench_pid" 2>/dev/null || true; wait "$bench_pid" 2>/dev/null || true; fi
    if [ -f "$out/pids" ]; then
        while read -r pid; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done < "$out/pids"
        rm -f "$out/pids"
    fi
}
stop_started
trap stop_started EXIT
trap 'exit 130' INT TERM

# 1,000 streams hold about four sockets each across the harness, nginx and Synin.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

if ! command -v nginx >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        echo "installing nginx (Debian's package)"
        apt-get install -y -q nginx >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q nginx >/dev/null; }
    else
        echo "nginx is missing: sudo apt-get install -y nginx (or pass --no-nginx)" >&2
        exit 1
    fi
fi

database=synin_bench
psql -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${PGUSER:-postgres}" -d postgres -qX \
    -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database" >/dev/null

if [ "$build" = yes ]; then
    echo "building Synin and the harness (./mvnw -Pbench package -DskipTests)"
    ./mvnw -B -q -Pbench package -DskipTests
fi

# The JBoss log manager on the classpath wants to be the JUL manager before anything logs.
java -Xms1g -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "target/test-classes:$(cat target/bench/classpath.txt)" dev.synin.bench.BenchMain \
    "--jdbc-url=jdbc:postgresql://${PGHOST:-127.0.0.1}:${PGPORT:-5432}/$database" "${args[@]}" &
bench_pid=$!
status=0
wait "$bench_pid" || status=$?
bench_pid=
exit "$status"
