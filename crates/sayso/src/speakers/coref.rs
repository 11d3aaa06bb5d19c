//! Clustering name mentions into entities, and choosing the antecedent of a pronoun or a
//! definite description by agreement and salience.
//!
//! Full names (two words or more) are clustered first, by [`name_key`]; then every
//! one-word name (`Okafor`, `Ms Okafor`, `The Post`) joins the full name it is the last (or,
//! for a first name, the first) word of, preferring agreeing gender and, among several
//! (`Bill Clinton`, `Hillary Clinton`), the one mentioned most recently before it, else the
//! most mentioned. A pronoun then goes to the agreeing entity whose latest mention before
//! it scores best: one point lost per sentence of distance, gained for having just been
//! quoted and for standing first in its sentence, half a point lost for standing inside
//! someone's reported content.

use std::borrow::Cow;

use super::mentions::{NameMention, NameWords};
use super::names::{
    first_name_gender, fold, formal_first_name, is_organisation_word, Gender, NameKeys,
};
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use crate::attribute::Analysis;
use crate::text::pos::{lexicon, Pos, PosLexicon};
use crate::text::{TokenKind, WordClass};
use crate::Span;

/// Farthest back, in sentences, a pronoun or description looks for its antecedent.
const MAX_DISTANCE: usize = 12;

/// What salience takes off a mention inside someone's reported content (`Cole said Trump
/// is …`): the person spoken of is less often the next pronoun than the one speaking.
const REPORTED_PENALTY: f32 = 0.5;

/// One mention of a cluster, as salience sees it.
#[derive(Clone, Copy, Debug)]
pub struct Event {
    /// First token.
    pub token: usize,
    /// Its sentence.
    pub sentence: usize,
    /// True when the mention is the source of an attribution.
    pub source: bool,
    /// True when the mention stands where a subject does ([`SubjectScan::at`]).
    pub first_in_sentence: bool,
    /// True inside a quotation, where a name is rarely what a later pronoun means.
    pub quoted: bool,
    /// True inside an attribution's content (`Cole said Trump is …`): a name someone talks
    /// about is less likely than the one talking to be the next pronoun's referent.
    pub reported: bool,
}

/// An entity being built.
#[derive(Clone, Debug, Default)]
pub struct Cluster {
    /// The words of the fullest name, folded.
    pub words: NameWords,
    /// The fullest name as written.
    pub name: Option<Span>,
    /// Votes for person, organisation and place.
    pub person: u32,
    /// See `person`.
    pub organisation: u32,
    /// See `person`.
    pub place: u32,
    /// The gender, when something told it.
    pub gender: Option<Gender>,
    /// Descriptions in text order (may repeat).
    pub descriptions: Vec<Span>,
    /// Mentions in text order. Most clusters have one or two, kept inline: an article has
    /// dozens of clusters, and two allocations for each were a tenth of all it made.
    pub mentions: SmallVec<[Span; 2]>,
    /// Salience events in token order, inline as `mentions` are.
    pub events: SmallVec<[Event; 2]>,
    /// A name made up rather than written (`Trump campaign` for `Donald Trump’s campaign`).
    pub label: Option<String>,
    /// Several named entities together (`Mr. Grassley and Mr. Leahy`): the members.
    pub members: Vec<usize>,
    /// True when some mention is more than a capitalised word opening a sentence.
    pub reliable: bool,
    /// Whether the canonical name's capitals are trusted, and its length in words.
    pub name_rank: (bool, usize, bool),
    /// True when the full name was written after a kinship noun (`his wife, Gabriela
    /// Violeta Lazar`): the relative of someone the article is about.
    pub relative: bool,
}

impl Cluster {
    fn add(&mut self, a: &Analysis<'_>, m: &NameMention) {
        // Matching uses the fullest name; the canonical name is the fullest one whose
        // capitals can be trusted (`Poor Mexico` opening a sentence is not a name).
        if m.words.len() > self.words.len() {
            self.words = m.words.clone();
        }
        let trusted = m.reliable || m.words.first().and_then(first_name_gender).is_some();
        // Of two as full, the one outside a headline (`François Hollande`, not the
        // headline's `Francois Hollande`).
        let rank = (trusted, m.words.len(), m.reliable);
        if self.name.is_none() || rank > self.name_rank {
            self.name = Some(m.name_span(a));
            self.name_rank = rank;
        }
        self.reliable |= m.reliable;
        self.person += u32::from(m.hints.person);
        self.organisation += u32::from(m.hints.organisation);
        self.place += u32::from(m.hints.place);
        if self.gender.is_none() {
            self.gender = m.gender;
        }
        self.descriptions.extend(m.description);
        if m.words.len() > 1 && self.mentions.is_empty() {
            self.relative = after_kinship_noun(a, m.tokens.start);
        }
        self.mentions.push(m.span(a));
        self.add_event(Event {
            token: m.tokens.start,
            sentence: m.sentence,
            source: false,
            first_in_sentence: m.subject,
            quoted: m.quoted,
            reported: false,
        });
    }

