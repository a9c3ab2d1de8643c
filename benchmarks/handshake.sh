#!/usr/bin/env bash
# Server CPU per TLS handshake (issue 12 part 4), every server in one run: `openssl s_time -new`, a
# client that never resumes, gives the full handshake (certificate, signature, key exchange); `s_time
# -reuse`, which offers the first connection's session again on every connection, gives the resumed
# one, in its own row. Each connection fetches "/" (HTTP/1.0, the server closes), so TLS 1.3 session
# tickets are read before the close. The server is pinned to CPU 0 and s_time to CPU 1; the figure is
# the server process's utime + stime (/proc/PID/stat, all threads: JIT and GC count) around the
# measured run, divided by the connections s_time completed, and the JIT compiler threads' share of it. s_time prints one character per connection,
# "r" when the session was resumed: each row says how many were, so a "full" row that resumed or a
# "resumed" row that did not is visible (nginx also logs $ssl_session_reused, which must agree).
#   benchmarks/handshake.sh                             every server below
#   benchmarks/handshake.sh nginx serve:openssl netty:OPENSSL
# Servers: nginx (its OpenSSL; tickets on, as shipped); serve:PROVIDER (`meerkat serve --tls PROVIDER`,
#   a 1 KiB index.html); meerkat:PROVIDER and netty:JDK|OPENSSL (benchmarks ServerMain, as load.sh: one
#   I/O thread, 1 KiB in-memory body). Every server uses one generated EC P-256 certificate.
# Environment (defaults): DURATION (10) measured seconds per mode; WARMUP (10) seconds of the same mode
#   first (the JDK handshake needs JIT warm-up); ROUNDS (1); SERVER_CPUS (0); CLIENT_CPUS (1); PORT
#   (18490, nginx and serve); SERVER_JAVA_OPTS (-Xms512m -Xmx512m, ServerMain); SKIP_BUILD=1 uses the
#   last build of benchmarks (serve uses the ./meerkat launcher, which builds when stale).
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/lib.sh
warmup=${WARMUP:-10}
client_cpus=${CLIENT_CPUS:-1}
servers=("$@")
if [ ${#servers[@]} -eq 0 ]; then
    servers=(nginx serve:openssl serve:openssl-jna serve:bc serve:mbedtls serve:jdk
             meerkat:openssl meerkat:jdk netty:OPENSSL netty:JDK)
fi
require_nginx
build_benchmarks
serve_cp=$(serve_classpath)
make_work handshake
make_index
make_cert
fixed_port=${PORT:-18490}
server_prefix=(taskset -c "$server_cpus")

start_nginx() {
    require_free_port "$fixed_port"
    cat >"$work/nginx.conf" <<EOF
daemon off; master_process off; worker_processes 1; error_log $work/nginx.err; pid $work/nginx.pid;
events { worker_connections 1024; }
http { log_format reuse '\$ssl_session_reused'; access_log $work/access.log reuse; client_body_temp_path $work;
  server { listen 127.0.0.1:$fixed_port ssl; ssl_certificate $work/cert.pem; ssl_certificate_key $work/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3; root $work/www; } }
EOF
    : >"$work/access.log"
    taskset -c "$server_cpus" "$nginx" -c "$work/nginx.conf" -p "$work" 2>"$work/server.err" &
    server_pid=$!
    port=$fixed_port
}

start_serve() {
    require_free_port "$fixed_port"
    taskset -c "$server_cpus" java -cp "$serve_cp" dev.meerkat.cli.Main serve --dir "$work/www" \
        --listen "https://127.0.0.1:$fixed_port" --tls "$1" --cert "$work/cert.pem" --key "$work/key.pem" \
        >"$work/server.out" 2>"$work/server.err" &
    server_pid=$!
    port=$fixed_port
}

s_time() {
    taskset -c "$client_cpus" openssl s_time -connect "127.0.0.1:$port" -www / "$@" 2>&1
}

# Measures one mode (-new or -reuse); prints "connections resumed cpu_us_per_handshake jit_us_per_handshake".
measure() {
    local mode=$1 before after jit_before jit_after
    s_time "$mode" -time "$warmup" >/dev/null
    [ ! -f "$work/access.log" ] || : >"$work/access.log"
    read -r before jit_before < <(server_and_jit_ticks)
    s_time "$mode" -time "$duration" >"$work/s_time.out"
    read -r after jit_after < <(server_and_jit_ticks)
    # "N connections in T real seconds"; the progress characters before it: "r" per resumed session.
    awk -v t=$((after - before)) -v j=$((jit_after - jit_before)) -v hz="$(getconf CLK_TCK)" '
        / connections in .* real seconds/ {n = $1}
        /^[*rt3]+$/ {r += gsub(/r/, "r")}
        END {
            if (n == 0) {print "0 0 - -"; exit}
            printf "%d %d %.0f %.0f\n", n, r, t * 1e6 / hz / n, j * 1e6 / hz / n
        }' "$work/s_time.out"
}

# The same-run anchor of a row: nginx for every Meerkat server, and the Netty server of its engine class.
netty_of() {
    case "${1#*:}" in
        jdk | bc) echo netty:JDK ;;
        openssl | openssl-jna | mbedtls) echo netty:OPENSSL ;;
        *) echo none ;;
    esac
}

