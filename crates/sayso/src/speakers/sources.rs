//! Resolving source mentions: names to their cluster, pronouns and descriptions to an
//! antecedent, anything else to an unnamed entity of its own.

use std::ops::Range;

use super::coref::{antecedent, cluster, pair, Cluster, Event, SubjectScan, Unnamed, Wants};
use super::mentions::{self, common_word, NameMention};
use super::names::{
    demonym_countries, fold, fold_string, is_demonym_country, is_name_suffix, is_not_a_name,
    is_organisation_word, is_place, is_title, is_us_state, person_role, Gender,
};
use super::{one_line, one_line_into, speaker_kind, Entity, EntityKind, Resolution, SourceQuery};
use crate::attribute::{speaker_of, Analysis};
use crate::text::pos::{lexicon, Pos};
use crate::text::{TokenKind, WordClass};
use crate::{Span, Speaker, SpeakerKind};

/// How far ahead, in sentences, a description may look for the name it introduces.
const CATAPHORA_SENTENCES: usize = 3;
/// How far back, in sentences, `the state` or `the city` looks for the place it means.
const PLACE_SENTENCES: usize = 12;

/// What a source mention is.
#[derive(Clone, Debug)]
enum Form {
    /// `he`, `they`, `which`: the token.
    Pronoun(usize),
    /// A name: the mention's index.
    Named(usize),
    /// `the Trump campaign`: a name, then an organisation word; the head's tokens.
    NamedOrganisation(usize, Range<usize>),
    /// `Mr. Grassley and Mr. Leahy`: several names; the mentions' indices.
    Coordination(Vec<usize>),
    /// `he and Brafman`: a pronoun (its token) joined to names (the mentions' indices).
    PronounAnd(usize, Vec<usize>),
    /// `the Republican nominee`, `a British journalist`: the head's tokens and its role noun.
    Description(Range<usize>, Role),
    /// `a senior official`, `sources`, `the poll`: the head's tokens.
    Unnamed(Range<usize>),
}

/// A role noun that a description can refer back (or forward) with.
#[derive(Clone, Copy, Debug)]
struct Role {
    wants: Wants,
    definite: bool,
    /// `the campaign`: it refers to a person's campaign.
    campaign: bool,
    /// `his office`: of a person, like a campaign, but it stands for the person.
    holder: bool,
    /// `the university`, `the commission`: it refers back only to an organisation whose name
    /// or description holds the noun, since so many organisations are one.
    named_by_noun: bool,
    /// `Connecticut’s tax commissioner`: definite by a name's possessive, so it refers back
    /// only to an entity whose descriptions hold the noun (the possessor is someone else).
    possessed: bool,
}

/// Resolves every query in the article analysed as `a`.
pub fn resolve(a: &Analysis<'_>, queries: &[SourceQuery<'_>]) -> Resolution {
    let names = mentions::find(a);
    let (mut clusters, of) = cluster(a, &names);
    mark_reported(a, queries, &mut clusters);
    // For each cluster: `None` when named, `Some(plural)` when it is an unnamed source.
    let mut unnamed: Vec<Option<Unnamed>> = vec![None; clusters.len()];
    let mut unnamed_kind: Vec<SpeakerKind> = vec![SpeakerKind::Unknown; clusters.len()];
    let mut organisation_keys: Vec<((usize, String), usize)> = Vec::new();
    let mut groups: Vec<(Vec<usize>, usize)> = Vec::new();
    // The Twitter handles signed under posts, with their clusters.
    let mut handles: Vec<(Span, usize)> = Vec::new();

    let mut order: Vec<usize> = (0..queries.len()).collect();
    order.sort_by_key(|&q| queries[q].span.start);
    // Each loop below goes through the sources in text order.
    let mut subjects = SubjectScan::new();
    // Whether each name mention's entity has a fuller name (`Sanders` of `Bernie Sanders`).
    let fuller: Vec<bool> =
        names.iter().zip(&of).map(|(m, &c)| clusters[c].words.len() > m.words.len()).collect();
    let forms: Vec<Form> = queries.iter().map(|q| form(a, &names, &fuller, q.span)).collect();
    let mut target: Vec<Option<usize>> = vec![None; queries.len()];
    let mut descriptions: Vec<Option<String>> = vec![None; queries.len()];
    // Quoted `I`s whose speaker comes later: the query and the query it is quoted in.
    let mut deferred: Vec<(usize, usize)> = Vec::new();

    // Names first, so that every quoted name counts for salience.
    for &q in &order {
        let span = queries[q].span;
        let c = match &forms[q] {
            Form::Named(m) => of[*m],
            Form::NamedOrganisation(m, head) => {
                let written = fold_string(a.word(head.end - 1));
                let word = if is_team(&written) { "campaign" } else { written.as_str() };
                let key = (of[*m], word.to_string());
                match organisation_keys.iter().find(|(k, _)| *k == key) {
                    Some(&(_, c)) => c,
                    None => {
                        let c = new_cluster(&mut clusters, &mut unnamed, &mut unnamed_kind, None);
                        let owner = a.word(names[*m].name.end - 1);
                        clusters[c].label = Some(format!("{owner} {word}"));
                        clusters[c].name = Some(a.span(names[*m].name.start..head.end));
                        clusters[c].organisation = 1;
                        organisation_keys.push((key, c));
                        c
                    }
                }
            }
            Form::Coordination(ms) => {
                let members: Vec<usize> = ms.iter().map(|&m| of[m]).collect();
                group_cluster(&mut clusters, &mut unnamed, &mut unnamed_kind, &mut groups, members)
            }
            _ => continue,
        };
        // A named source's event is its name's, so that the name mention's own event (the
        // one salience looks at last) knows it was quoted.
        let token = match forms[q] {
            Form::Named(m) => names[m].tokens.start,
            _ => a.tokens_of(span).start,
        };
        clusters[c].add_event(event(a, &mut subjects, token, !agent_aside(a, span)));
        if let Form::NamedOrganisation(..) | Form::Coordination(_) = forms[q] {
            clusters[c].mentions.push(span_of_head(a, span));
        }
        target[q] = Some(c);
        descriptions[q] = own_description(a, &names, &forms[q], span);
    }
    // Then pronouns and descriptions in text order, each resolved one adding to salience.
    // A mention asked about twice (the source several attributions share: `X said A and
    // said B`) is resolved once, so that it gets one speaker.
    for (k, &q) in order.iter().enumerate() {
        let span = queries[q].span;
        if let Some(&first) =
            k.checked_sub(1).map(|j| &order[j]).filter(|&&f| queries[f].span == span)
        {
            target[q] = target[first];
            descriptions[q] = descriptions[first].clone();
            continue;
        }
        let tokens = a.tokens_of(span);
        if tokens.is_empty() {
            // Nothing to resolve: the speaker stays the mention as typed.
            continue;
        }
        let p = tokens.start;
        let skip = queries[q].content;
        // `“I will win,” she said`: the speaker of the quotation the `I` stands in, once
        // that is resolved.
        if let Form::Pronoun(t) = forms[q] {
            if let Some(j) = enclosing(a, queries, q, t) {
                match target[j] {
                    Some(c) => {
                        clusters[c].mentions.push(span_of_head(a, span));
                        target[q] = Some(c);
                    }
                    None => deferred.push((q, j)),
                }
                continue;
            }
        }
        // The writer's own `I` is never a later `he` or `she` of the text: no salience.
        let mut by_writer = false;
        // `Some(organisations)` for a pair (`both candidates`, `the two countries`).
        let pair_of = match &forms[q] {
            Form::Unnamed(head) | Form::Description(head, _) => pair_noun(a, head.clone()),
            _ => None,
        };
        let found = match &forms[q] {
            Form::Named(_) | Form::NamedOrganisation(..) | Form::Coordination(_) => continue,
            // `both candidates`, `the two countries`: the pair named just before.
            Form::Unnamed(_) | Form::Description(..) if pair_of.is_some() => {
                let organisations = pair_of == Some(true);
                pair(a, &clusters, &unnamed, p, skip, organisations).map(|members| {
                    let members = members.to_vec();
                    group_cluster(
                        &mut clusters,
                        &mut unnamed,
                        &mut unnamed_kind,
                        &mut groups,
                        members,
                    )
                })
            }
            Form::PronounAnd(t, ms) => {
                let members: Vec<usize> = ms.iter().map(|&m| of[m]).collect();
                pronoun(a, &names, &of, &clusters, &unnamed, *t, skip)
                    .filter(|c| unnamed[*c].is_none() && !members.contains(c))
                    .map(|c| {
                        let mut all = vec![c];
                        all.extend(members);
                        group_cluster(
                            &mut clusters,
                            &mut unnamed,
                            &mut unnamed_kind,
                            &mut groups,
                            all,
                        )
                    })
            }
            Form::Pronoun(t) => pronoun(a, &names, &of, &clusters, &unnamed, *t, skip)
                .or_else(|| described_relative(a, &clusters, &unnamed, *t, skip))
                .or_else(|| {
                    by_writer = true;
                    match writer(a, &names, *t)? {
                        Writer::Name(m) => Some(of[m]),
                        Writer::Handle(span) => Some(handle_cluster(
                            &mut clusters,
                            &mut unnamed,
                            &mut unnamed_kind,
                            &mut handles,
                            span,
                        )),
                    }
                }),
            Form::Description(head, role) if role.campaign => {
                // `the campaign`, `her campaign`: the campaign of the person meant.
                let owner = antecedent(a, &clusters, &unnamed, p, skip, role.wants, &|_| 0.0)
                    .filter(|&c| unnamed[c].is_none() && clusters[c].name.is_some());
                owner.map(|owner| {
                    if role.holder {
                        return owner;
                    }
                    let key = (owner, "campaign".to_string());
                    match organisation_keys.iter().find(|(k, _)| *k == key) {
                        Some(&(_, c)) => c,
                        None => {
                            let surname = clusters[owner]
                                .name
                                .and_then(|s| s.text(a.text).split_whitespace().last())
                                .unwrap_or_default()
                                .to_string();
                            let c =
                                new_cluster(&mut clusters, &mut unnamed, &mut unnamed_kind, None);
                            clusters[c].label = Some(format!("{surname} campaign"));
                            clusters[c].name = Some(span_of_head(a, span));
                            clusters[c].organisation = 1;
                            organisation_keys.push((key, c));
                            c
                        }
                    }
                })
            }
            Form::Description(head, role) => {
                description(a, &clusters, &unnamed, p, skip, head.clone(), *role).inspect(|&c| {
                    // A headline's capitals are no description's: `Water minister`.
                    if !opens_headline(a, head.start) {
                        clusters[c].descriptions.extend(determinerless(a, head.clone()));
                    }
                })
            }
            Form::Unnamed(head) => place_meant(a, &names, &of, head.clone()),
        };
        let c = match found {
            Some(c) => c,
            None => {
                let kind = match &forms[q] {
                    Form::Unnamed(head) | Form::Description(head, _) => {
                        unnamed_source_kind(a, head.clone())
                    }
                    Form::Pronoun(t) => unresolved_pronoun_kind(a, *t),
                    Form::PronounAnd(..) => SpeakerKind::Group,
                    _ => speaker_of(a.text, span).kind,
                };
                let plural = matches!(kind, SpeakerKind::Group)
                    || matches!(a.word(p).to_lowercase().as_str(), "they" | "we");
                let document = kind == SpeakerKind::Document;
                let personal = matches!(forms[q], Form::Pronoun(t) if matches!(
                    fold(a.word(t)).as_str(),
                    "i" | "me" | "my" | "we" | "us" | "our" | "you" | "your"
                ));
                let c = new_cluster(
                    &mut clusters,
                    &mut unnamed,
                    &mut unnamed_kind,
                    Some(Unnamed { plural, document, personal }),
                );
                unnamed_kind[c] = kind;
                clusters[c].name = Some(span_of_head(a, span));
                c
            }
        };
        if let Form::Pronoun(t) = forms[q] {
            let g = match fold(a.word(t)).as_str() {
                "he" | "him" | "his" | "himself" => Some(Gender::Male),
                "she" | "her" | "hers" | "herself" => Some(Gender::Female),
                _ => None,
            };
            if clusters[c].gender.is_none() && unnamed[c].is_none() {
                clusters[c].gender = g;
            }
            if g.is_some() && unnamed[c].is_none() {
                clusters[c].person += 1;
            }
            // `Real News Right Now, which`: what a `which` (or an organisation's `that`)
            // says is no person.
            let which = a.is_word(t, "which") || a.is_word(t, "that");
            if which && unnamed[c].is_none() && clusters[c].person == 0 {
                clusters[c].organisation = clusters[c].organisation.max(1);
            }
        }
        if !(by_writer && unnamed[c].is_none()) {
            clusters[c].add_event(event(a, &mut subjects, p, true));
        }
        clusters[c].mentions.push(span_of_head(a, span));
        target[q] = Some(c);
        descriptions[q] = own_description(a, &names, &forms[q], span);
    }
    // An `I` quoted before its speaker is named, or inside another `I`'s quotation.
    for _ in 0..deferred.len() {
        let before = deferred.len();
        deferred.retain(|&(q, j)| match target[j] {
            Some(c) => {
                clusters[c].mentions.push(span_of_head(a, queries[q].span));
                target[q] = Some(c);
                false
            }
            None => true,
        });
        if deferred.len() == before {
            break;
        }
    }
    finish(a, queries, clusters, &unnamed, &unnamed_kind, &target, &descriptions)
}

