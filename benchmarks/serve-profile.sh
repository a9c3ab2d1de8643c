#!/usr/bin/env bash
# A JFR profile of `meerkat serve` under wrk (50 keep-alive connections, a 1 KiB index.html), and the
# bytes allocated per request that JFR's allocation samples estimate (their weights, summed, over
# the requests wrk completed while recording), with the top allocating frames of dev.meerkat.
#   benchmarks/serve-profile.sh [classpath]   default: the ./meerkat launcher's build
# Environment (defaults): DURATION (20) recorded seconds, after WARMUP (10) seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-20}
warmup=${WARMUP:-10}
cp=${1:-}
if [ -z "$cp" ]; then
    ./meerkat --version >/dev/null
    cp="$PWD/cli/target/classes:$(cat cli/target/classpath.txt)"
fi
mkdir -p benchmarks/target
work=$(mktemp -d "$PWD/benchmarks/target/serve-profile.XXXXXX")
mkdir "$work/www"
head -c 1024 /dev/zero | tr '\0' 'a' >"$work/www/index.html"
port=18481
taskset -c 0 java -cp "$cp" dev.meerkat.cli.Main serve --dir "$work/www" --listen "http://127.0.0.1:$port" \
    >"$work/server.out" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.5; done
taskset -c 1 wrk -t1 -c50 -d"${warmup}s" "http://127.0.0.1:$port/" >/dev/null
jcmd "$server_pid" JFR.start name=serve settings=profile >/dev/null
taskset -c 1 wrk -t1 -c50 -d"${duration}s" "http://127.0.0.1:$port/" >"$work/wrk.out"
jcmd "$server_pid" JFR.dump name=serve filename="$work/serve.jfr" >/dev/null
requests=$(awk '/requests in/ {print $1}' "$work/wrk.out")
jfr print --events jdk.ObjectAllocationSample "$work/serve.jfr" >"$work/alloc.txt"
python3 - "$work/alloc.txt" "$requests" <<'PY'
import collections, re, sys
units = {'bytes': 1, 'kB': 1024, 'MB': 1024 ** 2, 'GB': 1024 ** 3}
frames, total = collections.Counter(), 0.0
for event in open(sys.argv[1]).read().split('jdk.ObjectAllocationSample')[1:]:
    w = re.search(r'weight = ([\d.]+) (\w+)', event)
    if not w:
        continue
    weight = float(w.group(1)) * units.get(w.group(2), 1)
    total += weight
    ours = re.findall(r'^\s+(dev\.meerkat\.[\w.$]+)\(', event, re.M)
    frames[ours[0] if ours else '(outside dev.meerkat)'] += weight
requests = int(sys.argv[2])
print(f"{requests} requests, about {total / requests:.0f} B allocated per request")
for frame, weight in frames.most_common(10):
    print(f"  {weight / total * 100:5.1f}%  {frame}")
PY
echo "profile: $work/serve.jfr"
