#!/usr/bin/env bash
# DXP load test: 100 concurrent clients (wrk), mostly reads and some record uploads, for 60 s,
# against the real `dxp serve` (release build) on embedded SQLite and on PostgreSQL.
# Not part of CI (it takes several minutes). One command, from the repository root or anywhere:
#
#   loadtest/run.sh
#
# Needs: the Rust toolchain, wrk (Debian: apt-get install -y wrk; installed if missing and
# running as root), curl, jq; for PostgreSQL a server where `psql` can create a database
# (default postgres://postgres@127.0.0.1:5432, trust auth). Each run gets a fresh database
# (a SQLite file in a temporary folder; a PostgreSQL database dxp_loadtest_*), dropped after.
#
# Settings (environment):
#   BACKENDS="sqlite postgres"  RUNS=1         backends, and runs of each (a fresh database each)
#   DURATION=60s CONNECTIONS=100 THREADS=2     the wrk run
#   ORGS=10 TOKENS_PER_ORG=10                  callers: organisations x tokens (distinct `sub`)
#   BATCH=20                                   learners per upload
#   MIX=reads                                  reads only: no uploads (default MIX=mixed)
#   RATE_PER_SECOND=100000 RATE_BURST=100000   the server's per-client rate limit in the runs
#   LIMITER_CHECK=1                            also a 15 s run, one token, default limits (429s)
#   PG_ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres
#   DXP_BIN=path                               a server binary instead of building one
#   KEEP=1                                     keep the temporary folder (server logs, wrk output)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HERE="$ROOT/loadtest"
BACKENDS=${BACKENDS:-"sqlite postgres"}
RUNS=${RUNS:-1}
DURATION=${DURATION:-60s}
CONNECTIONS=${CONNECTIONS:-100}
THREADS=${THREADS:-2}
ORGS=${ORGS:-10}
TOKENS_PER_ORG=${TOKENS_PER_ORG:-10}
BATCH=${BATCH:-20}
RATE_PER_SECOND=${RATE_PER_SECOND:-100000}
RATE_BURST=${RATE_BURST:-100000}
LIMITER_CHECK=${LIMITER_CHECK:-1}
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
# The server's clock: inside round 2026-APR (open), so submissions can be opened in it.
CLOCK="2026-04-20T12:00:00+12:00"
ROUND="2026-APR"
# The mix, in percent of requests. MIX=reads: the reads alone (a submission, a page of problems
# or records, what is due), for the reads' own p99 without writers queueing beside them.
MIX=${MIX:-mixed}
case "$MIX" in
  mixed)
    W_SUBMISSION=${W_SUBMISSION:-25} W_PROBLEMS=${W_PROBLEMS:-20} W_DUE=${W_DUE:-15}
    W_RECORDS=${W_RECORDS:-25} W_UPLOAD=${W_UPLOAD:-15} ;;
  reads)
    W_SUBMISSION=${W_SUBMISSION:-30} W_PROBLEMS=${W_PROBLEMS:-25} W_DUE=${W_DUE:-15}
    W_RECORDS=${W_RECORDS:-30} W_UPLOAD=${W_UPLOAD:-0} ;;
  *) echo "MIX is mixed or reads, not '$MIX'" >&2; exit 2 ;;
esac
[ $((W_SUBMISSION + W_PROBLEMS + W_DUE + W_RECORDS + W_UPLOAD)) -eq 100 ] || {
  echo "the W_* weights must add up to 100" >&2; exit 2; }

say() { printf '\n== %s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing wrk (apt-get install -y wrk)"
    apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  else
    echo "wrk is needed: apt-get install -y wrk (Debian/Ubuntu), brew install wrk (macOS)" >&2
    exit 2
  fi
fi
for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 2; }
done

# --- the server binary --------------------------------------------------------------------
if [ -n "${DXP_BIN:-}" ]; then
  BIN=$DXP_BIN
else
  say "building the release server (cargo build --release --bin dxp)"
  (cd "$ROOT" && nice -n 10 cargo build --release --bin dxp)
  BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/dxp"
fi
[ -x "$BIN" ] || { echo "no server binary at $BIN" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dxp-loadtest.XXXXXX")
SERVER_PID=""
PG_DB=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [ -n "$PG_DB" ]; then psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true; fi
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export DXP_JWT_SECRET
DXP_JWT_SECRET="loadtest-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s\n' "$CLOCK" > "$WORK/clock"
git_commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)

