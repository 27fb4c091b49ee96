#!/usr/bin/env bash
# Installs what the web page's browser tests need when it is missing: Debian's chromium and its chromedriver (a test
# tool's own browser download does not work everywhere the suite runs). ledger-api's build runs this before its tests,
# so `mvn -B verify` works on a fresh machine with Java, Maven and apt-get. Its arguments are Maven's skipTests and
# maven.test.skip: when either is true no test runs, and nothing is installed.
set -euo pipefail
if [ "${1:-}" = "true" ] || [ "${2:-}" = "true" ]; then
    exit 0
fi
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi
if ! command -v apt-get > /dev/null; then
    echo "The browser tests need chromium and chromedriver at /usr/bin; install them with your package manager." >&2
    exit 1
fi
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
echo "Installing Debian's chromium and chromium-driver for the browser tests"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver
