#!/usr/bin/env bash
# One bulk download, `meerkat serve` against nginx in the same run: curl fetches one large file over
# 127.0.0.1 from each server in turn, plain (nginx with sendfile on) and over TLS (meerkat --tls
# openssl, nginx with its OpenSSL, both on the same generated EC P-256 certificate). curl runs on the
# same cores as the server (over TLS it decrypts there too), so read each figure beside nginx's of the
# same round, never alone.
#   benchmarks/bulk.sh                  512 MB, 3 rounds, plain then TLS
#   SIZE_MB=16 ROUNDS=1 benchmarks/bulk.sh
# Environment (defaults): SIZE_MB (512) the file's size in MB (10^6 bytes); ROUNDS (3); MODES
#   ("plain tls"); TLS (openssl) the Meerkat provider over TLS; PORT (18490, and PORT + 1);
#   MEERKAT_CLASSPATH (this tree's cli, built when stale) the classpath of the meerkat to run, e.g. a
#   copy of an earlier build's jars; BEFORE_CLASSPATH (unset) a second meerkat to run beside it on
#   PORT + 2, downloaded in the same rounds, for a before/after in one run (two more columns).
# Each round downloads once from each server, the order alternating between rounds, after one
# download from each that is not counted (JIT warm-up, the file in the page cache). Beside MB/s it
# gives each server's CPU seconds for the download (utime + stime from /proc/PID/stat), which a
# loaded machine disturbs less than wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${SIZE_MB:-512}
rounds=${ROUNDS:-3}
modes=${MODES:-plain tls}
provider=${TLS:-openssl}
nginx_port=${PORT:-18490}
meerkat_port=$((nginx_port + 1))
before_port=$((nginx_port + 2))
before_classpath=${BEFORE_CLASSPATH:-}
command -v curl >/dev/null || { echo "bulk.sh: expected curl on the PATH" >&2; exit 1; }
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx" ] || { echo "bulk.sh: expected nginx (apt-get install nginx-light)" >&2; exit 1; }
mkdir -p benchmarks/target
work=$(mktemp -d "$PWD/benchmarks/target/bulk.XXXXXX")  # not /tmp: other jobs here sweep it
pids=()
nginx_pid=""
meerkat_pid=""
before_pid=""
stop_servers() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    done
    pids=()
}
trap 'stop_servers; rm -rf "$work"' EXIT
mkdir "$work/www"
head -c "$((size_mb * 1000000))" /dev/urandom >"$work/www/bulk.bin"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
if [ -n "${MEERKAT_CLASSPATH:-}" ]; then
    classpath=$MEERKAT_CLASSPATH
else
    ./meerkat --version >/dev/null  # builds when stale, outside the measurement
    classpath="$PWD/cli/target/classes:$(cat cli/target/classpath.txt)"
fi

start_nginx() {
    local ssl=""
    [ "$1" = plain ] || ssl=" ssl; ssl_certificate $work/cert.pem; ssl_certificate_key $work/key.pem"
    cat >"$work/nginx.conf" <<EOF
daemon off; master_process off; worker_processes 1; error_log $work/nginx.err; pid $work/nginx.pid;
events { worker_connections 64; }
http { access_log off; sendfile on; tcp_nopush on; client_body_temp_path $work;
  server { listen 127.0.0.1:$nginx_port$ssl; ssl_protocols TLSv1.2 TLSv1.3; root $work/www; } }
EOF
    "$nginx" -c "$work/nginx.conf" -p "$work" 2>"$work/nginx.out" &
    nginx_pid=$!
    pids+=($!)
}

# Starts `meerkat serve` from the classpath $2 on port $3 ($1: plain or tls); its pid is in $!.
start_meerkat() {
    local scheme=http tls_args=()
    if [ "$1" = tls ]; then
        scheme=https
        tls_args=(--tls "$provider" --cert "$work/cert.pem" --key "$work/key.pem")
    fi
    java -cp "$2" dev.meerkat.cli.Main serve --dir "$work/www" \
        --listen "$scheme://127.0.0.1:$3" "${tls_args[@]}" >"$work/meerkat-$3.out" 2>"$work/meerkat-$3.err" &
    pids+=($!)
}

