#!/usr/bin/env bash
# Opt-in compatibility suite: Synin against a real llama.cpp llama-server (../shared/peers/llama-server).
#
#   scripts/llama-server-compat.sh            # builds the peer if needed (7-15 min the first time), packages Synin if needed
#   PEER_DIR=... SYNIN_PORT=18080 LLAMA_PORT=18091 scripts/llama-server-compat.sh
#
# Covers: context discovery (meta.n_ctx of one slot), streaming, Stop (the slot goes idle), trimming, an overlong
# question refused before the call (and the next turn working), --api-key (right and refused), two parallel slots,
# and recovery after a restart of the server (breaker closed by the health probe, chats at once).
# Needs PostgreSQL on 127.0.0.1:5432 (its own database synin_compat), curl and python3. Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PEERS=${PEERS:-"$ROOT/../shared/peers/llama-server"}
[ -d "$PEERS" ] || PEERS=/work/shared/peers/llama-server
SYNIN_PORT=${SYNIN_PORT:-18080}
LLAMA_PORT=${LLAMA_PORT:-18091}
KEY=compat-key-$$
WORK=$(mktemp -d /tmp/synin-compat.XXXX)
SYNIN="http://127.0.0.1:$SYNIN_PORT"
LLAMA="http://127.0.0.1:$LLAMA_PORT"
FAILED=0
LLAMA_PID=
SYNIN_PID=

eval "$("$PEERS/build.sh" "${PEER_DIR:-$HOME/.cache/synin-peers/llama-server}" | grep -E '^LLAMA_(SERVER|MODEL)=')"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

cleanup() {
  [ -n "$SYNIN_PID" ] && kill "$SYNIN_PID" 2>/dev/null
  [ -n "$LLAMA_PID" ] && kill "$LLAMA_PID" 2>/dev/null
  wait 2>/dev/null
  echo "logs in $WORK"
}
trap cleanup EXIT

pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; FAILED=1; }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }

start_llama() { # [api key]
  "$LLAMA_SERVER" -m "$LLAMA_MODEL" --host 127.0.0.1 --port "$LLAMA_PORT" -c 4096 --parallel 2 -t 1 --slots --metrics \
    -a tiny-qwen2 --api-key "$1" >>"$WORK/llama.log" 2>&1 &
  LLAMA_PID=$!
  for _ in $(seq 1 60); do curl -sf "$LLAMA/health" >/dev/null && return 0; sleep 0.5; done
  echo "llama-server did not start (see $WORK/llama.log)"; exit 1
}
stop_llama() { kill "$LLAMA_PID" 2>/dev/null; wait "$LLAMA_PID" 2>/dev/null; LLAMA_PID=; }

api() { curl -s -b "$WORK/cookies" -c "$WORK/cookies" -H 'X-Requested-With: synin' -H 'Content-Type: application/json' "$@"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }
# Streams a chat; writes the SSE transcript to $1 (extra curl args after the body)
stream() { local out=$1 body=$2; shift 2; api -N -H 'Accept: text/event-stream' -d "$body" "$@" "$SYNIN/api/chat/stream" >"$out"; }
events() { grep '^event:' "$1" | sed 's/event: *//' | sort | uniq -c | tr '\n' ' '; }
data_of() { python3 - "$1" "$2" <<'PY'
import json, sys
name = None
for line in open(sys.argv[1]):
    line = line.rstrip('\n')
    if line.startswith('event:'): name = line[6:].strip()
    elif line.startswith('data:') and name == sys.argv[2]: print(line[5:].strip()); break
PY
}
slots_busy() { curl -s -H "Authorization: Bearer $KEY" "$LLAMA/slots" | python3 -c "import json,sys; print(sum(1 for s in json.load(sys.stdin) if s.get('is_processing')))"; }

start_llama "$KEY"
psql -h 127.0.0.1 -U postgres -tc "select 1 from pg_database where datname='synin_compat'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -qc 'create database synin_compat' >/dev/null
LM_STUDIO_BASE_URL="$LLAMA/v1" LM_STUDIO_API_KEY="$KEY" QUARKUS_HTTP_PORT=$SYNIN_PORT SYNIN_RATE_LIMIT_ENABLED=false \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:5432/synin_compat LM_STUDIO_MODELS_CACHE_TTL=0s \
  java -jar target/quarkus-app/quarkus-run.jar >"$WORK/synin.log" 2>&1 &
SYNIN_PID=$!
for _ in $(seq 1 60); do curl -sf "$SYNIN/api/health" >/dev/null && break; sleep 1; done

echo "== context discovery"
MODELS=$(api "$SYNIN/api/models")
check "server kind is llama-cpp" [ "$(echo "$MODELS" | json 'd["server"]')" = llama-cpp ]
check "context window is one slot's: 2048" [ "$(echo "$MODELS" | json 'd["models"][0]["contextLength"]')" = 2048 ]
check "health up with --api-key" [ "$(api "$SYNIN/api/health" | json 'd["lmStudio"]["status"]')" = up ]

echo "== streaming"
stream "$WORK/s1.sse" '{"messages":[{"role":"user","content":"Hello"}],"maxTokens":40}'
check "stream: start, deltas, done ($(events "$WORK/s1.sse"))" grep -q '^event: *done' "$WORK/s1.sse"
check "stream: no error" bash -c "! grep -q '^event: *error' '$WORK/s1.sse'"
CONV=$(data_of "$WORK/s1.sse" start | json 'd["conversationId"]')

