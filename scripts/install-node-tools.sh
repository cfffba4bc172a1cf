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
if [ -n "$missing" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
  elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "Missing:$missing. This user cannot install them: run 'apt-get install$missing' as root." >&2
    exit 1
  fi
  echo "Installing$missing from Debian for the HTML check and Lighthouse..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
