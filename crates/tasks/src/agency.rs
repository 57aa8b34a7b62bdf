//! Names of public bodies: a general lexicon of Vietnamese agency head words, plus the names a
//! document teaches in its own "Phân công trách nhiệm" section.

/// Capitalised words or word pairs that open the name of a public body or of a group of them.
const HEADS: &[&str] = &[
    "Văn phòng",
    "Trung tâm",
    "Phòng",
    "Ban",
    "Sở",
    "UBND",
    "Ủy ban",
    "Uỷ ban",
    "HĐND",
    "Hội đồng",
    "Công an",
    "Bộ",
    "Các",
    "Chi cục",
    "Cục",
    "Tổng cục",
    "Hội",
    "Đoàn",
    "Kho bạc",
    "Bảo hiểm",
    "Đảng ủy",
    "Đảng uỷ",
    "Mặt trận",
    "Trạm",
    "Trường",
    "Thanh tra",
    "Tòa án",
    "Toà án",
    "Viện",
    "Quân sự",
    "Ban Chỉ huy",
    "Công chức",
    "Chủ tịch",
    "Phó Chủ tịch",
    "Thủ trưởng",
    "Trưởng",
    "Liên đoàn",
    "Tổ",
    "Đội",
    "Đài",
    "Bệnh viện",
    "Chính phủ",
    "Thủ tướng",
    "Cơ quan",
    "Đơn vị",
    "Lãnh đạo",
    "Cán bộ",
    "Người đứng đầu",
    "Hợp tác xã",
    "Ngân hàng",
    "Kiểm toán",
    "Công ty",
    "Tổng công ty",
    "Học viện",
    "Hạt",
    "Chi nhánh",
    "Bưu điện",
    "Thành ủy",
    "Tỉnh ủy",
    "Huyện ủy",
    "Bộ phận",
    "Hội Nông dân",
    "Cựu chiến binh",
    "Viễn thông",
    "Nhà văn hóa",
    "Nhà Văn hóa",
    "Tổng Liên đoàn",
    "Ủy ban nhân dân",
    "UBMTTQ",
    "MTTQ",
    "BCH",
    "BHXH",
    "VNPT",
    "Viettel",
];

/// Lower-case nouns that continue a list of bodies ("Các phòng, ban, ngành, đơn vị").
const LIST_NOUNS: &[&str] = &[
    "ban",
    "ngành",
    "đơn vị",
    "cơ quan",
    "tổ chức",
    "địa phương",
    "thành phố",
    "tỉnh",
    "xã",
    "phường",
    "bộ",
    "doanh nghiệp",
    "cá nhân",
    "hội",
    "đoàn thể",
    "ngang bộ",
    "các",
    "phòng",
    "công chức",
    "cán bộ",
    "trường",
    "trạm",
];

/// Words after which a capitalised head does not start a new body ("Văn phòng HĐND và UBND").
const CONNECTORS: &[&str] = &[
    "và", "&", "của", "thuộc", "với", "cho", "tại", "-", "–", "(", "trực", "cấp",
];

