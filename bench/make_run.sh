#!/usr/bin/env bash
# Times `make run` from the start until the home page answers, then stops the server it
# started (its own process group only). Run it twice: the first time after a change (or
# `make clean`), the second time with nothing changed.
#   bash bench/make_run.sh [PORT] [extra make arguments…]
# e.g. with the venv and node_modules already installed elsewhere (symlinked worktrees):
#   bash bench/make_run.sh 8019 -o .venv/.installed -o node_modules/.package-lock.json
set -u
port=${1:-8019}
shift || true
log=$(mktemp)
start=$(date +%s.%N)
setsid make run PORT="$port" "$@" >"$log" 2>&1 &
pid=$!
answered=""
for _ in $(seq 1 6000); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then
    answered=$(date +%s.%N)
    break
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
kill -- -"$pid" 2>/dev/null
wait "$pid" 2>/dev/null
if [ -z "$answered" ]; then
  echo "make run did not serve the home page; its output:" >&2
  cat "$log" >&2
  exit 1
fi
printf "make run until the home page answered: %.1f s (load average %s)\n" "$(echo "$answered - $start" | bc)" "$(cut -d" " -f1-3 /proc/loadavg)"
grep -v '^\s*$' "$log" | grep -iv 'GET /' | tail -n 20
rm -f "$log"
