//! The seven standard areas of administrative reform, and fuzzy mapping of section headings
//! and task-group titles onto them.

use crate::fold::fold;

/// One reform area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Area {
    /// Short identifier, used as a CSV/SQL column name.
    pub id: &'static str,
    /// The area's name as the plans write it.
    pub label: &'static str,
    /// Folded phrases that name the area.
    phrases: &'static [&'static str],
}

/// The seven areas, in the order of the national programme.
pub const AREAS: [Area; 7] = [
    Area {
        id: "chi_dao_dieu_hanh",
        label: "Chỉ đạo điều hành",
        phrases: &["chi dao dieu hanh", "cong tac chi dao"],
    },
    Area {
        id: "the_che",
        label: "Cải cách thể chế",
        phrases: &["cai cach the che"],
    },
    Area {
        id: "thu_tuc_hanh_chinh",
        label: "Cải cách thủ tục hành chính",
        phrases: &["cai cach thu tuc hanh chinh", "cai cach tthc"],
    },
    Area {
        id: "to_chuc_bo_may",
        label: "Cải cách tổ chức bộ máy",
        phrases: &["cai cach to chuc bo may", "to chuc bo may hanh chinh"],
    },
    Area {
        id: "che_do_cong_vu",
        label: "Cải cách chế độ công vụ",
        phrases: &["cai cach che do cong vu", "cai cach cong vu"],
    },
    Area {
        id: "tai_chinh_cong",
        label: "Cải cách tài chính công",
        phrases: &["cai cach tai chinh cong"],
    },
    Area {
        id: "chinh_quyen_so",
        label: "Chính quyền điện tử, chính quyền số",
        phrases: &[
            "chinh quyen dien tu",
            "chinh phu dien tu",
            "chinh quyen so",
            "chinh phu so",
            // the name of the area in the 2011–2020 programme
            "hien dai hoa hanh chinh",
        ],
    },
];

/// Smallest normalised Levenshtein similarity between a phrase and a window of the heading.
pub const AREA_THRESHOLD: f64 = 0.82;

/// Headings longer than this many words are sentences, not area headings.
const MAX_WORDS: usize = 24;

/// The area a heading or task-group title names, with the similarity, if any: every window of
/// the folded heading of about the phrase's length (±1 word) is compared with each phrase.
pub fn classify_scored(heading: &str) -> Option<(usize, f64)> {
    let folded = fold(heading);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > MAX_WORDS {
        return None;
    }
    let mut best: Option<(usize, f64)> = None;
    for (ai, area) in AREAS.iter().enumerate() {
        for phrase in area.phrases {
            let n = phrase.split(' ').count();
            for len in n.saturating_sub(1).max(1)..=n + 1 {
                if len > words.len() {
                    continue;
                }
                for w in words.windows(len) {
                    let s = strsim::normalized_levenshtein(&w.join(" "), phrase);
                    if best.is_none_or(|(_, b)| s > b + 1e-9) {
                        best = Some((ai, s));
                    }
                }
            }
        }
    }
    best.filter(|&(_, s)| s >= AREA_THRESHOLD)
}

