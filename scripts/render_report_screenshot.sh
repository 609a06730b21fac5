#!/bin/sh
# Render an aligntext HTML report to a PNG with headless Chromium (Debian package `chromium`),
# to look at the report as a reader would and to keep the screenshot in docs/.
#
# usage: scripts/render_report_screenshot.sh REPORT.html OUT.png [WIDTH HEIGHT]
set -eu
if [ $# -lt 2 ]; then
    echo "usage: $0 REPORT.html OUT.png [WIDTH HEIGHT]" >&2
    exit 2
fi
report=$1
out=$2
width=${3:-1400}
height=${4:-1000}
browser=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$browser" ]; then
    echo "chromium not found; install it (apt-get install -y chromium) or set CHROMIUM" >&2
    exit 2
fi
[ -f "$report" ] || { echo "no such report: $report" >&2; exit 2; }
abs=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")
case $out in /*) out_abs=$out ;; *) out_abs=$(pwd)/$out ;; esac
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" --screenshot="$out_abs" \
    --window-size="$width,$height" "file://$abs" >/dev/null 2>&1
[ -s "$out_abs" ] || { echo "chromium wrote no screenshot to $out_abs" >&2; exit 1; }
echo "$out_abs"
