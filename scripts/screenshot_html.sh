#!/bin/sh
# Screenshot an HTML (or SVG) report in headless Chromium, to look at what a
# council member will see.  Usage:
#   scripts/screenshot_html.sh REPORT.html OUT.png [WIDTHxHEIGHT]
# Needs Debian's `chromium` (apt-get install -y chromium).  Makes no network
# requests: drill's HTML reports are self-contained.
set -eu
if [ $# -lt 2 ]; then
    echo "usage: $0 REPORT.html OUT.png [WIDTHxHEIGHT]" >&2
    exit 2
fi
page=$1
out=$2
size=${3:-1280x2400}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "$0: chromium not found (apt-get install -y chromium)" >&2
    exit 3
fi
case $page in /*) ;; *) page=$(pwd)/$page ;; esac
case $out in /*) ;; *) out=$(pwd)/$out ;; esac
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$profile" --window-size="$(echo "$size" | tr x ,)" \
    --screenshot="$out" "file://$page" >/dev/null 2>&1
test -s "$out"
echo "wrote $out" >&2
