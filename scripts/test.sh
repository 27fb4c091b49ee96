#!/usr/bin/env bash
# The whole test suite, on a fresh machine with Java 17, Maven and Debian's package manager: installs what the tests
# need and is not there, then runs every module's tests. .ci/run runs exactly this. Never -q: the log shows the counts.
set -euo pipefail
cd "$(dirname "$0")/.."

# The web page's browser tests drive Debian's chromium through Debian's chromedriver (a test tool's own browser
# download does not work everywhere this runs), so both are installed from the distribution when missing.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    if ! command -v apt-get > /dev/null; then
        echo "The browser tests need chromium and chromedriver at /usr/bin; install them with your package manager." >&2
        exit 1
    fi
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    echo "Installing Debian's chromium and chromium-driver for the browser tests"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver
fi

exec mvn -B verify "$@"
