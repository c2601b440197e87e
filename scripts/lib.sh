# Shared helpers for the project's scripts. Source it; do not run it.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="${RB_RUN_DIR:-$REPO/.run}"
DB_PORT="${RB_DB_PORT:-3407}"
DB_USER=routerbridge
DB_PASSWORD=routerbridge
DB_SOCKET="$RUN_DIR/mariadb/mysqld.sock"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "need root to run: $*" >&2; return 1; fi
}

# Installs the Debian packages that are missing (and nothing else).
ensure_packages() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

BASE_PACKAGES=(openjdk-17-jdk-headless maven mariadb-server mariadb-client
               php-cli php-curl php-mysql php-mbstring php-xml phpunit smarty3 python3 python3-librouteros curl)

mysql_root() { mariadb --no-defaults -uroot --socket="$DB_SOCKET" "$@"; }

# Starts a private MariaDB on its own datadir and port (no systemd, no clash with a system MariaDB).
db_start() {
    local dir="$RUN_DIR/mariadb"
    mkdir -p "$dir"
    if [ -S "$DB_SOCKET" ] && mysql_root -e 'SELECT 1' >/dev/null 2>&1; then return 0; fi
    local user_opt=()
    [ "$(id -u)" -eq 0 ] && user_opt=(--user=root)
    if [ ! -d "$dir/data/mysql" ]; then
        log "initialising MariaDB datadir $dir/data"
        mariadb-install-db --no-defaults "${user_opt[@]}" --datadir="$dir/data" \
            --auth-root-authentication-method=socket --skip-test-db >"$dir/install.log" 2>&1
    fi
    log "starting MariaDB on 127.0.0.1:$DB_PORT"
    # sql_mode='' and utf8mb3 defaults mirror how WHMCS runs its database.
    mariadbd --no-defaults "${user_opt[@]}" --datadir="$dir/data" --port="$DB_PORT" \
        --bind-address=127.0.0.1 --socket="$DB_SOCKET" --pid-file="$dir/mariadbd.pid" \
        --log-error="$dir/error.log" --sql-mode='' --max-connections=500 \
        --innodb-buffer-pool-size=512M --innodb-flush-log-at-trx-commit=1 \
        --skip-name-resolve >/dev/null 2>&1 &
    for _ in $(seq 1 60); do
        mysql_root -e 'SELECT 1' >/dev/null 2>&1 && break
        sleep 0.5
    done
    mysql_root -e 'SELECT 1' >/dev/null || { cat "$dir/error.log" >&2; return 1; }
    mysql_root <<SQL
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'127.0.0.1' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL
}

db_stop() {
    local pidfile="$RUN_DIR/mariadb/mariadbd.pid"
    [ -f "$pidfile" ] || return 0
    local pid; pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
        log "stopping MariaDB (pid $pid)"
        kill "$pid"
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    fi
}

# Creates an empty database holding the WHMCS tables we touch (our own DDL in schema/whmcs).
db_create_whmcs() {
    local name="$1"
    mysql_root -e "DROP DATABASE IF EXISTS \`$name\`; CREATE DATABASE \`$name\` CHARACTER SET utf8mb3 COLLATE utf8mb3_unicode_ci;"
    for f in "$REPO"/schema/whmcs/*.sql; do mysql_root "$name" < "$f"; done
}

db_url() { echo "jdbc:mariadb://127.0.0.1:$DB_PORT/$1"; }
