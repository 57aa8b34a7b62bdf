//! Hostile PDFs (issue 7): decompression bombs, objects nested 100 000 deep, truncated and
//! encrypted files. Each is a clear error, in bounded time and memory, never a crash.

use sohoa_pdf::{read_pdf, read_pdf_with, Limits, PdfError, MAX_DEPTH};

fn bad(name: &str) -> Vec<u8> {
    let path = format!("{}/../../fixtures/bad/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A PDF with a correct cross-reference table; object 1 is the catalog.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

fn stream(content: &[u8]) -> Vec<u8> {
    let mut s = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
    s.extend(content);
    s.extend(b"\nendstream");
    s
}

/// A one-page plan ("KE HOACH") with `extra` as object 6 and `more` appended to the content.
fn one_page(extra: &[u8], more: &[u8]) -> Vec<u8> {
    let mut content = b"BT /F1 12 Tf 72 770 Td (KE HOACH) Tj ET ".to_vec();
    content.extend(more);
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
        stream(&content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        extra.to_vec(),
    ])
}

fn nest(open: &str, close: &str, depth: usize) -> Vec<u8> {
    let mut v = open.repeat(depth).into_bytes();
    v.extend(close.repeat(depth).bytes());
    v
}

/// Runs `f` on a thread with a 1 MiB stack (half what a batch worker has), so that a parser
/// recursing once per nesting level would overflow it.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .expect("thread")
        .join()
        .expect("no panic")
}

#[test]
fn decompression_bombs_are_refused() {
    // A content stream and an object stream (which the PDF library unpacks while loading), each
    // 2.5 kB inflating to 1 GiB through two FlateDecode filters (tools/make-bad-pdfs.py).
    for f in ["pdf-bomb.pdf", "pdf-bomb-objstm.pdf"] {
        let bytes = bad(f);
        assert!(bytes.len() < 4096, "{f}");
        let err = read_pdf(&bytes).expect_err("refused");
        assert!(
            matches!(err, PdfError::Bomb { limit } if limit == 64 << 20),
            "{f}: {err:?}"
        );
        assert!(err.to_string().contains("--max-bytes"), "{err}");
        let small = Limits {
            max_inflated: 1 << 20,
        };
        assert!(matches!(
            read_pdf_with(&bytes, &small),
            Err(PdfError::Bomb { limit }) if limit == 1 << 20
        ));
    }
}

fn flate(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).expect("compress");
    e.finish().expect("compress")
}

#[test]
fn the_limit_counts_all_streams_together() {
    // Three compressed content streams of 40 kB each: fine under a 128 kB limit, refused under
    // 100 kB although each stream alone fits.
    let content = b"BT /F1 12 Tf 72 770 Td (KE HOACH) Tj ET\n".repeat(1000);
    let z = flate(&content);
    let mut s = format!("<< /Length {} /Filter /FlateDecode >>\nstream\n", z.len()).into_bytes();
    s.extend(&z);
    s.extend(b"\nendstream");
    let bytes = pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents [4 0 R 6 0 R 7 0 R] >>".to_vec(),
        s.clone(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        s.clone(),
        s,
    ]);
    let n = content.len() as u64;
    let fits = Limits {
        max_inflated: 3 * n + 10,
    };
    assert!(read_pdf_with(&bytes, &fits).is_ok());
    let tight = Limits {
        max_inflated: 5 * n / 2,
    };
    assert!(matches!(
        read_pdf_with(&bytes, &tight),
        Err(PdfError::Bomb { .. })
    ));
}

#[test]
fn objects_nested_100_000_deep_are_refused_without_overflowing_the_stack() {
    let n = 100_000;
    let cases = [
        ("arrays", one_page(&nest("[", "]", n), b"")),
        ("dictionaries", one_page(&nest("<< /A ", ">>", n), b"")),
        (
            "unclosed arrays",
            one_page(&"[".repeat(n).into_bytes(), b""),
        ),
        ("trailer", pdf(&[nest("<< /K ", ">>", n)])),
    ];
    for (what, bytes) in cases {
        let err = on_small_stack(move || read_pdf(&bytes)).expect_err(what);
        assert!(
            matches!(err, PdfError::TooDeep { offset } if offset > 0),
            "{what}: {err:?}"
        );
        assert!(err.to_string().contains("nests objects"), "{err}");
    }
    // in a content stream: the page is unreadable (the only page: the file is refused)
    let bytes = one_page(b"null", &nest("[", "]", n));
    let err = on_small_stack(move || read_pdf(&bytes)).expect_err("content");
    assert!(err.to_string().contains("nested more than"), "{err}");
}

#[test]
fn nesting_up_to_the_limit_is_read() {
    let bytes = one_page(&nest("[", "]", MAX_DEPTH), &nest("[", "]", MAX_DEPTH - 1));
    let text = on_small_stack(move || read_pdf(&bytes)).expect("read");
    assert_eq!(text.pages[0].lines[0].text, "KE HOACH");
}

#[test]
fn truncated_and_encrypted_fixtures_are_clear_errors() {
    let err = read_pdf(&bad("truncated.pdf")).expect_err("truncated");
    assert!(matches!(err, PdfError::Damaged(_)), "{err:?}");
    let err = read_pdf(&bad("encrypted.pdf")).expect_err("encrypted");
    assert!(matches!(err, PdfError::Encrypted), "{err:?}");
}
