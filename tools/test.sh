#!/usr/bin/env bash
# Install everything, build the Neo4j test launcher, and run the whole test suite.
# The tests start their own servers (sites on 127.0.0.1, redis-server, the Neo4j
# launcher) unless NEO4J_URI / REDIS_URL point at servers you already run.
#   bash tools/test.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install.sh
if [ -x tools/neo4j-launcher/build.sh ]; then
    bash tools/neo4j-launcher/build.sh
fi
PY="${PYTHON:-python3}"
set +e
"$PY" -m pytest "$@"
rc=$?
set -e
# pytest's "no tests collected" (5) must not pass for success, nor anything else.
exit $rc