# Waits up to 60 s for the server on port $2 to answer (404 for a missing file).
await_port() {
    for _ in $(seq 1 120); do
        if [ "$(curl -sk -o /dev/null -w '%{http_code}' "$1://127.0.0.1:$2/missing" || true)" = 404 ]; then
            return 0
        fi
        sleep 0.5
    done
    echo "bulk.sh: expected a server on port $2 within 60 s; its output:" >&2
    cat "$work"/*.out "$work"/*.err >&2 2>/dev/null || true
    exit 1
}

cpu_ticks() {
    sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'
}

# Prints "MB/s CPU-seconds" of one download from the server $2 (MB: 10^6 bytes); fails when the file
# did not arrive whole.
download() {
    local before after speed got
    before=$(cpu_ticks "$2")
    read -r speed got < <(curl -sk --fail -o /dev/null -w '%{speed_download} %{size_download}\n' "$1")
    after=$(cpu_ticks "$2")
    [ "$got" = "$((size_mb * 1000000))" ] || { echo "bulk.sh: expected $((size_mb * 1000000)) bytes from $1 but got $got" >&2; exit 1; }
    awk -v s="$speed" -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.0f %.2f", s / 1e6, t / hz}'
}

echo "bulk.sh: $(date -u '+%Y-%m-%d %H:%M:%S') UTC, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
     "one ${size_mb} MB file, curl $(curl --version | head -1 | cut -d' ' -f2), $(java -version 2>&1 | head -1)," \
     "$("$nginx" -v 2>&1 | sed 's/.*: //'), meerkat --tls $provider over TLS"
before_head="" before_rule=""
[ -z "$before_classpath" ] || { before_head=" before MB/s | before / nginx | before CPU s |"; before_rule="---:|---:|---:|"; }
echo "| round | transport | nginx MB/s | meerkat MB/s | meerkat / nginx | nginx CPU s | meerkat CPU s |$before_head load average (1 min) |"
echo "|---:|---|---:|---:|---:|---:|---:|$before_rule---:|"
for mode in $modes; do
    scheme=http
    [ "$mode" = plain ] || scheme=https
    start_nginx "$mode"
    start_meerkat "$mode" "$classpath" "$meerkat_port"
    meerkat_pid=$!
    await_port "$scheme" "$nginx_port"
    await_port "$scheme" "$meerkat_port"
    nginx_url="$scheme://127.0.0.1:$nginx_port/bulk.bin"
    meerkat_url="$scheme://127.0.0.1:$meerkat_port/bulk.bin"
    before_url="$scheme://127.0.0.1:$before_port/bulk.bin"
    if [ -n "$before_classpath" ]; then
        start_meerkat "$mode" "$before_classpath" "$before_port"
        before_pid=$!
        await_port "$scheme" "$before_port"
        download "$before_url" "$before_pid" >/dev/null
    fi
    download "$nginx_url" "$nginx_pid" >/dev/null
    download "$meerkat_url" "$meerkat_pid" >/dev/null
    for round in $(seq 1 "$rounds"); do
        before_cells=""
        if [ $((round % 2)) = 1 ]; then
            n_out=$(download "$nginx_url" "$nginx_pid")
            m_out=$(download "$meerkat_url" "$meerkat_pid")
            [ -z "$before_classpath" ] || b_out=$(download "$before_url" "$before_pid")
        else
            [ -z "$before_classpath" ] || b_out=$(download "$before_url" "$before_pid")
            m_out=$(download "$meerkat_url" "$meerkat_pid")
            n_out=$(download "$nginx_url" "$nginx_pid")
        fi
        read -r n n_cpu <<<"$n_out"
        read -r m m_cpu <<<"$m_out"
        if [ -n "$before_classpath" ]; then
            read -r b b_cpu <<<"$b_out"
            before_cells=" $b | $(awk -v b="$b" -v n="$n" 'BEGIN {printf "%.2f", b / n}') | $b_cpu |"
        fi
        echo "| $round | $mode | $n | $m | $(awk -v m="$m" -v n="$n" 'BEGIN {printf "%.2f", m / n}') | $n_cpu | $m_cpu |$before_cells" \
             "$(cut -d' ' -f1 /proc/loadavg) |"
    done
    stop_servers
done
