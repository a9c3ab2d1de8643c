#!/usr/bin/env bash
# Whole-server load, Meerkat against the Netty anchor in the same run (see docs/server-benchmarks.md).
# Each server runs in its own JVM (dev.meerkat.benchmarks.server.ServerMain, one I/O thread, 1 KiB body);
# wrk drives it over 127.0.0.1. The figure is the server's CPU time per request, from /proc/PID/stat
# (utime + stime) around the measured wrk run, because on 2 cores a one-thread wrk saturates first.
#   benchmarks/load.sh                         every server, keep-alive and Connection: close
#   benchmarks/load.sh meerkat:openssl netty:OPENSSL
# Environment (defaults): BUILD_DIR (target) Maven output folder; ROUNDS (1) repeats of the whole list;
#   CONNECTIONS (50); DURATION (10) measured seconds; WARMUP (5) keep-alive warm-up seconds;
#   CLOSE_WARMUP (10) Connection: close warm-up seconds (the JDK handshake needs long JIT warm-up);
#   SERVER_JAVA_OPTS (-Xms512m -Xmx512m); SKIP_BUILD=1 uses the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-target}
rounds=${ROUNDS:-1}
connections=${CONNECTIONS:-50}
duration=${DURATION:-10}
warmup=${WARMUP:-5}
close_warmup=${CLOSE_WARMUP:-10}
server_java_opts=${SERVER_JAVA_OPTS:--Xms512m -Xmx512m}
servers=("$@")
if [ ${#servers[@]} -eq 0 ]; then
    servers=(meerkat:plain meerkat:jdk meerkat:bc meerkat:openssl meerkat:openssl-jna meerkat:mbedtls netty:plain netty:JDK netty:OPENSSL)
fi
command -v wrk >/dev/null || { echo "load.sh: expected wrk on the PATH (apt-get install wrk)" >&2; exit 1; }
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    mvn -B -q -DbuildDir="$build_dir" -Dmaven.test.skip=true -Dmaven.javadoc.skip -Dmaven.source.skip \
        -pl :meerkat-benchmarks -am package
fi
classpath="benchmarks/$build_dir/classes:$(cat "benchmarks/$build_dir/classpath.txt")"
ticks_per_second=$(getconf CLK_TCK)
work=$(mktemp -d "benchmarks/$build_dir/load.XXXXXX")  # not /tmp: other jobs here sweep it
server_pid=""
trap 'if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi; rm -rf "$work"' EXIT

# Starts a server and waits up to 60 s for its "ready port=P" line; sets server_pid and port.
start_server() {
    # shellcheck disable=SC2086
    java $server_java_opts -cp "$classpath" dev.meerkat.benchmarks.server.ServerMain "$1" \
        >"$work/server.out" 2>"$work/server.err" &
    server_pid=$!
    for _ in $(seq 1 120); do
        port=$(sed -n 's/^ready port=\([0-9]*\).*/\1/p' "$work/server.out")
        if [ -n "$port" ]; then return 0; fi
        if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
        sleep 0.5
    done
    echo "load.sh: expected $1 to print 'ready port=...' within 60 s but it did not; its stderr:" >&2
    cat "$work/server.err" >&2
    exit 1
}

stop_server() {
    kill "$server_pid" && wait "$server_pid" || true
    server_pid=""
}

# Fails the run with the server's own output when it is gone: a crash must not pass for a slow server.
require_server_alive() {
    if ! kill -0 "$server_pid" 2>/dev/null; then
        wait "$server_pid" || echo "load.sh: the server exited with status $? during $1; its stderr:" >&2
        cat "$work/server.err" >&2
        ls hs_err_pid"$server_pid".log 2>/dev/null >&2 || true
        exit 1
    fi
}

# utime + stime of the server process, in clock ticks (fields 14 and 15 of /proc/PID/stat).
cpu_ticks() {
    require_server_alive "$url"
    sed 's/^.*) //' "/proc/$server_pid/stat" | awk '{print $12 + $13}'
}

# Runs wrk; prints "requests errors" (errors = socket errors plus non-2xx answers).
run_wrk() {
    local seconds=$1; shift
    wrk -t1 -c"$connections" -d"${seconds}s" "$@" "$url/" >"$work/wrk.out" 2>&1 || true
    awk '/requests in/ {requests = $1}
         /Socket errors/ {gsub(/[^0-9 ]/, " "); errors += $1 + $2 + $3 + $4}
         /Non-2xx/ {errors += $NF}
         END {print (requests == "" ? 0 : requests), errors + 0}' "$work/wrk.out"
}

# Measures one mode; prints "requests_per_second cpu_us_per_request errors".
measure() {
    local warm=$1; shift
    run_wrk "$warm" "$@" >/dev/null
    local before after requests errors
    before=$(cpu_ticks) || exit 1
    read -r requests errors < <(run_wrk "$duration" "$@")
    after=$(cpu_ticks) || exit 1
    if [ "$requests" -eq 0 ]; then
        echo "load.sh: expected requests answered by $url but wrk completed none:" >&2
        cat "$work/wrk.out" >&2
        echo "0 - $errors"
        return
    fi
    if [ "$errors" -gt 0 ]; then
        echo "  wrk against $url reported: $(grep -E 'Socket errors|Non-2xx' "$work/wrk.out" | paste -sd' ')" >&2
    fi
    awk -v r="$requests" -v t=$((after - before)) -v hz="$ticks_per_second" -v d="$duration" -v e="$errors" \
        'BEGIN {printf "%.0f %.1f %d\n", r / d, t * 1e6 / hz / r, e}'
}

# The Netty server a Meerkat server is compared with: the same class of TLS engine.
anchor_of() {
    case "$1" in
        meerkat:plain) echo netty:plain ;;
        meerkat:jdk | meerkat:bc) echo netty:JDK ;;
        meerkat:openssl | meerkat:openssl-jna | meerkat:mbedtls) echo netty:OPENSSL ;;
        *) echo none ;;
    esac
}

