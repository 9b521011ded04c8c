#!/usr/bin/env bash
# How the schema-v1 fixtures were made, with the baton binary of commit b920e74 (the last with schema v1):
#   bash make-fixture.sh sqlite:$PWD/v1.sqlite 18181 v1-sqlite
#   bash make-fixture.sh postgres://baton@127.0.0.1:54329/fixture_v1 18182 v1-postgres   (then rows dumped to postgres.sql)
# A two-app workflow: app-a's first three actions done, app-b forking; its whole status and credentials kept beside.
set -e
STORE=$1; PORT=$2; OUT=$3
export BATON_SECRET_KEY="QmF0b25UZXN0S2V5LTMyLWJ5dGVzLWxvbmctMTIzNDU="
/work/main/.build/debug/baton serve --sandbox --store "$STORE" --port $PORT --sandbox-fork-seconds 0.2 --sandbox-build-seconds 0.5 > server-$PORT.log 2>&1 &
SP=$!
sleep 3
API=http://127.0.0.1:$PORT/api/deploy
INIT=$(curl -s $API -H 'Content-Type: application/json' -d '{"mode":"init","config":{"apps":["app-a","app-b"],"github":{"owner":"acme"},"domain":"example.com"},"envVars":{"app-a":{"DATABASE_URL":"postgres://u:p@db/app"},"app-b":{"API_KEY":"k-123"}}}')
WF=$(echo "$INIT" | jq -r .workflowId); TOKEN=$(echo "$INIT" | jq -r .token)
call() { curl -s $API -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" -d "$1"; }
for A in fork-repository create-project configure-env; do
  call "{\"mode\":\"trigger\",\"workflowId\":\"$WF\",\"app\":\"app-a\",\"action\":\"$A\"}" >/dev/null
  for i in $(seq 1 20); do S=$(call "{\"mode\":\"status\",\"workflowId\":\"$WF\",\"app\":\"app-a\",\"action\":\"$A\",\"waitMs\":2000}" | jq -r .state); [ "$S" = succeeded ] && break; done
done
call "{\"mode\":\"trigger\",\"workflowId\":\"$WF\",\"app\":\"app-b\",\"action\":\"fork-repository\"}" >/dev/null
sleep 0.5
call "{\"mode\":\"status\",\"workflowId\":\"$WF\",\"history\":true}" > $OUT-status.json
echo "{\"workflowId\":\"$WF\",\"token\":\"$TOKEN\"}" > $OUT-workflow.json
kill $SP; wait $SP || true
