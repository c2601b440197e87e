#!/usr/bin/env bash
# The demo: a whole vpn-nat lifecycle driven the way WHMCS drives it (harness → PHP module → signed HTTP
# → service → MariaDB → RouterOS API → emulator), printing the router's state and packet-trace verdicts
# after every step. Installs what is missing, starts MariaDB, the emulator and the service on private
# ports, and stops exactly what it started (by PID) when it ends.
source "$(dirname "$0")/lib.sh"
ensure_packages "${BASE_PACKAGES[@]}"

STARTED_PIDS=()
DB_STARTED_HERE=0
cleanup() {
    local pid
    for pid in "${STARTED_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${STARTED_PIDS[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    [ "$DB_STARTED_HERE" -eq 1 ] && db_stop
    return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# Waits until $2 (a command) succeeds, at most $1 seconds; shows $3 on failure.
wait_for() {
    local seconds="$1" probe="$2" logfile="$3"
    for _ in $(seq 1 $((seconds * 5))); do
        eval "$probe" && return 0
        sleep 0.2
    done
    echo "gave up waiting for: $probe" >&2
    tail -n 40 "$logfile" >&2
    return 1
}

mysql_root -e 'SELECT 1' >/dev/null 2>&1 || DB_STARTED_HERE=1
db_start

cd "$REPO"
mkdir -p "$RUN_DIR"
if [ "${RB_DEMO_SKIP_BUILD:-0}" != 1 ] || [ ! -f server/target/routerbridge-server.jar ]; then
    log "building the service and the emulator (mvn package, tests skipped)"
    mvn -B -q -pl server -am package -DskipTests
fi
SERVER_JAR="$REPO/server/target/routerbridge-server.jar"
EMULATOR_JAR="$REPO/routeros-emulator/target/routeros-emulator.jar"

DEMO_DB=routerbridge_demo
db_create_whmcs "$DEMO_DB"
export RB_DB_URL; RB_DB_URL="$(db_url "$DEMO_DB")"
export RB_DB_USER="$DB_USER" RB_DB_PASSWORD="$DB_PASSWORD"

ROUTER_PORT="$(free_port)"; CONTROL_PORT="$(free_port)"; HTTP_PORT="$(free_port)"
ROUTER_PASSWORD="demo-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
log "starting the RouterOS emulator: API 127.0.0.1:$ROUTER_PORT, control 127.0.0.1:$CONTROL_PORT"
java -Xmx192m -jar "$EMULATOR_JAR" --port "$ROUTER_PORT" --control-port "$CONTROL_PORT" \
    --user admin --password "$ROUTER_PASSWORD" --ros-version 7.19 >"$RUN_DIR/demo-emulator.log" 2>&1 &
STARTED_PIDS+=($!)

SECRET="$(head -c 32 /dev/urandom | base64 | tr -d '=+/\n')"
log "starting the service on 127.0.0.1:$HTTP_PORT (database $DEMO_DB)"
RB_HTTP_PORT="$HTTP_PORT" RB_SHARED_SECRET="$SECRET" RB_MASTER_KEY="$(head -c 32 /dev/urandom | base64)" \
    java -Xmx256m -jar "$SERVER_JAR" serve >"$RUN_DIR/demo-service.log" 2>&1 &
STARTED_PIDS+=($!)

wait_for 60 "grep -q 'routeros-emulator listening' '$RUN_DIR/demo-emulator.log'" "$RUN_DIR/demo-emulator.log"
wait_for 120 "curl -fs -o /dev/null 'http://127.0.0.1:$HTTP_PORT/health/ready'" "$RUN_DIR/demo-service.log"

log "creating a REST API key for the set-up (create-api-key)"
API_KEY="$(java -Xmx128m -jar "$SERVER_JAR" create-api-key --name demo | tail -n 1)"

log "running the lifecycle (whmcs-module/tests/demo/lifecycle-demo.php)"
RB_DEMO_DB_PORT="$DB_PORT" RB_DEMO_DB_NAME="$DEMO_DB" RB_DEMO_DB_USER="$DB_USER" RB_DEMO_DB_PASSWORD="$DB_PASSWORD" \
ROUTERBRIDGE_URL="http://127.0.0.1:$HTTP_PORT" ROUTERBRIDGE_SECRET="$SECRET" RB_DEMO_API_KEY="$API_KEY" \
RB_DEMO_ROUTER_PORT="$ROUTER_PORT" RB_DEMO_ROUTER_PASSWORD="$ROUTER_PASSWORD" \
RB_DEMO_CONTROL_URL="http://127.0.0.1:$CONTROL_PORT" \
    php "$REPO/whmcs-module/tests/demo/lifecycle-demo.php"