ratio() {
    local anchor_value=${2:-}
    if [ -z "$anchor_value" ] || [ "$1" = "-" ] || [ "$anchor_value" = "-" ]; then echo "-"; return; fi
    awk -v a="$1" -v b="$anchor_value" 'BEGIN {printf "%.2f", a / b}'
}

echo "load.sh: $(date -u '+%Y-%m-%d %H:%M:%S') UTC, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
     "$connections connections, ${duration} s measured after ${warmup} s (keep-alive) / ${close_warmup} s (close) warm-up"
for round in $(seq 1 "$rounds"); do
    declare -A keep_rps keep_cpu keep_err close_rps close_cpu close_err
    for server in "${servers[@]}"; do
        start_server "$server"
        url=$([ "${server#*:}" = plain ] && echo http || echo https)://127.0.0.1:$port
        tls=""
        if [ "${server#*:}" != plain ]; then
            tls=$( (openssl s_client -connect "127.0.0.1:$port" -brief </dev/null 2>&1 || true) \
                  | sed -n 's/^\(Protocol version\|Ciphersuite\): //p' | paste -sd' ')
        fi
        measure "$warmup" >"$work/keep"
        read -r keep_rps[$server] keep_cpu[$server] keep_err[$server] <"$work/keep"
        measure "$close_warmup" -H "Connection: close" >"$work/close"
        read -r close_rps[$server] close_cpu[$server] close_err[$server] <"$work/close"
        require_server_alive "$server"
        stop_server
        echo "  $server ($tls): keep-alive ${keep_cpu[$server]} us/request, close ${close_cpu[$server]} us/request," \
             "load average $(cut -d' ' -f1 /proc/loadavg) $(sed -n 's/^statistics /; /p' "$work/server.err")"
    done
    echo
    echo "Round $round of $rounds, finished $(date -u '+%H:%M:%S') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| server | keep-alive req/s | keep-alive CPU µs/req | vs Netty | close req/s | close CPU µs/req | vs Netty | errors |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    for server in "${servers[@]}"; do
        anchor=$(anchor_of "$server")
        echo "| $server | ${keep_rps[$server]} | ${keep_cpu[$server]} | $(ratio "${keep_cpu[$server]}" "${keep_cpu[$anchor]:-}")" \
             "| ${close_rps[$server]} | ${close_cpu[$server]} | $(ratio "${close_cpu[$server]}" "${close_cpu[$anchor]:-}")" \
             "| $((keep_err[$server] + close_err[$server])) |"
    done
    unset keep_rps keep_cpu keep_err close_rps close_cpu close_err
done