# The upload template: the sample return's first learner, with placeholders for the fields
# each upload makes unique (localId, studentIdentificationCode, and the NSN, which XF-001 wants
# to name one learner).
jq -c '.records[0] | .localId = "__LID__" | .studentIdentificationCode = "__SIC__"
       | .nationalStudentNumber = "__NSN__"' \
  "$ROOT/examples/data/json/learners.json" > "$WORK/learner.json"

# start_server NAME DATABASE_URL RATE BURST: starts `dxp serve` on a free port; sets BASE.
start_server() {
  local name=$1 url=$2 rate=$3 burst=$4
  local log="$WORK/$name.server.log"
  mkdir -p "$WORK/$name.data"
  env DATABASE_URL="$url" DXP_DATA_DIR="$WORK/$name.data" DXP_CLOCK_FILE="$WORK/clock" \
    DXP_RATE_LIMIT_PER_SECOND="$rate" DXP_RATE_LIMIT_BURST="$burst" \
    "$BIN" serve --bind 127.0.0.1:0 >"$log" 2>&1 &
  SERVER_PID=$!
  BASE=""
  for _ in $(seq 1 300); do
    BASE=$(grep -o 'listening on http://[0-9.:]*' "$log" | head -1 | sed 's/listening on //' || true)
    [ -n "$BASE" ] && curl -sf "$BASE/health" >/dev/null && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$log" >&2; echo "the server stopped" >&2; exit 1; }
    sleep 0.1
  done
  cat "$log" >&2; echo "the server did not start" >&2; exit 1
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

token() { "$BIN" token --org "$1" --role teo-submitter --sub "$2" --ttl 7200; }

# api TOKEN METHOD PATH [curl args...]: fails unless 2xx; prints the body.
api() {
  local tok=$1 method=$2 path=$3; shift 3
  curl -sS --fail-with-body -X "$method" -H "Authorization: Bearer $tok" "$@" "$BASE/api/v1$path"
}

# setup NAME TOKENS_PER_ORG: for each organisation, a validated (Rejected) return holding the
# sample return with its typical mistakes (what the reads read), and an empty Draft return
# (what the uploads write to); writes $WORK/NAME.targets.lua.
setup() {
  local name=$1 per_org=$2 targets="$WORK/$1.targets.lua"
  local reads=()
  {
    echo "return {"
    echo "  batch = $BATCH,"
    echo "  weights = { submission = $W_SUBMISSION, problems = $W_PROBLEMS, due = $W_DUE, records = $W_RECORDS, upload = $W_UPLOAD },"
    printf '  learner = [==[%s]==],\n' "$(cat "$WORK/learner.json")"
    echo "  clients = {"
  } > "$targets"
  for i in $(seq 1 "$ORGS"); do
    local org=$((7000 + i)) tok read draft
    tok=$(token "$org" "loadtest-setup")
    read=$(api "$tok" POST /submissions -H 'Content-Type: application/json' -d "{\"round\":\"$ROUND\"}" | jq -r .id)
    for file in learners courses course-enrolments course-completions qualification-completions; do
      api "$tok" POST "/submissions/$read/$file" -H 'Content-Type: application/json' \
        --data-binary @"$ROOT/examples/data/mistakes/json/$file.json" >/dev/null
    done
    api "$tok" POST "/submissions/$read/validate" >/dev/null
    draft=$(api "$tok" POST /submissions -H 'Content-Type: application/json' -d "{\"round\":\"$ROUND\"}" | jq -r .id)
    reads+=("$tok $read")
    for k in $(seq 1 "$per_org"); do
      printf '    { org = %d, read = "%s", draft = "%s", token = "%s" },\n' \
        "$org" "$read" "$draft" "$(token "$org" "loadtest-$org-$k")" >> "$targets"
    done
    echo "$draft" >> "$WORK/$name.drafts"
  done
  printf '  },\n}\n' >> "$targets"
  # The upload template must make valid learners: a dry run of one filled-in batch of two.
  local one two report
  one=$(sed 's/__LID__/LT-CHECK1/; s/__SIC__/LCHECK1/; s/"__NSN__"/299999998/' "$WORK/learner.json")
  two=$(sed 's/__LID__/LT-CHECK2/; s/__SIC__/LCHECK2/; s/"__NSN__"/299999999/' "$WORK/learner.json")
  report=$(api "$tok" POST "/validation/learners?returnYear=2026" -H 'Content-Type: application/json' \
    -d "{\"records\":[$one,$two]}")
  [ "$(jq .errorCount <<<"$report")" = 0 ] || { echo "the upload template is not valid: $report" >&2; exit 1; }
  # Wait for the validations: the reads should see a settled, Rejected return.
  for entry in "${reads[@]}"; do
    set -- $entry
    for _ in $(seq 1 600); do
      case $(api "$1" GET "/submissions/$2" | jq -r .status) in
        Processed|Rejected) break ;;
      esac
      sleep 0.1
    done
  done
  SETUP_TOKEN=${reads[0]%% *}
}