fn starts_with_word(s: &str, w: &str) -> bool {
    s.starts_with(w)
        && s[w.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// Does `s` open with an agency head word (capitalised), or with a learned name's first word?
pub(crate) fn starts_with_head(s: &str, learned_heads: &[String]) -> bool {
    // Inside fixed names a head word is not one: "Mặt trận Tổ quốc".
    if s.starts_with("Tổ quốc") {
        return false;
    }
    // (the first byte first: most words open no head)
    let first = s.as_bytes().first();
    HEADS
        .iter()
        .any(|h| h.as_bytes().first() == first && starts_with_word(s, h))
        || learned_heads.iter().any(|h| starts_with_word(s, h))
}

fn starts_with_list_noun(s: &str) -> bool {
    LIST_NOUNS.iter().any(|h| starts_with_word(s, h))
}

/// Splits a cell naming bodies into one entry per body: at ";" , at "," before a capitalised
/// head, at a capitalised head after a word that does not connect it ("… hành chính công Văn
/// phòng …"), and at a lower-case "các" opening a new list after a noun ("ngành các cơ quan").
pub(crate) fn split_agencies(cell: &str, learned_heads: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let words: Vec<&str> = cell.split_whitespace().collect();
    let cur = split_words(&words, 0, words.len(), 0, learned_heads, |p| {
        push_piece(&mut out, p)
    });
    push_piece(&mut out, &words[cur..]);
    out
}

/// The splitting of [`split_agencies`] over `words[from..to]`, the body being read starting at
/// `words[cur]` (`cur <= from`): calls `piece` with the words of each body ended before `to`,
/// and gives where the body being read at `to` starts. Whether a body ends before `words[i]`
/// depends only on `words[i - 1..i + 4]` and the body being read.
fn split_words<'a>(
    words: &[&'a str],
    from: usize,
    to: usize,
    mut cur: usize,
    learned_heads: &[String],
    mut piece: impl FnMut(&[&'a str]),
) -> usize {
    for i in from..to {
        let w = words[i];
        if cur < i {
            let prev = words[i - 1];
            // a head is at most a few words long: look at the next four only
            // (lowering never shortens a word in characters, and no connector has more than
            // five: longer words need no lowering)
            let upper = w.chars().next().is_some_and(char::is_uppercase);
            if !upper && w != "các" && !prev.ends_with(';') {
                // neither a head nor a new list can start here (most words)
                continue;
            }
            let trimmed = prev.trim_end_matches([',', ';']);
            let prev_clean = if trimmed.chars().nth(5).is_none() {
                trimmed.to_lowercase()
            } else {
                String::new()
            };
            let connected =
                CONNECTORS.contains(&prev_clean.as_str()) || prev.ends_with(['(', '-', '&']);
            // (cheap tests first)
            let new_head = upper
                && !connected
                && !prev.ends_with('(')
                && {
                    let rest = words[i..words.len().min(i + 4)].join(" ");
                    starts_with_head(&rest, learned_heads)
                }
                && !is_bare_head(&words[cur..i], learned_heads);
            let new_list = w == "các"
                && !prev.ends_with(',')
                && !connected
                && i >= 1
                && !["các", "của"].contains(&prev_clean.as_str());
            if prev.ends_with(';') || new_head || new_list {
                piece(&words[cur..i]);
                cur = i;
            }
        }
    }
    cur
}

/// Are the words `cur`, joined by spaces, exactly a head word ("Văn phòng")?
fn is_bare_head(cur: &[&str], learned_heads: &[String]) -> bool {
    // only a text of a head's length can be one (most are longer: no need to join them)
    let len = cur.iter().map(|w| w.len()).sum::<usize>() + cur.len().saturating_sub(1);
    if !HEADS.iter().any(|h| h.len() == len) && !learned_heads.iter().any(|h| h.len() == len) {
        return false;
    }
    let so_far = cur.join(" ");
    HEADS.contains(&so_far.as_str()) || learned_heads.contains(&so_far)
}

/// The body named by `words`, without the separators it ends on (None when nothing is left).
fn piece_text(words: &[&str]) -> Option<String> {
    if words.is_empty() {
        return None;
    }
    let mut s = words.join(" ");
    let keep = s.trim_end_matches([',', ';', ' ']).len();
    s.truncate(keep);
    (!s.is_empty()).then_some(s)
}

fn push_piece(out: &mut Vec<String>, words: &[&str]) {
    if let Some(s) = piece_text(words) {
        out.push(s);
    }
}

/// Does the body `p` read as one (or as a list of them, "Các phòng, ban, ngành")? `first`: no
/// body came before it in the cell.
fn piece_ok(p: &str, first: bool, learned_heads: &[String]) -> bool {
    // A piece may hold a list: "Các phòng, ban, ngành" — check its comma parts.
    let mut ok = true;
    // a parenthesis qualifies the body ("(đối với …, …)"): its commas do not list bodies
    let mut flat = String::new();
    if p.contains(['(', ')']) {
        let mut depth = 0usize;
        for ch in p.chars() {
            match ch {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ if depth == 0 => flat.push(ch),
                _ => {}
            }
        }
    }
    let flat = if flat.is_empty() && !p.contains(['(', ')']) {
        p
    } else {
        flat.as_str()
    };
    for (k, part) in flat.split([',', ';']).map(str::trim).enumerate() {
        if part.is_empty() {
            continue;
        }
        let good = if k == 0 {
            starts_with_head(part, learned_heads) || (!first && starts_with_list_noun(part))
        } else {
            // later parts of a name may be proper names ("Phòng Kinh tế, Hạ tầng và Đô thị")
            starts_with_head(part, learned_heads)
                || starts_with_list_noun(part)
                || part.chars().next().is_some_and(char::is_uppercase)
        };
        // a bare head ("Văn phòng", "Phòng") is a name cut short
        let bare = HEADS.contains(&part) || learned_heads.iter().any(|h| h == part);
        ok &= good && !bare;
    }
    ok
}

/// Counts a body as valid or invalid.
fn count_piece(counts: &mut (usize, usize), words: &[&str], learned_heads: &[String]) {
    if let Some(p) = piece_text(words) {
        if piece_ok(&p, counts.0 + counts.1 == 0, learned_heads) {
            counts.0 += 1;
        } else {
            counts.1 += 1;
        }
    }
}

/// How well `cell` reads as a list of bodies: `(valid pieces, invalid pieces)`.
pub(crate) fn agency_pieces(cell: &str, learned_heads: &[String]) -> (usize, usize) {
    AgencyPrefix::new("", learned_heads).pieces_with(cell, learned_heads)
}

/// [`agency_pieces`] of texts that all open with the same (long) text `old` followed by a
/// space, worked out without reading `old` again: the bodies of `old` ended before its last
/// three words are those of any longer text (whether a body ends before a word looks at most
/// four words ahead), so they are split and counted once, and each text is read from there.
pub(crate) struct AgencyPrefix<'a> {
    /// The words of `old`.
    words: Vec<&'a str>,
    /// Words of `old` whose splitting does not depend on what follows.
    stop: usize,
    /// Where the body being read at `stop` starts.
    cur: usize,
    /// Valid and invalid bodies ended before `stop`.
    counts: (usize, usize),
}

impl<'a> AgencyPrefix<'a> {
    pub(crate) fn new(old: &'a str, learned_heads: &[String]) -> AgencyPrefix<'a> {
        let words: Vec<&str> = old.split_whitespace().collect();
        // a body ends before words[i] by words[i - 1..i + 4] alone: settled for i + 4 <= len
        let stop = words.len().saturating_sub(3);
        let mut counts = (0, 0);
        let cur = split_words(&words, 0, stop, 0, learned_heads, |p| {
            count_piece(&mut counts, p, learned_heads)
        });
        AgencyPrefix {
            words,
            stop,
            cur,
            counts,
        }
    }

    /// [`agency_pieces`] of `old` and `text` joined by a space (of `text` alone when `old` is
    /// empty).
    pub(crate) fn pieces_with(&self, text: &str, learned_heads: &[String]) -> (usize, usize) {
        // the words from the body being read (and the word before `stop`) on
        let lo = self.cur.min(self.stop.saturating_sub(1));
        let mut words: Vec<&str> = self.words[lo..].to_vec();
        words.extend(text.split_whitespace());
        let mut counts = self.counts;
        let cur = split_words(
            &words,
            self.stop - lo,
            words.len(),
            self.cur - lo,
            learned_heads,
            |p| count_piece(&mut counts, p, learned_heads),
        );
        count_piece(&mut counts, &words[cur..], learned_heads);
        counts
    }
}

/// Short forms written interchangeably in plans, for comparing names.
pub(crate) fn norm_name(s: &str) -> String {
    let mut s = s.to_lowercase();
    for (a, b) in [
        ("hội đồng nhân dân", "hđnd"),
        ("ủy ban nhân dân", "ubnd"),
        ("uỷ ban nhân dân", "ubnd"),
        ("&", " và "),
        ("–", "-"),
    ] {
        if s.contains(a) {
            s = s.replace(a, b);
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits() {
        let none: Vec<String> = Vec::new();
        assert_eq!(
            split_agencies("Văn phòng HĐND&UBND Các phòng, cơ quan", &none),
            ["Văn phòng HĐND&UBND", "Các phòng, cơ quan"]
        );
        assert_eq!(
            split_agencies(
                "Các phòng, ban, ngành các cơ quan, tổ chức có liên quan",
                &none
            ),
            ["Các phòng, ban, ngành", "các cơ quan, tổ chức có liên quan"]
        );
        assert_eq!(
            split_agencies("Các bộ, cơ quan ngang bộ, UBND tỉnh, thành phố", &none),
            ["Các bộ, cơ quan ngang bộ", "UBND tỉnh, thành phố"]
        );
        assert_eq!(
            split_agencies("Văn phòng HĐND và UBND", &none),
            ["Văn phòng HĐND và UBND"]
        );
        assert_eq!(
            split_agencies("Phòng Văn hóa - Xã hội", &none),
            ["Phòng Văn hóa - Xã hội"]
        );
        assert_eq!(agency_pieces("Các Phòng, ban, ngành", &none), (1, 0));
        assert_eq!(agency_pieces("vụ Phòng Văn hóa - Xã hội", &none), (1, 1));
        assert_eq!(agency_pieces("Trung tâm sự nghiệp công", &none), (1, 0));
    }

    #[test]
    fn prefix_gives_the_pieces_of_the_joined_text() {
        let heads = vec!["Chi bộ".to_string()];
        let olds = [
            "",
            "Các",
            "Văn phòng HĐND và UBND, Phòng Kinh tế",
            "Các phòng, ban, ngành các cơ quan, tổ chức có liên quan; Công an xã Văn",
            "Ủy ban nhân dân các xã, phường (đối với nhiệm vụ của cấp xã) và",
            "Phòng Văn hóa - Xã hội Ủy ban",
        ];
        let texts = [
            "phòng",
            "nhân dân tỉnh Chi bộ thôn",
            "Các bộ, cơ quan ngang bộ, UBND tỉnh, thành phố",
            "hành chính công Văn phòng Sở Tư pháp",
            "các cơ quan, đơn vị",
            "Tổ quốc Việt Nam",
        ];
        for old in olds {
            let prefix = AgencyPrefix::new(old, &heads);
            for text in texts {
                let joined = if old.is_empty() {
                    text.to_string()
                } else {
                    format!("{old} {text}")
                };
                assert_eq!(
                    prefix.pieces_with(text, &heads),
                    agency_pieces(&joined, &heads),
                    "{joined}"
                );
                // the whole splitting, as a list, against the pieces counted
                let pieces = split_agencies(&joined, &heads);
                let (v, inv) = agency_pieces(&joined, &heads);
                assert_eq!(v + inv, pieces.len(), "{joined}");
            }
        }
    }
}
