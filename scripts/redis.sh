#!/usr/bin/env bash
# Makes sure a Redis answers: the system one on 6379 if it does, else a redis-server of our own.
#
#   scripts/redis.sh start   prints the REDIS_URL to use as its last line
#   scripts/redis.sh stop    stops the redis-server this script started (if any)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
run="$root/.cache/redis"
port="${REDIS_PORT:-36379}"

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

case "${1:-}" in
  start)
    if answers 6379; then echo "redis://127.0.0.1:6379"; exit 0; fi
    if ! answers "$port"; then
      command -v redis-server >/dev/null || { echo "[redis.sh] redis-server is not installed (apt-get install redis-server)" >&2; exit 1; }
      mkdir -p "$run"
      redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
        --pidfile "$run/redis-$port.pid" --logfile "$run/redis-$port.log" >&2
      for _ in $(seq 1 100); do answers "$port" && break; sleep 0.1; done
      answers "$port" || { echo "[redis.sh] redis-server did not answer on $port" >&2; exit 1; }
    fi
    echo "redis://127.0.0.1:$port"
    ;;
  stop)
    if [ -f "$run/redis-$port.pid" ]; then
      kill "$(cat "$run/redis-$port.pid")" 2>/dev/null || true
      rm -f "$run/redis-$port.pid"
    fi
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
