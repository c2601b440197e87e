#!/usr/bin/env bash
# Sets everything up on a fresh Debian 12 machine and runs every test.
source "$(dirname "$0")/lib.sh"
ensure_packages "${BASE_PACKAGES[@]}"
trap db_stop EXIT
db_start

export RB_TEST_DB_URL="jdbc:mariadb://127.0.0.1:$DB_PORT/"
export RB_TEST_DB_USER="$DB_USER" RB_TEST_DB_PASSWORD="$DB_PASSWORD"

cd "$REPO"
log "Java tests (emulator and service) against MariaDB on port $DB_PORT"
mvn -B -ntp verify

if [ -d "$REPO/whmcs-module/tests" ]; then
    log "PHP module tests (PHPUnit, WHMCS harness) against MariaDB on port $DB_PORT and the service jar"
    # The harness creates its own database here, loads schema/whmcs/*.sql and starts
    # server/target/routerbridge-server.jar (built by the mvn verify above) against it.
    export RB_TEST_DB_HOST=127.0.0.1 RB_TEST_DB_PORT="$DB_PORT"
    export RB_TEST_DB_USER="$DB_USER" RB_TEST_DB_PASSWORD="$DB_PASSWORD"
    phpunit --configuration "$REPO/whmcs-module/phpunit.xml" --log-junit "$RUN_DIR/phpunit-junit.xml"
fi

log "Checking docker/ (Dockerfile lint, Compose schema, README consistency; no Docker engine needed)"
bash "$REPO/scripts/check-docker.sh"

log "Checking that every test class ran"
python3 "$REPO/scripts/check-tests-ran.py" "$REPO" "$RUN_DIR/phpunit-junit.xml"
