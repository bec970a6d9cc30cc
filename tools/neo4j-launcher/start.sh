#!/usr/bin/env bash
# Start the embedded Neo4j launcher by hand (builds it first if needed) and print its
# Bolt URI. Stop it with Ctrl-C.
#   bash tools/neo4j-launcher/start.sh [--port 7687] [--data DIR]
#   export NEO4J_URI=bolt://127.0.0.1:7687   # then: vanban load --neo4j "$NEO4J_URI" ...
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
bash "$HERE/build.sh" >&2
exec java ${NEO4J_LAUNCHER_JAVA_OPTS:--Xms128m -Xmx512m -XX:+UseSerialGC} \
    -jar "$HERE/target/neo4j-launcher.jar" "$@"
