#!/bin/sh
# Make the PDF fixtures (issue 5, "PDF with a text layer") from the clean seeds with LibreOffice.
# Each UTF-8 .txt seed is opened as encoded text (one paragraph per source line) and exported to
# PDF; the PDFs go to fixtures/pdf/ and are committed together with this script.
# Usage: tools/make-pdf-fixtures.sh   (from the repository root; needs soffice)
set -eu
out=fixtures/pdf
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
for seed in fixtures/seeds/an-bien-2026-2030.txt fixtures/seeds/an-lao-2025h2.txt \
            fixtures/seeds/ngoc-lien-2025.txt fixtures/seeds/tue-tinh-2025h2.txt; do
    soffice -env:UserInstallation=file://"$profile" --headless \
        --infilter="Text (encoded):UTF8,LF,,," --convert-to pdf --outdir "$out" "$seed" >/dev/null
done
# An encrypted PDF (open password "sohoa") for the "encrypted PDF gets a clear error" test.
tmp=$(mktemp -d)
printf 'KẾ HOẠCH\nCải cách hành chính\n' > "$tmp/encrypted.txt"
soffice -env:UserInstallation=file://"$profile" --headless \
    --infilter="Text (encoded):UTF8,LF,,," \
    --convert-to 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"sohoa"}}' \
    --outdir "$out" "$tmp/encrypted.txt" >/dev/null
rm -rf "$tmp"
ls -l "$out"
