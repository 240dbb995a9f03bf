#!/usr/bin/env bash
# Issue 14's page benchmark: a 32,000-character answer streamed at 200 tokens/s into the chat page in headless
# chromium while someone types; prints frame gaps and input delay (p50, p95, max), overall and over the last quarter.
#
#   src/bench/run-page-benchmark.sh                   # against the synin_test database
#   src/bench/run-page-benchmark.sh -Dbench.chars=64000
#   BENCH_PROFILE=true src/bench/run-page-benchmark.sh    # also prints where the page spent its time (CDP profiler)
#
# Needs what the browser tests need: PostgreSQL on 127.0.0.1:5432 (user postgres, trust), /usr/bin/chromium and
# /usr/bin/chromedriver. Extra arguments go to Maven (e.g. '-D%test.quarkus.datasource.jdbc.url=...').
set -euo pipefail
cd "$(dirname "$0")/../.."
exec ./mvnw -q -Pbench test -Dtest=StreamingPageBench -Dsurefire.failIfNoSpecifiedTests=false "$@"