echo "$(run_started)," \
     "${duration} s measured per mode after ${warmup} s of it, server on CPUs $server_cpus, s_time on CPUs $client_cpus," \
     "$(openssl version | cut -d' ' -f1-2), nginx $("$nginx" -v 2>&1 | sed 's/.*\///')"
for round in $(seq 1 "$rounds"); do
    declare -A full_cpu
    rows=()
    for server in "${servers[@]}"; do
        case "$server" in
            nginx) start_nginx ;;
            serve:*) start_serve "${server#serve:}" ;;
            meerkat:* | netty:*) start_server_main "$server" --cert "$work/cert.pem" --key "$work/key.pem" ;;
            *) echo "handshake.sh: expected nginx, serve:PROVIDER, meerkat:PROVIDER or netty:MODE but was $server" >&2; exit 1 ;;
        esac
        await_url "https://127.0.0.1:$port/"
        suite=$(negotiated "$port")
        read -r full full_resumed full_cpu[$server] full_jit < <(measure -new)
        nginx_full=$([ ! -s "$work/access.log" ] || grep -c '^r' "$work/access.log" || true)
        read -r reused reused_resumed reused_cpu reused_jit < <(measure -reuse)
        nginx_reused=$([ ! -s "$work/access.log" ] || grep -c '^r' "$work/access.log" || true)
        stop_server
        load=$(load_now)
        rows+=("$server|full (-new)|$full|$full_resumed${nginx_full:+ (nginx log: $nginx_full)}|${full_cpu[$server]}|$full_jit|$load|$suite")
        rows+=("$server|resumed (-reuse)|$reused|$reused_resumed${nginx_reused:+ (nginx log: $nginx_reused)}|$reused_cpu|$reused_jit|$load|$suite")
        echo "  $server: full $full (${full_resumed} resumed) ${full_cpu[$server]} us, -reuse $reused (${reused_resumed} resumed) $reused_cpu us, load $load" >&2
    done
    echo
    echo "Round $round of $rounds, finished $(date -u '+%H:%M:%S') UTC, load average $(load_average)"
    echo
    echo "| server | handshake | connections | of them resumed | server CPU µs/handshake | of it JIT compiler | full vs nginx | full vs Netty | load average after | TLS |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"
    for row in "${rows[@]}"; do
        IFS='|' read -r server kind count resumed cpu jit load suite <<<"$row"
        vs_nginx=- vs_netty=-
        if [ "$kind" = "full (-new)" ]; then
            vs_nginx=$(ratio "$cpu" "${full_cpu[nginx]:-}")
            vs_netty=$(ratio "$cpu" "${full_cpu[$(netty_of "$server")]:-}")
        fi
        echo "| $server | $kind | $count | $resumed | $cpu | $jit | $vs_nginx | $vs_netty | $load | $suite |"
    done
    unset full_cpu
done
