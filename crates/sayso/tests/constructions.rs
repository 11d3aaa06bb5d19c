//! Every construction sayso must find, one row each, through the default engine (the rules
//! and the built-in model), on short articles written for these tests.
//!
//! A row is `t!(name, text, expected...)`; each expected attribution is one line
//! `kind | source | cue | content`, with content fragments joined by ` … ` and `-` for a
//! missing source or cue. The article must give exactly those attributions, in text order.

use sayso::{Attribution, AttributionKind, Extractor};

fn render(text: &str, a: &Attribution) -> String {
    let kind = match a.kind {
        AttributionKind::Direct => "direct",
        AttributionKind::Indirect => "indirect",
        AttributionKind::Mixed => "mixed",
    };
    let or_dash = |s: Option<sayso::Span>| s.map_or("-", |s| s.text(text));
    let content: Vec<&str> = a.content.iter().map(|s| s.text(text)).collect();
    format!("{kind} | {} | {} | {}", or_dash(a.source), or_dash(a.cue), content.join(" … "))
}

fn check(text: &str, expected: &[&str]) {
    let extraction = Extractor::new().extract(text);
    let found: Vec<String> = extraction.attributions.iter().map(|a| render(text, a)).collect();
    assert_eq!(
        found,
        expected,
        "\ntext:\n{text}\nfound:\n  {}\nexpected:\n  {}\n",
        found.join("\n  "),
        expected.join("\n  ")
    );
}

fn boilerplate(text: &str) -> Vec<&str> {
    Extractor::new().extract(text).boilerplate.iter().map(|s| s.text(text)).collect()
}

macro_rules! t {
    ($name:ident, $text:expr $(, $expected:expr)* $(,)?) => {
        #[test]
        fn $name() {
            check($text, &[$($expected),*]);
        }
    };
}

// Direct quotes in every mark.
t!(curly_double, "“We will win,” she said.", "direct | she | said | “We will win,”");
t!(straight_double, "\"We will win,\" she said.", "direct | she | said | \"We will win,\"");
t!(curly_single, "‘We will win,’ she said.", "direct | she | said | ‘We will win,’");
t!(straight_single, "'We will win,' she said.", "direct | she | said | 'We will win,'");
t!(guillemets, "«We will win,» she said.", "direct | she | said | «We will win,»");
t!(low_high, "„We will win,“ she said.", "direct | she | said | „We will win,“");

// Apostrophes are not quote marks.
t!(
    apostrophes_inside_a_quote,
    "“We don’t care about Putin’s plans or the ’90s or rock ’n’ roll,” the minister said.",
    "direct | the minister | said | “We don’t care about Putin’s plans or the ’90s or rock ’n’ roll,”"
);

// Split quotes: one attribution, two fragments.
t!(
    split_quote,
    "“We will win,” he said, “and soon.”",
    "direct | he | said | “We will win,” … “and soon.”"
);

// Colon-introduced quotes, and the speaker in the sentence before.
t!(
    colon_quote,
    "Ms Okafor said: “Families have waited long enough.”",
    "direct | Ms Okafor | said: | “Families have waited long enough.”"
);
t!(
    speaker_in_the_paragraph_before,
    "Ms Okafor visited Tewkesbury on Tuesday. She added:\n\n“Nobody will wait any longer.”",
    "direct | She | added: | “Nobody will wait any longer.”"
);

// A quote over several paragraphs, each reopened and only the last closed.
t!(
    multi_paragraph_quote,
    "“The decision changes everything,” Ms Okafor said. “We have waited for years.\n\n\
     “Not any more.”",
    "direct | Ms Okafor | said | “The decision changes everything,” … “We have waited for years. … “Not any more.”"
);

// Indirect speech.
t!(
    said_that,
    "The minister said that the plan would save money.",
    "indirect | The minister | said | that the plan would save money"
);
t!(
    told_that,
    "Ms Okafor told the BBC that the agency would keep its offices.",
    "indirect | Ms Okafor | told | that the agency would keep its offices"
);
t!(
    said_after,
    "The plan will save £140 million a year, the minister said.",
    "indirect | the minister | said | The plan will save £140 million a year"
);
t!(
    according_to,
    "According to the Environment Agency, more than 6,000 homes were flooded.",
    "indirect | the Environment Agency | According to | more than 6,000 homes were flooded"
);
t!(
    warned_with_a_nominal_source,
    "A senior official warned that experienced engineers were leaving.",
    "indirect | A senior official | warned | that experienced engineers were leaving"
);
t!(
    said_with_an_appositive,
    "Dame Helen Marsh, former head of the agency, said the merger would hurt rural areas.",
    "indirect | Dame Helen Marsh, former head of the agency, | said | the merger would hurt rural areas"
);

