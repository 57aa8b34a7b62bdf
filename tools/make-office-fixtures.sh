#!/usr/bin/env bash
# Builds the office fixtures of the an-lao plan (issues 3 and 5): fixtures/office/an-lao-2025h2.html
# is the whole plan of fixtures/seeds/an-lao-2025h2.txt typed as a document (paragraphs rejoined,
# header in a borderless two-column table) whose appendix "Phụ lục / DANH MỤC NHIỆM VỤ …" is a
# real six-column table (TT | Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian
# thực hiện/hoàn thành | Sản phẩm), group rows I.–VII. spanning all columns, no row 22, the
# header row repeated on every page. LibreOffice Writer opens it and exports it to PDF and DOCX.
#   apt-get install -y libreoffice-writer
#   tools/make-office-fixtures.sh         # writes fixtures/office/an-lao-2025h2.{pdf,docx}
set -euo pipefail
cd "$(dirname "$0")/.."
out=fixtures/office
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
profile="file://$tmp/profile"
for name in an-lao-2025h2; do
    soffice -env:UserInstallation="$profile" --headless --infilter="HTML (StarWriter)" \
        --convert-to odt --outdir "$tmp" "$out/$name.html" > /dev/null
    soffice -env:UserInstallation="$profile" --headless \
        --convert-to pdf --outdir "$tmp" "$tmp/$name.odt" > /dev/null
    soffice -env:UserInstallation="$profile" --headless \
        --convert-to 'docx:MS Word 2007 XML' --outdir "$tmp" "$tmp/$name.odt" > /dev/null
    cp "$tmp/$name.pdf" "$tmp/$name.docx" "$out/"
done
ls -l "$out"