/// The query whose content holds query `q`'s first-person `I`, `me` or `my` at token `t`
/// inside a quotation: the one who says it.
fn enclosing(a: &Analysis<'_>, queries: &[SourceQuery<'_>], q: usize, t: usize) -> Option<usize> {
    if a.quote_at(t).is_none() || !matches!(fold(a.word(t)).as_str(), "i" | "me" | "my") {
        return None;
    }
    let at = a.token(t).span;
    queries.iter().enumerate().position(|(j, other)| {
        j != q && other.span != queries[q].span && other.content.iter().any(|c| c.contains(at))
    })
}

/// Marks the name mentions that stand inside some attribution's content.
fn mark_reported(a: &Analysis<'_>, queries: &[SourceQuery<'_>], clusters: &mut [Cluster]) {
    let total: usize = queries.iter().map(|q| q.content.len()).sum();
    if total == 0 {
        return;
    }
    let mut content: Vec<Span> = Vec::with_capacity(total);
    for q in queries {
        content.extend_from_slice(q.content);
    }
    content.sort_unstable_by_key(|s| (s.start, s.end));
    // The latest end of the spans starting at or before each one, so that one binary search
    // answers whether any span holds a token.
    let mut reach = Vec::with_capacity(content.len());
    let mut end = 0;
    for s in &content {
        end = end.max(s.end);
        reach.push(end);
    }
    for cluster in clusters.iter_mut() {
        for e in cluster.events.iter_mut() {
            let at = a.token(e.token).span;
            let n = content.partition_point(|s| s.start <= at.start);
            e.reported = n > 0 && reach[n - 1] >= at.end;
        }
    }
}

/// The named entity a description (`the senator`, `The Indiana governor`) refers to: back by
/// salience, preferring an entity whose descriptions hold the role noun, else forward to a
/// name it introduces.
fn description(
    a: &Analysis<'_>,
    clusters: &[Cluster],
    unnamed: &[Option<Unnamed>],
    p: usize,
    skip: &[Span],
    head: Range<usize>,
    role: Role,
) -> Option<usize> {
    let role_word = fold(a.word(head.end - 1));
    let short = abbreviation(&role_word);
    // Capitalised modifiers (`The Indiana governor`) should be in a description too.
    let modifiers: Vec<String> = head
        .clone()
        .filter(|&k| a.is_capitalised(k) && k > head.start)
        .map(|k| fold_string(a.word(k)))
        .collect();
    // A bank or a newspaper is no place (`the company` is not `New York`); its
    // name may hold the role (`the agency`: `Environmental Protection Agency`).
    let named_by = |c: usize| clusters[c].words.iter().any(|w| w == role_word.as_str());
    let thing = role.wants == Wants::Thing;
    let bonus = |c: usize| {
        if thing && clusters[c].is_place() {
            return -100.0;
        }
        let mut bonus = if named_by(c) { 2.0 } else { 0.0 };
        for d in &clusters[c].descriptions {
            let d = d.text(a.text).to_lowercase();
            let words: Vec<String> = d.split_whitespace().map(fold_string).collect();
            if d.contains(role_word.as_str()) || short.is_some_and(|s| words.iter().any(|w| w == s))
            {
                bonus = 2.0f32.max(bonus);
            }
            if modifiers.iter().any(|m| words.contains(m)) {
                bonus += 1.0;
            }
        }
        bonus
    };
    let back = if role.definite {
        antecedent(a, clusters, unnamed, p, skip, role.wants, &bonus).filter(|&c| {
            unnamed[c].is_none()
                && !(thing && clusters[c].is_place())
                && (!(role.named_by_noun || role.possessed) || bonus(c) > 0.0)
        })
    } else {
        None
    };
    back.or_else(|| cataphora(a, clusters, unnamed, p, role))
        .filter(|&c| !role.named_by_noun || named_by(c))
}

/// `the Wisconsin Republican, who`, `the Republican nominee for president, who`: a relative
/// pronoun after a definite description refers to whom the description does.
fn described_relative(
    a: &Analysis<'_>,
    clusters: &[Cluster],
    unnamed: &[Option<Unnamed>],
    t: usize,
    skip: &[Span],
) -> Option<usize> {
    let wants_person = match fold(a.word(t)).as_str() {
        "who" | "whom" => true,
        "which" => false,
        _ => return None,
    };
    let mut end = t;
    if end > 0 && a.is(end - 1, ",") {
        end -= 1;
    }
    // Back over the noun phrase and at most one prepositional phrase after its head, to the
    // article that opens it.
    let lex = lexicon();
    let (mut k, mut article, mut preposition) = (end, None, None);
    while k > 0 && end - k < 8 {
        let j = k - 1;
        if a.token(j).kind != TokenKind::Word {
            break;
        }
        match a.class(j) {
            WordClass::Determiner => {
                if a.is_word(j, "the") {
                    article = Some(j);
                }
                break;
            }
            WordClass::Preposition if preposition.is_none() => preposition = Some(j),
            WordClass::Open if a.is_capitalised(j) || lex.guess(a.word(j), false) != Pos::Verb => {}
            _ => break,
        }
        k = j;
    }
    let start = article?;
    let head = start..preposition.unwrap_or(end);
    let role = role(a, head.clone()).filter(|r| r.definite && !r.campaign)?;
    if matches!(role.wants, Wants::Person(_)) != wants_person {
        return None;
    }
    description(a, clusters, unnamed, start, skip, head, role)
}

fn new_cluster(
    clusters: &mut Vec<Cluster>,
    unnamed: &mut Vec<Option<Unnamed>>,
    unnamed_kind: &mut Vec<SpeakerKind>,
    is_unnamed: Option<Unnamed>,
) -> usize {
    clusters.push(Cluster::default());
    unnamed.push(is_unnamed);
    unnamed_kind.push(SpeakerKind::Unknown);
    clusters.len() - 1
}