# learners_stored NAME: learners in the Draft submissions after the run.
learners_stored() {
  local total=0 n draft i=0
  while read -r draft; do
    i=$((i + 1))
    n=$(api "$(token $((7000 + i)) loadtest-check)" GET "/submissions/$draft" | jq -r .recordCounts.learners)
    total=$((total + n))
  done < "$WORK/$1.drafts"
  echo "$total"
}

SUMMARY="$WORK/summary.tsv"
printf 'backend\trun\treq/s\tp50 ms\tp90 ms\tp99 ms\tmax ms\tnon-2xx\tsocket errors\tserver log errors\tuploads sent\tlearners stored\tload avg after\n' > "$SUMMARY"

# run_wrk NAME DURATION CONNECTIONS THREADS: the wrk run; its output in $WORK/NAME.wrk.txt
run_wrk() {
  local name=$1
  wrk -c "$3" -t "$4" -d "$2" --timeout 10s --latency -s "$HERE/mix.lua" "$BASE" \
    -- "$WORK/$name.targets.lua" | tee "$WORK/$name.wrk.txt" >&2
}

# server_latency NAME FIRST_LINE LAST_LINE: the server's own latency (request log) per kind of request,
# from the log lines of the wrk run (FIRST_LINE to LAST_LINE): count, p50, p90, p99 in ms.
server_latency() {
  sed -n "$2,$3p" "$WORK/$1.server.log" | awk '
    / dxp_api::request_log: request / {
      method = ""; path = ""; ms = ""
      for (i = 1; i <= NF; i++) {
        if ($i ~ /^http.method=/) method = substr($i, 13)
        else if ($i ~ /^http.path=/) path = substr($i, 11)
        else if ($i ~ /^latency_ms=/) ms = substr($i, 12)
      }
      if (ms == "") next
      n = split(path, p, "/")
      if (method == "POST" && n == 6) kind = "upload"
      else if (path == "/api/v1/due") kind = "due"
      else if (n == 6 && p[6] == "problems") kind = "problems"
      else if (n == 6) kind = "records"
      else if (n == 5) kind = "submission"
      else kind = "other"
      print kind, ms
    }' | sort -k1,1 -k2,2n | awk '
    function flush() {
      if (count == 0) return
      printf "  %-10s %7d requests  p50 %8.2f  p90 %8.2f  p99 %8.2f ms\n", kind, count,
        v[int(count * 0.50 + 0.999)], v[int(count * 0.90 + 0.999)], v[int(count * 0.99 + 0.999)]
    }
    $1 != kind { flush(); kind = $1; count = 0 }
    { v[++count] = $2 }
    END { flush() }'
}

field() { # field NAME KEY: a value from the RESULT lines
  grep '^RESULT' "$WORK/$1.wrk.txt" | tr ' ' '\n' | grep "^$2=" | head -1 | cut -d= -f2
}

