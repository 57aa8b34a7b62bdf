//! Names of public bodies: a general lexicon of Vietnamese agency head words, plus the names a
//! document teaches in its own "Phân công trách nhiệm" section.

use std::borrow::Cow;
use std::sync::OnceLock;

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

/// `words` grouped by their first byte (each group in the order of `words`): the words that
/// can open a text opening with a given byte, or equal it.
pub(crate) fn by_first_byte(words: &[&'static str]) -> Vec<Vec<&'static str>> {
    let mut groups = vec![Vec::new(); 256];
    for &w in words {
        if let Some(&b) = w.as_bytes().first() {
            groups[usize::from(b)].push(w);
        }
    }
    groups
}

/// The [`HEADS`] whose first byte is `first` (none for an empty text).
fn heads_opening(first: Option<&u8>) -> &'static [&'static str] {
    static G: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    let groups = G.get_or_init(|| by_first_byte(HEADS));
    first.map_or(&[], |&b| groups[usize::from(b)].as_slice())
}

/// The [`LIST_NOUNS`] whose first byte is `first` (none for an empty text).
fn list_nouns_opening(first: Option<&u8>) -> &'static [&'static str] {
    static G: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    let groups = G.get_or_init(|| by_first_byte(LIST_NOUNS));
    first.map_or(&[], |&b| groups[usize::from(b)].as_slice())
}

/// `s.starts_with(p)`, compared byte by byte (the words compared are a few bytes long: no
/// call to `memcmp`).
pub(crate) fn has_prefix(s: &str, p: &str) -> bool {
    let (s, p) = (s.as_bytes(), p.as_bytes());
    s.len() >= p.len() && s.iter().zip(p).all(|(a, b)| a == b)
}

pub(crate) fn starts_with_word(s: &str, w: &str) -> bool {
    has_prefix(s, w)
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
    heads_opening(first).iter().any(|h| starts_with_word(s, h))
        || learned_heads
            .iter()
            .any(|h| (h.is_empty() || h.as_bytes().first() == first) && starts_with_word(s, h))
}

/// [`starts_with_head`] of `words` joined by spaces, read off the words (no empty one) without
/// joining them.
fn starts_with_head_words(words: &[&str], learned_heads: &[String]) -> bool {
    if words.iter().any(|w| w.is_empty()) {
        return starts_with_head(&words.join(" "), learned_heads);
    }
    // the joined text after a prefix `h`, when it opens with it: the rest of the word it
    // ends in, or " " between two words, or nothing at the end
    let after = |h: &str| -> Option<&str> {
        let mut rest = h;
        for (i, w) in words.iter().enumerate() {
            if i > 0 {
                if rest.is_empty() {
                    return Some(" ");
                }
                rest = rest.strip_prefix(' ')?;
            }
            if rest.len() <= w.len() {
                return w.strip_prefix(rest);
            }
            rest = rest.strip_prefix(w)?;
        }
        rest.is_empty().then_some("")
    };
    let word_at =
        |h: &str| after(h).is_some_and(|a| a.chars().next().is_none_or(|c| !c.is_alphanumeric()));
    if after("Tổ quốc").is_some() {
        return false;
    }
    let first = words.first().and_then(|w| w.as_bytes().first());
    heads_opening(first).iter().any(|h| word_at(h))
        || learned_heads
            .iter()
            .any(|h| (h.is_empty() || h.as_bytes().first() == first) && word_at(h))
}

/// Can a text opening with the word `w` (and a space, or nothing, after it) open with a head
/// ([`starts_with_head`])? When not, no words after `w` make it one.
fn may_open_head(w: &str, learned_heads: &[String]) -> bool {
    // a head no longer than `w` opens `w`; a longer one opens with `w` and a space
    let opens = |h: &str| {
        has_prefix(w, h) || (h.len() > w.len() && has_prefix(h, w) && h.as_bytes()[w.len()] == b' ')
    };
    let first = w.as_bytes().first();
    heads_opening(first).iter().any(|h| opens(h))
        || learned_heads
            .iter()
            .any(|h| (w.is_empty() || h.is_empty() || h.as_bytes().first() == first) && opens(h))
}

