#!/usr/bin/env bash
# The producer tool: replays NDJSON events into the local pipeline's HTTP API (see --help, and README.md).
# Needs the build that ./run-local.sh makes.
set -euo pipefail
cd "$(dirname "$0")"

if [[ ! -f local-stack/target/local-stack.jar ]]; then
    echo "replay: build the project first: ./run-local.sh builds it (or ./mvnw package -DskipTests)" >&2
    exit 1
fi
exec java -cp "local-stack/target/local-stack.jar:local-stack/target/lib/*" dev.eventpipeline.localstack.replay.Replay "$@"
