#!/usr/bin/env bash
# The load test of workout-server, run by hand (not in CI): wrk at 32 connections against
# the release build and against the node peer (peer.js), loopback only, bounded in time.
#
#   bash server/loadtest/run.sh [SECONDS]     # SECONDS per scenario, default 10; README: 60
#
# Needs wrk (Debian package `wrk`) and node. Prints a markdown table: requests/s, p50/p99
# latency, socket errors, non-2xx answers, 5xx answers (the mix), the peak RSS of the
# server during each scenario and the server's CPU time (user + system) per request, which
# the other processes on a shared machine disturb less than requests/s; for the mix, also
# its RSS once the first 5 s are past and at the end. Server logs go to /dev/null (each request still formats and writes its line).
set -euo pipefail

secs=${1:-10}
port=${PORT:-18080}
peer_port=${PEER_PORT:-18081}
connections=32
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/server/loadtest"
peer_index="$root/../shared/peers/intervals-icu-workout-parser/index.js"
cd "$root"

for tool in wrk node curl; do
  command -v "$tool" >/dev/null || { echo "run.sh needs $tool (wrk: apt-get install -y wrk)" >&2; exit 2; }
done
[[ -f "$peer_index" ]] || { echo "no peer at $peer_index" >&2; exit 2; }

for p in "$port" "$peer_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "port $p is taken: set PORT / PEER_PORT" >&2
    exit 2
  fi
done

cargo build --release -q -p workout-doc-server
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

./target/release/workout-server --listen "127.0.0.1:$port" 2>/dev/null &
server=$!
pids+=("$server")
node "$here/peer.js" "$peer_port" "$peer_index" &
peer=$!
pids+=("$peer")

# Wait (at most 10 s) until both answer.
for _ in $(seq 100); do
  if curl -sf "http://127.0.0.1:$port/healthz" >/dev/null &&
     curl -sf -d '- 1m 50%' "http://127.0.0.1:$peer_port/" >/dev/null; then
    break
  fi
  sleep 0.1
done

# The bodies of the single-request scenarios.
seed="$root/fixtures/text/vo2max_4x8.txt"
node -e 'const fs = require("fs");
  process.stdout.write(JSON.stringify({ name: "4x8m VO2 Max", type: "Ride", ftp: 250,
    description: fs.readFileSync(process.argv[1], "utf8") }));' "$seed" > "$work/download.json"

# rss_kib PID: the process's resident set now, in KiB.
rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
# cpu_ticks PID: the process's user + system CPU time so far, in clock ticks.
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }

# scenario NAME PID URL WRK_SCRIPT_ARGS...: one wrk run while sampling PID's RSS each second.
scenario() {
  local name=$1 pid=$2 url=$3
  shift 3
  local samples="$work/rss-$name"
  : > "$samples"
  ( while kill -0 "$pid" 2>/dev/null; do rss_kib "$pid" >> "$samples"; sleep 1; done ) &
  local sampler=$!
  local result cpu_before cpu_after
  cpu_before=$(cpu_ticks "$pid")
  result=$(timeout $((secs + 60)) wrk -t2 -c"$connections" -d"${secs}s" --timeout 5s \
    -s "$here/wrk.lua" "$url" -- "$@" | grep '^RESULT') || result="RESULT failed"
  cpu_after=$(cpu_ticks "$pid")
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  local peak first last
  peak=$(sort -n "$samples" | tail -1)
  first=$(sed -n 6p "$samples")
  last=$(tail -1 "$samples")
  echo "$name $result peak_rss_kib=$peak rss_after_5s_kib=${first:-?} rss_end_kib=$last" \
    "cpu_s=$(awk -v t=$((cpu_after - cpu_before)) -v hz="$(getconf CLK_TCK)" 'BEGIN { print t / hz }')" \
    >> "$work/results"
  echo "$name: $result, peak RSS ${peak} KiB" >&2
}

base="http://127.0.0.1:$port"
scenario healthz "$server" "$base/healthz" one GET ""
scenario parse "$server" "$base/api/v1/parse" one POST text/plain "$seed"
scenario peer-parse "$peer" "http://127.0.0.1:$peer_port/" one POST text/plain "$seed"
scenario download-zwo "$server" "$base/api/v1/download-workout.zwo" one POST application/json "$work/download.json"
scenario mix "$server" "$base/" mix "$root"

# The table.
echo
echo "wrk -t2 -c$connections -d${secs}s on $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| scenario | req/s | p50 | p99 | socket errors | non-2xx | 5xx | peak RSS | server CPU per request |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
awk -v secs="$secs" '
  function field(name,   i, kv) {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] }
    return "-"
  }
  function ms(us) { return us == "-" ? "-" : sprintf("%.2f ms", us / 1000) }
  {
    cpu_us = field("cpu_s") * 1e6 / (field("rps") * secs)
    printf "| %s | %s | %s | %s | %s | %s | %s | %.1f MiB | %.0f µs |\n", $1, field("rps"),
      ms(field("p50_us")), ms(field("p99_us")), field("errors"), field("non2xx"),
      field("s5xx"), field("peak_rss_kib") / 1024, cpu_us
    rps[$1] = field("rps")
    cpu[$1] = cpu_us
    if ($1 == "mix") mix = sprintf("mix RSS: %.1f MiB after 5 s, %.1f MiB at the end, %s 2xx / %s 4xx answers",
      field("rss_after_5s_kib") / 1024, field("rss_end_kib") / 1024, field("s2xx"), field("s4xx"))
  }
  END {
    print ""
    printf "parse / healthz = %.2f (goal >= 0.6); parse / node peer = %.2f (goal >= 2.5)\n",
      rps["parse"] / rps["healthz"], rps["parse"] / rps["peer-parse"]
    printf "the same by server CPU per request: %.2f and %.2f\n",
      cpu["healthz"] / cpu["parse"], cpu["peer-parse"] / cpu["parse"]
    print mix
  }' "$work/results"
