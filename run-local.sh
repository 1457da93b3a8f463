#!/usr/bin/env bash
# Runs the event pipeline on this machine: builds what it needs, then starts the local services and the functions.
set -euo pipefail
cd "$(dirname "$0")"

./mvnw -q install -DskipTests

echo "Built every module. The local pipeline is not assembled yet: see the Quick start section of README.md for what"
echo "runs today."
