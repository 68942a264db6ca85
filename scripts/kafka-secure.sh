#!/usr/bin/env bash
# Runs a SECOND single-node Kafka broker (KRaft) with least privilege, beside the plain one of
# scripts/kafka.sh and from the same Maven Central jars:
#   - clients authenticate with SASL/SCRAM-SHA-512 (one principal per service and per department);
#   - the standard authorizer denies whatever infra/kafka-acl/acls.json does not allow;
#   - the controller listener takes only the super user (SASL/PLAIN; KRaft cannot use SCRAM there).
#
#   scripts/kafka-secure.sh start    fetch the jars if needed, make credentials, format, start, apply ACLs
#   scripts/kafka-secure.sh sync     add principals of new departments and re-apply acls.json (running broker)
#   scripts/kafka-secure.sh stop     stop the broker this script started
#   scripts/kafka-secure.sh status   exit 0 when the broker answers on its port
#   scripts/kafka-secure.sh credentials   print the path of the credentials file (JSON, mode 0600)
#
# Environment: KAFKA_SECURE_PORT (default 39192), KAFKA_SECURE_CONTROLLER_PORT (default port+1),
# KAFKA_SECURE_HEAP (default 512m), KAFKA_START_TIMEOUT seconds (default 90),
# KAFKA_ACL_FILE (default infra/kafka-acl/acls.json), REFERENCE_CONFIG (default: the file's departmentDirectory).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
cache="${KAFKA_CACHE_DIR:-$root/.cache/kafka}"
libs="$cache/libs"
port="${KAFKA_SECURE_PORT:-39192}"
cport="${KAFKA_SECURE_CONTROLLER_PORT:-$((port + 1))}"
run="$cache/secure-$port"
pidfile="$run/broker.pid"
credentials="$run/credentials.json"
tsx="$root/node_modules/.bin/tsx"
cli="$here/kafka/secure/cli.ts"

log() { printf '[kafka-secure.sh] %s\n' "$*" >&2; }

# shellcheck source=scripts/kafka/broker.sh
. "$here/kafka/broker.sh"

write_properties() {
  local admin_password="$1"
  umask 077
  cat > "$run/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=CLIENT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=CLIENT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=CLIENT
listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
# Clients (and the broker towards itself) authenticate with SCRAM; its users live in the metadata log.
listener.name.client.sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.client.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin_password";
# The controller listener knows one static user, the super user: nobody else can reach it.
listener.name.controller.sasl.enabled.mechanisms=PLAIN
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$admin_password" user_admin="$admin_password";
# Deny by default: a request no ACL allows is refused.
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin
log.dirs=$run/data
num.partitions=3
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
}

admin_client_properties() {
  umask 077
  cat > "$run/admin.properties" <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$1";
PROPS
}

start() {
  if answers "$port"; then
    log "a broker already answers on 127.0.0.1:$port"
    return 0
  fi
  "$here/kafka.sh" fetch
  [ -x "$tsx" ] || { log "run pnpm install first (tsx is missing)"; exit 1; }
  # Keep the credentials across restarts (clients keep working); everything else starts fresh.
  mkdir -p "$run"
  chmod 700 "$run"
  rm -rf "$run/data" "$run/broker.log"
  local users=() admin_password="" name password
  while read -r name password; do
    users+=(--add-scram "SCRAM-SHA-512=[name=$name,password=$password]")
    [ "$name" = admin ] && admin_password="$password"
  done < <("$tsx" "$cli" credentials "$credentials" "127.0.0.1:$port")
  [ -n "$admin_password" ] || { log "acls.json must name the super user admin"; exit 1; }
  write_properties "$admin_password"
  admin_client_properties "$admin_password"
  format_log_dir "${users[@]}"
  log "starting the secured broker on 127.0.0.1:$port (log: $run/broker.log)"
  launch_broker "${KAFKA_SECURE_HEAP:-512m}"
  "$tsx" "$cli" apply "$credentials" || { stop_broker; exit 1; }
  log "secured broker ready on 127.0.0.1:$port (credentials: $credentials)"
}

# Departments added to the reference config after start get a principal without a restart.
sync() {
  answers "$port" || { log "no broker answers on 127.0.0.1:$port; run start"; exit 1; }
  local name password
  while read -r name password; do
    log "adding the SCRAM credentials of $name"
    kafka_java kafka.admin.ConfigCommand --bootstrap-server "127.0.0.1:$port" --command-config "$run/admin.properties" \
      --alter --entity-type users --entity-name "$name" --add-config "SCRAM-SHA-512=[password=$password]" >/dev/null
  done < <("$tsx" "$cli" credentials "$credentials" "127.0.0.1:$port" --added)
  "$tsx" "$cli" apply "$credentials"
}

case "${1:-}" in
  start) start ;;
  sync) sync ;;
  stop) stop_broker ;;
  status) answers "$port" ;;
  credentials) echo "$credentials" ;;
  *) echo "usage: $0 start|sync|stop|status|credentials" >&2; exit 2 ;;
esac
