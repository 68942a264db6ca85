#!/usr/bin/env bash
# Runs a real single-node Apache Kafka broker (KRaft mode) without Docker.
#
#   scripts/kafka.sh fetch    resolve the broker jars from Maven Central into .cache/kafka/libs
#   scripts/kafka.sh start    fetch if needed, format a fresh log dir, start, wait until it answers
#   scripts/kafka.sh stop     stop the broker this script started, cleanly
#   scripts/kafka.sh status   exit 0 when the broker answers on its port
#
# Environment: KAFKA_PORT (default 9092), KAFKA_CONTROLLER_PORT (default KAFKA_PORT+1),
# KAFKA_HEAP (default 768m), KAFKA_START_TIMEOUT seconds (default 90).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
cache="${KAFKA_CACHE_DIR:-$root/.cache/kafka}"
libs="$cache/libs"
port="${KAFKA_PORT:-9092}"
cport="${KAFKA_CONTROLLER_PORT:-$((port + 1))}"
run="$cache/run-$port"
pidfile="$run/broker.pid"

log() { printf '[kafka.sh] %s\n' "$*" >&2; }

# shellcheck source=scripts/kafka/broker.sh
. "$here/kafka/broker.sh"

fetch() {
  if [ -f "$libs/.complete" ]; then return 0; fi
  command -v mvn >/dev/null || { log "Maven (mvn) is required to fetch the broker jars"; exit 1; }
  command -v java >/dev/null || { log "Java 17 is required to run the broker"; exit 1; }
  log "resolving the Kafka broker jars with Maven"
  rm -rf "$libs"
  mvn -q -B -f "$here/kafka/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$libs" -DincludeScope=runtime
  touch "$libs/.complete"
}

write_properties() {
  cat > "$run/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$run/data
num.partitions=3
# Topics are created by the backbone's admin step, never implicitly.
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# A single-node test broker: start consumer groups without waiting for more members.
group.initial.rebalance.delay.ms=0
PROPS
}

start() {
  if answers "$port"; then
    log "a broker already answers on 127.0.0.1:$port"
    return 0
  fi
  fetch
  rm -rf "$run"
  mkdir -p "$run/data"
  write_properties
  format_log_dir
  log "starting the broker on 127.0.0.1:$port (log: $run/broker.log)"
  launch_broker "${KAFKA_HEAP:-768m}"
  log "broker ready on 127.0.0.1:$port"
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop_broker ;;
  status) answers "$port" ;;
  *) echo "usage: $0 fetch|start|stop|status" >&2; exit 2 ;;
esac
