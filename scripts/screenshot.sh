#!/usr/bin/env bash
# A screenshot of the report on the seed story, as the README shows it:
#   scripts/screenshot.sh [OUT.png]        (default docs/report.png)
# Needs Chromium (Debian: apt-get install chromium); pngquant, when present, makes the file small.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/report.png}
chrome=${CHROME:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [ -z "$chrome" ]; then
    echo "screenshot: no Chromium found; apt-get install chromium, or set CHROME=/path/to/chrome" >&2
    exit 1
fi
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/claimtrack --db "$work/talks.db" demo >/dev/null
target/release/claimtrack --db "$work/talks.db" report --title "U.S. and Iraq talks on the coalition" -o "$work/story.html" 2>/dev/null
# As root Chromium needs --no-sandbox; the networking flags keep it from calling home.
"$chrome" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --disable-quic --user-data-dir="$work/profile" --hide-scrollbars \
    --force-device-scale-factor=1 --window-size=960,1280 --screenshot="$work/report.png" \
    "file://$work/story.html" 2>/dev/null
if command -v pngquant >/dev/null 2>&1; then
    pngquant --force --quality=60-85 --output "$out" "$work/report.png"
else
    cp "$work/report.png" "$out"
fi
echo "wrote $out ($(wc -c <"$out") bytes)"
