//! Whatever bytes a file holds, `sayso extract` exits with 0 or 1, never panics, and every
//! span it prints (entity mentions included) is a valid slice of the text.

mod common;

use common::{check_spans, sayso, Scratch};
use proptest::prelude::*;

/// Mostly text-like bytes, so that inputs get past the UTF-8 check and reach the engine,
/// with arbitrary bytes mixed in.
fn article_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        4 => "[ a-zA-Z.,:;!?'\"\n]{0,40}".prop_map(String::into_bytes),
        3 => prop::sample::select(vec!["“", "”", "‘", "’", " said ", "READ MORE: ", "\u{a0}", "\r\n", "—", "é", "👍"])
            .prop_map(|s| s.as_bytes().to_vec()),
        1 => prop::collection::vec(any::<u8>(), 0..8),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    // Each case starts the binary twice; a few dozen cases keep this test quick.
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_exit_0_or_1(bytes in article_bytes()) {
        let scratch = Scratch::new("any-bytes");
        let text = scratch.write("any.txt", &bytes);
        let jsonl = scratch.write("any.jsonl", &bytes);
        for path in [&text, &jsonl] {
            let run = sayso(["extract".as_ref(), "--offsets".as_ref(), "chars".as_ref(), path.as_os_str()], b"");
            prop_assert!(!run.stderr.contains("panicked"), "{}", run);
            prop_assert!(matches!(run.code, Some(0 | 1)), "{}", run);
            // Whatever was printed for the plain-text route holds valid spans and entities.
            if path == &text && run.code == Some(0) {
                if let Ok(article_text) = std::str::from_utf8(&bytes) {
                    for article in run.articles() {
                        check_spans(&article, article_text, true);
                    }
                }
            }
        }
    }
}