    /// Adds an event, keeping token order.
    pub fn add_event(&mut self, e: Event) {
        let at = self.events.partition_point(|x| x.token < e.token);
        if let Some(x) = self.events.get_mut(at).filter(|x| x.token == e.token) {
            x.source |= e.source;
            x.first_in_sentence |= e.first_in_sentence;
            return;
        }
        self.events.insert(at, e);
    }

    /// True when the votes say organisation (or place) rather than person.
    pub fn is_organisation(&self) -> bool {
        self.organisation > self.person || (self.place > self.person && self.place > 0)
    }

    /// True when the votes say place.
    pub fn is_place(&self) -> bool {
        self.place > 0 && self.place >= self.organisation && self.place > self.person
    }

    /// The latest event before token `p` that salience may use, skipping quoted mentions
    /// and those inside `skip`.
    fn last_before(
        &self,
        a: &Analysis<'_>,
        p: usize,
        skip: &[Span],
        strict: bool,
    ) -> Option<Event> {
        let end = self.events.partition_point(|e| e.token < p);
        self.events[..end].iter().rev().copied().find(|e| {
            let at = a.token(e.token).span;
            !strict || (!e.quoted && !skip.iter().any(|s| s.contains(at)))
        })
    }
}

/// Whether a mention stands where a subject does ([`SubjectScan::at`]), for many mentions: asked
/// in text order, it carries its scan of a sentence from one token to the next instead of
/// starting again at the sentence start (the scan looks up every verb-like word, and articles
/// name many people per sentence). Any order gives the same answers; a token before the last
/// one asked restarts the scan.
#[derive(Clone, Copy, Debug)]
pub struct SubjectScan {
    /// The first token of the sentence scanned.
    start: usize,
    /// The next token to scan.
    next: usize,
    /// A verb, auxiliary, cue or pronoun of the clause has been seen.
    blocked: bool,
    /// A prepositional phrase is open.
    open_phrase: bool,
    /// The sentence opens with an introductory phrase.
    introduced: bool,
    /// Blocked outside an introductory phrase: no later token of the sentence is a subject.
    dead: bool,
}

impl SubjectScan {
    /// A scan that has seen no sentence yet.
    pub fn new() -> Self {
        SubjectScan {
            start: usize::MAX,
            next: 0,
            blocked: false,
            open_phrase: false,
            introduced: false,
            dead: false,
        }
    }

    /// True when the mention starting at token `t` stands where a subject does: nothing
    /// before it in its sentence but its own premodifiers (`Former governor Ed Rendell`) or an
    /// introductory phrase closed by a comma (`Last month, Blunt …`, `In his tribute, Elliott
    /// said`, `When Wallace died, President Clinton …`); no verb, auxiliary or cue of its own
    /// clause before it, and no prepositional phrase still open.
    pub fn at(&mut self, a: &Analysis<'_>, t: usize) -> bool {
        let start = a.sentence(t).start;
        if start != self.start || t < self.next {
            *self = SubjectScan { start, next: start, ..SubjectScan::new() };
        }
        let lex = lexicon();
        while self.next < t && !self.dead {
            self.step(a, lex, self.next);
            self.next += 1;
        }
        !self.dead && !self.blocked && !self.open_phrase
    }

    /// Scans token `k`.
    fn step(&mut self, a: &Analysis<'_>, lex: &PosLexicon, k: usize) {
        // A comma is punctuation: words are not compared with it.
        if a.token(k).kind != TokenKind::Word {
            if a.is(k, ",") && (self.introduced || !self.blocked) {
                self.blocked = false;
                self.open_phrase = false;
            }
            return;
        }
        let first = !self.introduced && !self.blocked && !self.open_phrase;
        match a.class(k) {
            WordClass::Preposition | WordClass::Subordinator if first => {
                self.introduced = true;
                self.open_phrase = true;
            }
            WordClass::Preposition => self.open_phrase = true,
            WordClass::Auxiliary if !matches!(a.word(k), "’s" | "'s") => self.blocked = true,
            WordClass::Relative | WordClass::SubjectPronoun | WordClass::Subordinator => {
                self.blocked = true
            }
            _ if a.cue_at(k).is_some() => self.blocked = true,
            _ if !a.is_capitalised(k) && lex.guess(a.word(k), false) == Pos::Verb => {
                self.blocked = true
            }
            _ => {}
        }
        // Only a comma after an introductory phrase lifts a block.
        self.dead = self.blocked && !self.introduced;
    }
}

