# What the benchmark scripts share, sourced by each after `cd` to the repository root:
#   . benchmarks/lib.sh
# Defaults read the same way by every script that has them: DURATION (10) measured seconds; ROUNDS (1);
# CONNECTIONS (50); BUILD_DIR (target) the Maven output folder; SERVER_CPUS (0) the server's taskset
# list; SERVER_JAVA_OPTS (-Xms512m -Xmx512m) of a ServerMain JVM. A script with another default sets
# its own after sourcing. Every message starts with the script's name.
script=$(basename "$0")
duration=${DURATION:-10}
rounds=${ROUNDS:-1}
connections=${CONNECTIONS:-50}
build_dir=${BUILD_DIR:-target}
server_cpus=${SERVER_CPUS:-0}
server_java_opts=${SERVER_JAVA_OPTS:--Xms512m -Xmx512m}
nginx=$(command -v nginx || echo /usr/sbin/nginx)  # Debian's /usr/sbin may not be on PATH
server_pid=""
server_log=server  # $work/$server_log.out and .err: a server's stdout and stderr

# The load average's three figures, and its last minute alone (beside every row).
load_average() { cut -d' ' -f1-3 /proc/loadavg; }
load_now() { cut -d' ' -f1 /proc/loadavg; }

# The start of a script's first line: when, on how many cores, under what load.
run_started() {
    echo "$script: $(date -u '+%Y-%m-%d %H:%M:%S') UTC, $(nproc) cores, load average $(load_average)"
}

# utime + stime of process $1 so far, all its threads, in clock ticks (fields 14 and 15 of /proc/PID/stat).
cpu_ticks() {
    sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'
}

# "all jit": cpu_ticks of the server of $server_pid, and of its JIT compiler threads alone (a JVM that
# has not finished compiling the measured path pays for it here, however long the warm-up); fails
# with the server's stderr when it is gone.
server_and_jit_ticks() {
    kill -0 "$server_pid" 2>/dev/null || { echo "$script: the server died; its stderr:" >&2; cat "$work/$server_log.err" >&2; exit 1; }
    local jit=0 task
    for task in /proc/"$server_pid"/task/*; do
        case "$(cat "$task/comm" 2>/dev/null)" in
            # A compiler thread the JVM ends meanwhile (their number varies) counts 0.
            C1\ Compiler* | C2\ Compiler*) jit=$((jit + $(cpu_ticks "$server_pid/task/${task##*/}" 2>/dev/null || echo 0))) ;;
        esac
    done
    echo "$(cpu_ticks "$server_pid") $jit"
}

# Fails unless command $1 is on the PATH; $2 says where it comes from.
require_command() {
    command -v "$1" >/dev/null || { echo "$script: expected $1 on the PATH${2:+ ($2)}" >&2; exit 1; }
}

require_nginx() {
    [ -x "$nginx" ] || { echo "$script: expected nginx (apt-get install nginx-light)" >&2; exit 1; }
}

# Builds the benchmarks module unless SKIP_BUILD=1; sets bench_cp, the classpath of ServerMain and friends.
build_benchmarks() {
    if [ "${SKIP_BUILD:-0}" != 1 ]; then
        mvn -B -q -DbuildDir="$build_dir" -Dmaven.test.skip=true -Dmaven.javadoc.skip -Dmaven.source.skip \
            -pl :meerkat-benchmarks -am package
    fi
    bench_cp="benchmarks/$build_dir/classes:$(cat "benchmarks/$build_dir/classpath.txt")"
}

# The classpath of `meerkat serve`, built by the ./meerkat launcher when stale, outside any measurement.
serve_classpath() {
    ./meerkat --version >/dev/null
    echo "$PWD/cli/target/classes:$(cat cli/target/classpath.txt)"
}

# Makes the folder $work (under benchmarks/BUILD_DIR, not /tmp: other jobs here sweep it), removed on
# exit with the servers of $server_pid and of the array server_pids stopped.
make_work() {
    mkdir -p "benchmarks/$build_dir"
    work=$(mktemp -d "$PWD/benchmarks/$build_dir/$1.XXXXXX")
    trap 'for pid in $server_pid ${server_pids[*]}; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"' EXIT
}
server_pids=()

stop_server() {
    kill "$server_pid" && wait "$server_pid" 2>/dev/null || true
    server_pid=""
}

# $work/www/index.html, the 1 KiB file every static file row serves.
make_index() {
    mkdir "$work/www"
    head -c 1024 /dev/zero | tr '\0' 'a' >"$work/www/index.html"
}

# $work/cert.pem and $work/key.pem: one EC P-256 certificate for localhost and 127.0.0.1, for every server.
make_cert() {
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost \
        -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
}

# Fails when something already answers on port $1: another run's server would be measured instead.
require_free_port() {
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
        echo "$script: expected port $1 to be free, but something answers there (another run?): set PORT" >&2
        exit 1
    fi
}

# Waits up to 60 s for URL $1 to answer, from the server just started ($server_pid, still alive half a
# second later: when another server holds the port, ours exits at once).
await_url() {
    for _ in $(seq 1 120); do
        if curl -sfk -o /dev/null "$1" && sleep 0.5 && kill -0 "$server_pid" 2>/dev/null; then
            return 0
        fi
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.5
    done
    echo "$script: expected a server at $1 within 60 s; its stderr:" >&2
    cat "$work/$server_log.err" >&2
    exit 1
}

# Starts benchmarks' ServerMain $1 (with the arguments after it) behind the command prefix in the
# array server_prefix (e.g. taskset), and waits up to 60 s for its "ready port=P" line; sets
# server_pid and port.
start_server_main() {
    # shellcheck disable=SC2086
    "${server_prefix[@]}" java $server_java_opts -cp "$bench_cp" dev.meerkat.benchmarks.server.ServerMain "$@" \
        >"$work/$server_log.out" 2>"$work/$server_log.err" &
    server_pid=$!
    port=""
    for _ in $(seq 1 120); do
        port=$(sed -n 's/^ready port=\([0-9]*\).*/\1/p' "$work/$server_log.out")
        [ -z "$port" ] || return 0
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.5
    done
    echo "$script: expected $1 to print 'ready port=...' within 60 s but it did not; its stderr:" >&2
    cat "$work/$server_log.err" >&2
    exit 1
}
server_prefix=()

# The protocol and suite a TLS server on port $1 negotiates with `openssl s_client`.
negotiated() {
    (openssl s_client -connect "127.0.0.1:$1" -brief </dev/null 2>&1 || true) \
        | sed -n 's/^\(Protocol version\|Ciphersuite\): //p' | paste -sd' '
}

# $1 / $2 to two places, or "-" when either is missing.
ratio() {
    if [ -z "${2:-}" ] || [ "$1" = - ] || [ "$2" = - ]; then echo -; return; fi
    awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'
}

# The median of the numbers given ("-" ones left out), or "-" when none is a number.
median() {
    printf '%s\n' "$@" | grep -E '^[0-9.]+$' | sort -g \
        | awk '{v[NR] = $1} END {if (NR == 0) print "-"; else print (v[int((NR + 1) / 2)] + v[int(NR / 2) + 1]) / 2}'
}