/// The cluster of the joint mention of `members` (`Sens. Jon Tester and David Vitter`, `both
/// candidates`), made the first time these members are named together, in whatever order:
/// `Mrs. Clinton and Ms. Warren` and later `Ms. Warren and Mrs. Clinton` are one group, named
/// in the order of its first mention.
fn group_cluster(
    clusters: &mut Vec<Cluster>,
    unnamed: &mut Vec<Option<Unnamed>>,
    unnamed_kind: &mut Vec<SpeakerKind>,
    groups: &mut Vec<(Vec<usize>, usize)>,
    members: Vec<usize>,
) -> usize {
    let same = |k: &[usize]| k.len() == members.len() && members.iter().all(|m| k.contains(m));
    if let Some(&(_, c)) = groups.iter().find(|(k, _)| same(k)) {
        return c;
    }
    let c = new_cluster(clusters, unnamed, unnamed_kind, None);
    clusters[c].members = members.clone();
    groups.push((members, c));
    c
}

/// The cluster of the Twitter handle at `span` (`givens1613`): a person named by it.
fn handle_cluster(
    clusters: &mut Vec<Cluster>,
    unnamed: &mut Vec<Option<Unnamed>>,
    unnamed_kind: &mut Vec<SpeakerKind>,
    handles: &mut Vec<(Span, usize)>,
    span: Span,
) -> usize {
    if let Some(&(_, c)) = handles.iter().find(|(s, _)| *s == span) {
        return c;
    }
    let c = new_cluster(clusters, unnamed, unnamed_kind, None);
    clusters[c].name = Some(span);
    clusters[c].person = 1;
    handles.push((span, c));
    c
}

/// Is the source at `span` the agent of a participle set off by commas (`The bill, also
/// introduced in the Senate by Minority Leader Harry Reid (D-Nev.), would require …`)? Such
/// a source is the bill's, found by the extractor in an aside: no speaker that salience
/// should count as quoted.
fn agent_aside(a: &Analysis<'_>, span: Span) -> bool {
    let tokens = a.tokens_of(span);
    if tokens.is_empty() || tokens.start == 0 || !a.is_word(tokens.start - 1, "by") {
        return false;
    }
    a.is(tokens.end - 1, ",") || a.is(tokens.end, ",")
}

fn event(a: &Analysis<'_>, subjects: &mut SubjectScan, token: usize, source: bool) -> Event {
    Event {
        token,
        sentence: a.segments.sentence_of[token] as usize,
        source,
        first_in_sentence: subjects.at(a, token),
        quoted: false,
        reported: false,
    }
}

/// The source without a trailing appositive: `Tom Ridley` of `Tom Ridley, the …,`.
fn span_of_head(a: &Analysis<'_>, span: Span) -> Span {
    let tokens = a.tokens_of(span);
    let end = (tokens.clone()).find(|&k| a.is(k, ",") || a.is(k, "(")).unwrap_or(tokens.end);
    if end > tokens.start {
        a.span(tokens.start..end)
    } else {
        span
    }
}

/// Classifies a source mention.
fn form(a: &Analysis<'_>, names: &[NameMention], fuller: &[bool], span: Span) -> Form {
    let tokens = a.tokens_of(span);
    if tokens.is_empty() {
        return Form::Unnamed(tokens);
    }
    let first = tokens.start;
    // `We’ve`, `They’re`: a pronoun and a contracted auxiliary.
    let contracted = tokens.len() == 2
        && matches!(
            a.word(first + 1).trim_start_matches(['’', '\'']),
            "ve" | "re" | "ll" | "d" | "m"
        );
    if (tokens.len() == 1 || contracted)
        && a.token(first).kind == TokenKind::Word
        && matches!(
            a.class(first),
            WordClass::SubjectPronoun
                | WordClass::ObjectPronoun
                | WordClass::Possessive
                | WordClass::Relative
        )
    {
        return Form::Pronoun(first);
    }
    let inside = |k: usize| mention_at(names, k).is_some_and(|m| names[m].tokens.start < k);
    let lex = lexicon();
    let mut head_end = (first + 1..tokens.end)
        .find(|&k| {
            let w = a.word(k);
            let participle = w.ends_with("ed") || w.ends_with("ing") || w.ends_with("en");
            // Not `this finding`, nor `the party's existing rules`.
            // Nor `A Reuters rolling poll`, `A newly released email`.
            // Asked only of a participle: it folds the next word.
            let modifier_slot = || {
                a.is_clitic(k - 1)
                    || matches!(a.class(k - 1), WordClass::Determiner | WordClass::Possessive)
                    || (k + 1 < tokens.end && is_document_noun(&fold(a.word(k + 1))))
                    || (k >= first + 2
                        && a.word(k - 1).ends_with("ly")
                        && a.class(k - 2) == WordClass::Determiner)
            };
            let verb = a.token(k).kind == TokenKind::Word
                && !a.is_capitalised(k)
                && participle
                && !modifier_slot()
                && !is_document_noun(&fold(w))
                && lex.guess(w, false) == Pos::Verb
                && !inside(k);
            // `about 4 in 10 voters`: an adverb before a number, no preposition.
            let approximate = matches!(a.word(k), "about" | "around" | "over" | "under")
                && a.tokens.get(k + 1).is_some_and(|t| t.kind == TokenKind::Number);
            // `One operative inside Trump Tower`: prepositions the word classes leave open.
            let place_preposition =
                matches!(a.word(k), "inside" | "outside" | "within" | "near" | "behind");
            a.is(k, ",")
                || a.is(k, "(")
                || verb
                || place_preposition
                || (matches!(a.class(k), WordClass::Auxiliary | WordClass::SubjectPronoun)
                    && !a.is_clitic(k))
                || (matches!(a.class(k), WordClass::Preposition | WordClass::Relative)
                    && !inside(k)
                    && !approximate)
        })
        .unwrap_or(tokens.end);
    while head_end > first + 1 && a.is_clitic(head_end - 1) {
        head_end -= 1;
    }
    let head = first..head_end;
    // `Many Millennials`, `Some Democrats`: a quantity of people, whatever the capitals.
    if head.len() > 1
        && matches!(
            fold(a.word(first)).as_str(),
            "many" | "some" | "several" | "most" | "few" | "numerous" | "other" | "more"
        )
    {
        return Form::Unnamed(head);
    }
    // Members of a party or a people (`Senate Democrats`, `House Republicans`) are a group,
    // and a name that ends in a title (`Fox News Vice President`) only introduces the name
    // after it: neither is a name to resolve.
    let group_word = |m: usize| {
        let w = fold(a.word(names[m].name.end - 1));
        is_not_a_name(&w) && w.ends_with('s')
    };
    let title_only =
        |m: usize| names[m].words.len() > 1 && is_title(&fold(a.word(names[m].name.end - 1)));
    let in_head: Vec<usize> = {
        let mut v: Vec<usize> = head
            .clone()
            .filter_map(|k| mention_at(names, k))
            .filter(|&m| !title_only(m) || names[m].tokens.end >= head.end)
            .collect();
        v.dedup();
        v
    };
    let last_word = fold(a.word(head.end - 1));
    let last_capitalised = a.is_capitalised(head.end - 1);
    let in_organisation_name =
        mention_at(names, head.end - 1).is_some_and(|m| names[m].hints.organisation);
    if is_document_noun(&last_word)
        && !(last_capitalised && (is_organisation_word(&last_word) || in_organisation_name))
        && !in_head.iter().any(|&m| names[m].hints.person)
    {
        return Form::Unnamed(head);
    }
    // `Jeff Merkley (D-Ore.), Sherrod Brown (D-Ohio) and Robert Menendez (D-N.J.) all`:
    // outside brackets, every word a name, a title, a comma or `and`.
    let joint = joined_names(a, names, tokens.clone(), &group_word, &title_only);
    if let Some(joint) = joint.filter(|j| j.len() > 1) {
        if tokens.clone().any(|k| a.is_word(k, "and")) {
            return Form::Coordination(joint);
        }
    }
    // `he and Brafman`, `He and House Judiciary Committee Chairman Bob Goodlatte (R-Va.)`.
    if tokens.len() > 2
        && matches!(fold(a.word(first)).as_str(), "he" | "she")
        && a.is_word(first + 1, "and")
    {
        if let Some(joint) = joined_names(a, names, first + 2..tokens.end, &group_word, &title_only)
            .filter(|j| !j.is_empty())
        {
            return Form::PronounAnd(first, joint);
        }
    }
    // `Mr. Grassley and Mr. Leahy`, `China and Russia`: every word a name, a comma or `and`.
    if in_head.len() > 1 && !in_head.iter().any(|&m| group_word(m)) {
        let joined = head.clone().all(|k| {
            mention_at(names, k).is_some()
                || a.is(k, ",")
                || a.is_word(k, "and")
                || a.is_word(k, "the")
        });
        if joined {
            return Form::Coordination(in_head);
        }
    }
    if let Some(&m) = in_head.last() {
        let after = names[m].tokens.end;
        // `Charles Elliott III`: a suffix is no word after the name, nor is a reflexive
        // (`Mr. Rubio himself`).
        let trailing = (after..head.end).any(|k| {
            a.token(k).kind == TokenKind::Word
                && !a.is_clitic(k)
                && !is_name_suffix(&fold(a.word(k)))
                && !matches!(fold(a.word(k)).as_str(), "himself" | "herself" | "itself")
        });
        let mention = &names[m];
        // `Readers`, `Black Lawmakers`, `FELLOW DOCTORS`: capitals on common nouns; `Rabbis`
        // opening a headline, where every word has capitals.
        let last_written = a.word(mention.name.end - 1);
        let plural = last_written.ends_with(['s', 'S']) && !last_written.ends_with("ss");
        let plural_common = plural
            && (common_word(last_written)
                || plural_person_noun(&fold(last_written))
                || (!mention.reliable && mention.words.len() == 1))
            && mention.words.len() <= 2
            && !fuller[m];
        // `a super PAC`: an indefinite article makes the acronym after it a common noun.
        let indefinite = (a.is_word(first, "a") || a.is_word(first, "an"))
            && mention.words.len() == 1
            && mention.tokens.end == head.end
            && mention.tokens.start > first + 1
            && !a.is_capitalised(mention.tokens.start - 1)
            && a.word(mention.name.start).chars().all(|c| c.is_ascii_uppercase());
        let bare_common = group_word(m)
            || (!mention.hints.organisation
                && !mention.hints.person
                && ((mention.tokens == head
                    && mention.words.len() == 1
                    && common_word(a.word(mention.name.start))
                    && !fuller[m])
                    || plural_common))
            || indefinite
            // `Police said`, `By Police`: the word in capitals is still the common noun.
            || (mention.words.len() == 1
                && !fuller[m]
                && matches!(mention.words.first().unwrap_or_default(), "police" | "authorities" | "officials"));
        if !trailing && !bare_common {
            return Form::Named(m);
        }
        let last = head.end - 1;
        // `The Ethiopian government`, `Russia's government`, `The Azerbaijani authorities`:
        // a named country's government is the country (as the gold counts it).
        if trailing
            && !a.is_capitalised(last)
            && matches!(last_word.as_str(), "government" | "authorities" | "regime")
            && (mention.tokens.end..last).all(|k| a.is_clitic(k))
        {
            if mention.hints.place {
                return Form::Named(m);
            }
            let countries = demonym_countries(mention.words.as_str());
            if let Some(c) = names.iter().position(|n| countries.contains(&n.words.as_str())) {
                return Form::Named(c);
            }
        }
        let team = is_team(&last_word) && !mention.hints.organisation && !mention.hints.place;
        let institution = team
            || matches!(
                last_word.as_str(),
                "campaign" | "administration" | "government" | "police"
            );
        if trailing && !a.is_capitalised(last) && institution {
            return Form::NamedOrganisation(m, head);
        }
    }
    // `Another critic, Laurence H. Tribe,`, `Elliott’s father, the Rev. Charles Elliott
    // Jr.,`: the name in the appositive.
    if let Some(comma) = (first..tokens.end).find(|&k| a.is(k, ",")) {
        let mut at = comma + 1;
        while at < tokens.end && at < comma + 3 && a.class(at) == WordClass::Determiner {
            at += 1;
        }
        // `a onetime Republican opponent, former Texas governor Rick Perry`, `Clinton's
        // introducer, actress Jamie Lee Curtis`: premodifiers before the appositive's name,
        // up to a few words, never past a preposition, relative, coordinator or an example's
        // `including` (`mining companies, including Patriot,` stays a group).
        let mut k = at;
        while k < tokens.end
            && k < at + 4
            && mention_at(names, k).is_none_or(|m| names[m].tokens.start != k)
            && !matches!(a.word(k), "," | "including" | "like" | "such" | "especially")
            && !matches!(
                a.class(k),
                WordClass::Preposition
                    | WordClass::Relative
                    | WordClass::Coordinator
                    | WordClass::Subordinator
                    | WordClass::Auxiliary
            )
        {
            k += 1;
        }
        if k < tokens.end && mention_at(names, k).is_some_and(|m| names[m].tokens.start == k) {
            at = k;
        }
        if let Some(m) = mention_at(names, at) {
            let mention = &names[m];
            let closes = mention.tokens.start == at
                && (mention.tokens.end >= tokens.end || a.is(mention.tokens.end, ","));
            // `women, Hispanics, and others`: a plural in a list is no appositive name.
            let plural = mention.words.len() == 1
                && !fuller[m]
                && (group_word(m) || plural_person_noun(mention.words.first().unwrap_or_default()));
            if closes && !mention.hints.organisation && !mention.hints.place && !plural {
                return Form::Named(m);
            }
        }
    }
    match role(a, head.clone()) {
        Some(r) => Form::Description(head, r),
        None => Form::Unnamed(head),
    }
}

