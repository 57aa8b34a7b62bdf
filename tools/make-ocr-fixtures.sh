#!/bin/sh
# Make the scanned-page fixtures (issue 5, "Scanned pages") from a clean seed, committed to
# fixtures/ocr/ together with this script.
#
# The first two pages of fixtures/seeds/tue-tinh-2025h2.txt are rendered as 300 dpi A4 page
# images exactly as tools/ocr-pairs/make-ocr-pairs.sh (../shared/tools/make-ocr-pairs.sh) does
# (tools/ocr-pairs/ocr-pairs/render.py: Liberation Serif 13 pt, one printed line per source line,
# long lines wrapped; the gold text of each page is exactly what was drawn), then saved as:
#   tue-tinh-p1.png       page 1, black and white PNG
#   tue-tinh-p1-p2.tif    pages 1 and 2, a two-page black and white TIFF (CCITT G4)
#   tue-tinh-p2-top.jpg   the top 14 printed lines of page 2 (the whole width), greyscale JPEG
#                         at 200 dpi, quality 50 (a photo-like scan of part of a page)
#   tue-tinh-scan.pdf     pages 1 and 2 as an image-only PDF (no text layer)
#   tue-tinh-mixed.pdf    page 1 with a text layer (page 1's gold text exported by LibreOffice)
#                         followed by page 2 scanned (image only)
#   tue-tinh-p1.gold.txt, tue-tinh-p2.gold.txt, tue-tinh-p2-top.gold.txt   their gold text
# Usage: tools/make-ocr-fixtures.sh   (from the repository root)
# Needs: fonts-liberation2, libreoffice-writer, poppler-utils (pdfunite), python3-venv; the
# Python venv (pillow from tools/ocr-pairs/ocr-pairs/requirements.lock) is made in $OCR_VENV
# (default /tmp/sohoa-ocr-venv) when missing.
set -eu
out=fixtures/ocr
seed=fixtures/seeds/tue-tinh-2025h2.txt
venv=${OCR_VENV:-/tmp/sohoa-ocr-venv}
[ -x "$venv/bin/python" ] || {
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "$(grep -i '^pillow==' tools/ocr-pairs/ocr-pairs/requirements.lock)"
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
"$venv/bin/python" tools/ocr-pairs/ocr-pairs/render.py --force "$seed" "$tmp/render"
cp "$tmp/render/pages/p001.gold.txt" "$out/tue-tinh-p1.gold.txt"
cp "$tmp/render/pages/p002.gold.txt" "$out/tue-tinh-p2.gold.txt"
head -n 14 "$out/tue-tinh-p2.gold.txt" > "$out/tue-tinh-p2-top.gold.txt"
"$venv/bin/python" - "$tmp" "$out" <<'PY'
import sys
from PIL import Image
tmp, out = sys.argv[1], sys.argv[2]
grey = [Image.open(f'{tmp}/render/pages/p00{i}.png') for i in (1, 2)]
bw = [g.point(lambda v: 255 if v >= 128 else 0).convert('1') for g in grey]
bw[0].save(f'{out}/tue-tinh-p1.png', optimize=True, dpi=(300, 300))
bw[0].save(f'{out}/tue-tinh-p1-p2.tif', compression='group4', dpi=(300, 300),
           save_all=True, append_images=bw[1:])
# render.py's geometry: top margin 20 mm, line pitch 1.4 x 13 pt, at 300 dpi; the cut falls
# between the descenders of line 14 and the capitals of line 15
top = round(20 / 25.4 * 300); pitch = 13 / 72 * 300 * 1.4
g = grey[1].crop((0, 0, grey[1].width, round(top + 13.95 * pitch)))
g.resize((g.width * 2 // 3, g.height * 2 // 3), Image.LANCZOS).save(
    f'{out}/tue-tinh-p2-top.jpg', quality=50, dpi=(200, 200))
bw[0].save(f'{out}/tue-tinh-scan.pdf', resolution=300, save_all=True, append_images=bw[1:])
bw[1].save(f'{tmp}/p2.pdf', resolution=300)
PY
# page 1 with a text layer: its gold text, one paragraph per line, exported by LibreOffice
cp "$out/tue-tinh-p1.gold.txt" "$tmp/page1.txt"
soffice -env:UserInstallation=file://"$tmp/profile" --headless \
    --infilter="Text (encoded):UTF8,LF,,," --convert-to pdf --outdir "$tmp" "$tmp/page1.txt" >/dev/null
pdfunite "$tmp/page1.pdf" "$tmp/p2.pdf" "$out/tue-tinh-mixed.pdf"
ls -l "$out"