/// True when a kinship noun (`wife`, `father`) stands just before token `t`, past a comma
/// and determiners: `his wife, Gabriela Violeta Lazar`, `Elliott’s father, the Rev. …`.
fn after_kinship_noun(a: &Analysis<'_>, t: usize) -> bool {
    let mut k = t;
    while k > 0 && t - k < 3 && (a.is(k - 1, ",") || a.class(k - 1) == WordClass::Determiner) {
        k -= 1;
    }
    k > 0
        && matches!(
            fold(a.word(k - 1)).as_str(),
            "wife"
                | "husband"
                | "widow"
                | "son"
                | "daughter"
                | "father"
                | "mother"
                | "brother"
                | "sister"
                | "niece"
                | "nephew"
                | "cousin"
                | "grandson"
                | "granddaughter"
                | "stepson"
                | "stepdaughter"
        )
}

/// Groups name mentions into clusters; returns the clusters and each mention's cluster.
pub fn cluster(a: &Analysis<'_>, mentions: &[NameMention]) -> (Vec<Cluster>, Vec<usize>) {
    // Sized for a cluster per mention, the most there can be, since growing moved every
    // cluster (a few hundred bytes each) again.
    let mut clusters: Vec<Cluster> = Vec::with_capacity(mentions.len());
    // A key is borrowed from the mention's words when it is them (`mike pence`, `okafor`),
    // as most are; only one that differs (`maria okafor` of `Maria K. Okafor`) is a copy.
    let mut keys: FxHashMap<Cow<'_, str>, usize> =
        FxHashMap::with_capacity_and_hasher(mentions.len(), Default::default());
    let mut of = vec![usize::MAX; mentions.len()];
    // Longest names first, so that `Van Voorhis` finds `Chandler Van Voorhis` wherever
    // the two stand.
    let mut multi: Vec<usize> =
        (0..mentions.len()).filter(|&n| mentions[n].words.len() > 1).collect();
    multi.sort_by_key(|&n| std::cmp::Reverse(mentions[n].words.len()));
    let mut name_keys = NameKeys::default();
    for n in multi {
        let m = &mentions[n];
        let key = name_keys.key(m.words.iter());
        // `Sandy Paradis` is the `Sandra Paradis` named before.
        let formal = formal_key(key);
        let key = formal.as_deref().unwrap_or(key);
        // `Francois Hollande` in the headline is the `François Hollande` of the text.
        let plain = unaccented(key);
        let key = plain.as_deref().unwrap_or(key);
        let person_like = |c: &Cluster| c.organisation == 0 && !m.hints.organisation;
        let found = keys.get(key).copied().or_else(|| {
            clusters.iter().position(|c| {
                let w = &c.words;
                // `Hillary Rodham Clinton` is `Hillary Clinton`; `Van Voorhis` is
                // `Chandler Van Voorhis`.
                (person_like(c)
                    && w.len() > m.words.len()
                    && (w.ends_with(&m.words)
                        || (w.first() == m.words.first() && w.last() == m.words.last())))
                    // `the Brennan Center` is the `Brennan Center for Justice`.
                    || (m.hints.organisation
                        && c.organisation > 0
                        && w.len() > m.words.len() + 1
                        && w.iter().zip(m.words.iter()).all(|(x, y)| x == y)
                        && matches!(w.iter().nth(m.words.len()), Some("for" | "of" | "on")))
            })
        });
        let c = found.unwrap_or_else(|| {
            clusters.push(Cluster::default());
            let key = match m.words.as_str() {
                words if words == key => Cow::Borrowed(words),
                _ => Cow::Owned(key.to_string()),
            };
            keys.insert(key, clusters.len() - 1);
            clusters.len() - 1
        });
        clusters[c].add(a, m);
        of[n] = c;
    }
    let full = FullNames::new(&clusters);
    for (n, m) in mentions.iter().enumerate().filter(|(_, m)| m.words.len() == 1) {
        let c = match partial_match(a, &clusters, &full, m) {
            Some(c) if m.hints.organisation && clusters[c].person > 0 => {
                let mut person = m.clone();
                person.hints.organisation = false;
                clusters[c].add(a, &person);
                of[n] = c;
                continue;
            }
            Some(c) => {
                // `his older brother, Freddy`: a relative named by first name is not the
                // one a bare surname means either.
                if clusters[c].words.len() > 1
                    && clusters[c].words.first() == m.words.first()
                    && after_kinship_noun(a, m.tokens.start)
                {
                    clusters[c].relative = true;
                }
                c
            }
            None => {
                let key = m.words.first().unwrap_or_default();
                match keys.get(key) {
                    Some(&c) => c,
                    None => {
                        clusters.push(Cluster::default());
                        keys.insert(Cow::Borrowed(key), clusters.len() - 1);
                        clusters.len() - 1
                    }
                }
            }
        };
        clusters[c].add(a, m);
        of[n] = c;
    }
    (clusters, of)
}

