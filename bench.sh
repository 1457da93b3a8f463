#!/usr/bin/env bash
# Runs every benchmark of the pipeline in one run and prints one table: each stage against its raw baseline, then the
# whole pipeline end to end. Builds what it needs first. Everything it measures runs on 127.0.0.1.
#   ./bench.sh          quick run, about 5 minutes
#   ./bench.sh --full   full run, up to 20 minutes
# The table is also written to bench/results/results.md and results.json.
set -euo pipefail
cd "$(dirname "$0")"

mode="${1:---quick}"
case "$mode" in
    --quick|--full) ;;
    --help|-h) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown option $mode (use --quick or --full)" >&2; exit 2 ;;
esac

# pgbench is the baseline of two projection rows. Debian ships it in postgresql-client.
if ! command -v pgbench >/dev/null; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        echo "bench: installing pgbench (Debian package postgresql-client)..."
        apt-get update -qq && apt-get install -y -qq postgresql-client >/dev/null
    else
        echo "bench: pgbench is missing; install it (Debian/Ubuntu: sudo apt-get install postgresql-client)" >&2
        exit 1
    fi
fi

echo "bench: building the pipeline and the benchmarks (./mvnw package -DskipTests)..."
./mvnw -q package -DskipTests

exec java -Dsun.net.httpserver.nodelay=true -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "bench/target/bench.jar:bench/target/lib/*" \
    dev.eventpipeline.bench.PipelineBench "$mode"
