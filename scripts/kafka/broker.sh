# Shared by scripts/kafka.sh and scripts/kafka-secure.sh (sourced, not run): start, wait for and
# stop a KRaft broker from the Maven Central jars. The sourcing script sets here, libs, run,
# pidfile and port, and defines log().

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

kafka_java() {
  java -Xms128m -Xmx256m -cp "$libs/*" "-Dlog4j2.configurationFile=$here/kafka/log4j2.yaml" "$@"
}

# format_log_dir [extra StorageTool args…]: a fresh cluster id and log dir for $run/server.properties.
format_log_dir() {
  local cluster_id
  cluster_id=$(kafka_java kafka.tools.StorageTool random-uuid | tail -n 1)
  kafka_java kafka.tools.StorageTool format -t "$cluster_id" -c "$run/server.properties" "$@" >"$run/format.log" 2>&1 \
    || { cat "$run/format.log" >&2; exit 1; }
}

# launch_broker <heap>: starts the broker in the background and waits until it answers.
launch_broker() {
  nohup java -Xms256m "-Xmx$1" -XX:+UseG1GC \
    "-Dlog4j2.configurationFile=$here/kafka/log4j2.yaml" \
    -cp "$libs/*" kafka.Kafka "$run/server.properties" >"$run/broker.log" 2>&1 &
  echo $! > "$pidfile"
  local deadline=$((SECONDS + ${KAFKA_START_TIMEOUT:-90}))
  until grep -q "Kafka Server started" "$run/broker.log" 2>/dev/null && answers "$port"; do
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      log "the broker exited during start-up:"; tail -n 40 "$run/broker.log" >&2; exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "the broker did not answer within ${KAFKA_START_TIMEOUT:-90}s"; tail -n 40 "$run/broker.log" >&2; stop_broker; exit 1
    fi
    sleep 0.5
  done
}

# stop_broker: stops the broker this script started (TERM, then KILL after 30 s).
stop_broker() {
  [ -f "$pidfile" ] || { log "no broker started by this script on port $port"; return 0; }
  local pid; pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping the broker (pid $pid)"
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && { log "the broker did not stop in 30s; killing it"; kill -KILL "$pid"; }
  fi
  rm -f "$pidfile"
}
