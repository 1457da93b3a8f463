#!/usr/bin/env bash
# Runs the whole event pipeline on this machine: builds what it needs, then starts the local services, the two
# functions, the HTTP API and the projection service from infra/sam-template.yaml. Ctrl-C stops everything.
# Options (see --help): --services-only, --clean, --data-dir DIR, --region REGION.
set -euo pipefail
cd "$(dirname "$0")"

if [[ "${1:-}" != "--help" ]]; then
    echo "run-local: building the pipeline (./mvnw package -DskipTests)..."
    ./mvnw -q package -DskipTests
fi

exec java -Dsun.net.httpserver.nodelay=true -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -cp "local-stack/target/local-stack.jar:local-stack/target/lib/*" dev.eventpipeline.localstack.LocalPipelineMain "$@"
