#!/usr/bin/env bash
# Build the embedded Neo4j launcher (downloads Neo4j 5.26 from Maven Central on the
# first run). Idempotent: does nothing when the jar is newer than its sources.
#   bash tools/neo4j-launcher/build.sh
set -euo pipefail
cd "$(dirname "$0")"
JAR=target/neo4j-launcher.jar
if [ -f "$JAR" ] && [ -d target/lib ] \
   && [ -z "$(find pom.xml src -newer "$JAR" -print -quit)" ]; then
    echo "neo4j-launcher: up to date ($JAR)"
    exit 0
fi
if ! command -v mvn >/dev/null 2>&1; then
    echo "neo4j-launcher: mvn not found (install maven and a JDK 17)" >&2
    exit 1
fi
echo "==> building neo4j-launcher (mvn package)"
mvn -q -B -DskipTests package
rm -f target/lib/neo4j-launcher.jar
echo "neo4j-launcher: built $JAR"
