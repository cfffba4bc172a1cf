#!/bin/sh
# Installs the system Chromium and pdftotext (poppler-utils) for the browser tests, if missing: Debian's
# `chromium`, the browser readers run (Lighthouse and the speed benchmarks use it), and `chromium-headless-shell`,
# the same Chromium without a window, which the tests and audits drive. Playwright cannot download its own
# browser on this network.
set -eu
missing=""
[ -x /usr/bin/chromium ] || missing="chromium"
[ -x /usr/bin/chromium-headless-shell ] || missing="$missing chromium-headless-shell"
# pdftotext (poppler-utils) reads printed pages back in the print tests.
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
# shellcheck disable=SC2086 # one word per package
"$(dirname "$0")/apt-install.sh" "the browser tests" $missing
/usr/bin/chromium --version
/usr/bin/chromium-headless-shell --version
