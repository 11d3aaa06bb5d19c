#!/usr/bin/env bash
# Load test of `sayso serve` on loopback with wrk: 500 concurrent connections on the search,
# article and extract routes, latency percentiles from wrk --latency. Not part of CI.
#
#   bash scripts/bench-serve.sh                 # 5,000 synthetic articles, 20 s per route
#   ARTICLES=20000 DURATION=30s CONNECTIONS=1000 bash scripts/bench-serve.sh
#
# Needs wrk (apt-get install wrk) and python3. Builds the release binary, ingests synthetic
# articles (the shipped examples with varied names, outlets and dates) into a store under
# $WORK, serves it on 127.0.0.1:$PORT, and prints one wrk report per route.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ARTICLES=${ARTICLES:-5000}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-500}
THREADS=${THREADS:-2}
PORT=${PORT:-18080}
WORK=${WORK:-/tmp/sayso-bench-serve}

command -v wrk >/dev/null || { echo "bench-serve: needs wrk (apt-get install wrk)" >&2; exit 1; }
# Each connection is a file descriptor, in wrk and in the server.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

cargo build --release -p sayso-cli
bin=target/release/sayso

mkdir -p "$WORK"
if [[ ! -d "$WORK/db-$ARTICLES" ]]; then
    python3 - "$ARTICLES" examples/articles.jsonl examples/okafor.txt > "$WORK/articles.jsonl" <<'PY'
import json, sys
n, jsonl, okafor = int(sys.argv[1]), sys.argv[2], sys.argv[3]
bases = [json.loads(line)["text"] for line in open(jsonl, encoding="utf-8") if line.strip()]
bases.append(open(okafor, encoding="utf-8").read())
names = ["Amara Okafor", "Graham Pike", "Dame Helen Marsh", "Tom Ridley", "José Ñúñez", "Priya Nair"]
outlets = ["The Coastal Herald", "Midlands Evening Post", "The Riverside Courier", "Le Quotidien"]
for i in range(n):
    text = bases[i % len(bases)] + f"\n\n“Number {i} is on the record,” said {names[i % len(names)]}.\n"
    print(json.dumps({"id": f"a{i}", "text": text, "outlet": outlets[i % len(outlets)],
                      "published": f"20{20 + i % 6}-{1 + i % 12:02d}-{1 + i % 28:02d}"}, ensure_ascii=False))
PY
    "$bin" ingest -q "$WORK/articles.jsonl" --db "$WORK/db-$ARTICLES"
fi

"$bin" serve --db "$WORK/db-$ARTICLES" --addr "127.0.0.1:$PORT" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    curl -sf "http://127.0.0.1:$PORT/api/stats" >/dev/null && break
    sleep 0.2
done
base="http://127.0.0.1:$PORT"
article=$(curl -sf "$base/api/search?q=record&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"][0]["article_id"])')

cat > "$WORK/extract.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"text": "“We will not be rushed into this,” Amara Okafor said on Tuesday. The agency said it would publish its plan in the spring."}'
LUA

run() {
    echo
    echo "==> $1"
    shift
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@"
}
echo "sayso serve over $ARTICLES articles ($("$bin" --version)); wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
curl -sf "$base/api/stats"; echo
run "GET /api/search?q=rivers (ranked full-text search, 20 hits)" "$base/api/search?q=rivers"
run "GET /api/search?speaker=okafor&since=2023-01-01 (filters, newest first)" "$base/api/search?speaker=okafor&since=2023-01-01"
run "GET /api/articles/{id} (one article with its attributions)" "$base/api/articles/$article"
run "POST /api/extract (a two-sentence text through the engine)" -s "$WORK/extract.lua" "$base/api/extract"
run "GET / (the page)" "$base/"
