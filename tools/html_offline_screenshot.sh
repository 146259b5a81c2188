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
    echo "network in this namespace: $(ip -o link 2>/dev/null | cut -d: -f2 | tr -d " " | tr "\n" " ")(loopback only)"
    "$0" "${@:3}" --screenshot="$2" "file://$1" 2>/dev/null
    "$0" "${@:3}" --dump-dom "file://$1" 2>/dev/null >"$2.dom.html"
' "$chrome" "$page" "$shot" "${flags[@]}"
status=0
python3 - "$shot.dom.html" "$shot" <<'PY' || status=$?
import re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
typeset = len(re.findall(r'id="MathJax-Element-\d+-Frame"', dom))
text = re.sub(r"<script.*?</script>|<style.*?</style>", "", dom, flags=re.S)   # TeX sources live in scripts
text = re.sub(r"<[^>]+>", "", text)
raw = re.findall(r"\$[^$\n]{1,80}\$", text)
print(f"formulas typeset by MathJax: {typeset}; raw $...$ left in the text: {len(raw)} {raw[:3]}")
print(f"screenshot: {sys.argv[2]}")
sys.exit(0 if typeset and not raw else 1)
PY
rm -f "$shot.dom.html"
exit $status
