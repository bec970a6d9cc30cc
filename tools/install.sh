#!/usr/bin/env bash
# Install everything vanban-graph needs on a fresh Debian machine:
# system packages (redis-server for the distributed crawl, Java 17 + Maven for the
# embedded Neo4j test launcher, graphviz for `vanban serve`, chromium + its driver for
# the browser tests), then the Python package itself with its extras.
#   bash tools/install.sh          # runtime + test dependencies
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

need_apt=()
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
command -v java >/dev/null 2>&1 || need_apt+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need_apt+=(maven)
# vanban serve draws with Graphviz; its browser tests drive Debian's chromium + chromedriver
command -v dot >/dev/null 2>&1 || need_apt+=(graphviz)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
if [ ${#need_apt[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> apt-get install ${need_apt[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}"
fi

PY="${PYTHON:-python3}"
echo "==> pip install -e .[test,all]"
"$PY" -m pip install -q --disable-pip-version-check -e ".[test,all]"
