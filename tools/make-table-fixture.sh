#!/usr/bin/env bash
# Builds the second task-table fixture (a ward plan with a 7-column appendix in a layout unlike
# an-lao's) from fixtures/tables/binh-minh-2026.rows.tsv: rows → HTML table → LibreOffice Writer
# → PDF → pdftotext -raw (content-stream order: cell after cell, as in an-lao), the way plans reach us.
#   apt-get install -y libreoffice-writer-nogui poppler-utils python3
#   tools/make-table-fixture.sh            # writes fixtures/tables/binh-minh-2026.{html,pdf,txt}
set -euo pipefail
cd "$(dirname "$0")/.."
out=fixtures/tables
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$out/binh-minh-2026.rows.tsv" > "$tmp/binh-minh-2026.html" <<'PY'
import html, sys
rows = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8") if not l.startswith("#")]
e = html.escape
print("""<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { font-family: 'Liberation Serif'; font-size: 13pt; }
table { border-collapse: collapse; width: 100%; font-size: 11pt; }
td, th { border: 1px solid black; vertical-align: top; padding: 2pt; }
p { margin: 0 0 6pt 0; text-align: justify; }
</style></head><body>
<table style="border:none"><tr><td style="border:none;text-align:center"><b>ỦY BAN NHÂN DÂN<br>PHƯỜNG BÌNH MINH</b></td>
<td style="border:none;text-align:center"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</b></td></tr>
<tr><td style="border:none;text-align:center">Số: 15/KH-UBND</td><td style="border:none;text-align:center"><i>Bình Minh, ngày 12 tháng 01 năm 2026</i></td></tr></table>
<p style="text-align:center"><b>KẾ HOẠCH<br>Chuyển đổi số và cải cách hành chính phường Bình Minh năm 2026</b></p>
<p><b>I. MỤC TIÊU</b></p>
<p>1. Phấn đấu 100% hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trên Hệ thống thông tin giải quyết thủ tục hành chính của thành phố.</p>
<p>2. Tỷ lệ hồ sơ trực tuyến toàn trình đạt từ 60% trở lên; tỷ lệ người dân hài lòng đạt tối thiểu 90%.</p>
<p><b>II. NHIỆM VỤ, GIẢI PHÁP</b></p>
<p>Các nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này.</p>
<p><b>III. TỔ CHỨC THỰC HIỆN</b></p>
<p>1. Phân công trách nhiệm</p>
<p>a) Văn phòng HĐND và UBND phường: chủ trì theo dõi, đôn đốc thực hiện Kế hoạch.</p>
<p>b) Phòng Văn hóa - Xã hội: chủ trì tham mưu các nhiệm vụ về chuyển đổi số, nhân lực số.</p>
<p>c) Phòng Kinh tế, Hạ tầng và Đô thị: chủ trì nâng cấp hạ tầng kỹ thuật.</p>
<p>d) Công an phường: chủ trì bảo đảm an toàn thông tin, làm sạch dữ liệu dân cư.</p>
<p>đ) Trung tâm Phục vụ hành chính công phường: chủ trì các nhiệm vụ về dịch vụ công trực tuyến.</p>
<p>e) Nhà Văn hóa phường: chủ trì triển khai điểm cầu trực tuyến tại các tổ dân phố.</p>
<p>g) Đài Truyền thanh phường: tuyên truyền thường xuyên về chuyển đổi số.</p>
<p>h) Tổ công nghệ số cộng đồng: hướng dẫn người dân sử dụng dịch vụ số.</p>
<p>2. Các cơ quan, đơn vị báo cáo kết quả thực hiện trước ngày 15 của tháng cuối quý.</p>
<p style="text-align:right"><b>TM. ỦY BAN NHÂN DÂN<br>CHỦ TỊCH<br><br>Trần Văn Minh</b></p>
<p style="page-break-before:always;text-align:center"><b>Phụ lục<br>CÁC NHIỆM VỤ CHUYỂN ĐỔI SỐ VÀ CẢI CÁCH HÀNH CHÍNH NĂM 2026</b><br><i>(Kèm theo Kế hoạch số 15/KH-UBND ngày 12/01/2026 của UBND phường Bình Minh)</i></p>
<table>
<thead><tr><th width="32">STT</th><th width="210">Nhiệm vụ</th><th width="95">Đơn vị chủ trì</th><th width="95">Đơn vị phối hợp</th><th width="95">Sản phẩm đầu ra</th><th width="80">Thời hạn hoàn thành</th><th width="60">Ghi chú</th></tr></thead>
<tbody>""")
for r in rows:
    if not r.strip():
        continue
    f = r.split("\t")
    if f[0]:
        print(f'<tr><td colspan="7"><b>{e(f[0])}</b></td></tr>')
    else:
        cells = "".join(f"<td>{e(c)}</td>" for c in (f[1:] + [""] * 8)[:7])
        print(f"<tr>{cells}</tr>")
print("</tbody></table></body></html>")
PY
cp "$tmp/binh-minh-2026.html" "$out/binh-minh-2026.html"
# HTML → Writer document → PDF (A4 portrait, the table repeats its header row on every page).
soffice --headless --infilter="HTML (StarWriter)" --convert-to odt --outdir "$tmp" "$tmp/binh-minh-2026.html" > /dev/null
soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/binh-minh-2026.odt" > /dev/null
cp "$tmp/binh-minh-2026.pdf" "$out/binh-minh-2026.pdf"
pdftotext -raw -enc UTF-8 "$out/binh-minh-2026.pdf" "$out/binh-minh-2026.txt"
echo "wrote $out/binh-minh-2026.{html,pdf,txt}"
