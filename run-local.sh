#!/usr/bin/env bash
# Runs the whole event pipeline on this machine: builds what it needs, then starts the local services, the two
# functions, the HTTP API and the projection service from infra/sam-template.yaml. Ctrl-C stops everything.
# Options (see --help): --services-only, --clean, --data-dir DIR, --region REGION.
set -euo pipefail
cd "$(dirname "$0")"

jar=local-stack/target/local-stack.jar
if [[ "${1:-}" == "--help" && -f "$jar" ]]; then
    exec java -cp "$jar:local-stack/target/lib/*" dev.eventpipeline.localstack.LocalPipelineMain --help
fi

# Before rebuilding target/ under it: a pipeline that is still running holds these ports.
ports="8000 9324 15432"
[[ " $* " == *" --services-only "* ]] || ports="$ports 3000 8080"
for port in $ports; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "run-local: port $port on 127.0.0.1 is in use. Is another local pipeline running, or did a killed one leave" >&2
        echo "processes behind? Stop them (ss -ltnp shows which process holds a port) and start again." >&2
        exit 1
    fi
done

echo "run-local: building the pipeline (./mvnw package -DskipTests)..."
./mvnw -q package -DskipTests

exec java -Dsun.net.httpserver.nodelay=true -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -cp "$jar:local-stack/target/lib/*" dev.eventpipeline.localstack.LocalPipelineMain "$@"
