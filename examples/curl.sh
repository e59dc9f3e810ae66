#!/bin/sh
# Talk to tickdeck's bot API with curl: post a fill and a metric, poll for commands, report a result.
#   TICKDECK_URL=http://127.0.0.1:8080 BOT=curl-bot KEY=... sh examples/curl.sh
# KEY is only needed once the server has API keys configured (docs/ingest.md).
set -eu
URL=${TICKDECK_URL:-http://127.0.0.1:8080}
BOT=${BOT:-curl-bot}
AUTH=${KEY:+-HX-Tickdeck-Key:$KEY}
NOW=$(($(date +%s) * 1000))

echo "== post a fill and a metric (sending the same event ids again is harmless: 'duplicate')"
curl -sS -X POST "$URL/api/v1/ingest" -H 'Content-Type: application/json' $AUTH -d "{
  \"events\": [
    {\"type\": \"fill\", \"botId\": \"$BOT\", \"eventId\": \"fill-$NOW\",
     \"fill\": {\"id\": \"f-$NOW\", \"symbol\": \"BTC/USDT\", \"side\": \"buy\", \"price\": 60000, \"amount\": 0.01,
               \"timestamp\": $NOW, \"fee\": {\"cost\": 0.6, \"currency\": \"USDT\"}}},
    {\"type\": \"metric\", \"botId\": \"$BOT\", \"eventId\": \"gas-$NOW\", \"name\": \"gas_used\", \"value\": 21000,
     \"unit\": \"gas\", \"tags\": {\"chain\": \"ethereum\"}}
  ]
}"
echo

echo "== the bot's portfolio"
curl -sS "$URL/api/v1/portfolio?botId=$BOT"
echo

echo "== a trader pauses the bot"
curl -sS -X POST "$URL/api/v1/bots/$BOT/commands" -H 'Content-Type: application/json' -d '{"kind": "pause"}'
echo

echo "== the bot polls its commands and reports the result of the first"
PENDING=$(curl -sS "$URL/api/v1/bots/$BOT/commands/pending" $AUTH)
echo "$PENDING"
ID=$(printf '%s' "$PENDING" | sed -n 's/.*"commandId":"\([^"]*\)".*/\1/p' | head -n 1)
if [ -n "$ID" ]; then
  curl -sS -X POST "$URL/api/v1/bots/$BOT/commands/$ID/result" -H 'Content-Type: application/json' $AUTH \
    -d '{"ok": true, "message": "paused"}'
  echo
fi

echo "== the audit trail"
curl -sS "$URL/api/v1/bots/commands?botId=$BOT"
echo