echo "== Stop"
stream "$WORK/s2.sse" '{"messages":[{"role":"user","content":"Talk for a long time"}],"maxTokens":3000}' &
STREAM_PID=$!
for _ in $(seq 1 50); do grep -q '^event: *delta' "$WORK/s2.sse" 2>/dev/null && break; sleep 0.1; done
CONV2=$(data_of "$WORK/s2.sse" start | json 'd["conversationId"]')
api -X POST "$SYNIN/api/conversations/$CONV2/stop" >/dev/null
wait $STREAM_PID
sleep 0.3
check "stop: answer ended as stopped" bash -c "grep -A1 '^event: *done' '$WORK/s2.sse' | grep -q stopped"
check "stop: llama-server slots idle" [ "$(slots_busy)" = 0 ]

echo "== trimming and the overlong question"
LONG=$(python3 -c "print('lorem ipsum ' * 800)")
stream "$WORK/s3.sse" "{\"conversationId\":\"$CONV\",\"messages\":[{\"role\":\"user\",\"content\":\"$LONG\"}],\"maxTokens\":20}"
ERR=$(data_of "$WORK/s3.sse" error)
check "overlong question refused by Synin before the call: $(echo "$ERR" | json 'd["error"]["message"][:90]')" \
  bash -c "echo '$ERR' | grep -q 'too long for'"
stream "$WORK/s4.sse" "{\"conversationId\":\"$CONV\",\"messages\":[{\"role\":\"user\",\"content\":\"And now a short one\"}],\"maxTokens\":20}"
check "next turn of that conversation works ($(data_of "$WORK/s4.sse" start | json '"dropped %s" % d["droppedMessages"]'))" \
  bash -c "grep -q '^event: *done' '$WORK/s4.sse' && ! grep -q '^event: *error' '$WORK/s4.sse'"
MID=$(python3 -c "print('dolor sit amet ' * 250)")
HIST=$(python3 -c "
import json; m='$MID'
print(json.dumps({'messages':[{'role':'user','content':m},{'role':'assistant','content':m},{'role':'user','content':m},
  {'role':'assistant','content':m},{'role':'user','content':'Summarise'}],'maxTokens':20}))")
stream "$WORK/s5.sse" "$HIST"
check "a long history is trimmed to fit ($(data_of "$WORK/s5.sse" start | json '"dropped %s" % d["droppedMessages"]'))" \
  bash -c "grep -q '^event: *done' '$WORK/s5.sse' && ! grep -q '^event: *error' '$WORK/s5.sse'"

echo "== two parallel slots"
stream "$WORK/p1.sse" '{"messages":[{"role":"user","content":"one"}],"maxTokens":300}' &
P1=$!
stream "$WORK/p2.sse" '{"messages":[{"role":"user","content":"two"}],"maxTokens":300}' &
P2=$!
BUSY=0
for _ in $(seq 1 40); do b=$(slots_busy); [ "$b" -gt "$BUSY" ] && BUSY=$b; [ "$BUSY" = 2 ] && break; sleep 0.1; done
wait $P1 $P2
check "both slots generated at once (max busy: $BUSY)" [ "$BUSY" = 2 ]
check "both answers complete" bash -c "grep -q '^event: *done' '$WORK/p1.sse' && grep -q '^event: *done' '$WORK/p2.sse'"

echo "== recovery after a restart of the server"
stop_llama
for i in 1 2 3 4 5; do
  api -d '{"model":"tiny-qwen2","messages":[{"role":"user","content":"anyone?"}]}' "$SYNIN/api/chat" >"$WORK/down$i.json"
done
check "chats while it is down: 503 ($(json 'd["error"]["message"][:70]' <"$WORK/down5.json"))" grep -q lm_studio_unavailable "$WORK/down5.json"
BREAKER=$(api "$SYNIN/api/health" | json 'd["lmStudio"]["breakers"]["lm-studio-stream"]')
start_llama "$KEY"
HEALTH=$(api "$SYNIN/api/health")
check "health up again, breaker $BREAKER -> $(echo "$HEALTH" | json 'd["lmStudio"]["breakers"]["lm-studio-stream"]')" \
  [ "$(echo "$HEALTH" | json 'd["lmStudio"]["breakers"]["lm-studio-stream"]')" = closed ]
api -d '{"model":"tiny-qwen2","messages":[{"role":"user","content":"back?"}],"maxTokens":10}' "$SYNIN/api/chat" >"$WORK/back.json"
check "the first chat after the restart works" grep -q '"status":"complete"' "$WORK/back.json"
stream "$WORK/s6.sse" '{"messages":[{"role":"user","content":"and streaming, no model named?"}],"maxTokens":10}'
check "a stream naming no model works at once" grep -q '^event: *done' "$WORK/s6.sse"

echo "== a refused API key"
stop_llama
start_llama "another-key"
HEALTH=$(api "$SYNIN/api/health")
check "health says key-refused, not down: $(echo "$HEALTH" | json 'd["lmStudio"]["error"][:80]')" \
  [ "$(echo "$HEALTH" | json 'd["lmStudio"]["status"]')" = key-refused ]
api -d '{"messages":[{"role":"user","content":"hi"}],"model":"tiny-qwen2"}' "$SYNIN/api/chat" >"$WORK/key.json"
check "a chat says the key was refused" grep -q 'refused the API key' "$WORK/key.json"

[ $FAILED = 0 ] && echo "ALL PASSED" || echo "SOME CHECKS FAILED"
exit $FAILED