/// A key with the accents of Latin letters dropped (`françois hollande` → `francois
/// hollande`), or `None` when it has none.
fn unaccented(key: &str) -> Option<String> {
    if key.is_ascii() {
        return None;
    }
    let plain = |c: char| -> Option<char> {
        Some(match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            _ => return None,
        })
    };
    if !key.chars().any(|c| plain(c).is_some()) {
        return None;
    }
    Some(key.chars().map(|c| plain(c).unwrap_or(c)).collect())
}

/// A full name's key with a familiar first name made formal (`sandy paradis` →
/// `sandra paradis`), or `None` when its first word is no nickname.
fn formal_key(key: &str) -> Option<String> {
    let (first, rest) = key.split_once(' ')?;
    let formal = formal_first_name(first)?;
    Some(format!("{formal} {rest}"))
}

/// The clusters of full names (two words or more) by the hash of their last and of their
/// first word, each list in cluster order; a hash may also list others, which the caller
/// checks. One-word names never make a cluster's name longer, so the index holds while
/// they are added. Each index is one sorted list of (hash, cluster) pairs, not a list per
/// word: one allocation per article instead of one per distinct word.
struct FullNames {
    by_last: Vec<(u64, usize)>,
    by_first: Vec<(u64, usize)>,
}

impl FullNames {
    fn new(clusters: &[Cluster]) -> Self {
        let mut index = FullNames { by_last: Vec::new(), by_first: Vec::new() };
        for (c, cluster) in clusters.iter().enumerate() {
            if let (Some(first), Some(last)) = (cluster.words.first(), cluster.words.last()) {
                if cluster.words.len() > 1 {
                    index.by_last.push((word_hash(last), c));
                    index.by_first.push((word_hash(first), c));
                }
            }
        }
        // Pairs are distinct (one per cluster), so the order is the hash, then the cluster.
        index.by_last.sort_unstable();
        index.by_first.sort_unstable();
        index
    }

    /// The clusters listed under `hash` in `index`, in cluster order.
    fn listed(index: &[(u64, usize)], hash: u64) -> impl Iterator<Item = usize> + '_ {
        let start = index.partition_point(|&(h, _)| h < hash);
        index[start..].iter().take_while(move |&&(h, _)| h == hash).map(|&(_, c)| c)
    }
}

fn word_hash(word: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(word)
}

/// The full-name cluster a one-word name belongs to, if any: by last word (`Okafor`), by
/// first word (`Ban` of `Ban Ki-moon`), or by initials (`S.E.C.`).
fn partial_match(
    a: &Analysis<'_>,
    clusters: &[Cluster],
    full: &FullNames,
    m: &NameMention,
) -> Option<usize> {
    let w = m.words.first().unwrap_or_default();
    let agrees = |c: &Cluster| match (m.gender, c.gender) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    // `PENCE` in a transcript has the shape of an acronym.
    let shape_only = m.hints.organisation && !is_organisation_word(w);
    let kind_agrees = |c: &Cluster| {
        if shape_only {
            true
        } else if m.hints.organisation {
            c.organisation > 0 || c.person == 0
        } else {
            c.organisation == 0 || c.person > 0
        }
    };
    let recent = |c: usize| {
        clusters[c].events.iter().rev().find(|e| e.token < m.tokens.start).map(|e| e.token)
    };
    // A relative (`his wife, Gabriela Violeta Lazar`) is meant by the bare surname only when
    // nobody else has it.
    let rank = |&c: &usize| (!clusters[c].relative, recent(c), clusters[c].mentions.len());
    // Each way of matching is tried only when the one before found no candidate, so the
    // best of each is taken as it goes, without collecting the candidates.
    let hash = word_hash(w);
    let best_by = |index: &[(u64, usize)], pick: &dyn Fn(&Cluster) -> bool| {
        FullNames::listed(index, hash)
            .filter(|&c| {
                let cl = &clusters[c];
                pick(cl) && agrees(cl) && kind_agrees(cl)
            })
            .max_by_key(rank)
    };
    let mut found = best_by(&full.by_last, &|c| c.words.last() == Some(w));
    // `Mexico` is not `Mexico City`.
    if found.is_none() && !m.hints.place {
        found = best_by(&full.by_first, &|c| c.words.first() == Some(w) && c.organisation == 0);
    }
    let written = m.name_span(a).text(a.text);
    if found.is_none() && is_initials(written) {
        let letters: String = written.chars().filter(|c| c.is_alphabetic()).collect();
        found = (0..clusters.len())
            .filter(|&c| clusters[c].words.len() > 1 && has_initials(&clusters[c], a, &letters))
            .max_by_key(rank);
    }
    found
}

