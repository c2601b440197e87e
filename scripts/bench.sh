#!/usr/bin/env bash
# Sets everything up and runs every benchmark; prints one table of figures and ratios against the
# baselines measured in the same run. Benchmarks report; they never fail on a slow machine.
source "$(dirname "$0")/lib.sh"
ensure_packages "${BASE_PACKAGES[@]}"
trap db_stop EXIT
db_start
export RB_TEST_DB_URL="jdbc:mariadb://127.0.0.1:$DB_PORT/"
export RB_TEST_DB_USER="$DB_USER" RB_TEST_DB_PASSWORD="$DB_PASSWORD"

cd "$REPO"
mkdir -p "$RUN_DIR"
out="$RUN_DIR/bench.log"
log "running benchmarks (output in $out)"
mvn -B -q verify -Dgroups=benchmark -DexcludedGroups= -Dtest='*Benchmark' \
    -Dsurefire.failIfNoSpecifiedTests=false -Dmaven.test.failure.ignore=true 2>&1 | tee "$out" | grep '^BENCH |' || true
if [ -x "$REPO/whmcs-module/tests/bench/lifecycle-bench.sh" ]; then
    bash "$REPO/whmcs-module/tests/bench/lifecycle-bench.sh" 2>&1 | tee -a "$out" | grep '^BENCH |' || true
fi

echo
printf '%-58s | %-22s | %-22s | %s\n' "benchmark" "figure" "baseline" "ratio"
printf '%s\n' "$(printf '%.0s-' {1..120})"
grep '^BENCH |' "$out" | awk -F'|' '{ for (i=2;i<=5;i++) gsub(/^ +| +$/, "", $i); printf "%-58s | %-22s | %-22s | %s\n", $2, $3, $4, $5 }'
