#!/usr/bin/env bash
# CreateAccount through PHP → service → MariaDB → emulator: p50/p99 and router round trips per call, with
# baselines from the same run (see lifecycle-bench.php). Called by scripts/bench.sh, which has MariaDB up;
# alone: RB_DB_PORT=... bash whmcs-module/tests/bench/lifecycle-bench.sh (MariaDB from scripts/lib.sh db_start).
# The service and emulator jars must be built; the harness starts them on free ports and stops them by PID.
source "$(dirname "$0")/../../../scripts/lib.sh"
for jar in server/target/routerbridge-server.jar routeros-emulator/target/routeros-emulator.jar; do
    if [ ! -f "$REPO/$jar" ]; then
        log "building the service and emulator jars"
        (cd "$REPO" && mvn -B -q -pl server -am package -DskipTests)
        break
    fi
done
export RB_TEST_DB_HOST=127.0.0.1 RB_TEST_DB_PORT="$DB_PORT" RB_TEST_DB_USER="$DB_USER" RB_TEST_DB_PASSWORD="$DB_PASSWORD"
exec php "$REPO/whmcs-module/tests/bench/lifecycle-bench.php"
