#!/usr/bin/env bash
# `meerkat serve` against nginx in the same run, as a user runs them: a 1 KiB index.html, wrk with
# keep-alive connections over 127.0.0.1, the server pinned to CPU 0 and wrk to CPU 1. The figure is
# the server's CPU time per request, from /proc/PID/stat (utime + stime) around the measured run.
# Both servers run with their access log off (meerkat --quiet, nginx access_log off); ACCESS_LOG=1
# turns both on.
#   benchmarks/serve-load.sh                       nginx, then meerkat (the ./meerkat launcher)
#   benchmarks/serve-load.sh nginx meerkat before  "before" runs MEERKAT_BEFORE_CP (a saved build)
#   SERVER_CPUS=0,1 benchmarks/serve-load.sh meerkat:1 meerkat:2   serve --threads 1, then 2
#   benchmarks/serve-load.sh meerkat:1@0 meerkat:2@0,1   a server name may end in @CPUS, its own taskset list
#   TLS=openssl benchmarks/serve-load.sh           over TLS: nginx with its OpenSSL, meerkat --tls openssl
#   TLS=mbedtls benchmarks/serve-load.sh           meerkat speaks TLS 1.2 only there (MbedTLS 2.28), nginx 1.3:
#                                                  the TLS column says so; compare CPU with TLS=openssl's meerkat
# Environment (defaults): CONNECTIONS (50); DURATION (10) measured seconds; WARMUP (10) seconds;
#   ROUNDS (1); MEERKAT_BEFORE_CP: a classpath of an earlier build for the server named "before";
#   SERVER_CPUS (0) and WRK_CPUS (1): the taskset CPU lists of the server and of wrk;
#   TLS (none): a Meerkat provider; both servers then use the same generated EC P-256 certificate;
#   PORT (18480); ACCESS_LOG (0): both servers log no request (meerkat --quiet, nginx access_log off);
#   1 turns on both logs, each writing one Common Log Format line per request to a file in batches
#   (meerkat's access log on stdout, flushed every 20 ms; nginx's with buffer=64k flush=20ms);
#   PIPELINE (1): requests wrk writes at once on a connection (HTTP/1.1 pipelining, a wrk Lua script),
#   which makes each request cheaper for wrk than for the server.
# Each round runs the servers in the order given, even rounds in the reverse order. Besides the
# server's CPU per request (headed "CPU µs/req", which ResultsChart reads) it prints the JIT compiler
# threads' share of it (a JVM still compiling after the warm-up; 0 for nginx), the cores the server kept busy, wrk's own CPU per request and the sum of the two, so a run where both
# share cores says how the load generator's share was accounted for, and the server threads' context
# switches per request (voluntary: waits for a lock or for work; involuntary: preempted), from
# /proc/PID/task/*/status. Where `perf stat` can count tracepoints (as root), it adds the server's
# system calls and epoll_waits per request: counts, which a crowded machine moves far less than CPU.
# A last table gives each server's CPU per request by round, their median and the median of its
# same-round ratios to nginx.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/lib.sh
warmup=${WARMUP:-10}
wrk_cpus=${WRK_CPUS:-1}
tls=${TLS:-}
access_log=${ACCESS_LOG:-0}
pipeline=${PIPELINE:-1}
servers=("$@")
[ ${#servers[@]} -gt 0 ] || servers=(nginx meerkat)
require_command wrk "apt-get install wrk"
make_work serve-load
make_index
port=${PORT:-18480}
wrk_script=()
if [ "$pipeline" -gt 1 ]; then
    cat >"$work/pipeline.lua" <<EOF
init = function(args) local r = {} for i = 1, $pipeline do r[i] = wrk.format(nil, "/") end req = table.concat(r) end
request = function() return req end
EOF
    wrk_script=(-s "$work/pipeline.lua")
fi
scheme=http
if [ -n "$tls" ]; then
    scheme=https
    make_cert
fi
nginx_log="access_log off;"
if [ "$access_log" = 1 ]; then
    nginx_log="log_format clf '\$remote_addr - \$remote_user [\$time_local] \"\$request\" \$status \$body_bytes_sent';
  access_log $work/access.log clf buffer=64k flush=20ms;"
fi

start_nginx() {
    cat >"$work/nginx.conf" <<EOF
daemon off; master_process off; worker_processes 1; error_log $work/nginx.err; pid $work/nginx.pid;
events { worker_connections 1024; }
http { $nginx_log keepalive_requests 1000000; client_body_temp_path $work;
  server { listen 127.0.0.1:$port$([ -n "$tls" ] && echo " ssl; ssl_certificate $work/cert.pem; ssl_certificate_key $work/key.pem") ;
    ssl_protocols TLSv1.2 TLSv1.3; root $work/www; } }
EOF
    taskset -c "$cpus" "$nginx" -c "$work/nginx.conf" -p "$work" 2>"$work/server.err" &
    server_pid=$!
}

start_meerkat() {
    local cp="$1" threads=() tls_args=() quiet_args=()
    [ -z "$2" ] || threads=(--threads "$2")
    [ "$access_log" = 1 ] || quiet_args=(--quiet)
    [ -z "$tls" ] || tls_args=(--tls "$tls" --cert "$work/cert.pem" --key "$work/key.pem")
    [ -n "$cp" ] || cp=$(serve_classpath)
    taskset -c "$cpus" java -cp "$cp" dev.meerkat.cli.Main serve --dir "$work/www" \
        --listen "$scheme://127.0.0.1:$port" "${threads[@]}" "${tls_args[@]}" "${quiet_args[@]}" >"$work/server.out" 2>"$work/server.err" &
    server_pid=$!
}

# "voluntary involuntary" context switches of the server's threads so far.
switches() {
    cat /proc/"$server_pid"/task/*/status 2>/dev/null \
        | awk '/^voluntary_ctxt/ {v += $2} /^nonvoluntary_ctxt/ {n += $2} END {print v + 0, n + 0}'
}

perf_events=raw_syscalls:sys_enter,syscalls:sys_enter_epoll_wait
counting=false
if perf stat -x, -e "$perf_events" -o /dev/null true 2>/dev/null; then counting=true; fi

# Prints "requests_per_second cpu_us_per_request errors server_cores_busy wrk_us_per_request
# server_and_wrk_us_per_request requests_per_server_core voluntary_per_request involuntary_per_request
# syscalls_per_request epoll_waits_per_request jit_us_per_request" (syscalls and epoll_waits "-"
# without perf).
measure() {
    taskset -c "$wrk_cpus" wrk -t1 -c"$connections" -d"${warmup}s" "${wrk_script[@]}" "$scheme://127.0.0.1:$port/" >/dev/null
    local before after jit_before jit_after switched_before switched_after perf_pid=""
    : >"$work/perf.csv"
    if $counting; then
        perf stat -x, -e "$perf_events" -p "$server_pid" -o "$work/perf.csv" &
        perf_pid=$!
    fi
    read -r before jit_before < <(server_and_jit_ticks)
    switched_before=$(switches)
    # bash's time keyword gives wrk's own user + system seconds.
    { TIMEFORMAT='%U %S'; time taskset -c "$wrk_cpus" wrk -t1 -c"$connections" -d"${duration}s" "${wrk_script[@]}" \
        "$scheme://127.0.0.1:$port/" >"$work/wrk.out"; } 2>"$work/wrk.time"
    read -r after jit_after < <(server_and_jit_ticks)
    switched_after=$(switches)
    if [ -n "$perf_pid" ]; then kill -INT "$perf_pid"; wait "$perf_pid" || true; fi
    awk -v t=$((after - before)) -v j=$((jit_after - jit_before)) -v hz="$(getconf CLK_TCK)" -v d="$duration" -v w="$(cat "$work/wrk.time")" \
        -v s0="$switched_before" -v s1="$switched_after" -v calls="$(awk -F, '/sys_enter,/ {print $1}' "$work/perf.csv")" \
        -v waits="$(awk -F, '/epoll_wait/ {print $1}' "$work/perf.csv")" '
        /requests in/ {r = $1}
        /Socket errors/ {gsub(/[^0-9 ]/, " "); e += $1 + $2 + $3 + $4}
        /Non-2xx/ {e += $NF}
        END {split(w, wt, " "); split(s0, a, " "); split(s1, b, " ")
            server = t * 1e6 / hz / r; client = (wt[1] + wt[2]) * 1e6 / r
            printf "%.0f %.1f %d %.2f %.1f %.1f %.0f %.3f %.3f %s %s %.1f\n", r / d, server, e, t / hz / d, client,
                server + client, 1e6 / server, (b[1] - a[1]) / r, (b[2] - a[2]) / r,
                calls == "" ? "-" : sprintf("%.2f", calls / r), waits == "" ? "-" : sprintf("%.3f", waits / r),
                j * 1e6 / hz / r}' \
        "$work/wrk.out"
}

echo "$(run_started)," \
     "$connections connections, ${duration} s measured after ${warmup} s warm-up, 1 KiB index.html," \
     "server on CPUs $server_cpus unless named @CPUS, wrk on CPUs $wrk_cpus, $pipeline request(s) per wrk write," \
     "$([ "$access_log" = 1 ] && echo "access logs on (meerkat's and nginx's)" || echo "access logs off (meerkat --quiet, nginx access_log off)")," \
     "$([ -n "$tls" ] && echo "TLS (meerkat --tls $tls, nginx's OpenSSL)" || echo "plain")"
echo "| round | server | req/s | CPU µs/req | errors | server cores busy | wrk CPU µs/req | server + wrk µs/req" \
     "| req/s per server core | switches/req voluntary | involuntary | syscalls/req | epoll_waits/req | load average after" \
     "| of it JIT compiler µs/req | TLS |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
declare -A cpu_of
for round in $(seq 1 "$rounds"); do
    order=("${servers[@]}")
    if [ $((round % 2)) = 0 ]; then
        for ((i = ${#servers[@]} - 1, j = 0; i >= 0; i--, j++)); do order[j]=${servers[i]}; done
    fi
    for named in "${order[@]}"; do
        server=${named%%@*}
        cpus=$server_cpus
        [ "$server" = "$named" ] || cpus=${named#*@}
        require_free_port "$port"
        case "$server" in
            nginx) start_nginx ;;
            meerkat) start_meerkat "" "" ;;
            meerkat:*) start_meerkat "" "${server#meerkat:}" ;;
            before) start_meerkat "${MEERKAT_BEFORE_CP:?expected MEERKAT_BEFORE_CP for the server named before}" "" ;;
            *) echo "serve-load.sh: expected nginx, meerkat, meerkat:THREADS or before but was $server" >&2; exit 1 ;;
        esac
        await_url "$scheme://127.0.0.1:$port/"
        suite=-
        [ -z "$tls" ] || suite=$(negotiated "$port")
        read -r rps cpu errors busy wrk_cpu sum per_core voluntary involuntary calls waits jit < <(measure)
        stop_server
        cpu_of[$round/$named]=$cpu
        echo "| $round | $named | $rps | $cpu | $errors | $busy | $wrk_cpu | $sum | $per_core | $voluntary | $involuntary | $calls | $waits" \
             "| $(load_now) | $jit | $suite |"
    done
done
echo
echo "| server | rounds | CPU µs/req by round | median | vs nginx by round | median vs nginx |"
echo "|---|---:|---|---:|---|---:|"
for named in "${servers[@]}"; do
    cpu_rounds=() ratios=()
    for round in $(seq 1 "$rounds"); do
        cpu_rounds+=("${cpu_of[$round/$named]}")
        ratios+=("$(ratio "${cpu_of[$round/$named]}" "${cpu_of[$round/nginx]:-}")")
    done
    echo "| $named | $rounds | ${cpu_rounds[*]} | $(median "${cpu_rounds[@]}") | ${ratios[*]} | $(median "${ratios[@]}") |"
done
