#!/usr/bin/env bash
# Whole-server load, Meerkat against the Netty anchor in the same run (see docs/server-benchmarks.md).
# Each server runs in its own JVM (dev.meerkat.benchmarks.server.ServerMain, one I/O thread, 1 KiB body);
# wrk drives it over 127.0.0.1. The figure is the server's CPU time per request, from /proc/PID/stat
# (utime + stime) around the measured wrk run, because on 2 cores a one-thread wrk saturates first.
#   benchmarks/load.sh                         every server, keep-alive and Connection: close
#   ROUNDS=3 benchmarks/load.sh meerkat:openssl netty:OPENSSL
# Every server is started once and warmed up in turn, each the same way: WARMUP seconds of keep-alive
# load, then CLOSE_WARMUP seconds of Connection: close. Then come the rounds, each measuring every
# server (keep-alive, then close), in the order given in odd rounds and the reverse in even ones, so
# that a Meerkat server and the Netty server beside it in the list are measured back to back and
# neither is always first. The default WARMUP is where C2 was done with the hot path of every server
# in docs/server-benchmarks.md ("load.sh rounds and a warm-up past C2"): with a shorter one the row
# of the JVM still compiling (SunJSSE's GCM above all) measures the JIT, not the server.
# Prints a table per round, then one with each server's rounds, their median, and the median of the
# same-round ratios to its Netty anchor. Each round's table also gives the JIT compiler threads' CPU
# per request, which says whether the warm-up was long enough for that server.
# Environment (defaults): BUILD_DIR (target) Maven output folder; ROUNDS (1); CONNECTIONS (50);
#   DURATION (10) measured seconds; WARMUP (40) keep-alive warm-up seconds; CLOSE_WARMUP (10)
#   Connection: close warm-up seconds (the JDK handshake needs long JIT warm-up);
#   SERVER_JAVA_OPTS (-Xms512m -Xmx512m); SKIP_BUILD=1 uses the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/lib.sh
warmup=${WARMUP:-40}
close_warmup=${CLOSE_WARMUP:-10}
servers=("$@")
if [ ${#servers[@]} -eq 0 ]; then
    servers=(meerkat:plain netty:plain meerkat:jdk netty:JDK meerkat:bc meerkat:openssl netty:OPENSSL
             meerkat:openssl-jna meerkat:mbedtls)
fi
require_command wrk "apt-get install wrk"
build_benchmarks
ticks_per_second=$(getconf CLK_TCK)
make_work load

# Fails the run with the server's own output when it is gone: a crash must not pass for a slow server.
require_server_alive() {
    if ! kill -0 "$server_pid" 2>/dev/null; then
        wait "$server_pid" || echo "$script: the server exited with status $? during $1; its stderr:" >&2
        cat "$work/$server_log.err" >&2
        ls hs_err_pid"$server_pid".log 2>/dev/null >&2 || true
        exit 1
    fi
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

# Measures one mode of the current server; prints "requests_per_second cpu_us_per_request errors
# jit_us_per_request", the last the JIT compiler threads' share: near 0 once the warm-up was long enough.
measure() {
    local before after jit_before jit_after requests errors
    require_server_alive "$url"
    read -r before jit_before < <(server_and_jit_ticks)
    read -r requests errors < <(run_wrk "$duration" "$@")
    require_server_alive "$url"
    read -r after jit_after < <(server_and_jit_ticks)
    if [ "$requests" -eq 0 ]; then
        echo "$script: expected requests answered by $url but wrk completed none:" >&2
        cat "$work/wrk.out" >&2
        echo "0 - $errors -"
        return
    fi
    if [ "$errors" -gt 0 ]; then
        echo "  wrk against $url reported: $(grep -E 'Socket errors|Non-2xx' "$work/wrk.out" | paste -sd' ')" >&2
    fi
    awk -v r="$requests" -v t=$((after - before)) -v j=$((jit_after - jit_before)) -v hz="$ticks_per_second" \
        -v d="$duration" -v e="$errors" 'BEGIN {printf "%.0f %.1f %d %.1f\n", r / d, t * 1e6 / hz / r, e, j * 1e6 / hz / r}'
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

# Makes server number $1 the current one: server_pid, server_log, url.
select_server() {
    server_pid=${server_pids[$1]}
    server_log=server$1
    url=${urls[$1]}
}

echo "$(run_started), $connections connections, ${duration} s measured, $rounds round(s), after one warm-up of" \
     "${warmup} s (keep-alive) and ${close_warmup} s (close) per server"
declare -A tls keep_rps keep_cpu keep_err keep_jit close_rps close_cpu close_err close_jit
urls=()
finished=()
for i in "${!servers[@]}"; do
    server=${servers[$i]}
    server_log=server$i
    start_server_main "$server"
    server_pids[i]=$server_pid
    urls[i]=$([ "${server#*:}" = plain ] && echo http || echo https)://127.0.0.1:$port
    tls[$server]=""
    [ "${server#*:}" = plain ] || tls[$server]=$(negotiated "$port")
    select_server "$i"
    run_wrk "$warmup" >/dev/null
    run_wrk "$close_warmup" -H "Connection: close" >/dev/null
    require_server_alive "$server"
    echo "  $server (${tls[$server]:-plain}) warmed up, $(date -u '+%H:%M:%S') UTC, load average $(load_now)"
done
order=("${!servers[@]}")
for round in $(seq 1 "$rounds"); do
    for i in "${order[@]}"; do
        server=${servers[$i]}
        select_server "$i"
        k=$round/$server
        read -r "keep_rps[$k]" "keep_cpu[$k]" "keep_err[$k]" "keep_jit[$k]" < <(measure)
        read -r "close_rps[$k]" "close_cpu[$k]" "close_err[$k]" "close_jit[$k]" < <(measure -H "Connection: close")
        echo "  round $round, $server: keep-alive ${keep_cpu[$k]} us/request, close ${close_cpu[$k]} us/request," \
             "load average $(load_now)"
    done
    finished[round]="finished $(date -u '+%H:%M:%S') UTC, load average $(load_average)"
    # The reverse order for the next round.
    for ((first = 0, last = ${#order[@]} - 1; first < last; first++, last--)); do
        swap=${order[first]}; order[first]=${order[last]}; order[last]=$swap
    done
done
for i in "${!servers[@]}"; do
    select_server "$i"
    stop_server
    server_pids[i]=""
    statistics=$(sed -n 's/^statistics //p' "$work/server$i.err")
    [ -z "$statistics" ] || echo "  ${servers[$i]}: $statistics"
done
for round in $(seq 1 "$rounds"); do
    echo
    echo "Round $round of $rounds, ${finished[round]}"
    echo
    echo "| server | keep-alive req/s | keep-alive CPU µs/req | vs Netty | close req/s | close CPU µs/req | vs Netty | errors" \
         "| of it JIT compiler µs/req, keep-alive | close |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for server in "${servers[@]}"; do
        k=$round/$server a=$round/$(anchor_of "$server")
        echo "| $server | ${keep_rps[$k]} | ${keep_cpu[$k]} | $(ratio "${keep_cpu[$k]}" "${keep_cpu[$a]:-}")" \
             "| ${close_rps[$k]} | ${close_cpu[$k]} | $(ratio "${close_cpu[$k]}" "${close_cpu[$a]:-}")" \
             "| $((keep_err[$k] + close_err[$k])) | ${keep_jit[$k]} | ${close_jit[$k]} |"
    done
done
echo
echo "Rounds 1 to $rounds: CPU µs per request by round, their median, and the median of each round's ratio to Netty's."
echo
echo "| server | rounds | keep-alive CPU µs/req | median | vs Netty by round | median vs Netty | close CPU µs/req | median | vs Netty by round | median vs Netty | TLS |"
echo "|---|---:|---|---:|---|---:|---|---:|---|---:|---|"
for server in "${servers[@]}"; do
    keep=() close=() keep_ratio=() close_ratio=()
    for round in $(seq 1 "$rounds"); do
        k=$round/$server a=$round/$(anchor_of "$server")
        keep+=("${keep_cpu[$k]}")
        close+=("${close_cpu[$k]}")
        keep_ratio+=("$(ratio "${keep_cpu[$k]}" "${keep_cpu[$a]:-}")")
        close_ratio+=("$(ratio "${close_cpu[$k]}" "${close_cpu[$a]:-}")")
    done
    echo "| $server | $rounds | ${keep[*]} | $(median "${keep[@]}") | ${keep_ratio[*]} | $(median "${keep_ratio[@]}")" \
         "| ${close[*]} | $(median "${close[@]}") | ${close_ratio[*]} | $(median "${close_ratio[@]}") | ${tls[$server]:--} |"
done