/// The names joined in `tokens`, when every word outside brackets is a name, a title, a
/// role noun (`co-host`), `and`, `the`, `all` or `both`; `None` when some other word stands
/// among them.
fn joined_names(
    a: &Analysis<'_>,
    names: &[NameMention],
    tokens: Range<usize>,
    group_word: &dyn Fn(usize) -> bool,
    title_only: &dyn Fn(usize) -> bool,
) -> Option<Vec<usize>> {
    let mut depth = 0usize;
    let mut joint: Vec<usize> = Vec::new();
    for k in tokens {
        match a.word(k) {
            "(" => depth += 1,
            ")" => depth = depth.saturating_sub(1),
            _ if depth > 0 || !a.token(k).is_wordlike() => {}
            "and" | "the" | "The" | "all" | "both" => {}
            w if is_title(&fold(w)) => {}
            w if !a.is_capitalised(k) && is_role_word(w) => {}
            _ => match mention_at(names, k) {
                Some(m) if group_word(m) => return None,
                Some(m) if title_only(m) => {}
                Some(m) => {
                    if joint.last() != Some(&m) {
                        joint.push(m);
                    }
                }
                None => return None,
            },
        }
    }
    Some(joint)
}

/// A person's role noun, also with `co-` (`co-host`, `the developer`).
fn is_role_word(w: &str) -> bool {
    let folded = fold(w);
    let role = folded.strip_prefix("co-").unwrap_or(&folded);
    person_role(role).is_some()
}

/// `The state`, `the city`: the US state (or the city) named last within a few sentences
/// before, whose government the gold counts as the place (`The state` → Michigan).
fn place_meant(
    a: &Analysis<'_>,
    names: &[NameMention],
    of: &[usize],
    head: Range<usize>,
) -> Option<usize> {
    if head.len() != 2 || !matches!(fold(a.word(head.start)).as_str(), "the") {
        return None;
    }
    let state = match fold(a.word(head.start + 1)).as_str() {
        "state" => true,
        "city" => false,
        _ => return None,
    };
    let sentence = a.segments.sentence_of[head.start] as usize;
    names
        .iter()
        .enumerate()
        .rev()
        .skip_while(|(_, n)| n.tokens.start >= head.start)
        .take_while(|(_, n)| n.sentence + PLACE_SENTENCES >= sentence)
        .find(|(_, n)| {
            let name = n.words.as_str();
            n.hints.place
                && is_us_state(name) == state
                && (state || !is_country(name))
                // `Michigan State University` is no place.
                && n.name.end == n.tokens.end
        })
        .map(|(k, _)| of[k])
}

/// A country a demonym names (`Ethiopia`): no city.
fn is_country(folded_name: &str) -> bool {
    is_place(folded_name) && is_demonym_country(folded_name)
}

/// `team`, `camp`: a politician's team is the campaign (`Clinton’s team`, `the Sanders
/// camp`, `his team`).
fn is_team(folded: &str) -> bool {
    matches!(folded, "team" | "camp")
}

/// Nouns that make a source a document: `the report`, `a poll`, `the film`.
fn is_document_noun(folded: &str) -> bool {
    matches!(
        folded,
        "poll"
            | "polls"
            | "survey"
            | "surveys"
            | "report"
            | "reports"
            | "study"
            | "studies"
            | "statement"
            | "statements"
            | "data"
            | "analysis"
            | "memo"
            | "letter"
            | "filing"
            | "ruling"
            | "complaint"
            | "document"
            | "documents"
            | "records"
            | "figures"
            | "audit"
            | "email"
            | "emails"
            | "tweet"
            | "tweets"
            | "ad"
            | "ads"
            | "video"
            | "footage"
            | "transcript"
            | "article"
            | "piece"
            | "clip"
            | "film"
            | "documentary"
            | "movie"
            | "case"
            | "accord"
            | "agreement"
            | "program"
            | "programme"
            | "spot"
            | "convention"
            | "rules"
            | "rule"
            | "standards"
            | "plan"
            | "bill"
            | "law"
            | "proposal"
            | "book"
            | "editorial"
            | "op-ed"
            | "column"
            | "story"
            | "release"
            | "website"
            | "post"
            | "policy"
            | "legislation"
            | "measure"
            | "order"
            | "regulation"
            | "regulations"
            | "guidelines"
            | "constitution"
            | "treaty"
            | "budget"
            | "platform"
            | "resolution"
            | "petition"
            | "lawsuit"
            | "suit"
            | "indictment"
            | "opinion"
            | "decision"
            | "estimate"
            | "estimates"
            | "research"
            | "numbers"
            | "results"
            | "findings"
            | "index"
            | "model"
            | "message"
            | "speech"
            | "show"
            | "episode"
            | "broadcast"
            | "interview"
            | "map"
            | "chart"
            | "graphic"
            | "deal"
            | "pact"
            | "slide"
            | "slides"
            | "returns"
            | "finding"
            | "bylaws"
            | "minutes"
            | "poster"
            | "page"
            | "blog"
            | "messages"
            | "biography"
            | "photograph"
            | "photo"
            | "picture"
            | "polling"
            | "search"
            | "test"
            | "count"
            | "counts"
            | "tally"
            | "projection"
            | "projections"
            | "policies"
            | "act"
            | "filings"
            | "platforms"
            | "quiz"
            | "evidence"
            | "account"
            | "version"
            | "site"
            | "sites"
            | "websites"
            | "agenda"
            | "cable"
            | "cables"
            | "calls"
            | "exchange"
            | "warning"
            | "warnings"
            | "gaffe"
            | "joke"
            | "jokes"
            | "comment"
            | "comments"
            | "remark"
            | "remarks"
            | "response"
            | "graphics"
            | "average"
    )
}