/// The index in [`AREAS`] of the area `heading` names, if any.
pub fn classify(heading: &str) -> Option<usize> {
    classify_scored(heading).map(|(a, _)| a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(h: &str) -> Option<&'static str> {
        classify(h).map(|a| AREAS[a].id)
    }

    #[test]
    fn real_headings_of_the_seeds() {
        // an-lao task groups
        assert_eq!(
            id("Chỉ đạo điều hành, kiểm tra và tuyên truyền"),
            Some("chi_dao_dieu_hanh")
        );
        assert_eq!(id("Cải cách thể chế"), Some("the_che"));
        assert_eq!(
            id("Cải cách thủ tục hành chính"),
            Some("thu_tuc_hanh_chinh")
        );
        assert_eq!(id("Cải cách tổ chức bộ máy"), Some("to_chuc_bo_may"));
        assert_eq!(id("Cải cách chế độ công vụ"), Some("che_do_cong_vu"));
        assert_eq!(id("Cải cách tài chính công"), Some("tai_chinh_cong"));
        assert_eq!(
            id("Xây dựng Chính quyền điện tử, Chính quyền số"),
            Some("chinh_quyen_so")
        );
        // an-bien II.*, III.1
        assert_eq!(
            id("Cải cách tổ chức bộ máy hành chính nhà nước"),
            Some("to_chuc_bo_may")
        );
        assert_eq!(
            id("Xây dựng và phát triển Chính phủ điện tử, Chính phủ số"),
            Some("chinh_quyen_so")
        );
        assert_eq!(
            id("Tăng cường công tác chỉ đạo, điều hành việc triển khai thực hiện cải cách hành chính"),
            Some("chi_dao_dieu_hanh")
        );
        // ngoc-lien II.*
        assert_eq!(id("Về cải cách thể chế"), Some("the_che"));
        assert_eq!(id("Cải cách công vụ"), Some("che_do_cong_vu"));
        assert_eq!(
            id("Cải cách tổ chức bộ máy hành chính"),
            Some("to_chuc_bo_may")
        );
        assert_eq!(
            id("Xây dựng, phát triển Chính quyền điện tử, Chính quyền số"),
            Some("chinh_quyen_so")
        );
        assert_eq!(
            id("Công tác chỉ đạo, điều hành, tuyên truyền về cải cách hành chính"),
            Some("chi_dao_dieu_hanh")
        );
        // tue-tinh III.*
        assert_eq!(id("Công tác chỉ đạo, điều hành"), Some("chi_dao_dieu_hanh"));
        assert_eq!(
            id("Xây dựng và phát triển chính quyền điện tử, chính quyền số"),
            Some("chinh_quyen_so")
        );
    }

    #[test]
    fn damaged_and_abbreviated_variants() {
        assert_eq!(id("Cải cách TTHC"), Some("thu_tuc_hanh_chinh"));
        assert_eq!(
            id("CAI CACH THU TUC HANH CHINH"),
            Some("thu_tuc_hanh_chinh")
        );
        assert_eq!(
            id("Cai cach thii tuc hanh chlnh"),
            Some("thu_tuc_hanh_chinh")
        );
        assert_eq!(id("Cải cảch thề chế"), Some("the_che"));
        assert_eq!(id("Cai cach t6 chuc b0 may"), Some("to_chuc_bo_may"));
        assert_eq!(id("Cải cách chế độ công vu"), Some("che_do_cong_vu"));
        assert_eq!(id("Cái cách tài chinh cõng"), Some("tai_chinh_cong"));
        assert_eq!(
            id("Chinh quyen dien tu, chinh quyen s6"),
            Some("chinh_quyen_so")
        );
        assert_eq!(id("Chỉ đạo, điểu hành"), Some("chi_dao_dieu_hanh"));
        assert_eq!(
            id("Về cải cách thủ tục hành chính (TTHC)"),
            Some("thu_tuc_hanh_chinh")
        );
        assert_eq!(
            id("Cải cách chế độ công vụ, công chức"),
            Some("che_do_cong_vu")
        );
        assert_eq!(id("Hiện đại hóa hành chính"), Some("chinh_quyen_so"));
        assert_eq!(
            id("XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"),
            Some("chinh_quyen_so")
        );
        assert_eq!(
            id("Cải cách tổ chức bộ mảy hành chỉnh nhà nước"),
            Some("to_chuc_bo_may")
        );
    }

    #[test]
    fn other_headings_name_no_area() {
        for h in [
            "MỤC ĐÍCH, YÊU CẦU",
            "Mục đích",
            "Yêu cầu",
            "CHỈ TIÊU, NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU",
            "Một số chỉ tiêu chủ yếu",
            "KINH PHÍ",
            "TỔ CHỨC THỰC HIỆN",
            "Trách nhiệm chung",
            "Phân công trách nhiệm cụ thể của các cơ quan, đơn vị có liên quan",
            "Bố trí đủ nguồn tài chính và nhân lực cho cải cách hành chính",
            "Đẩy mạnh công tác thông tin, tuyên truyền, nâng cao nhận thức cho cán bộ, công chức, người",
            "Cải cách hành chính",
            "Công chức Tài chính - ngân sách",
            "UBND xã",
            "Luật tổ chức chính quyền địa phương",
            "Chuyển đổi sang",
            // digital transformation of industry is not the administration's (laocai_sct dev)
            "Nâng cao năng lực khoa học công nghệ, đổi mới sáng tạo và chuyển đổi số trong sản xuất công nghiệp",
            "Nâng cao chất lượng dịch vụ hành chính công",
        ] {
            assert_eq!(id(h), None, "{h}: {:?}", classify_scored(h));
        }
    }
}
