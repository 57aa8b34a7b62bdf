//! Text decoding: detection over arbitrary bytes, every forced encoding, the legacy decoders,
//! and encoding the decoded text back.
#![no_main]
#![forbid(unsafe_code)]

use libfuzzer_sys::fuzz_target;
use sohoa_text::{decode, encode, Encoding};

fuzz_target!(|data: &[u8]| {
    if let Ok(d) = decode(data, None) {
        for (i, l) in d.lines.iter().enumerate() {
            assert_eq!(l.no as usize, i + 1, "lines are numbered from 1 in order");
        }
        let text: Vec<&str> = d.lines.iter().map(|l| l.text.as_str()).collect();
        let _ = encode(&text.join("\n"), d.encoding);
    }
    for e in Encoding::ALL {
        let _ = decode(data, Some(e));
    }
    // UTF-8 input also drives the legacy paths: written in each legacy encoding, then detected
    // and decoded (forced and not).
    if let Ok(s) = std::str::from_utf8(data) {
        for e in [
            Encoding::Windows1258,
            Encoding::Tcvn3,
            Encoding::Vni,
            Encoding::Viqr,
            Encoding::Utf16Le,
        ] {
            let b = encode(s, e);
            let _ = decode(&b, None);
            let _ = decode(&b, Some(e));
        }
    }
    let _ = sohoa_text::decode_tcvn3(data);
    let _ = sohoa_text::decode_vni(data);
    let _ = sohoa_text::decode_vni_units(data);
});
