#!/usr/bin/env bash
# The browser check of `make test`: `kamp demo` writes report.html, headless
# Chromium renders it, and check_report.py fails on a missing section, a
# console message, a network request or a blank page. Its self-test first
# shows that broken pages do fail.
#
#   Tests/browser/check_report.sh            (after `swift build`; installs Chromium when missing)
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v chromium >/dev/null 2>&1; then
    echo "check_report: installing chromium (apt-get)"
    SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

BIN=$(swift build --show-bin-path)
OUT=.build/report-check
rm -rf "$OUT"
python3 Tests/browser/check_report.py --self-test
"$BIN/kamp" demo --out "$OUT" --quiet
python3 Tests/browser/check_report.py "$OUT/report.html" --screenshot "$OUT/report.png"
