#!/bin/sh
# Installs the system Chromium (Debian package `chromium`) and pdftotext (poppler-utils) for the browser tests,
# if missing. Playwright cannot download its own browser on this network.
set -eu
PACKAGES=""
[ -x /usr/bin/chromium ] || PACKAGES="chromium"
# pdftotext (poppler-utils) reads printed pages back in the print tests.
command -v pdftotext >/dev/null 2>&1 || PACKAGES="$PACKAGES poppler-utils"
if [ -z "$PACKAGES" ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "Chromium or pdftotext is missing and this user cannot install it: run 'apt-get install$PACKAGES' as root." >&2
  exit 1
fi
echo "Installing$PACKAGES (Debian packages) for the browser tests..."
$SUDO apt-get update -qq
# shellcheck disable=SC2086 # one word per package
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
/usr/bin/chromium --version
