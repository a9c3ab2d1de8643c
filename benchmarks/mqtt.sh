#!/usr/bin/env bash
# Messages per second through mosquitto at QoS 0 and 1: meerkat mqtt pub -> meerkat mqtt sub beside
# mosquitto_pub -> mosquitto_sub, in the same run against the same broker. Each row: the subscriber
# starts (-C N), then the publisher sends N messages of SIZE bytes (--repeat N); the time runs from
# the publisher's start to the subscriber's exit, so it includes both processes' start-up (for
# meerkat, two JVMs). Usage: benchmarks/mqtt.sh [N] [SIZE]  (defaults 100000 and 64).
# Needs mosquitto and mosquitto-clients; builds the meerkat command on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-100000}"
size="${2:-64}"
payload="$(head -c "$size" /dev/zero | tr '\0' 'x')"
work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
printf 'listener %s 127.0.0.1\nallow_anonymous true\nuser root\nmax_queued_messages 0\n' "$port" > "$work/mosquitto.conf"
mosquitto="$(command -v mosquitto || echo /usr/sbin/mosquitto)" # Debian's /usr/sbin may not be on PATH
"$mosquitto" -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 &
broker=$!
trap 'kill $broker 2>/dev/null; rm -rf "$work"' EXIT
./meerkat --version > /dev/null  # builds the command now, not inside a measurement
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done

# run NAME QOS SUB... -- PUB...: one measurement; prints a table row
run() {
  local name="$1" qos="$2"; shift 2
  local sub=() pub=()
  while [[ "$1" != "--" ]]; do sub+=("$1"); shift; done; shift; pub=("$@")
  "${sub[@]}" -h 127.0.0.1 -p "$port" -q "$qos" -t "bench/$name/$qos" -C "$count" -W 300 > "$work/out" &
  local subscriber=$!
  sleep 2 # the subscriber's JVM or process starts and subscribes before the first message
  local start end
  start=$(date +%s%N)
  "${pub[@]}" -h 127.0.0.1 -p "$port" -q "$qos" -t "bench/$name/$qos" -m "$payload" --repeat "$count"
  wait "$subscriber"
  end=$(date +%s%N)
  local lines; lines=$(wc -l < "$work/out")
  [[ "$lines" == "$count" ]] || { echo "$name QoS $qos: expected $count messages but got $lines" >&2; exit 1; }
  awk -v n="$count" -v ns=$((end - start)) -v name="$name" -v q="$qos" \
    'BEGIN { printf "| %s | %s | %d | %.2f | %.0f |\n", name, q, n, ns / 1e9, n / (ns / 1e9) }'
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $(java -version 2>&1 | head -1), $("$mosquitto" -h | head -1)"
echo "| client | QoS | messages of $size B | seconds | messages/s |"
echo "|---|---|---|---|---|"
for qos in 0 1; do
  run mosquitto "$qos" mosquitto_sub -- mosquitto_pub
  run meerkat "$qos" ./meerkat mqtt sub -- ./meerkat mqtt pub
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