for backend in $BACKENDS; do
  if [ "$backend" = postgres ] && ! psql -q "$PG_ADMIN_URL" -c 'SELECT 1' >/dev/null 2>&1; then
    echo "PostgreSQL skipped: psql cannot reach $PG_ADMIN_URL (set PG_ADMIN_URL)" >&2
    printf 'postgres\t-\tskipped: PostgreSQL not reachable\n' >> "$SUMMARY"
    continue
  fi
  for run in $(seq 1 "$RUNS"); do
    name="$backend-$run"
    case $backend in
      sqlite) url="sqlite://$WORK/$name.sqlite3" ;;
      postgres)
        PG_DB="dxp_loadtest_$$_$run"
        psql -q "$PG_ADMIN_URL" -c "CREATE DATABASE $PG_DB" >/dev/null
        url="${PG_ADMIN_URL%/*}/$PG_DB" ;;
      *) echo "unknown backend $backend" >&2; exit 2 ;;
    esac
    say "$name: server ($url), rate limit $RATE_PER_SECOND/s burst $RATE_BURST"
    start_server "$name" "$url" "$RATE_PER_SECOND" "$RATE_BURST"
    say "$name: setup ($ORGS organisations x $TOKENS_PER_ORG tokens)"
    setup "$name" "$TOKENS_PER_ORG"
    say "$name: wrk -c $CONNECTIONS -t $THREADS -d $DURATION --latency ($BASE, commit $git_commit, load $(cut -d' ' -f1-3 /proc/loadavg))"
    first_line=$(( $(wc -l < "$WORK/$name.server.log") + 1 ))
    run_wrk "$name" "$DURATION" "$CONNECTIONS" "$THREADS"
    last_line=$(wc -l < "$WORK/$name.server.log")
    load=$(cut -d' ' -f1 /proc/loadavg)
    stored=$(learners_stored "$name")
    stop_server
    echo "$name: the server's latency by kind of request (its request log):" >> "$WORK/by-kind.txt"
    server_latency "$name" "$first_line" "$last_line" >> "$WORK/by-kind.txt"
    log_errors=$(grep -ciE ' ERROR |"level":"ERROR"|panicked|database is locked' "$WORK/$name.server.log" || true)
    if [ "$log_errors" != 0 ]; then
      echo "server log errors ($name), first ones:" >&2
      grep -iE ' ERROR |"level":"ERROR"|panicked|database is locked' "$WORK/$name.server.log" | head -5 >&2
    fi
    socket=$(( $(field "$name" connect) + $(field "$name" read) + $(field "$name" write) + $(field "$name" timeout) ))
    uploads=$(grep '^RESULT sent' "$WORK/$name.wrk.txt" | grep -o 'upload=[0-9]*' | cut -d= -f2)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$backend" "$run" \
      "$(field "$name" rps)" "$(field "$name" p50)" "$(field "$name" p90)" "$(field "$name" p99)" \
      "$(field "$name" max)" "$(field "$name" non2xx)" "$socket" "$log_errors" "$uploads" "$stored" "$load" >> "$SUMMARY"
    if [ "$backend" = postgres ]; then
      psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null
      PG_DB=""
    fi
  done
done

if [ "$LIMITER_CHECK" = 1 ]; then
  # The limiter at its defaults, one greedy client (one token) on 100 connections: expect 429s.
  name="limiter-1"
  say "$name: SQLite, default rate limit (50/s, burst 500), one token, 15 s"
  start_server "$name" "sqlite://$WORK/$name.sqlite3" 50 500
  ORGS_SAVED=$ORGS; ORGS=1
  setup "$name" 1
  ORGS=$ORGS_SAVED
  run_wrk "$name" 15s "$CONNECTIONS" "$THREADS"
  stop_server
  LIMITER_LINE=$(grep '^RESULT statuses' "$WORK/$name.wrk.txt")
fi

say "summary (commit $git_commit, $(nproc) cores, $CONNECTIONS connections, $THREADS threads, $DURATION, rate limit $RATE_PER_SECOND/s burst $RATE_BURST, $ORGS organisations x $TOKENS_PER_ORG tokens, mix % submission/problems/due/records/upload = $W_SUBMISSION/$W_PROBLEMS/$W_DUE/$W_RECORDS/$W_UPLOAD, $BATCH learners per upload)"
column -t -s $'\t' "$SUMMARY" 2>/dev/null || cat "$SUMMARY"
cat "$WORK/by-kind.txt"
[ -n "${LIMITER_LINE:-}" ] && echo "default limits, one token, 15 s: ${LIMITER_LINE#RESULT }"
# Fails when any run had an error.
awk -F'\t' 'NR > 1 && $2 != "-" && ($8 != 0 || $9 != 0 || $10 != 0) { bad = 1 } END { exit bad }' "$SUMMARY" || {
  echo "some runs had errors (non-2xx, socket errors or server log errors)" >&2; exit 1; }