/// The name mention holding token `k`.
fn mention_at(names: &[NameMention], k: usize) -> Option<usize> {
    let n = names.partition_point(|m| m.tokens.start <= k);
    (n > 0 && names[n - 1].tokens.contains(&k)).then(|| n - 1)
}

impl Analysis<'_> {
    fn is_clitic(&self, k: usize) -> bool {
        matches!(self.word(k), "’s" | "'s" | "’" | "'")
    }
}

/// The role a description's head noun plays, if it can refer to a named entity.
/// True when token `k` opens the article's first line and that line is a paragraph of one
/// sentence: a headline.
fn opens_headline(a: &Analysis<'_>, k: usize) -> bool {
    let sentences = &a.segments.sentences;
    let Some(first) = sentences.first() else { return false };
    first.tokens.start == k && sentences.get(1).is_none_or(|s| s.paragraph != first.paragraph)
}

fn role(a: &Analysis<'_>, head: Range<usize>) -> Option<Role> {
    if head.len() < 2 {
        return None;
    }
    let noun = fold(a.word(head.end - 1));
    // `the campaign`, `her campaign`, `his campaign`, `his team`.
    let team = is_team(&noun);
    // `His office put out a statement`: the office speaks for its holder.
    let office = noun == "office";
    if (noun == "campaign" || team || office) && head.len() == 2 {
        let wants = match fold(a.word(head.start)).as_str() {
            "the" if !team && !office => Wants::Person(None),
            "her" => Wants::Person(Some(Gender::Female)),
            "his" => Wants::Person(Some(Gender::Male)),
            _ => return None,
        };
        return Some(Role {
            wants,
            definite: true,
            campaign: true,
            holder: office,
            named_by_noun: false,
            possessed: false,
        });
    }
    let indefinite = a.is_word(head.start, "a") || a.is_word(head.start, "an");
    // `Lazar's public defense counsel`: a capitalised possessor, then the description.
    let possessed = a.is_capitalised(head.start)
        && (head.start + 1..head.end - 1).any(|k| a.is_clitic(k))
        && !head.clone().any(|k| a.class(k) == WordClass::Determiner);
    // Headlines drop the article: `Water minister defends …` is `The water minister`.
    let definite =
        a.is_word(head.start, "the") || possessed || (!indefinite && opens_headline(a, head.start));
    if !definite && !indefinite {
        return None;
    }
    let noun = fold(a.word(head.end - 1));
    let wants = match (person_role(&noun), noun.as_str()) {
        (Some(gender), _) => Wants::Person(gender),
        (
            None,
            "newspaper" | "paper" | "bank" | "company" | "network" | "firm" | "channel" | "outlet"
            | "broadcaster" | "website" | "magazine" | "airline" | "carrier" | "agency"
            | "university" | "college" | "school" | "union" | "committee" | "council"
            | "commission" | "group",
        ) => Wants::Thing,
        _ => return None,
    };
    let named_by_noun = matches!(
        noun.as_str(),
        "university" | "college" | "school" | "union" | "committee" | "council" | "commission"
    );
    // Spokesmen, aides and advisers are named in their own sentence when ever; an
    // indefinite one further on is someone else.
    let anonymous_role = matches!(
        noun.as_str(),
        "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "aide"
            | "adviser"
            | "advisor"
            | "man"
            | "woman"
    );
    if indefinite && anonymous_role {
        return None;
    }
    Some(Role { wants, definite, campaign: false, holder: false, named_by_noun, possessed })
}

/// The named entity that a description introduces before its name: the only named person
/// (or organisation) that first appears within a few sentences after it and is quoted.
fn cataphora(
    a: &Analysis<'_>,
    clusters: &[Cluster],
    unnamed: &[Option<Unnamed>],
    p: usize,
    role: Role,
) -> Option<usize> {
    let sentence = a.segments.sentence_of[p] as usize;
    let wants = role.wants;
    let mut found = None;
    for (c, cluster) in clusters.iter().enumerate() {
        if unnamed[c].is_some() {
            continue;
        }
        let fits = match wants {
            Wants::Person(_) => !cluster.is_organisation(),
            _ => cluster.is_organisation(),
        };
        let Some(first) = cluster.events.first() else { continue };
        let new = first.token > p && first.sentence <= sentence + CATAPHORA_SENTENCES;
        // An indefinite (`a British journalist`) is only the named person it introduces when
        // the name comes with a description of its own.
        let described =
            role.definite || !cluster.descriptions.is_empty() || first.sentence <= sentence + 1;
        if fits && new && described && cluster.events.iter().any(|e| e.source) {
            if found.is_some() {
                return None;
            }
            found = Some(c);
        }
    }
    found
}

/// Resolves a pronoun at token `t`.
fn pronoun(
    a: &Analysis<'_>,
    names: &[NameMention],
    of: &[usize],
    clusters: &[Cluster],
    unnamed: &[Option<Unnamed>],
    t: usize,
    skip: &[Span],
) -> Option<usize> {
    let wants = match fold(a.word(t)).as_str() {
        "he" | "him" | "his" | "himself" => Wants::Person(Some(Gender::Male)),
        "she" | "her" | "hers" | "herself" => Wants::Person(Some(Gender::Female)),
        "they" | "them" | "their" | "themselves" => Wants::Plural,
        "it" | "its" | "itself" => Wants::Thing,
        "who" | "whom" | "which" | "that" => return relative(a, names, of, clusters, t),
        _ => return None,
    };
    if wants == Wants::Thing {
        // An `it` that says something is a body or a text: not a place that only stood in
        // the text as a place (`fled Cuba for Texas`), nor a US state. A country that was
        // a source or a subject (`Mexico said`) still counts.
        let place = |c: usize| {
            let cluster = &clusters[c];
            cluster.is_place()
                && (is_us_state(cluster.words.as_str())
                    || !cluster.events.iter().any(|e| e.source || e.first_in_sentence))
        };
        let bonus = |c: usize| if place(c) { -100.0 } else { 0.0 };
        return antecedent(a, clusters, unnamed, t, skip, wants, &bonus).filter(|&c| !place(c));
    }
    if wants == Wants::Plural {
        // A `they` that says something is a group or a body that has said or done
        // something: not an organisation that only stood as an object (`disavowed the KKK`,
        // `run the White House himself`).
        let object = |c: usize| {
            let cluster = &clusters[c];
            unnamed[c].is_none()
                && cluster.members.is_empty()
                && !cluster.events.iter().any(|e| e.source || e.first_in_sentence)
        };
        let bonus = |c: usize| if object(c) { -100.0 } else { 0.0 };
        return antecedent(a, clusters, unnamed, t, skip, wants, &bonus).filter(|&c| !object(c));
    }
    antecedent(a, clusters, unnamed, t, skip, wants, &|_| 0.0)
}

/// Who wrote the text an `I` stands in: a name mention, or a Twitter handle signed under
/// a reader's post.
#[derive(Clone, Copy, Debug)]
enum Writer {
    /// The name mention's index.
    Name(usize),
    /// `@givens1613.` on a line of its own: the handle's tokens, without the `@`.
    Handle(Span),
}

/// The writer an `I`, `me` or `my` outside quotation marks means: the name (or a Twitter
/// handle) signed on a line of its own after it (a letter's `Richard Hays Powell.`, a post's
/// `@givens1613.`), else a byline in the article's first or last sentences (`By Cathy
/// Williams`, `From STEALING AMERICA by Dinesh D’Souza.`), else the op-ed's closing line
/// about its writer (`James Bovard is the author of …`). Only a full name that is no
/// organisation or place counts, so that a photo credit or a publisher is not taken for the
/// writer.
fn writer(a: &Analysis<'_>, names: &[NameMention], t: usize) -> Option<Writer> {
    if !matches!(fold(a.word(t)).as_str(), "i" | "me" | "my") || a.quote_at(t).is_some() {
        return None;
    }
    let person =
        |m: &NameMention| m.words.len() > 1 && !m.quoted && !m.hints.organisation && !m.hints.place;
    if let Some(m) = interviewee(a, names, &person, t) {
        return Some(Writer::Name(m));
    }
    let sentences = &a.segments.sentences;
    // A sentence that is a paragraph of its own.
    let alone = |s: usize| {
        a.token(sentences[s].tokens.start).starts_line
            && sentences.get(s + 1).is_none_or(|n| a.token(n.tokens.start).starts_line)
    };
    let after = names.partition_point(|m| m.tokens.start <= t);
    let signature = names[after..].iter().position(|m| {
        let s = &sentences[m.sentence];
        let rest = m.tokens.end..s.tokens.end;
        person(m)
            && s.tokens.start == m.tokens.start
            && alone(m.sentence)
            && rest.len() <= 1
            && rest.clone().all(|k| a.is(k, "."))
    });
    // The first signature after the `I`, name or handle, is the one under its text.
    let from = a.segments.sentence_of[t] as usize + 1;
    let handle = (from..sentences.len()).find_map(|s| handle_signature(a, s).filter(|_| alone(s)));
    match (signature, handle) {
        (Some(i), Some(h)) if h.start < names[after + i].name_span(a).start => {
            return Some(Writer::Handle(h))
        }
        (Some(i), _) => return Some(Writer::Name(after + i)),
        (None, Some(h)) => return Some(Writer::Handle(h)),
        (None, None) => {}
    }
    let edge = |sentence: usize| sentence < 3 || sentence + 3 >= sentences.len();
    let byline = names.iter().position(|m| {
        person(m) && edge(m.sentence) && m.tokens.start > 0 && a.is_word(m.tokens.start - 1, "by")
    });
    byline.or_else(|| closing_biography(a, names, &person)).map(Writer::Name)
}

