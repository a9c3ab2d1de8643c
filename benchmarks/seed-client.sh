#!/usr/bin/env bash
# The seed scenario as a client (issue 12, docs/benchmarks.md "The seed scenario"): REQUESTS POSTs, each
# on a new TLS connection with a full handshake, against nginx with keepalive_timeout 0, no session
# cache and no session tickets. Every client in one run: curl (one process, every URL), the JDK's
# java.net.http.HttpClient, and Meerkat's HttpClient on each provider, each in a fresh JVM (JIT
# warm-up included, as a short-lived client pays it). nginx is pinned to CPU 0, the client to CPU 1.
#   benchmarks/seed-client.sh                      every client
#   benchmarks/seed-client.sh curl meerkat:openssl jdk-httpclient meerkat:jdk
#   benchmarks/seed-client.sh curl before:meerkat:openssl meerkat:openssl   "before:" runs MEERKAT_BEFORE_CP
# Environment (defaults): REQUESTS (2000); BODY_BYTES (1024); PORT (18443); SKIP_BUILD=1 uses the last build;
#   BUILD_DIR (target) Maven output folder; MEERKAT_BEFORE_CP: the benchmarks classpath of an earlier
#   build, for clients named before:CLIENT;
#   CLIENT_JAVA_OPTS, e.g. -XX:StartFlightRecording=filename=seed.jfr to profile a Java client.
# Each Java client also prints on stderr the CPU per request of each kind of thread, and its wait for a
# core (ThreadCpu).
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/lib.sh
requests=${REQUESTS:-2000}
body_bytes=${BODY_BYTES:-1024}
clients=("$@")
if [ ${#clients[@]} -eq 0 ]; then
    clients=(curl meerkat:openssl meerkat:openssl-jna meerkat:bc jdk-httpclient meerkat:jdk)
fi
require_nginx
require_command curl
build_benchmarks
make_work seed-client
port=${PORT:-18443}
url="https://127.0.0.1:$port/post"

make_cert
head -c "$body_bytes" /dev/zero | tr '\0' 'm' >"$work/body"
cat >"$work/nginx.conf" <<EOF
daemon off; master_process off; worker_processes 1; error_log $work/nginx.err; pid $work/nginx.pid;
events { worker_connections 1024; }
http { log_format reuse '\$ssl_session_reused \$ssl_protocol'; access_log $work/access.log reuse;
  keepalive_timeout 0; client_body_temp_path $work;
  server { listen 127.0.0.1:$port ssl; ssl_certificate $work/cert.pem; ssl_certificate_key $work/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3; ssl_session_cache off; ssl_session_tickets off;
    location /post { client_max_body_size 1m; return 200 "ok\n"; } } }
EOF
require_free_port "$port"
taskset -c 0 "$nginx" -c "$work/nginx.conf" -p "$work" 2>"$work/nginx.stderr" &
server_pid=$!
for _ in $(seq 1 60); do
    curl -sf --cacert "$work/cert.pem" -o /dev/null -d x "$url" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/nginx.stderr" >&2; exit 1; }
    sleep 0.5
done

# curl: one process for every request, each URL with its own output, so nothing is printed but times.
curl_run() {
    {
        printf 'silent\nfail\ncacert = "%s"\ndata-binary = "@%s"\nwrite-out = "%s\\n"\n' \
            "$work/cert.pem" "$work/body" '%{time_total} %{time_connect} %{time_appconnect} %{time_pretransfer} %{time_starttransfer}'
        for _ in $(seq 1 "$requests"); do printf 'url = "%s"\noutput = "/dev/null"\n' "$url"; done
    } >"$work/curl.config"
    taskset -c 1 curl --config "$work/curl.config" >"$work/curl.times"
    [ "$(wc -l <"$work/curl.times")" -eq "$requests" ] \
        || { echo "$script: expected $requests curl times but got $(wc -l <"$work/curl.times")" >&2; exit 1; }
    sort -n "$work/curl.times" | awk -v n="$requests" '
        {t[NR] = $1 * 1000; s += $1 * 1000}
        END {printf "curl %d %.3f %.3f %.3f\n", n, t[int(n / 2) + 1], t[int(n * 0.9) + 1], s / n}'
    # The phases PhaseTimes gives a Meerkat client, from curl's own timers (seconds since its start).
    local phase name column from
    printf 'curl median ms per phase:' >&2
    for phase in connect:2:0 handshake:3:2 request:4:3 response:5:4 return:1:5; do
        IFS=: read -r name column from <<<"$phase"
        awk -v c="$column" -v f="$from" '{print ($c - (f == 0 ? 0 : $f)) * 1000}' "$work/curl.times" | sort -n \
            | awk -v n="$requests" -v name="$name" '{t[NR] = $1} END {printf " %s %.3f", name, t[int(n / 2) + 1]}' >&2
    done
    echo >&2
}

echo "$(run_started)," \
     "$requests POSTs of $body_bytes bytes, each a new connection and a full handshake, nginx $("$nginx" -v 2>&1 | sed 's/.*\///')"
echo "| client | requests | median ms | p90 ms | mean ms | load average after |"
echo "|---|---:|---:|---:|---:|---:|"
for client in "${clients[@]}"; do
    if [ "$client" = curl ]; then
        line=$(curl_run)
    else
        cp=$bench_cp
        [ "${client#before:}" = "$client" ] \
            || cp=${MEERKAT_BEFORE_CP:?expected MEERKAT_BEFORE_CP for the client named $client}
        # shellcheck disable=SC2086
        line=$(taskset -c 1 java ${CLIENT_JAVA_OPTS:-} -cp "$cp" dev.meerkat.benchmarks.client.SeedClientRun \
            "${client#before:}" "$url" "$work/cert.pem" "$requests" "$body_bytes")
    fi
    read -r name count median p90 mean <<<"$line"
    [ "${client#before:}" = "$client" ] || name="before:$name"
    # nginx logs "r" for a resumed session: none may be, or the row is not full handshakes.
    if grep -q '^r' "$work/access.log"; then
        echo "$script: expected only full handshakes but nginx logged resumed sessions for $client" >&2
        exit 1
    fi
    echo "| $name | $count | $median | $p90 | $mean | $(load_now) |"
done