/// `SEC`, `S.E.C.`, `NAACP`: capitals only, two or more letters.
fn is_initials(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
}

/// True when the capitals of a cluster's name are `letters`: `SEC` for `Securities and
/// Exchange Commission`. Compared as they come, since most clusters differ at once.
fn has_initials(c: &Cluster, a: &Analysis<'_>, letters: &str) -> bool {
    let Some(name) = c.name else { return letters.is_empty() };
    let name = name.text(a.text);
    // A name that opens with a capital has it for its first initial, and most names differ
    // from the letters there: settled without splitting the name.
    if let Some(first) = name.chars().next().filter(|c| c.is_uppercase()) {
        if !letters.starts_with(first) {
            return false;
        }
    }
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .eq(letters.chars())
}

/// What a pronoun or description may refer to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wants {
    /// A person of this gender (or of unknown gender).
    Person(Option<Gender>),
    /// An organisation or a group.
    Plural,
    /// An organisation or a document.
    Thing,
}

/// What salience needs to know of a cluster that stands for an unnamed source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unnamed {
    /// `sources`, `critics`: `they` may refer to it.
    pub plural: bool,
    /// `the report`: `it` may refer to it.
    pub document: bool,
    /// `I`, `we`, `you`: the writer or the reader, never what `he`, `she`, `they` or `it`
    /// refers to.
    pub personal: bool,
}

/// How far back, in sentences, `both` or `the two` looks for the pair it means.
const PAIR_DISTANCE: usize = 5;

/// The two named entities `both candidates` or `the two countries` at token `p` refers to:
/// of the persons (or, with `organisations`, the organisations and places) that no joint
/// mention holds, the two mentioned last within [`PAIR_DISTANCE`] sentences before it
/// (quoted mentions and those inside `skip` do not count), in the order the article first
/// names them.
pub fn pair(
    a: &Analysis<'_>,
    clusters: &[Cluster],
    unnamed: &[Option<Unnamed>],
    p: usize,
    skip: &[Span],
    organisations: bool,
) -> Option<[usize; 2]> {
    let sentence = a.segments.sentence_of[p] as usize;
    // The latest two as (token of the latest mention, cluster), latest first.
    let mut latest: [Option<(usize, usize)>; 2] = [None, None];
    for (c, cluster) in clusters.iter().enumerate() {
        if unnamed.get(c).copied().flatten().is_some() || !cluster.members.is_empty() {
            continue;
        }
        let fits = if organisations {
            cluster.is_organisation()
        } else {
            !cluster.is_organisation()
                && (cluster.person > 0
                    || cluster.gender.is_some()
                    || cluster.events.iter().any(|e| e.source))
        };
        if !fits {
            continue;
        }
        let Some(e) = cluster.last_before(a, p, skip, true) else { continue };
        if sentence.saturating_sub(e.sentence) > PAIR_DISTANCE {
            continue;
        }
        let entry = Some((e.token, c));
        if latest[0].is_none_or(|(t, _)| e.token > t) {
            latest = [entry, latest[0]];
        } else if latest[1].is_none_or(|(t, _)| e.token > t) {
            latest[1] = entry;
        }
    }
    let [Some((_, x)), Some((_, y))] = latest else { return None };
    let first = |c: usize| clusters[c].events.first().map_or(usize::MAX, |e| e.token);
    Some(if first(x) <= first(y) { [x, y] } else { [y, x] })
}

