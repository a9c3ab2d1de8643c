#!/usr/bin/env bash
# `meerkat serve` from one loop to two on a 2-core machine, where wrk must share a core with the
# second loop, and how wrk's share is accounted for. One serve-load.sh run, three servers a round:
#   meerkat:1@0     one loop on CPU 0; wrk alone on CPU 1: the one-loop figure, the load generator apart
#   meerkat:2@0     two loops, both on CPU 0: no core is shared with wrk, so any rise in CPU, system
#                   calls or context switches per request over meerkat:1@0 comes from the group itself
#   meerkat:2@0,1   two loops on both cores; wrk (CPU 1) takes part of the second core
# wrk pipelines PIPELINE (16) requests per write so that a request costs wrk a small fraction of what
# it costs the server; the summary gives wrk's cores beside the server's, so the speed-up is read
# against the cores the server actually got. meerkat runs --quiet (serve-load.sh's default).
#   benchmarks/scale.sh                 plain
#   TLS=jdk benchmarks/scale.sh         over TLS (any provider of serve-load.sh)
# Environment: ROUNDS (3), DURATION (10), WARMUP (10), PIPELINE (16), CONNECTIONS (50), TLS, PORT (18490,
# apart from serve-load.sh's default, which other runs may hold):
# passed to serve-load.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p benchmarks/target
out=$(mktemp "$PWD/benchmarks/target/scale.XXXXXX")
trap 'rm -f "$out"' EXIT
PORT=${PORT:-18490} ROUNDS=${ROUNDS:-3} PIPELINE=${PIPELINE:-16} benchmarks/serve-load.sh meerkat:1@0 meerkat:2@0 meerkat:2@0,1 | tee "$out"
echo
echo "One loop (meerkat:1@0) to two (meerkat:2@0,1) in each round. Cores are CPU seconds per second: the"
echo "server's from /proc/PID/stat, wrk's from its CPU µs per request times req/s. Per server core is req/s"
echo "over the server's cores busy (10^6 / server µs per request); both + wrk is req/s over the cores the"
echo "server and wrk used together. Group cost: server µs per request of meerkat:2@0 over meerkat:1@0."
echo "| round | req/s 1 → 2 loops | speed-up | server cores 1 → 2 | wrk cores 1 → 2 | req/s per server core 1 → 2 | req/s per core, server + wrk, 1 → 2 | group cost (2 loops on CPU 0) |"
echo "|---:|---|---:|---|---|---|---|---:|"
awk -F'|' '
    function trim(s) { gsub(/ /, "", s); return s }
    $2 ~ /^ *[0-9]+ *$/ {
        k = trim($2) SUBSEP trim($3); rps[k] = trim($4); cpu[k] = trim($5); busy[k] = trim($7); wrk[k] = trim($8)
        if (trim($2) > rounds) rounds = trim($2)
    }
    function cell(k) { return rps[k] * wrk[k] / 1e6 }
    END {
        for (r = 1; r <= rounds; r++) {
            one = r SUBSEP "meerkat:1@0"; two = r SUBSEP "meerkat:2@0,1"; same = r SUBSEP "meerkat:2@0"
            printf "| %d | %s → %s | %.2f× | %.2f → %.2f | %.2f → %.2f | %.0f → %.0f | %.0f → %.0f | %.2f× |\n", r,
                rps[one], rps[two], rps[two] / rps[one], busy[one], busy[two], cell(one), cell(two),
                1e6 / cpu[one], 1e6 / cpu[two], rps[one] / (busy[one] + cell(one)), rps[two] / (busy[two] + cell(two)),
                cpu[same] / cpu[one]
        }
    }' "$out"