fn starts_with_list_noun(s: &str) -> bool {
    list_nouns_opening(s.as_bytes().first())
        .iter()
        .any(|h| starts_with_word(s, h))
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
/// depends only on `words[i - 1..i + 4]` and the body being read (see [`ends_before`]).
fn split_words<'a>(
    words: &[&'a str],
    from: usize,
    to: usize,
    mut cur: usize,
    learned_heads: &[String],
    mut piece: impl FnMut(&[&'a str]),
) -> usize {
    for i in from..to {
        if cur < i {
            let next = &words[i..words.len().min(i + 4)];
            if ends_before(
                words[i - 1],
                next,
                Body::Words(&words[cur..i]),
                learned_heads,
            ) {
                piece(&words[cur..i]);
                cur = i;
            }
        }
    }
    cur
}

/// The body being read when [`ends_before`] looks at a word.
#[derive(Clone, Copy)]
enum Body<'x> {
    /// Its words.
    Words(&'x [&'x str]),
    /// Its length in bytes (words joined by one space), and its text when no longer than
    /// `max`: a head is never longer.
    Known { len: usize, text: Option<&'x str> },
}

/// Does a body end before `next[0]`? `prev` is the word before it, `next` that word and the
/// (at most) three after it, `body` the body being read (not empty). One step of
/// [`split_agencies`]: at ";" , at a capitalised head after a word that does not connect it,
/// at a lower-case "các" opening a new list.
fn ends_before(prev: &str, next: &[&str], body: Body, learned_heads: &[String]) -> bool {
    let Some(&w) = next.first() else {
        return false;
    };
    // a head is at most a few words long: look at the next four only
    // (lowering never shortens a word in characters, and no connector has more than
    // five: longer words need no lowering)
    let upper = w.chars().next().is_some_and(char::is_uppercase);
    if !upper && w != "các" && !prev.ends_with(';') {
        // neither a head nor a new list can start here (most words)
        return false;
    }
    let (connected, cac_cua) = connects(prev);
    // (cheap tests first)
    let new_head = upper
        && !connected
        && !prev.ends_with('(')
        && may_open_head(w, learned_heads)
        && starts_with_head_words(next, learned_heads)
        && !is_bare_head(body, learned_heads);
    let new_list = w == "các" && !prev.ends_with(',') && !connected && !cac_cua;
    prev.ends_with(';') || new_head || new_list
}

/// Does `prev` connect a head after it to the body before ("Văn phòng HĐND và UBND"), and is
/// it, lowered without the separators it ends on, "các" or "của" (no new list after it)?
fn connects(prev: &str) -> (bool, bool) {
    let trimmed = prev.trim_end_matches([',', ';']);
    // every connector, "các" and "của" opens with one of these once lowered, and only these
    // characters lower to them: a word opening otherwise is not lowered
    let may = trimmed
        .chars()
        .next()
        .is_some_and(|c| matches!(c, 'v' | 'V' | 'c' | 'C' | 't' | 'T' | '&' | '-' | '–' | '('));
    // lowered on the stack (at most five characters, each lowering to at most three of at
    // most four bytes); a longer word is none of them
    let mut buf = [0u8; 64];
    let mut n = 0;
    let low = if may && trimmed.chars().nth(5).is_none() {
        for c in trimmed.chars().flat_map(char::to_lowercase) {
            n += c.encode_utf8(&mut buf[n..]).len();
        }
        std::str::from_utf8(&buf[..n]).unwrap_or("")
    } else {
        ""
    };
    let connected = CONNECTORS.contains(&low) || prev.ends_with(['(', '-', '&']);
    (connected, matches!(low, "các" | "của"))
}

/// The reference for [`connects`]: `prev` lowered as a whole.
#[cfg(test)]
fn connects_ref(prev: &str) -> (String, bool) {
    let trimmed = prev.trim_end_matches([',', ';']);
    let prev_clean = if trimmed.chars().nth(5).is_none() {
        trimmed.to_lowercase()
    } else {
        String::new()
    };
    let connected = CONNECTORS.contains(&prev_clean.as_str()) || prev.ends_with(['(', '-', '&']);
    (prev_clean, connected)
}

/// Can whether a body ends before `w` (after `prev`) depend on the words after `w`? Only
/// through a head opening at `w` ([`ends_before`]).
fn window_matters(prev: &str, w: &str, learned_heads: &[String]) -> bool {
    !prev.ends_with([';', '('])
        && w.chars().next().is_some_and(char::is_uppercase)
        && may_open_head(w, learned_heads)
        && !connects(prev).0
}

/// Is the body, its words joined by spaces, exactly a head word ("Văn phòng")?
fn is_bare_head(body: Body, learned_heads: &[String]) -> bool {
    // only a text of a head's length can be one (most are longer: no need to join them)
    let len = match body {
        Body::Words(cur) => {
            cur.iter().map(|w| w.len()).sum::<usize>() + cur.len().saturating_sub(1)
        }
        Body::Known { len, .. } => len,
    };
    if !HEADS.iter().any(|h| h.len() == len) && !learned_heads.iter().any(|h| h.len() == len) {
        return false;
    }
    let so_far = match body {
        Body::Words(cur) => cur.join(" "),
        // (a head's length is at most `max`: the text is known)
        Body::Known { text, .. } => text.unwrap_or("").to_string(),
    };
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
        ok &= part_ok(&PartFacts::of(part, part, learned_heads), k == 0, first);
    }
    ok
}

/// What [`piece_ok`] looks at in one comma part of a body (trimmed, not empty).
#[derive(Debug, Clone, Copy)]
struct PartFacts {
    /// It opens with a head word.
    head: bool,
    /// It opens with a lower-case list noun ("ban", "ngành").
    list_noun: bool,
    /// It opens with a capital.
    upper: bool,
    /// It is a bare head ("Văn phòng", "Phòng"): a name cut short.
    bare: bool,
}

impl PartFacts {
    /// The facts of a part from `start`, its opening (the whole part, or at least its first
    /// [`AgencyScan`] `cap` bytes, with possibly white space after it), and `whole`, the part
    /// trimmed when it is no longer than a head (else anything longer than every head).
    fn of(start: &str, whole: &str, learned_heads: &[String]) -> PartFacts {
        PartFacts {
            head: starts_with_head(start, learned_heads),
            list_noun: starts_with_list_noun(start),
            upper: start.chars().next().is_some_and(char::is_uppercase),
            bare: heads_opening(whole.as_bytes().first()).contains(&whole)
                || learned_heads.iter().any(|h| h == whole),
        }
    }
}

/// Is a comma part good: the first part (`k0`) of a body opens with a head (or a list noun
/// when other bodies came before, `!first`), later ones may also open with a list noun or a
/// proper name ("Phòng Kinh tế, Hạ tầng và Đô thị"); none is a bare head.
fn part_ok(f: &PartFacts, k0: bool, first: bool) -> bool {
    let good = if k0 {
        f.head || (!first && f.list_noun)
    } else {
        f.head || f.list_noun || f.upper
    };
    good && !f.bare
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

/// How well `cell` reads as a list of bodies: `(valid pieces, invalid pieces)`. (The reference
/// for [`AgencyScan`], which gives the same counts word by word.)
pub(crate) fn agency_pieces(cell: &str, learned_heads: &[String]) -> (usize, usize) {
    let words: Vec<&str> = cell.split_whitespace().collect();
    let mut counts = (0, 0);
    let cur = split_words(&words, 0, words.len(), 0, learned_heads, |p| {
        count_piece(&mut counts, p, learned_heads)
    });
    count_piece(&mut counts, &words[cur..], learned_heads);
    counts
}

/// [`agency_pieces`] of a text read word by word: after each word, the counts of the text so
/// far cost a few words' work, not the whole text's. Whether a body ends before a word is
/// settled once the three words after it are known ([`ends_before`]), so only the last three
/// words are read again for each answer; the body being read is checked as it grows
/// ([`PieceScan`]). Scoring every run of words that starts at one place is so linear in the
/// words instead of quadratic.
#[derive(Debug, Clone)]
pub(crate) struct AgencyScan<'a> {
    /// Bytes of a part's opening kept: the longest head, list noun or "Tổ quốc", and one
    /// character more.
    cap: usize,
    /// The longest head: a longer body is no bare head.
    max_head: usize,
    /// The last settled word.
    prev: Option<Cow<'a, str>>,
    /// The words after it, not settled yet (at most three between calls).
    pending: Vec<Cow<'a, str>>,
    /// The body being read (settled words): its length in bytes, joined by spaces.
    body_len: usize,
    /// Its text, while no longer than `max_head`.
    body: String,
    /// Its comma parts.
    piece: PieceScan,
    /// Valid and invalid bodies ended.
    counts: (usize, usize),
}

impl<'a> AgencyScan<'a> {
    /// An empty text.
    pub(crate) fn new(learned_heads: &[String]) -> AgencyScan<'a> {
        let max_head = HEADS
            .iter()
            .map(|h| h.len())
            .chain(learned_heads.iter().map(String::len))
            .max()
            .unwrap_or(0);
        let longest = LIST_NOUNS
            .iter()
            .map(|h| h.len())
            .chain([max_head, "Tổ quốc".len()])
            .max()
            .unwrap_or(0);
        AgencyScan {
            // the next character after the longest of them has at most four bytes
            cap: longest + 4,
            max_head,
            prev: None,
            pending: Vec::new(),
            body_len: 0,
            body: String::with_capacity(max_head),
            piece: PieceScan::new(longest + 4),
            counts: (0, 0),
        }
    }

    /// The text `old` (its words), ready to be continued.
    pub(crate) fn of(old: &'a str, learned_heads: &[String]) -> AgencyScan<'a> {
        let mut s = AgencyScan::new(learned_heads);
        for w in old.split_whitespace() {
            s.push(Cow::Borrowed(w), learned_heads);
        }
        s
    }

    /// Appends a word (not empty, no white space in it).
    pub(crate) fn push(&mut self, word: Cow<'a, str>, learned_heads: &[String]) {
        self.pending.push(word);
        // a word is settled once the three after it are known, or at once when they cannot
        // change whether a body ends before it (most words)
        while let Some(w) = self.pending.first() {
            let ready = self.pending.len() >= 4
                || self
                    .prev
                    .as_ref()
                    .is_none_or(|p| !window_matters(p, w, learned_heads));
            if !ready {
                break;
            }
            self.settle(learned_heads);
        }
    }

    /// Settles the first pending word: does a body end before it (looking at it and the
    /// pending words after it), then reads it into the body.
    fn settle(&mut self, learned_heads: &[String]) {
        if self.pending.is_empty() {
            return;
        }
        let w = self.pending.remove(0);
        if let Some(prev) = &self.prev {
            let mut next = [""; 4];
            next[0] = &w;
            let mut n = 1;
            for p in self.pending.iter().take(3) {
                next[n] = p;
                n += 1;
            }
            let body = Body::Known {
                len: self.body_len,
                text: (self.body_len <= self.max_head).then_some(self.body.as_str()),
            };
            if self.body_len > 0 && ends_before(prev, &next[..n], body, learned_heads) {
                self.end_body(learned_heads);
            }
        }
        if self.body_len > 0 {
            self.body_len += 1;
        }
        self.body_len += w.len();
        if self.body_len <= self.max_head {
            if !self.body.is_empty() {
                self.body.push(' ');
            }
            self.body.push_str(&w);
        }
        self.piece.feed(&w, self.cap, learned_heads);
        self.prev = Some(w);
    }

    /// Counts the body being read and starts a new one.
    fn end_body(&mut self, learned_heads: &[String]) {
        self.counts = self.counts_ended(learned_heads);
        self.piece.reset();
        self.body_len = 0;
        self.body.clear();
    }

    /// The counts with the body being read ended there.
    fn counts_ended(&self, learned_heads: &[String]) -> (usize, usize) {
        let (v, inv) = self.counts;
        if !self.piece.nonempty {
            (v, inv)
        } else if self.piece.ok(v + inv == 0, learned_heads) {
            (v + 1, inv)
        } else {
            (v, inv + 1)
        }
    }

    /// Makes `self` a copy of `o`, reusing its memory.
    fn copy_from(&mut self, o: &AgencyScan<'a>) {
        self.cap = o.cap;
        self.max_head = o.max_head;
        self.prev.clone_from(&o.prev);
        self.pending.clone_from(&o.pending);
        self.body_len = o.body_len;
        self.body.clone_from(&o.body);
        self.piece.copy_from(&o.piece);
        self.counts = o.counts;
    }

    /// [`AgencyScan::counts_with`] of one word or none, worked out in `scratch` (made a copy
    /// of `self`, its memory reused) instead of in a new copy.
    pub(crate) fn counts_with_in(
        &self,
        tail: Option<Cow<'a, str>>,
        learned_heads: &[String],
        scratch: &mut Option<AgencyScan<'a>>,
    ) -> (usize, usize) {
        if self.pending.is_empty() && tail.is_none() {
            return self.counts_ended(learned_heads);
        }
        let s = match scratch {
            Some(s) => {
                s.copy_from(self);
                s
            }
            None => scratch.insert(self.clone()),
        };
        if let Some(w) = tail {
            s.push(w, learned_heads);
        }
        while !s.pending.is_empty() {
            s.settle(learned_heads);
        }
        s.end_body(learned_heads);
        s.counts
    }

    /// `(valid pieces, invalid pieces)` of the text read so far followed by the words of
    /// `tail`: [`agency_pieces`] of them joined by spaces.
    pub(crate) fn counts_with<'b>(
        &self,
        tail: &[&'b str],
        learned_heads: &[String],
    ) -> (usize, usize)
    where
        'a: 'b,
    {
        if self.pending.is_empty() && tail.is_empty() {
            // (most texts: nothing to settle)
            return self.counts_ended(learned_heads);
        }
        let mut s: AgencyScan<'b> = self.clone();
        for &w in tail {
            s.push(Cow::Borrowed(w), learned_heads);
        }
        while !s.pending.is_empty() {
            s.settle(learned_heads);
        }
        s.end_body(learned_heads);
        s.counts
    }
}

/// The comma parts of a body read character by character, as [`piece_ok`] reads them: the
/// text in parentheses left out, parts cut at "," and ";", each part trimmed.
#[derive(Debug, Clone)]
struct PieceScan {
    /// A word was read (the next one comes after a space).
    started: bool,
    /// Something is left once the separators it ends on are trimmed (else no body is counted).
    nonempty: bool,
    /// Parentheses open.
    depth: usize,
    /// Index of the part being read (parts cut at "," or ";", empty ones included).
    k: usize,
    /// The first part, when ended and not empty.
    first: Option<PartFacts>,
    /// All later ended parts are good.
    rest_ok: bool,
    /// The part being read, from its first non-space character: at most `cap` bytes and a
    /// character.
    part: String,
    /// Its length in bytes, and up to its last non-space character.
    part_len: usize,
    part_end: usize,
    /// Its facts, once its opening is longer than `cap` bytes (they no longer change).
    stable: Option<PartFacts>,
}

impl PieceScan {
    /// Nothing read yet (`cap`: see [`AgencyScan`]).
    fn new(cap: usize) -> PieceScan {
        PieceScan {
            started: false,
            nonempty: false,
            depth: 0,
            k: 0,
            first: None,
            rest_ok: true,
            part: String::with_capacity(cap + 4),
            part_len: 0,
            part_end: 0,
            stable: None,
        }
    }

    /// Makes `self` a copy of `o`, reusing its memory.
    fn copy_from(&mut self, o: &PieceScan) {
        self.started = o.started;
        self.nonempty = o.nonempty;
        self.depth = o.depth;
        self.k = o.k;
        self.first = o.first;
        self.rest_ok = o.rest_ok;
        self.part.clone_from(&o.part);
        self.part_len = o.part_len;
        self.part_end = o.part_end;
        self.stable = o.stable;
    }

    /// Back to nothing read, keeping the memory.
    fn reset(&mut self) {
        self.started = false;
        self.nonempty = false;
        self.depth = 0;
        self.k = 0;
        self.first = None;
        self.rest_ok = true;
        self.part.clear();
        self.part_len = 0;
        self.part_end = 0;
        self.stable = None;
    }

    fn feed(&mut self, word: &str, cap: usize, learned_heads: &[String]) {
        if !self.started {
            self.started = true;
        } else {
            self.char(' ', cap, learned_heads);
        }
        self.nonempty |= word.chars().any(|c| c != ',' && c != ';');
        for ch in word.chars() {
            self.char(ch, cap, learned_heads);
        }
    }

    fn char(&mut self, ch: char, cap: usize, learned_heads: &[String]) {
        match ch {
            '(' => self.depth += 1,
            ')' => self.depth = self.depth.saturating_sub(1),
            _ if self.depth > 0 => {}
            ',' | ';' => {
                if let Some(f) = self.facts(learned_heads) {
                    if self.k == 0 {
                        self.first = Some(f);
                    } else {
                        self.rest_ok &= part_ok(&f, false, false);
                    }
                }
                self.k += 1;
                self.part.clear();
                self.part_len = 0;
                self.part_end = 0;
                self.stable = None;
            }
            _ => {
                if self.part_len == 0 && ch.is_whitespace() {
                    return;
                }
                self.part_len += ch.len_utf8();
                if self.part.len() < cap {
                    self.part.push(ch);
                }
                if !ch.is_whitespace() {
                    self.part_end = self.part_len;
                    if self.stable.is_none() && self.part_end >= cap {
                        self.stable = self.facts(learned_heads);
                    }
                }
            }
        }
    }

    /// The facts of the part being read (None when it is empty).
    fn facts(&self, learned_heads: &[String]) -> Option<PartFacts> {
        if self.part_end == 0 {
            return None;
        }
        if self.stable.is_some() {
            return self.stable;
        }
        // the part trimmed, when it is all in `part` (a longer one is no head)
        let whole = self.part.get(..self.part_end).unwrap_or("");
        Some(PartFacts::of(&self.part, whole, learned_heads))
    }

    /// Does the body read so far read as one ([`piece_ok`])?
    fn ok(&self, first: bool, learned_heads: &[String]) -> bool {
        self.rest_ok
            && self.first.is_none_or(|f| part_ok(&f, true, first))
            && self
                .facts(learned_heads)
                .is_none_or(|f| part_ok(&f, self.k == 0, first))
    }
}

/// The replacements of [`norm_name`], applied in this order. No pattern overlaps itself or
/// another one, and no replacement makes or breaks a later pattern's occurrence: the result is
/// the same as replacing all the occurrences in the lower-cased text at once ([`NormRuns`]).
const NAME_FORMS: [(&str, &str); 5] = [
    ("hội đồng nhân dân", "hđnd"),
    ("ủy ban nhân dân", "ubnd"),
    ("uỷ ban nhân dân", "ubnd"),
    ("&", " và "),
    ("–", "-"),
];

/// Short forms written interchangeably in plans, for comparing names.
pub(crate) fn norm_name(s: &str) -> String {
    let mut s = s.to_lowercase();
    for (a, b) in NAME_FORMS {
        if s.contains(a) {
            s = s.replace(a, b);
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// [`norm_name`] of `old`, when [`norm_name`] of `old`, a space and any text `t` holding no
/// 'Σ' is it joined by [`join_norms`] to `norm_name(t)`: when `old` holds no 'Σ' (the one
/// letter lower-cased by its context) and, lower-cased, ends with no start of a [`NAME_FORMS`]
/// pattern cut before one of its spaces (an occurrence across the joining space). `None` else.
pub(crate) fn norm_prefix(old: &str) -> Option<String> {
    if old.contains('Σ') {
        return None;
    }
    let low = old.to_lowercase();
    let open = NAME_FORMS
        .iter()
        .any(|(p, _)| p.match_indices(' ').any(|(k, _)| low.ends_with(&p[..k])));
    (!open).then(|| norm_name(old))
}

/// [`norm_name`] of two texts joined by a space, from the two texts' (see [`norm_prefix`]).
pub(crate) fn join_norms(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else if b.is_empty() {
        a.to_string()
    } else {
        let mut s = String::with_capacity(a.len() + 1 + b.len());
        s.push_str(a);
        s.push(' ');
        s.push_str(b);
        s
    }
}

/// [`norm_name`] of the texts of runs of words of one text, read off the text normalised once.
///
/// The text is made of words (no white space inside), each after one space or glued onto the
/// one before. Lower-casing goes character by character (the text holds no 'Σ', the one
/// letter lower-cased by its context) and every occurrence of a [`NAME_FORMS`] pattern is
/// replaced, so the normalised run is a slice of the normalised text unless a pattern's
/// occurrence crosses an end of the run, or an end falls inside a normalised word (a glued
/// word): those runs have no slice ([`NormRuns::of`] gives `None`).
pub(crate) struct NormRuns {
    /// The whole text normalised (`None`: no run is read off it).
    norm: Option<String>,
    /// Per word: where its run starts in `norm`, when a run may start there.
    starts: Vec<Option<usize>>,
    /// Per word: where its run ends in `norm`, when a run may end there.
    ends: Vec<Option<usize>>,
}

impl NormRuns {
    /// Of the text whose words are at the byte ranges `bounds` (in order).
    pub(crate) fn new(text: &str, bounds: &[(usize, usize)]) -> NormRuns {
        let none = NormRuns {
            norm: None,
            starts: vec![None; bounds.len()],
            ends: vec![None; bounds.len()],
        };
        if text.contains('Σ') {
            return none;
        }
        // lower-cased, piece by piece, and where each word starts and ends in it
        let mut low = String::with_capacity(text.len());
        let mut low_bounds = Vec::with_capacity(bounds.len());
        let mut at = 0;
        for &(a, b) in bounds {
            let (Some(sep), Some(word)) = (text.get(at..a), text.get(a..b)) else {
                return none;
            };
            low.extend(sep.chars().flat_map(char::to_lowercase));
            let start = low.len();
            low.extend(word.chars().flat_map(char::to_lowercase));
            low_bounds.push((start, low.len()));
            at = b;
        }
        // the occurrences of the patterns, in order (they overlap nowhere)
        let mut hits: Vec<(usize, usize, &str)> = NAME_FORMS
            .iter()
            .flat_map(|&(p, r)| low.match_indices(p).map(move |(i, _)| (i, i + p.len(), r)))
            .collect();
        hits.sort_unstable();
        if hits.windows(2).any(|w| w[0].1 > w[1].0) {
            return none;
        }
        // replaced, then white space collapsed: `map[i]` is where byte `i` of `low` goes in
        // the collapsed text when it is a word boundary there
        let mut norm = String::with_capacity(low.len());
        let mut map = vec![None; low.len() + 1];
        let mut pending_space = false;
        let mut push = |norm: &mut String, s: &str| {
            for ch in s.chars() {
                if ch.is_whitespace() {
                    pending_space = !norm.is_empty();
                } else {
                    if pending_space {
                        norm.push(' ');
                        pending_space = false;
                    }
                    norm.push(ch);
                }
            }
        };
        let mut i = 0;
        let mut h = 0;
        // a boundary: the byte before or the byte at `i` is white space (or an end)
        let space_at = |i: usize| low[i..].chars().next().is_none_or(char::is_whitespace);
        let space_before = |i: usize| low[..i].chars().next_back().is_none_or(char::is_whitespace);
        while i <= low.len() {
            if space_at(i) || space_before(i) {
                // the position in the collapsed text of the gap, once collapsed: before the
                // space still pending, if any
                map[i] = Some(norm.len());
            }
            if i == low.len() {
                break;
            }
            if let Some(&(x, y, r)) = hits.get(h) {
                if x == i {
                    push(&mut norm, r);
                    // inside an occurrence no run may end or start
                    i = y;
                    h += 1;
                    continue;
                }
            }
            let ch = low[i..].chars().next().unwrap_or(' ');
            let mut buf = [0u8; 4];
            push(&mut norm, ch.encode_utf8(&mut buf));
            i += ch.len_utf8();
        }
        let starts = low_bounds.iter().map(|&(a, _)| map[a]).collect();
        let ends = low_bounds.iter().map(|&(_, b)| map[b]).collect();
        NormRuns {
            norm: Some(norm),
            starts,
            ends,
        }
    }

    /// [`norm_name`] of the text of the words `a..b` (`a < b`), when it is a slice of the
    /// whole text normalised.
    pub(crate) fn of(&self, a: usize, b: usize) -> Option<&str> {
        let (s, e) = self.span(a, b)?;
        self.norm.as_deref()?.get(s..e)
    }

    /// Where [`NormRuns::of`] is in [`NormRuns::text`].
    pub(crate) fn span(&self, a: usize, b: usize) -> Option<(usize, usize)> {
        let norm = self.norm.as_deref()?;
        let s = (*self.starts.get(a)?)?;
        let e = (*self.ends.get(b.checked_sub(1)?)?)?;
        // (the space before the run's first word is the gap's; none ends a run)
        let s = if norm.get(s..)?.starts_with(' ') {
            s + 1
        } else {
            s
        };
        norm.get(s..e.max(s)).map(|_| (s, e.max(s)))
    }

    /// The whole text normalised (`None`: no run is read off it).
    pub(crate) fn text(&self) -> Option<&str> {
        self.norm.as_deref()
    }
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
    fn scan_gives_the_pieces_of_the_joined_text() {
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
            let scan = AgencyScan::of(old, &heads);
            for text in texts {
                let joined = if old.is_empty() {
                    text.to_string()
                } else {
                    format!("{old} {text}")
                };
                let words: Vec<&str> = text.split_whitespace().collect();
                assert_eq!(
                    scan.counts_with(&words, &heads),
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

    /// Words a cell of bodies is made of, and the marks around them.
    const VOCAB: &[&str] = &[
        "Văn",
        "phòng",
        "Phòng",
        "Ban",
        "ban",
        "Các",
        "các",
        "của",
        "và",
        "UBND",
        "Ủy",
        "ban",
        "nhân",
        "dân",
        "tỉnh",
        "Tổ",
        "quốc",
        "Sở",
        "Tư",
        "pháp",
        "ngành",
        "cơ",
        "quan",
        "Chi",
        "bộ",
        "Bộ",
        "Nội",
        "vụ",
        "Kinh",
        "tế",
        "Hạ",
        "tầng",
        "đơn",
        "vị",
        "Công",
        "an",
        "xã",
        "Mặt",
        "trận",
        "Người",
        "đứng",
        "đầu",
        "HĐND&UBND",
        "Trung",
        "tâm",
        "thuộc",
        "-",
        "–",
        "&",
        "(",
        ")",
        ",",
        ";",
        "liên",
        "Nam",
        "trực",
        "cấp",
        "doanh",
        "nghiệp",
        "Σ",
    ];

    fn word((i, mark): (usize, u8)) -> String {
        let w = VOCAB[i % VOCAB.len()];
        match mark {
            0 => format!("{w},"),
            1 => format!("{w};"),
            2 => format!("({w}"),
            3 => format!("{w})"),
            4 => format!("{w}-"),
            5 => format!("({w},"),
            _ => w.to_string(),
        }
    }

    /// Words for the normalised runs: the patterns of [`NAME_FORMS`] whole, cut and glued.
    const NAME_VOCAB: &[&str] = &[
        "Hội",
        "hội",
        "đồng",
        "Đồng",
        "nhân",
        "NHÂN",
        "dân",
        "Ủy",
        "ủy",
        "Uỷ",
        "uỷ",
        "ban",
        "Ban",
        "UBND",
        "HĐND&UBND",
        "&",
        "–",
        "-",
        "Phòng",
        "Văn",
        "hóa",
        "–Xã",
        "hội&",
        "dân–",
        "Σ",
        "ΣΑ",
        "İ",
        "xã",
        "66-",
        "NQ/TW",
        "và",
    ];

    #[test]
    fn norm_runs_are_slices_of_the_normalised_text() {
        let text = "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân&Phòng";
        let words: Vec<&str> = text.split(' ').collect();
        let mut bounds = Vec::new();
        let mut at = 0;
        for w in &words {
            bounds.push((at, at + w.len()));
            at += w.len() + 1;
        }
        let runs = NormRuns::new(text, &bounds);
        assert_eq!(
            runs.of(0, words.len()),
            Some("văn phòng hđnd và ubnd và phòng")
        );
        assert_eq!(runs.of(2, 6), Some("hđnd"));
        assert_eq!(runs.of(6, 7), Some("và"));
        assert_eq!(runs.of(0, 2), Some("văn phòng"));
        // a run cutting an occurrence short is no slice
        assert_eq!(runs.of(3, 6), None);
        assert_eq!(runs.of(2, 5), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// The head test on words agrees with the test on their joined text.
        #[test]
        fn head_of_words_agrees_with_the_joined_text(
            raw in proptest::collection::vec((0usize..1000, 0u8..14), 1..5),
            head in 0usize..HEADS.len(),
            cut in 0usize..20,
            learned in proptest::bool::ANY,
        ) {
            let heads: Vec<String> = if learned {
                vec!["Chi bộ".to_string(), "Tổ dân".to_string(), "Tổ".to_string()]
            } else {
                Vec::new()
            };
            let mut words: Vec<String> = raw.into_iter().map(word).collect();
            let h = HEADS[head];
            let cut = h.char_indices().nth(cut).map_or(h.len(), |(i, _)| i);
            words.insert(0, h[..cut].to_string());
            let mut words: Vec<&str> = words.iter().map(String::as_str).collect();
            // a head cut at its space gives two words ("Văn", "phòng")
            if let Some((a, b)) = words[0].split_once(' ') {
                words.splice(0..1, [a, b]);
            }
            words.truncate(4);
            proptest::prop_assert_eq!(
                starts_with_head_words(&words, &heads),
                starts_with_head(&words.join(" "), &heads),
                "{:?}", words
            );
        }
    }

    /// The first characters `connects` lets through are all those whose lowering opens a
    /// connector, "các" or "của".
    #[test]
    fn connector_openings() {
        let opens: Vec<char> = CONNECTORS
            .iter()
            .chain(&["các", "của"])
            .filter_map(|w| w.chars().next())
            .collect();
        for u in 0..=0x10FFFFu32 {
            if let Some(c) = char::from_u32(u) {
                if c.to_lowercase().next().is_some_and(|l| opens.contains(&l)) {
                    assert!(
                        matches!(c, 'v' | 'V' | 'c' | 'C' | 't' | 'T' | '&' | '-' | '–' | '('),
                        "U+{u:04X}"
                    );
                }
            }
        }
    }

    /// The head and list-noun tests read by first byte answer as over the whole lists.
    #[test]
    fn grouped_heads_agree_with_the_lists() {
        let mut texts: Vec<String> = Vec::new();
        for &h in HEADS.iter().chain(LIST_NOUNS) {
            texts.push(h.to_string());
            texts.push(format!("{h} x"));
            texts.push(format!("{h}x"));
            texts.push(h.chars().skip(1).collect());
            texts.push(h.to_lowercase());
        }
        texts.extend(["", " ", "Tổ quốc", "x", "Ă"].map(String::from));
        for t in &texts {
            let first = t.as_bytes().first();
            let heads = HEADS
                .iter()
                .any(|h| h.as_bytes().first() == first && starts_with_word(t, h));
            assert_eq!(
                starts_with_head(t, &[]),
                !t.starts_with("Tổ quốc") && heads,
                "{t}"
            );
            let nouns = LIST_NOUNS
                .iter()
                .any(|h| h.as_bytes().first() == first && starts_with_word(t, h));
            assert_eq!(starts_with_list_noun(t), nouns, "{t}");
            assert_eq!(
                heads_opening(first).contains(&t.as_str()),
                HEADS.contains(&t.as_str()),
                "{t}"
            );
            for w in t.split(' ').filter(|w| !w.is_empty()) {
                let opens = |h: &str| {
                    w.starts_with(h)
                        || (h.len() > w.len() && h.starts_with(w) && h.as_bytes()[w.len()] == b' ')
                };
                let f = w.as_bytes().first();
                let reference = HEADS.iter().any(|h| h.as_bytes().first() == f && opens(h));
                assert_eq!(may_open_head(w, &[]), reference, "{w}");
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Every run read off the normalised text is what `norm_name` gives for its text.
        #[test]
        fn norm_runs_agree_with_norm_name(
            raw in proptest::collection::vec((0usize..1000, proptest::bool::weighted(0.15)), 1..24),
        ) {
            let mut text = String::new();
            let mut bounds = Vec::new();
            for (k, (i, glue)) in raw.iter().enumerate() {
                if k > 0 && !glue {
                    text.push(' ');
                }
                let start = text.len();
                text.push_str(NAME_VOCAB[i % NAME_VOCAB.len()]);
                bounds.push((start, text.len()));
            }
            let runs = NormRuns::new(&text, &bounds);
            for a in 0..bounds.len() {
                for b in a + 1..=bounds.len() {
                    let run = &text[bounds[a].0..bounds[b - 1].1];
                    if let Some(n) = runs.of(a, b) {
                        proptest::prop_assert_eq!(n, norm_name(run), "{}", run);
                    }
                }
            }
            // runs that neither cut an occurrence short nor end inside a glued word, in a text
            // with no 'Σ', are read off it
            if !text.contains('Σ') && raw.iter().all(|&(_, glue)| !glue) {
                let n = bounds.len();
                proptest::prop_assert!(runs.of(0, n).is_some(), "{}", text);
            }
        }

        /// `connects` lowers the word on the stack as the reference lowers it whole.
        #[test]
        fn connects_agrees_with_the_reference(
            raw in proptest::collection::vec((0usize..1000, 0u8..14), 1..3),
        ) {
            let w: String = raw.iter().map(|&x| word(x)).collect();
            let (low, connected) = connects_ref(&w);
            proptest::prop_assert_eq!(connects(&w), (connected, ["các", "của"].contains(&low.as_str())), "{}", w);
        }

        /// The normalised text of a text joined to another is the two normalised texts
        /// joined, unless `norm_prefix` says no.
        #[test]
        fn joined_norms_agree_with_norm_name(
            a in proptest::collection::vec((0usize..1000, 0usize..6), 0..10),
            b in proptest::collection::vec((0usize..1000, 0usize..6), 0..10),
        ) {
            let seps = [" ", " ", " ", "", "  ", "\t"];
            let text = |raw: &[(usize, usize)]| {
                let mut t = String::new();
                for &(i, sep) in raw {
                    t.push_str(NAME_VOCAB[i % NAME_VOCAB.len()]);
                    t.push_str(seps[sep]);
                }
                t
            };
            let (old, t) = (text(&a), text(&b));
            if let Some(p) = norm_prefix(&old) {
                proptest::prop_assert_eq!(&p, &norm_name(&old));
                if !t.contains('Σ') {
                    let joined = format!("{old} {t}");
                    proptest::prop_assert_eq!(join_norms(&p, &norm_name(&t)), norm_name(&joined), "{:?}", joined);
                }
            }
        }

        /// Read word by word, the scan gives after every word what the whole reference
        /// splitting gives for the text so far, and so with any words still to come.
        #[test]
        fn scan_agrees_with_the_reference(
            raw in proptest::collection::vec((0usize..1000, 0u8..14), 0..40),
            cut in 0usize..40,
            learned in proptest::bool::ANY,
        ) {
            let heads: Vec<String> = if learned {
                vec!["Chi bộ".to_string(), "Tổ dân".to_string()]
            } else {
                Vec::new()
            };
            let words: Vec<String> = raw.into_iter().map(word).collect();
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let mut scan = AgencyScan::new(&heads);
            // (one scratch for every answer, as a run's scan keeps it)
            let mut scratch = None;
            for (i, w) in refs.iter().enumerate() {
                if i == cut.min(refs.len()) {
                    proptest::prop_assert_eq!(
                        scan.counts_with(&refs[i..], &heads),
                        agency_pieces(&refs.join(" "), &heads)
                    );
                }
                proptest::prop_assert_eq!(
                    scan.counts_with_in(Some(Cow::Borrowed(w)), &heads, &mut scratch),
                    agency_pieces(&refs[..=i].join(" "), &heads),
                    "{}", refs[..=i].join(" ")
                );
                scan.push(Cow::Borrowed(w), &heads);
                proptest::prop_assert_eq!(
                    scan.counts_with(&[], &heads),
                    agency_pieces(&refs[..=i].join(" "), &heads),
                    "{}", refs[..=i].join(" ")
                );
                proptest::prop_assert_eq!(
                    scan.counts_with_in(None, &heads, &mut scratch),
                    agency_pieces(&refs[..=i].join(" "), &heads)
                );
            }
        }

        /// A word that can open no head opens none whatever follows it.
        #[test]
        fn no_head_opens_where_none_may(
            raw in proptest::collection::vec((0usize..1000, 0u8..14), 1..6),
            head in 0usize..HEADS.len(),
            cut in 0usize..20,
        ) {
            let heads = vec!["Chi bộ".to_string()];
            let mut words: Vec<String> = raw.into_iter().map(word).collect();
            // and heads, whole or cut short
            let h = HEADS[head];
            let cut = h.char_indices().nth(cut).map_or(h.len(), |(i, _)| i);
            words.insert(0, h[..cut].trim().to_string());
            for i in 0..words.len() {
                let text = words[i..].join(" ");
                if let Some(w) = words[i].split_whitespace().next() {
                    if !may_open_head(w, &heads) {
                        proptest::prop_assert!(!starts_with_head(&text, &heads), "{}", text);
                    }
                }
            }
        }

        /// One body read character by character is judged as `piece_ok` judges it.
        #[test]
        fn piece_scan_agrees_with_piece_ok(
            raw in proptest::collection::vec((0usize..1000, 0u8..14), 1..12),
            first in proptest::bool::ANY,
        ) {
            let heads = vec!["Chi bộ".to_string()];
            let words: Vec<String> = raw.into_iter().map(word).collect();
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let cap = AgencyScan::new(&heads).cap;
            let mut piece = PieceScan::new(cap);
            for w in &refs {
                piece.feed(w, cap, &heads);
            }
            match piece_text(&refs) {
                Some(p) => {
                    proptest::prop_assert!(piece.nonempty);
                    proptest::prop_assert_eq!(piece.ok(first, &heads), piece_ok(&p, first, &heads), "{}", p);
                }
                None => proptest::prop_assert!(!piece.nonempty),
            }
        }
    }
}
