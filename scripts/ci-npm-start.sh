#!/usr/bin/env bash
# CI: the README's `npm start` on the fresh clone, twice — the first start seeds .data/, the second must
# reuse it — each time waiting for "ready in", asking the demo API for its personas and the app for its
# page, then stopping it the way Ctrl+C would. Prints both startup lines (the warm one is PERF.md's figure).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${DEMO_PORT:-4400}"
mkdir -p test-results
# Its own data directory, so a developer's .data/ is never touched.
DEMO_DATA_DIR="$(mktemp -d /tmp/bk-npm-start.XXXXXX)"
export DEMO_DATA_DIR

for run in first second; do
  log="test-results/npm-start-$run.log"
  DEMO_PORT="$port" DEMO_STRIPE_PORT=$((port + 1)) setsid npm start >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    grep -q "ready in" "$log" && break
    kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "npm start ($run) exited early"; exit 1; }
    sleep 1
  done
  grep -q "ready in" "$log" || { cat "$log"; echo "npm start ($run) never got ready"; exit 1; }
  curl -fsS "http://127.0.0.1:$port/demo/session" | grep -q '"personas"'
  curl -fsS "http://127.0.0.1:$port/" | grep -qi '<div id="root"'
  echo "npm start ($run): $(grep -m1 'ready in' "$log")"
  kill -INT -- "-$pid"
  wait "$pid" || true
done
rm -rf "$DEMO_DATA_DIR"
grep -q "reused" test-results/npm-start-second.log || {
  cat test-results/npm-start-second.log
  echo "the second npm start did not reuse .data/"
  exit 1
}
