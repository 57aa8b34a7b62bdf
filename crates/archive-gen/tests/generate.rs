//! The generator is deterministic and gives the stated mix.
use std::collections::{BTreeMap, BTreeSet};

use sohoa_archive_gen::{generate, mix, write_archive, Kind};
use sohoa_text::{decode, Encoding};

#[test]
fn deterministic_and_mixed() {
    let a = generate(100, 1);
    assert_eq!(a, generate(100, 1), "same seed, same files");
    let b = generate(100, 2);
    assert_ne!(a, b, "another seed, other files");

    // the stated mix, exactly
    let mut counts: BTreeMap<Kind, usize> = BTreeMap::new();
    for f in &a {
        *counts.entry(f.kind).or_default() += 1;
    }
    let want: BTreeMap<Kind, usize> = mix(100).into_iter().filter(|x| x.1 > 0).collect();
    assert_eq!(counts, want);
    assert_eq!(counts[&Kind::Ocr], 12);
    assert_eq!(counts[&Kind::Tcvn3], 4);

    // every file is what its kind says
    let mut units = BTreeSet::new();
    let mut templates = BTreeSet::new();
    let paths: BTreeSet<&str> = a.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths.len(), a.len(), "paths are unique");
    for p in &paths {
        let (folder, name) = p.split_once('/').unwrap_or(("", p));
        assert!(
            !folder.is_empty() && !name.contains('/') && !name.starts_with('.'),
            "{p}: FOLDER/NAME"
        );
    }
    for f in &a {
        templates.insert(f.template);
        if let Some(u) = &f.unit {
            units.insert(u.clone());
        }
        let d = decode(&f.bytes, None);
        let want = match f.kind {
            Kind::Clean | Kind::CleanNfd | Kind::CleanBomCrlf | Kind::Ocr | Kind::Truncated => {
                Some(Encoding::Utf8)
            }
            Kind::Utf16Le => Some(Encoding::Utf16Le),
            Kind::Tcvn3 => Some(Encoding::Tcvn3),
            Kind::Vni => Some(Encoding::Vni),
            Kind::Windows1258 => Some(Encoding::Windows1258),
            Kind::Junk | Kind::InvalidUtf8 | Kind::NulBytes => None,
        };
        match want {
            Some(e) => {
                let d = d.unwrap_or_else(|err| panic!("{}: {err}", f.path));
                assert_eq!(d.encoding, e, "{}", f.path);
                assert!(d.lines.len() > 5, "{}", f.path);
            }
            None if f.kind == Kind::Junk => {}
            None => assert!(d.is_err(), "{} should be refused", f.path),
        }
        if f.kind == Kind::Clean {
            if let Some(u) = &f.unit {
                // "code type name"; types of one or two words
                let rest = u.split_once(' ').map_or(u.as_str(), |x| x.1);
                let name = ["thành phố ", "đặc khu ", "tỉnh ", "xã ", "phường "]
                    .iter()
                    .find_map(|k| rest.strip_prefix(k))
                    .unwrap_or(rest);
                let text = String::from_utf8_lossy(&f.bytes);
                assert!(text.contains(name), "{}: {name} not in the text", f.path);
            }
        }
    }
    assert!(units.len() >= 50, "varied units: {}", units.len());
    assert!(templates.len() >= 10, "{templates:?}");
    // the province-level documents name another province
    let provincial: Vec<&str> = a
        .iter()
        .filter(|f| f.template.starts_with("laocai"))
        .filter_map(|f| f.unit.as_deref())
        .collect();
    assert!(!provincial.is_empty());
    for u in provincial {
        let code = u.split(' ').next().unwrap_or("");
        assert_eq!(code.len(), 2, "{u}: a province code");
    }
}

#[test]
fn writes_an_archive_with_a_manifest() {
    let dir = std::env::temp_dir().join(format!("sohoa-gen-test-{}", std::process::id()));
    let s = write_archive(&dir, 30, 5).expect("writes");
    assert_eq!(s.files, 30);
    let manifest = std::fs::read_to_string(dir.join(".manifest.tsv")).expect("manifest");
    assert_eq!(manifest.lines().count(), 31);
    let files = generate(30, 5);
    for f in &files {
        let on_disk = std::fs::read(dir.join(&f.path)).expect("file written");
        assert_eq!(on_disk, f.bytes);
    }
    assert_eq!(
        s.bytes,
        files.iter().map(|f| f.bytes.len() as u64).sum::<u64>()
    );
    std::fs::remove_dir_all(&dir).ok();
}
