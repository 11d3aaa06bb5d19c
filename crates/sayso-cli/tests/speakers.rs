//! Speaker resolution through the binary: resolved speakers and entities in the JSON, the
//! pretty format, char offsets, and `sayso eval --speakers`.

mod common;

use common::{check_spans, example, sayso, Scratch};
use serde_json::Value;

const OKAFOR: &str = include_str!("../../../examples/okafor.txt");

fn attribution_by_source<'a>(article: &'a Value, source: &str, nth: usize) -> &'a Value {
    article["attributions"]
        .as_array()
        .expect("attributions")
        .iter()
        .filter(|a| a["source"]["text"] == source)
        .nth(nth)
        .unwrap_or_else(|| panic!("no attribution number {nth} with source {source:?}"))
}

#[test]
fn pronouns_and_partial_names_resolve_to_one_entity() {
    let run = sayso(["extract".as_ref(), example("okafor.txt").as_os_str()], b"");
    run.expect_code(0);
    let article = &run.articles()[0];
    check_spans(article, OKAFOR, false);
    let she = &attribution_by_source(article, "she", 0)["speaker"];
    let ms = &attribution_by_source(article, "Ms Okafor", 0)["speaker"];
    assert_eq!(she["name"], "Amara Okafor", "{she}");
    assert_eq!(she["kind"], "person");
    assert_eq!(she["entity"], ms["entity"]);
    let entity = &article["entities"][she["entity"].as_u64().expect("entity id") as usize];
    assert_eq!(entity["name"], "Amara Okafor");
    assert_eq!(entity["kind"], "person");
    assert_eq!(entity["named"], true);
    assert!(entity["quoted"].as_u64().expect("quoted") >= 5, "{entity}");
    let mentions: Vec<&str> = entity["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .filter_map(|m| m["text"].as_str())
        .collect();
    assert!(mentions.contains(&"Ms Okafor") && mentions.contains(&"she"), "{mentions:?}");
    // `The water minister` introduces her before her name.
    assert!(entity["descriptions"]
        .as_array()
        .expect("descriptions")
        .contains(&"water minister".into()));
    // `she told the Commons` goes to Dame Helen Marsh, named just before.
    let told = article["attributions"]
        .as_array()
        .expect("attributions")
        .iter()
        .find(|a| a["cue"]["text"] == "told" && a["source"]["text"] == "she")
        .expect("she told");
    assert_eq!(told["speaker"]["name"], "Helen Marsh");
    assert_eq!(told["speaker"]["description"], "former head of the agency");
}

#[test]
fn unnamed_sources_get_unnamed_entities_of_their_kind() {
    let text =
        "A senior official said the talks had failed. Critics said so too. A new poll found \
                support had fallen.";
    let run = sayso(["extract"], text.as_bytes());
    run.expect_code(0);
    let article = &run.articles()[0];
    check_spans(article, text, false);
    let official = &attribution_by_source(article, "A senior official", 0)["speaker"];
    assert_eq!(official["kind"], "anonymous");
    let entity = &article["entities"][official["entity"].as_u64().expect("entity") as usize];
    assert_eq!(entity["named"], false);
}

#[test]
fn char_offsets_convert_entity_mentions() {
    let text = "« Zoé Müller » arrived. “Très bien,” Zoé Müller said. “Oui,” she said.";
    let run = sayso(["extract", "--offsets", "chars"], text.as_bytes());
    run.expect_code(0);
    let article = &run.articles()[0];
    check_spans(article, text, true);
    assert!(!article["entities"].as_array().expect("entities").is_empty(), "{article}");
}

#[test]
fn pretty_shows_resolved_speakers_and_descriptions() {
    let run = sayso(
        [
            "extract".as_ref(),
            "--format".as_ref(),
            "pretty".as_ref(),
            "--color".as_ref(),
            "never".as_ref(),
            example("okafor.txt").as_os_str(),
        ],
        b"",
    );
    run.expect_code(0);
    assert!(run.stdout.contains("she → Amara Okafor (person: water minister) · said"), "{run}");
    assert!(run.stdout.contains("speakers: Amara Okafor ×"), "{run}");
}

const TEXT: &str = "Amara Okafor spoke first. “We will win,” she said. A source said no.";
const ANN: &str = "T1\tSource 41 44\tshe\nT2\tCue 45 49\tsaid\nT3\tContent 26 40\t“We will win,”\n\
                   T4\tAttribution 45 49\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n\
                   T5\tSource 51 59\tA source\nT6\tCue 60 64\tsaid\nT7\tContent 65 67\tno\n\
                   T8\tAttribution 60 64\tsaid\nE2\tAttribution:T8 Source:T5 Cue:T6 Content:T7\n";
const GOLD: &str = "article\tstart\tend\tmention\tspeaker\tkind\tclass\n\
                    a\t41\t44\tshe\tAmara Okafor\tperson\tpronoun\n\
                    a\t51\t59\tA source\t-\tanonymous\tanonymous\n";

#[test]
fn eval_scores_speakers_detected_and_given() {
    let scratch = Scratch::new("eval-speakers");
    scratch.write("gold/text/a.txt", TEXT);
    scratch.write("gold/attributions/a_x.ann", ANN);
    let speakers = scratch.write("speakers.tsv", GOLD);
    let gold = scratch.path("gold");
    let run = sayso(
        [
            "eval".as_ref(),
            "--gold".as_ref(),
            gold.as_os_str(),
            "--speakers".as_ref(),
            speakers.as_os_str(),
        ],
        b"",
    );
    run.expect_code(0);
    assert!(run.stdout.contains("Speakers: 2 gold source mentions"), "{run}");
    assert!(run.stdout.contains("  pronoun "), "{run}");
    assert!(run.stdout.contains("person-mention precision"), "{run}");
    let run = sayso(
        [
            "eval".as_ref(),
            "--gold".as_ref(),
            gold.as_os_str(),
            "--speakers".as_ref(),
            speakers.as_os_str(),
            "--json".as_ref(),
        ],
        b"",
    );
    run.expect_code(0);
    let report: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(report["speakers"]["rows"], 2);
    assert_eq!(report["speakers"]["given"]["overall"]["right"], 2, "{report}");
    assert!(report["attributions"]["articles"].is_number());
}

#[test]
fn eval_rejects_speaker_gold_for_unknown_articles() {
    let scratch = Scratch::new("eval-speakers-bad");
    scratch.write("gold/text/a.txt", TEXT);
    scratch.write("gold/attributions/a_x.ann", ANN);
    let speakers = scratch.write("speakers.tsv", GOLD.replace("\na\t", "\nzz\t"));
    let gold = scratch.path("gold");
    let run = sayso(
        [
            "eval".as_ref(),
            "--gold".as_ref(),
            gold.as_os_str(),
            "--speakers".as_ref(),
            speakers.as_os_str(),
        ],
        b"",
    );
    run.expect_code(1);
    assert!(run.stderr.contains("article zz is not in"), "{run}");
}