/// The person an `I` in an interview's answer (`Q: … A: I think …`) means: the first full
/// name of a person in the article before the first answer (the headline's `Q&A with Vice
/// President Joe Biden`, the introduction's `Actress Diane Guerrero`). The answer is the
/// last turn opened by `Q:` or `A:` within five paragraphs before the `I`.
fn interviewee(
    a: &Analysis<'_>,
    names: &[NameMention],
    person: &dyn Fn(&NameMention) -> bool,
    t: usize,
) -> Option<usize> {
    let sentences = &a.segments.sentences;
    let own = a.segments.sentence_of[t] as usize;
    let paragraph = sentences[own].paragraph;
    let turn = (0..=own)
        .rev()
        .take_while(|&s| sentences[s].paragraph + 5 > paragraph)
        .find(|&s| opens_turn(a, s, "A") || opens_turn(a, s, "Q"))?;
    if !opens_turn(a, turn, "A") {
        return None;
    }
    let first = (0..=turn).find(|&s| opens_turn(a, s, "A"))?;
    let before = sentences[first].tokens.start;
    names.iter().take_while(|m| m.tokens.end <= before).position(person)
}

/// True when sentence `s` opens a line with an interview's `Q:` or `A:` (`letter`).
fn opens_turn(a: &Analysis<'_>, s: usize, letter: &str) -> bool {
    let k = a.segments.sentences[s].tokens.start;
    a.token(k).starts_line && a.is(k, letter) && a.is(k + 1, ":")
}

/// `@givens1613.`: the handle (without the `@`) that sentence `s` consists of.
fn handle_signature(a: &Analysis<'_>, s: usize) -> Option<Span> {
    let tokens = a.segments.sentences[s].tokens.clone();
    let mut end = tokens.end;
    if end > tokens.start && a.is(end - 1, ".") {
        end -= 1;
    }
    let handle = tokens.start + 1..end;
    let joined = handle.clone().all(|k| {
        let token = a.token(k);
        token.kind != TokenKind::Punct && (k == handle.start || !token.space_before)
    });
    (a.is(tokens.start, "@") && !handle.is_empty() && joined).then(|| a.span(handle))
}

/// `Rep. Debbie Wasserman Schultz, D-Fla., chairs the Democratic National Committee.`,
/// `Glenn Harlan Reynolds, a University of Tennessee law professor, is a member …`: a full
/// name opening one of the article's last three sentences, at a paragraph start, whose verb
/// follows it (past an appositive between commas). Op-eds close with a line on their writer.
fn closing_biography(
    a: &Analysis<'_>,
    names: &[NameMention],
    person: &dyn Fn(&NameMention) -> bool,
) -> Option<usize> {
    let sentences = &a.segments.sentences;
    let last = sentences.len().saturating_sub(3);
    let first = names.partition_point(|m| m.sentence < last);
    let m = names[first..].iter().position(|m| {
        let s = &sentences[m.sentence];
        if !person(m) || s.tokens.start != m.tokens.start || !a.token(m.tokens.start).starts_line {
            return false;
        }
        let mut k = m.tokens.end;
        if a.is(k, ",") {
            // The appositive's closing comma, within a dozen tokens.
            let close = (k + 1..s.tokens.end.min(k + 14)).find(|&j| a.is(j, ","));
            match close {
                Some(j) => k = j + 1,
                None => return false,
            }
        }
        k < s.tokens.end && biography_verb(a, k)
    })?;
    Some(first + m)
}

/// `is`, `was`, `chairs`, `edits`, `teaches`: the verb of a line about a writer. A list,
/// since a news article may close on a name and its verb too (`Hillary Clinton said …`).
fn biography_verb(a: &Analysis<'_>, k: usize) -> bool {
    a.token(k).kind == TokenKind::Word
        && matches!(
            a.word(k),
            "is" | "was"
                | "has"
                | "chairs"
                | "co-chairs"
                | "edits"
                | "teaches"
                | "writes"
                | "leads"
                | "heads"
                | "directs"
                | "serves"
                | "served"
                | "hosts"
                | "co-hosts"
                | "covers"
                | "founded"
        )
}

/// `the Chicago Police Department, which said`: the name just before the relative pronoun,
/// unless it sits in a prepositional phrase (`Democrats on Capitol Hill, who`) or does not
/// agree (`which` wants a thing, `who` a person).
fn relative(
    a: &Analysis<'_>,
    names: &[NameMention],
    of: &[usize],
    clusters: &[Cluster],
    t: usize,
) -> Option<usize> {
    let mut n = names.partition_point(|m| m.tokens.end <= t);
    let mut m = names[..n].last()?;
    // `Senator Jeff Flake, Republican of Arizona, who`: party and state describe the name
    // before them.
    let s = m.tokens.start;
    if clusters[of[n - 1]].is_place()
        && s >= 3
        && a.is_word(s - 1, "of")
        && matches!(fold(a.word(s - 2)).as_str(), "republican" | "democrat" | "independent")
        && a.is(s - 3, ",")
    {
        if let Some(j) = names[..n - 1].iter().rposition(|x| x.tokens.end == s - 3) {
            let c = of[j];
            if !clusters[c].is_organisation()
                && a.segments.sentence_of[s] == a.segments.sentence_of[t]
            {
                return Some(c);
            }
        }
    }
    // `Donna Sampson Rawlings of Columbia, Md., who`: past the places after the person, and
    // past an age before them and a town before its state (`Donna Sampson Rawlings, 59, of
    // Ashton, Md., who`).
    let mut place = clusters[of[n - 1]].is_place();
    while n > 1 && place {
        let earlier = &names[n - 2];
        let between = earlier.tokens.end..m.tokens.start;
        let age = |k: usize| a.token(k).kind == TokenKind::Number && a.is(k - 1, ",");
        let joins = between.len() <= 4
            && between.clone().all(|k| {
                !a.token(k).is_wordlike() || a.class(k) == WordClass::Preposition || age(k)
            })
            && between.clone().filter(|&k| a.token(k).is_wordlike()).count() <= 2;
        if !joins {
            break;
        }
        place = clusters[of[n - 2]].is_place() || (between.len() == 1 && a.is(between.start, ","));
        n -= 1;
        m = earlier;
    }
    let last = names[..names.partition_point(|x| x.tokens.end <= t)].last()?;
    let gap = last.tokens.end..t;
    let close = gap.len() <= 3 && gap.clone().all(|k| !a.token(k).is_wordlike() || a.is_clitic(k));
    let same_sentence = a.segments.sentence_of[m.tokens.start] == a.segments.sentence_of[t];
    let mut before = m.tokens.start;
    while before > 0 && a.class(before - 1) == WordClass::Determiner {
        before -= 1;
    }
    let in_phrase = before > 0 && a.class(before - 1) == WordClass::Preposition;
    let c = of[n - 1];
    let cluster = &clusters[c];
    let agrees = if a.is_word(t, "which") {
        cluster.is_organisation() || (cluster.person == 0 && cluster.gender.is_none())
    } else if a.is_word(t, "who") || a.is_word(t, "whom") {
        !cluster.is_organisation() || cluster.person > 0
    } else {
        true
    };
    // A person or an organisation in a prepositional phrase can still be meant (`backed by
    // Donald Trump, who`), and so can any agent of a `by` (`an article by Gabriel Sherman,
    // who`); a place cannot (`Democrats on Capitol Hill, who`).
    let agent = in_phrase && a.is_word(before - 1, "by") && !cluster.is_place();
    // `younger African Americans such as Borders, who`: the example is not what the `who`
    // describes, the plural it exemplifies is; nor is a people or a party (`Iowa
    // Republicans who`), which is a group, not a named entity.
    // Only a plural verb tells (`such as Chief Petty Officer Lyle White, who pleaded`).
    let plural_verb = ["are", "were", "have", "do"].iter().any(|w| a.is_word(t + 1, w));
    let example =
        plural_verb && before >= 2 && a.is_word(before - 1, "as") && a.is_word(before - 2, "such");
    let people = {
        let w = fold(a.word(m.name.end - 1));
        m.words.len() <= 2 && is_not_a_name(&w) && w.ends_with('s')
    };
    if (example || people) && !a.is_word(t, "which") {
        return None;
    }
    let in_phrase = in_phrase && cluster.person == 0 && cluster.organisation == 0 && !agent;
    if close && same_sentence && !in_phrase && agrees {
        return Some(c);
    }
    appositive_antecedent(a, names, of, clusters, t)
}