/// The best antecedent cluster for a mention at token `p` wanting `wants`, looking back no
/// further than [`MAX_DISTANCE`] sentences. `unnamed` says which clusters stand for unnamed
/// sources; `bonus` adds a preference per cluster.
pub fn antecedent(
    a: &Analysis<'_>,
    clusters: &[Cluster],
    unnamed: &[Option<Unnamed>],
    p: usize,
    skip: &[Span],
    wants: Wants,
    bonus: &dyn Fn(usize) -> f32,
) -> Option<usize> {
    best_antecedent(a, clusters, unnamed, p, skip, wants, bonus, true)
        .or_else(|| best_antecedent(a, clusters, unnamed, p, skip, wants, bonus, false))
}

/// [`antecedent`], strictly (within [`MAX_DISTANCE`], no mention inside a quotation) or
/// not.
#[allow(clippy::too_many_arguments)]
fn best_antecedent(
    a: &Analysis<'_>,
    clusters: &[Cluster],
    unnamed: &[Option<Unnamed>],
    p: usize,
    skip: &[Span],
    wants: Wants,
    bonus: &dyn Fn(usize) -> f32,
    strict: bool,
) -> Option<usize> {
    let sentence = a.segments.sentence_of[p] as usize;
    let mut best: Option<(f32, usize)> = None;
    for (c, cluster) in clusters.iter().enumerate() {
        let (named, plural, document) = match unnamed.get(c).copied().flatten() {
            None => (true, false, false),
            Some(Unnamed { personal: true, .. }) => continue,
            Some(Unnamed { plural, document, .. }) => (false, plural, document),
        };
        let person = cluster.person > 0
            || cluster.gender.is_some()
            || cluster.events.iter().any(|e| e.source);
        let group = !cluster.members.is_empty();
        let fits = match wants {
            Wants::Person(g) => {
                !plural
                    && !document
                    && !group
                    && !cluster.is_organisation()
                    && (person || !named || (!strict && cluster.place == 0))
                    && match (g, cluster.gender) {
                        (Some(x), Some(y)) => x == y,
                        _ => true,
                    }
            }
            Wants::Plural => {
                group
                    || (!named && (plural || document))
                    || (named && cluster.is_organisation() && !cluster.is_place())
            }
            Wants::Thing => (!named && document && !plural) || (named && cluster.is_organisation()),
        };
        if !fits {
            continue;
        }
        let Some(e) = cluster.last_before(a, p, skip, strict) else { continue };
        let distance = sentence.saturating_sub(e.sentence);
        if strict && distance > MAX_DISTANCE {
            continue;
        }
        let mut score = -(distance as f32);
        if e.source {
            score += 1.0;
        }
        if e.first_in_sentence {
            score += 0.5;
        }
        if e.reported && !e.source {
            score -= REPORTED_PENALTY;
        }
        score += 0.4 * ((1 + cluster.events.len()) as f32).ln() + bonus(c);
        // `he` after `a source said` is more often someone named.
        if !named && matches!(wants, Wants::Person(_)) {
            score -= 2.0;
        }
        // `they` after `sources said` is the sources more often than a named body.
        if wants == Wants::Plural && !named && plural {
            score += 1.5;
        }
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subject_scan_answers_as_a_fresh_scan_does() {
        let text = "Last month, Blunt said that Ms Okafor, the minister, would go. In his \
                    tribute, Elliott told Reuters and the Post that Lima had won. When Wallace \
                    died, President Clinton wrote to Amara Okafor of the agency.";
        let a = Analysis::new(text, &[]);
        let n = a.tokens.len();
        let fresh: Vec<bool> = (0..n).map(|t| SubjectScan::new().at(&a, t)).collect();
        assert!(fresh.iter().any(|&s| s) && fresh.iter().any(|&s| !s));
        // In text order, carried over; then backwards, every answer a restart.
        let mut scan = SubjectScan::new();
        let forward: Vec<bool> = (0..n).map(|t| scan.at(&a, t)).collect();
        assert_eq!(forward, fresh);
        let mut backward: Vec<bool> = (0..n).rev().map(|t| scan.at(&a, t)).collect();
        backward.reverse();
        assert_eq!(backward, fresh);
        // Every third token, as the mentions of an article are asked.
        let mut scan = SubjectScan::new();
        for t in (0..n).step_by(3) {
            assert_eq!(scan.at(&a, t), fresh[t], "token {t}");
        }
    }
}
