#!/usr/bin/env bash
# Prove that a `make html` page renders its formulas with no network: open it in headless Chromium inside a
# network namespace that has no interface but loopback (unshare -n, needs root), let MathJax run, count the
# typeset formulas and any `$` left raw, and save a screenshot.
# Usage: bash tools/html_offline_screenshot.sh build/html/01_least_squares.html build/html-offline.png
set -euo pipefail
page=$(realpath "$1")
shot=$(realpath -m "${2:-build/html-offline.png}")
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$chrome" ] || { echo "No Chromium found (Debian: apt-get install -y chromium)." >&2; exit 1; }
mkdir -p "$(dirname "$shot")"
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=20000 --window-size=1200,1600)
unshare -n -- bash -c '
    echo "network interfaces in this namespace: $(ls /sys/class/net | tr "\n" " ")"
    "$0" "${@:3}" --screenshot="$2" "file://$1" 2>/dev/null
    "$0" "${@:3}" --dump-dom "file://$1" 2>/dev/null >"$2.dom.html"
' "$chrome" "$page" "$shot" "${flags[@]}"
typeset=$(grep -o 'class="MathJax_SVG"' "$shot.dom.html" | wc -l)
raw=$(sed -e 's/<script[^>]*>.*<\/script>//g' "$shot.dom.html" | grep -c '\$[^$ ][^$]*\$' || true)
rm -f "$shot.dom.html"
echo "formulas typeset by MathJax: $typeset; lines with a raw \$...\$ left: $raw; screenshot: $shot"