/// `Sheldon Adelson, the casino mogul and RJC backer who`, `the Muhammad Ali Center, a
/// downtown museum that`: a relative pronoun closing an appositive refers to the name the
/// appositive describes.
fn appositive_antecedent(
    a: &Analysis<'_>,
    names: &[NameMention],
    of: &[usize],
    clusters: &[Cluster],
    t: usize,
) -> Option<usize> {
    let lex = lexicon();
    // `Alfonso Aguilar, the executive director of the Latino Partnership …, who`: the
    // appositive may close with its own comma.
    let end = if t > 0 && a.is(t - 1, ",") { t - 1 } else { t };
    let mut k = end;
    // Back over the appositive's noun phrase: at least a noun, at most fourteen words, with
    // its prepositional phrases (`of the Latino Partnership`) and coordinations (`a Texas
    // media consultant and an influential Hispanic Republican`).
    while k > 0 && end - k < 14 && !a.is(k - 1, ",") {
        let j = k - 1;
        let word = a.token(j).kind == TokenKind::Word;
        let fits = word
            && match a.class(j) {
                WordClass::Determiner
                | WordClass::Possessive
                | WordClass::Coordinator
                | WordClass::Preposition => true,
                WordClass::Open => a.is_capitalised(j) || lex.guess(a.word(j), false) != Pos::Verb,
                _ => a.is_clitic(j),
            };
        if !fits {
            break;
        }
        k = j;
    }
    // Back to the determiner that opens the noun phrase (past a prepositional phrase's own).
    while k < end && a.class(k) != WordClass::Determiner {
        k += 1;
    }
    if k == end || k == 0 || a.class(k) != WordClass::Determiner {
        return None;
    }
    // `Angela Corey is the Republican state attorney who`: a predicate noun after a copula.
    let copula = k >= 2 && matches!(fold(a.word(k - 1)).as_str(), "is" | "was");
    if !a.is(k - 1, ",") && !copula {
        return None;
    }
    let n = names.partition_point(|m| m.tokens.end < k - 1);
    let m = names.get(n).filter(|m| m.tokens.end == k - 1)?;
    let cluster = &clusters[of[n]];
    let agrees = if a.is_word(t, "who") || a.is_word(t, "whom") {
        !cluster.is_organisation() || cluster.person > 0
    } else {
        // `Quadrivium, a foundation that`: the appositive's noun tells what the name is.
        cluster.is_organisation()
            || (cluster.person == 0 && is_organisation_word(&fold(a.word(end - 1))))
    };
    (agrees && a.segments.sentence_of[m.tokens.start] == a.segments.sentence_of[t]).then_some(of[n])
}

/// The description a source mention itself gives: its appositive, or its name's
/// premodifiers and titles.
fn own_description(
    a: &Analysis<'_>,
    names: &[NameMention],
    form: &Form,
    span: Span,
) -> Option<String> {
    // The appositive after the first `, ` (as [`speaker_of`] takes it).
    let mention = span.text(a.text).trim_end_matches([',', ' ']);
    if let Some((_, d)) = mention.split_once(", ") {
        // `Quina Jones, 25, a student`: an age is no description; what follows it may be.
        let d = match d.split_once(',') {
            Some((age, rest)) if is_age(age.trim()) => rest,
            None if is_age(d.trim()) => "",
            _ => d,
        };
        let d = d.trim();
        // `Caddell, speaking of …,` is a participle clause, not a description.
        let first = d.split_whitespace().next().unwrap_or_default();
        let clause = first.ends_with("ing") || first.ends_with("ed") || first == "who";
        if !d.is_empty() && !clause {
            return Some(one_line(d));
        }
    }
    match form {
        Form::Named(m) => names[*m].description.map(|d| one_line(d.text(a.text))),
        _ => None,
    }
}

