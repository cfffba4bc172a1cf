#!/bin/sh
# Installs the system Chromium (Debian package `chromium`) and pdftotext (poppler-utils) for the browser tests,
# if missing. Playwright cannot download its own browser on this network.
set -eu
missing=""
[ -x /usr/bin/chromium ] || missing="chromium"
# pdftotext (poppler-utils) reads printed pages back in the print tests.
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
# shellcheck disable=SC2086 # one word per package
"$(dirname "$0")/apt-install.sh" "the browser tests" $missing
/usr/bin/chromium --version
