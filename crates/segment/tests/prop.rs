//! Property test (issue 7): segmentation accounts for every input line exactly once. Each
//! line is blank, or dropped by the clean-up (a page number or a running header, with the
//! reason), or joined into exactly one block; every block belongs to exactly one document, with
//! a zone; the documents' spans follow each other without overlapping and cover their blocks.

use proptest::prelude::*;
use sohoa_model::Line;

/// Lines built from the pieces plans are made of, with blank lines, repeated headers and page
/// numbers.
fn plan_lines() -> impl Strategy<Value = Vec<String>> {
    let piece = prop_oneof![
        Just("I. MỤC ĐÍCH, YÊU CẦU"),
        Just("1. Mục đích:"),
        Just("2.1. Cải cách thể chế"),
        Just("a) Trung tâm"),
        Just("- Nâng cao chất lượng"),
        Just("+ Kiểm tra"),
        Just("Điều 1."),
        Just("ỦY BAN NHÂN DÂN"),
        Just("XÃ AN LÃO"),
        Just("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        Just("Độc lập - Tự do - Hạnh phúc"),
        Just("KẾ HOẠCH"),
        Just("QUYẾT ĐỊNH:"),
        Just("Số: 362/QĐ-UBND"),
        Just("Xã Tuệ Tĩnh, ngày 28 tháng 7 năm 2025"),
        Just("(Kèm theo Quyết định số /QĐ-UBND ngày 30/7/2025"),
        Just("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;"),
        Just("TT Nội dung công việc Đơn vị chủ trì Thời gian"),
        Just("STT"),
        Just("1 Rà soát thủ tục Văn phòng Quý III"),
        Just("Phụ lục số 01"),
        Just("Nơi nhận:"),
        Just("KT. CHỦ TỊCH"),
        Just("Trang 2"),
        Just("- 3 -"),
        Just("Kế hoạch cải cách hành chính năm 2025 của xã"),
        Just(""),
        Just("   "),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|ps| ps.into_iter().map(str::to_string).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn every_line_is_accounted_for_exactly_once(texts in plan_lines()) {
        let lines: Vec<Line> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Line { no: i as u32 + 1, page: None, text: t.clone() })
            .collect();
        let cleaned = sohoa_text::cleanup(&lines);
        let seg = sohoa_segment::segment(&cleaned.blocks);

        let n = lines.len();
        let mut seen = vec![0u32; n + 1];
        for l in &lines {
            if l.text.trim().is_empty() {
                seen[l.no as usize] += 1;
            }
        }
        for (no, _) in &cleaned.dropped {
            seen[*no as usize] += 1;
        }
        for b in &cleaned.blocks {
            let mut prev = 0;
            for &(_, no) in &b.starts {
                prop_assert!(b.lines.first <= no && no <= b.lines.last);
                prop_assert!(no > prev, "a block's lines are in order");
                prev = no;
                seen[no as usize] += 1;
            }
        }
        for (no, &k) in seen.iter().enumerate().skip(1) {
            prop_assert_eq!(k, 1, "line {} ({:?}) accounted for {} times", no, texts[no - 1], k);
        }

        let mut owner = vec![0u32; cleaned.blocks.len()];
        let mut prev_last = 0;
        for s in &seg.parts {
            let span = s.part.lines;
            prop_assert!(span.first > prev_last && span.first <= span.last, "documents in order");
            prev_last = span.last;
            for &(i, _) in &s.blocks {
                let b = &cleaned.blocks[i];
                prop_assert!(span.first <= b.lines.first && b.lines.last <= span.last);
                owner[i] += 1;
            }
        }
        for (i, &k) in owner.iter().enumerate() {
            prop_assert_eq!(k, 1, "block {} ({:?}) belongs to {} documents", i, cleaned.blocks[i].text, k);
        }
    }
}