/// `25` in `Quina Jones, 25,`: one to three digits.
fn is_age(w: &str) -> bool {
    (1..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
}

/// The head's text without a leading article: `Republican nominee` of `the Republican
/// nominee`.
fn determinerless(a: &Analysis<'_>, head: Range<usize>) -> Option<Span> {
    let start = if matches!(a.class(head.start), WordClass::Determiner) {
        head.start + 1
    } else {
        head.start
    };
    (start < head.end).then(|| a.span(start..head.end))
}

/// The kind of an unnamed source, from its head noun.
fn unnamed_source_kind(a: &Analysis<'_>, head: Range<usize>) -> SpeakerKind {
    // The head noun: past closing punctuation (`officials - and many outside -`) and an
    // adjective after the noun (`officials familiar with …`).
    let mut head = head;
    while head.len() > 1
        && (!a.token(head.end - 1).is_wordlike()
            || is_weekday(&fold(a.word(head.end - 1)))
            || (postpositive(&fold(a.word(head.end - 1)))
                && !a.is_capitalised(head.end - 2)
                && a.word(head.end - 2).ends_with('s')))
    {
        head.end -= 1;
    }
    if head.is_empty() {
        return SpeakerKind::Unknown;
    }
    let last_token = head.end - 1;
    let last = fold(a.word(last_token));
    // `Democratic allegations`, `Republican criticism`: a bare party word stands for its
    // members.
    if head.len() == 1 && matches!(last.as_str(), "democratic" | "republican") {
        return SpeakerKind::Group;
    }
    if is_document_noun(&last) || elliptical_document(a, head.clone()) {
        return SpeakerKind::Document;
    }
    // `More than 13 million people`, `More than 6 in 10 Republicans`: the head stops at
    // `than`.
    if matches!(last.as_str(), "more" | "fewer") && a.is_word(head.end, "than") {
        return SpeakerKind::Group;
    }
    // `one of her ads`: one of some documents is a document.
    if last == "one"
        && a.is_word(head.end, "of")
        && (head.end + 1..(head.end + 4).min(a.tokens.len()))
            .any(|k| is_document_noun(&fold(a.word(k))))
    {
        return SpeakerKind::Document;
    }
    // `39`, `nearly four in 10 likely voters`: a count of people.
    let number_word = matches!(
        last.as_str(),
        "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten"
    );
    // `Six in 10 Virginia voters`: the head stops at `in`, leaving the bare number word.
    let in_ten = a.is_word(head.end, "in");
    let count = a.token(last_token).kind == TokenKind::Number
        || (number_word && (head.len() > 1 || in_ten));
    let quantity = matches!(
        last.as_str(),
        "group"
            | "percent"
            | "%"
            | "majority"
            | "minority"
            | "plurality"
            | "number"
            | "all"
            | "everyone"
            | "everybody"
            | "anyone"
            | "anybody"
            | "many"
            | "some"
            | "both"
            | "others"
            | "few"
            | "most"
            | "dozens"
            | "hundreds"
            | "thousands"
            | "government"
            | "public"
            | "people"
            | "men"
            | "women"
            | "children"
            | "staff"
            | "crowd"
            | "family"
            | "audience"
            | "panel"
            | "company"
            | "chorus"
            | "one"
            | "team"
            | "committee"
            | "board"
            | "firm"
            | "agency"
            | "those"
            | "these"
            | "nobody"
            | "side"
            | "media"
            | "opposition"
            | "enforcement"
            | "coalition"
            | "court"
            | "police"
            | "none"
            | "base"
            | "field"
            | "half"
            | "third"
            | "thirds"
            | "share"
            | "percentage"
            | "proportion"
            | "quarter"
            | "establishment"
            | "community"
            | "legislature"
            | "wing"
            | "left"
            | "generation"
            | "array"
    ) && !(last == "one" && head.len() < 2);
    let plural =
        last.ends_with('s') && !last.ends_with("ss") && !last.ends_with("us") && last.len() > 3;
    // `Many people involved in …`, `Americans worried about …`: a quantity or a plural first.
    let first_word = fold(a.word(head.start));
    let counted = matches!(
        first_word.as_str(),
        "many"
            | "some"
            | "several"
            | "few"
            | "most"
            | "all"
            | "both"
            | "dozens"
            | "hundreds"
            | "thousands"
            | "millions"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "ten"
    ) || a.token(head.start).kind == TokenKind::Number
        || (first_word.ends_with('s')
            && !first_word.ends_with("ss")
            && a.is_capitalised(head.start)
            && !is_document_noun(&first_word));
    let plural = plural || (counted && head.len() > 1);
    // An unnamed institution (`the Ministry`, `an Israeli newspaper`, `a super PAC`) is a
    // group, as an unnamed organisation is in the gold conventions.
    let institution = is_organisation_word(&last)
        || matches!(
            last.as_str(),
            "newspaper" | "paper" | "network" | "channel" | "outlet" | "broadcaster" | "airline"
        );
    if quantity || plural || count || institution {
        return SpeakerKind::Group;
    }
    match last.as_str() {
        "i" | "you" | "one" | "another" | "someone" | "somebody" | "anyone" => {
            SpeakerKind::Anonymous
        }
        "it" | "which" | "that" | "nothing" => SpeakerKind::Unknown,
        _ if a.token(last_token).kind == TokenKind::Word => SpeakerKind::Anonymous,
        _ => SpeakerKind::Unknown,
    }
}

/// The kind of a pronoun no antecedent was found for. A relative pronoun takes after the
/// noun before it: `the film, which` is a document, `lawmakers who` a group.
fn unresolved_pronoun_kind(a: &Analysis<'_>, t: usize) -> SpeakerKind {
    let w = fold(a.word(t));
    match w.as_str() {
        "he" | "she" | "him" | "her" | "his" | "i" | "me" | "my" | "you" => SpeakerKind::Anonymous,
        "they" | "them" | "their" | "we" | "us" | "our" => SpeakerKind::Group,
        "who" | "whom"
            if (t.saturating_sub(5)..t).any(|k| {
                let w = a.word(k);
                (a.token(k).kind == TokenKind::Word && w.ends_with('s') && !w.ends_with("ss"))
                    || a.token(k).kind == TokenKind::Number
                    || w == "percent"
            }) =>
        {
            SpeakerKind::Group
        }
        "who" | "whom" if plural_before_relative(a, t) => SpeakerKind::Group,
        "it" | "its" => SpeakerKind::Document,
        _ => {
            let mut k = t;
            while k > 0 && !a.token(k - 1).is_wordlike() && !a.is_terminal(k - 1) {
                k -= 1;
            }
            if k == 0 || !a.token(k - 1).is_wordlike() {
                return SpeakerKind::Unknown;
            }
            let before = fold(a.word(k - 1));
            if is_document_noun(&before) {
                SpeakerKind::Document
            } else if before.ends_with('s') && !before.ends_with("ss") {
                SpeakerKind::Group
            } else if w == "who" {
                SpeakerKind::Anonymous
            } else if unnamed_source_kind(a, k - 1..k) == SpeakerKind::Group {
                // `the party establishment, which`: a body as the unnamed sources count it.
                SpeakerKind::Group
            } else {
                SpeakerKind::Document
            }
        }
    }
}

/// How far back, in tokens, an elliptical `one` or `another` looks for the noun it stands
/// for.
const ELLIPSIS_TOKENS: usize = 16;

/// True when a bare `one` or `another` (not `one of …`) stands for a document noun written
/// shortly before it (`two side-by-side columns, one listing …`, `a series of online
/// postings that included one saying …`, `a quiz asked …. Another notes …`).
fn elliptical_document(a: &Analysis<'_>, head: Range<usize>) -> bool {
    if head.len() != 1
        || !(a.is_word(head.start, "one") || a.is_word(head.start, "another"))
        || a.is_word(head.end, "of")
    {
        return false;
    }
    (head.start.saturating_sub(ELLIPSIS_TOKENS)..head.start).rev().any(|k| {
        if a.token(k).kind != TokenKind::Word {
            return false;
        }
        let w = fold(a.word(k));
        is_document_noun(&w)
            || w.strip_suffix('s').is_some_and(|one| one == "posting" || is_document_noun(one))
    })
}

/// Whether a head is a pair (`both`, `the two`, `both candidates`, `the two Republican
/// presidents`, `the two countries`): `Some(true)` for a pair of organisations or
/// countries, `Some(false)` for a pair of persons, `None` for anything else (`both private
/// experts and federal investigators`, `two senators`).
fn pair_noun(a: &Analysis<'_>, head: Range<usize>) -> Option<bool> {
    // `Both of his GOP senators`: the pair is in the phrase after it, not named before.
    if a.is_word(head.end, "of") {
        return None;
    }
    let words: Vec<usize> = head.filter(|&k| a.token(k).is_wordlike()).collect();
    let rest = match words.as_slice() {
        [b, rest @ ..] if a.is_word(*b, "both") => rest,
        [the, two, rest @ ..] if a.is_word(*the, "the") && a.is_word(*two, "two") => rest,
        _ => return None,
    };
    if rest.len() > 3
        || rest
            .iter()
            .any(|&k| matches!(a.class(k), WordClass::Coordinator | WordClass::Preposition))
    {
        return None;
    }
    let Some(&last) = rest.last() else { return Some(false) };
    let noun = fold(a.word(last));
    match noun.as_str() {
        "countries" | "nations" | "sides" | "governments" | "companies" => Some(true),
        "men" | "women" | "candidates" | "nominees" | "rivals" | "friends" | "brothers"
        | "sisters" | "politicians" | "lawmakers" | "leaders" | "presidents" | "senators"
        | "voters" => Some(false),
        _ => None,
    }
}

/// True when the `who` at token `t` describes more than one: it follows (past a comma) a
/// quantifier standing for people (`those who`, `some who`, `many who`) or a plural noun
/// without a plural `s` (`Older people, who`), or it is coordinated with a `who` before it
/// that does (`African Americans, who … and who`).
fn plural_before_relative(a: &Analysis<'_>, t: usize) -> bool {
    let mut k = t;
    if k > 0 && a.is(k - 1, ",") {
        k -= 1;
    }
    let Some(before) = k.checked_sub(1).filter(|&j| a.token(j).kind == TokenKind::Word) else {
        return false;
    };
    match fold(a.word(before)).as_str() {
        "those" | "some" | "many" | "others" | "several" | "few" | "most" | "people" | "men"
        | "women" | "children" => true,
        "and" | "or" => {
            let sentence = a.segments.sentence_of[t];
            (0..before)
                .rev()
                .take_while(|&j| a.segments.sentence_of[j] == sentence)
                .find(|&j| a.is_word(j, "who"))
                .is_some_and(|j| unresolved_pronoun_kind(a, j) == SpeakerKind::Group)
        }
        _ => false,
    }
}

/// `His speech Tuesday`: a day after the head noun says when, not what.
fn is_weekday(folded: &str) -> bool {
    matches!(
        folded,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

/// Adjectives that follow the noun they describe: `officials familiar with`, `sources close
/// to`.
fn postpositive(folded: &str) -> bool {
    matches!(
        folded,
        "familiar"
            | "close"
            | "involved"
            | "aware"
            | "knowledgeable"
            | "briefed"
            | "opposed"
            | "loyal"
            | "responsible"
            | "present"
            | "sympathetic"
            | "here"
            | "there"
    )
}

/// Turns clusters into entities and queries into speakers.
fn finish(
    a: &Analysis<'_>,
    queries: &[SourceQuery<'_>],
    mut clusters: Vec<Cluster>,
    unnamed: &[Option<Unnamed>],
    unnamed_kind: &[SpeakerKind],
    target: &[Option<usize>],
    descriptions: &[Option<String>],
) -> Resolution {
    let mut quoted = vec![0usize; clusters.len()];
    for &c in target.iter().flatten() {
        quoted[c] += 1;
    }
    let kinds: Vec<EntityKind> = clusters
        .iter()
        .enumerate()
        .map(|(c, cl)| match unnamed[c] {
            None if !cl.members.is_empty() => EntityKind::Other,
            Some(_) => match unnamed_kind[c] {
                SpeakerKind::Anonymous | SpeakerKind::Person => EntityKind::Person,
                SpeakerKind::Organization => EntityKind::Organization,
                _ => EntityKind::Other,
            },
            None if cl.is_place() => EntityKind::Place,
            None if cl.is_organisation() => EntityKind::Organization,
            None if cl.person > 0 || cl.gender.is_some() || quoted[c] > 0 => EntityKind::Person,
            None => EntityKind::Other,
        })
        .collect();
    // Entities in order of first mention.
    let first = |c: usize| clusters[c].mentions.iter().map(|s| s.start).min().unwrap_or(usize::MAX);
    // A capitalised word seen only at sentence starts (`Ironically`, `Polls`) is no entity
    // unless something refers to it.
    let mut order: Vec<usize> = (0..clusters.len())
        .filter(|&c| {
            let cl = &clusters[c];
            !cl.mentions.is_empty()
                && (cl.reliable
                    || quoted[c] > 0
                    || unnamed[c].is_some()
                    || !cl.members.is_empty()
                    || cl.label.is_some()
                    || cl.person > 0)
        })
        .collect();
    order.sort_by_key(|&c| (first(c), c));
    let mut id_of = vec![usize::MAX; clusters.len()];
    for (id, &c) in order.iter().enumerate() {
        id_of[c] = id;
    }
    let clusters_members_empty: Vec<bool> = clusters.iter().map(|c| c.members.is_empty()).collect();
    let mut line = String::new();
    let entities: Vec<Entity> = order
        .iter()
        .enumerate()
        .map(|(id, &c)| {
            // Each cluster becomes one entity, which takes its mentions.
            let mut mentions = std::mem::take(&mut clusters[c].mentions);
            let cl = &clusters[c];
            mentions.sort();
            mentions.dedup();
            let mut descriptions: Vec<String> = Vec::new();
            for d in &cl.descriptions {
                // A description repeats as often as its name is written: a copy is made
                // only for a new one.
                line.clear();
                one_line_into(d.text(a.text), &mut line);
                if !descriptions.contains(&line) {
                    descriptions.push(line.clone());
                }
            }
            let name = if !cl.members.is_empty() {
                let names: Vec<String> = cl
                    .members
                    .iter()
                    .map(|&m| {
                        let member = &clusters[m];
                        member.label.clone().unwrap_or_else(|| {
                            member.name.map_or_else(String::new, |s| one_line(s.text(a.text)))
                        })
                    })
                    .collect();
                names.join(" + ")
            } else if let Some(label) = &cl.label {
                label.clone()
            } else {
                cl.name.map_or_else(String::new, |s| one_line(s.text(a.text)))
            };
            Entity {
                id,
                name,
                named: unnamed[c].is_none(),
                kind: kinds[c],
                descriptions,
                mentions: mentions.into_vec(),
                quoted: quoted[c],
            }
        })
        .collect();
    let speakers = target
        .iter()
        .zip(queries)
        .zip(descriptions)
        .map(|((t, query), description)| match t {
            Some(c) => {
                let e = &entities[id_of[*c]];
                let kind = if !clusters_members_empty[*c] {
                    SpeakerKind::Group
                } else if e.named {
                    match speaker_kind(e.kind) {
                        SpeakerKind::Unknown => SpeakerKind::Person,
                        k => k,
                    }
                } else {
                    unnamed_kind[*c]
                };
                Speaker {
                    name: e.name.clone(),
                    kind,
                    description: description.clone().or_else(|| e.descriptions.first().cloned()),
                    entity: Some(e.id),
                }
            }
            None => speaker_of(a.text, query.span),
        })
        .collect();
    Resolution { entities, speakers }
}

/// `lawmakers`, `proponents`, `doctors`, `scholars`: plural nouns for people, by suffix, for
/// capitalised words the lexicon does not know (`Sanders` and `Reuters` are settled before,
/// by a fuller name or an organisation word).
fn plural_person_noun(folded: &str) -> bool {
    ["makers", "ers", "ors", "ents", "ants", "ists", "ians", "ics", "ars", "ees"]
        .iter()
        .any(|s| folded.len() > s.len() + 2 && folded.ends_with(s))
}

/// The abbreviation a title takes before a name: `governor` → `gov`.
fn abbreviation(role: &str) -> Option<&'static str> {
    match role {
        "governor" => Some("gov"),
        "senator" => Some("sen"),
        "representative" | "congressman" | "congresswoman" => Some("rep"),
        "general" => Some("gen"),
        "professor" => Some("prof"),
        _ => None,
    }
}
