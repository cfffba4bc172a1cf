#!/bin/sh
# Usage: scripts/apt-install.sh "what they are for" PACKAGE...
# Installs Debian packages with apt-get, as root or through sudo; otherwise says what to run.
set -eu
purpose="$1"
shift
[ "$#" -gt 0 ] || exit 0
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "Missing: $*. This user cannot install them: run 'apt-get install $*' as root." >&2
  exit 1
fi
# `make test` runs the installs side by side, and apt takes one run at a time: wait for the other.
exec 9>"${TMPDIR:-/tmp}/drugs-alcohol-guide-apt.lock"
flock 9
echo "Installing $* (Debian packages) for $purpose..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
