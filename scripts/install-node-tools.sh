#!/bin/sh
# Installs the pinned Node tools in package-lock.json (the Nu HTML Checker's vnu.jar and
# Lighthouse) into node_modules/, first installing Node, npm and Java from Debian if any is
# missing. vnu.jar runs with the machine's Java: --ignore-scripts skips vnu-jar's install
# script, which would download a Java runtime of its own.
set -eu
missing=""
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
# shellcheck disable=SC2086 # one word per package
"$(dirname "$0")/apt-install.sh" "the HTML check and Lighthouse" $missing
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
