#!/bin/sh
# Make the Word fixtures (issue 5, "Word documents") with LibreOffice:
#  - fixtures/docx/<seed>.docx: the four clean seeds opened as UTF-8 text (one paragraph per
#    source line) and saved as .docx;
#  - fixtures/docx/tue-tinh-2025h2.doc: the same seed saved as a legacy Word 97 .doc;
#  - fixtures/docx/binh-minh-2026.docx: fixtures/tables/binh-minh-2026.html (a plan with its
#    appendix typed as a real 7-column table, tools/make-table-fixture.sh) saved as .docx;
#  - crates/docx/tests/data/lists.docx: crates/docx/tests/data/lists.html (nested numbered
#    lists, a bullet list, a list starting at 5, a table with merged cells) saved as .docx.
# Usage: tools/make-docx-fixtures.sh   (from the repository root; needs soffice:
#        apt-get install libreoffice-writer)
set -eu
out=fixtures/docx
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
lo() { soffice -env:UserInstallation=file://"$profile" --headless "$@" >/dev/null; }
for seed in an-bien-2026-2030 an-lao-2025h2 ngoc-lien-2025 tue-tinh-2025h2; do
    lo --infilter="Text (encoded):UTF8,LF,,," --convert-to 'docx:MS Word 2007 XML' \
        --outdir "$out" "fixtures/seeds/$seed.txt"
done
lo --infilter="Text (encoded):UTF8,LF,,," --convert-to 'doc:MS Word 97' \
    --outdir "$out" fixtures/seeds/tue-tinh-2025h2.txt
lo --infilter="HTML (StarWriter)" --convert-to 'docx:MS Word 2007 XML' \
    --outdir "$out" fixtures/tables/binh-minh-2026.html
lo --infilter="HTML (StarWriter)" --convert-to 'docx:MS Word 2007 XML' \
    --outdir crates/docx/tests/data crates/docx/tests/data/lists.html
ls -l "$out" crates/docx/tests/data
