#!/usr/bin/env bash
# Remakes the two figures of the Word workflow in docs/screenshots/:
#   word-annotated-libreoffice.png  the annotated copy (批注 + 修订) of a formatted draft, rendered by
#                                   LibreOffice (soffice --convert-to pdf, then pdftoppm)
#   report.png                      the HTML 审校报告 of that draft and the sample speech, in chromium
# Needs soffice (scripts/docx-setup.sh), pdftoppm (poppler-utils) and chromium.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/docs/screenshots"
TMP="$(mktemp -d /tmp/gongwen-shots.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT
LO=(soffice --headless --norestore "-env:UserInstallation=file://$TMP/lo")
command -v pdftoppm >/dev/null || { apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null; }
# run from the temporary folder, so the report names the files as a drafter would see them
gongwen() { (cd "$TMP" && "$ROOT/node_modules/.bin/tsx" "$ROOT/src/cli/main.ts" "$@"); }

# the test fixture, with a plain header (headers are not checked; a flagged word there would puzzle)
sed 's/页眉：学习习总书记讲话/机关党建工作会议材料/' "$ROOT/test/fixtures/docx/formatted.fodt" > "$TMP/讲话稿.fodt"
"${LO[@]}" --convert-to "docx:MS Word 2007 XML" --outdir "$TMP" "$TMP/讲话稿.fodt" >/dev/null 2>&1
gongwen annotate --fixes --date 2026-12-02 讲话稿.docx || [ $? -eq 1 ]
# comments become PDF notes (icons at their anchors); tracked changes show as struck/underlined text
"${LO[@]}" --convert-to 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}' --outdir "$TMP" "$TMP/讲话稿.批注.docx" >/dev/null 2>&1
# the upper part of page 1 at 110 dpi: header, title and the commented paragraphs
pdftoppm -png -r 110 -f 1 -l 1 -x 60 -y 120 -W 800 -H 560 -singlefile "$TMP/讲话稿.批注.pdf" "$OUT/word-annotated-libreoffice"

cp "$ROOT/data/samples/sample-speech.txt" "$TMP/座谈会讲话.txt"
gongwen report --date 2026-12-02 --title "审校报告（示例）" 讲话稿.docx 座谈会讲话.txt -o 审校报告.html || [ $? -eq 1 ]
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,1500 \
  --screenshot="$OUT/report.png" "file://$TMP/审校报告.html" >/dev/null 2>&1
ls -la "$OUT/word-annotated-libreoffice.png" "$OUT/report.png"