t!(
    alleged_that,
    "Tom Whitfield alleged that the files had been destroyed.",
    "indirect | Tom Whitfield | alleged | that the files had been destroyed"
);
t!(
    claimed_that_with_a_pronoun,
    "He claimed that the vote had been rigged.",
    "indirect | He | claimed | that the vote had been rigged"
);
t!(
    insisted_that,
    "The mayor insisted that the bridge was safe.",
    "indirect | The mayor | insisted | that the bridge was safe"
);
t!(
    suggested_that,
    "One Lisbon resident suggested that the fares were too high.",
    "indirect | One Lisbon resident | suggested | that the fares were too high"
);
t!(
    sources_close_to,
    "Sources close to the ministry said the talks had failed.",
    "indirect | Sources close to the ministry | said | the talks had failed"
);
t!(
    further_reports,
    "Further reports claimed that the ship had sunk.",
    "indirect | Further reports | claimed | that the ship had sunk"
);
t!(
    another,
    "One driver said the road was closed. Another said it had reopened.",
    "indirect | One driver | said | the road was closed",
    "indirect | Another | said | it had reopened"
);
t!(dash_quote, "— We will win, she said.", "direct | she | said | — We will win,");

// A partial quote inside indirect speech.
t!(
    partial_quote_is_mixed,
    "Tom Ridley called the plan a “historic mistake”.",
    "mixed | Tom Ridley | called | the plan a “historic mistake”"
);

// A second cue in the same clause shares the first one's source.
t!(
    coordinated_cue_shares_the_source,
    "Tom Ridley called the plan a “historic mistake” and said local knowledge would be lost.",
    "mixed | Tom Ridley | called | the plan a “historic mistake”",
    "indirect | Tom Ridley | said | local knowledge would be lost"
);
t!(
    participle_cue_shares_the_source,
    "The minister has defended the plans, insisting the change will bring faster help to towns.",
    "indirect | The minister | has defended | the plans",
    "indirect | The minister | insisting | the change will bring faster help to towns"
);

// Boilerplate is never part of an attribution, and a quoted headline in a promo is no quote.
t!(
    promo_with_a_quoted_headline,
    "READ MORE: ‘We were abandoned,’ say flood victims [REVEAL]\n\n“It is over,” she said.",
    "direct | she | said | “It is over,”"
);

#[test]
fn promotion_lines_are_boilerplate() {
    let text = "READ MORE: Floods hit Yorkshire [REVEAL]\nDON’T MISS: Insurance bills soar\n\
                READ NEXT: The new agency\nSign up to our newsletter\nAdvertisement\n\
                Click here to subscribe\n“It is over,” she said.";
    assert_eq!(
        boilerplate(text),
        [
            "READ MORE: Floods hit Yorkshire [REVEAL]",
            "DON’T MISS: Insurance bills soar",
            "READ NEXT: The new agency",
            "Sign up to our newsletter",
            "Advertisement",
            "Click here to subscribe",
        ]
    );
    check(text, &["direct | she | said | “It is over,”"]);
}

#[test]
fn according_to_as_the_last_words_is_no_panic() {
    for text in ["Prices rose sharply, according to", "According to", "according to\n\n"] {
        Extractor::new().extract(text);
        Extractor::rules().extract(text);
    }
}

#[test]
fn a_text_longer_than_a_piece_is_extracted_piece_by_piece() {
    let article =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/okafor.txt"))
            .expect("the shipped example");
    let one = Extractor::new().extract(&article);
    let copies = sayso::PIECE / article.len() * 3;
    let text = format!("{article}\n").repeat(copies);
    let all = Extractor::new().extract(&text);
    // Every piece is cut at a paragraph break between copies, so each copy reads as one.
    assert!(all.attributions.len() >= one.attributions.len() * copies * 9 / 10);
    let mut last = 0;
    for a in &all.attributions {
        let first = a.content[0];
        assert!(first.start >= last, "attributions out of order");
        last = first.start;
        for s in a.content.iter().chain(&a.cue).chain(&a.source) {
            assert!(text.get(s.start..s.end).is_some(), "span {s:?} off a char boundary");
        }
        if let Some(e) = a.speaker.as_ref().and_then(|s| s.entity) {
            assert!(e < all.entities.len());
        }
    }
    for (i, e) in all.entities.iter().enumerate() {
        assert_eq!(e.id, i);
        assert!(e.mentions.iter().all(|s| text.get(s.start..s.end).is_some()));
    }
}

#[test]
fn the_rules_take_an_adverb_before_a_noun_as_part_of_the_source() {
    // The rules alone, so that the row above does not rest on what the model happens to learn.
    let source = |text: &str| -> Vec<String> {
        let extraction = Extractor::rules().extract(text);
        extraction
            .attributions
            .iter()
            .map(|a| a.source.map_or("-", |s| s.text(text)).to_string())
            .collect()
    };
    assert_eq!(source("Further reports claimed that the ship had sunk."), ["Further reports"]);
    assert_eq!(source("Earlier reports said the bridge had closed."), ["Earlier reports"]);
    assert_eq!(source("He later said the bridge had closed."), ["He"]);
}
