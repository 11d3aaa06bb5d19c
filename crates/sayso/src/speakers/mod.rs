//! Speaker resolution: who each source mention refers to, as an article-level [`Entity`].
//!
//! The stage runs after the final attributions are known and never changes a span. It finds
//! every name written in the article ([`mentions`]), clusters the names into entities
//! (`Maria K. Okafor`, `Ms Okafor`, `Okafor`), then resolves each attribution's source:
//! a name to its cluster, a pronoun (`she`, `they`, `which`) or a definite description
//! (`the Republican nominee`) to the agreeing entity that is most salient before it
//! ([`coref`]), and anything else (`a senior official`, `sources`, `a poll`) to an unnamed
//! entity of its own. Descriptions come from appositives (`Tom Whitfield, the Guardian’s
//! Paris correspondent,`), premodifiers (`transport minister Ana Lima`) and titles.
//!
//! The work is a few passes over the tokens plus, per source, one look at each entity: linear
//! in the article for any realistic number of entities.

mod coref;
mod mentions;
pub mod names;
mod sources;

use crate::{Span, Speaker, SpeakerKind};

pub use self::sources::resolve;

/// What kind of thing an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// A person, named (`Amara Okafor`) or not (`a senior official`).
    Person,
    /// An organisation: `the Pentagon`, `Reuters`, `the Trump campaign`.
    Organization,
    /// A place: `Lisbon`, `Ohio`.
    Place,
    /// Anything else: a group of unnamed people, a document, a name of unknown kind.
    Other,
}

impl EntityKind {
    /// The name used on the wire and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Other => "other",
        }
    }
}

/// Someone or something the article mentions: the referent of names, pronouns and
/// descriptions, and of unnamed sources.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// Its index in [`crate::Extraction::entities`], which speakers point to.
    pub id: usize,
    /// The fullest name written in the article, without honorifics or titles
    /// (`Amara Okafor`); for an unnamed entity, the source mention (`a senior official`).
    pub name: String,
    /// False for an entity the article never names (`a senior official`, `sources`).
    pub named: bool,
    /// Person, organisation, place or other.
    pub kind: EntityKind,
    /// Roles and descriptions the article gives it, in text order, without repeats.
    pub descriptions: Vec<String>,
    /// Every mention: names, and the pronouns and descriptions that were resolved to it,
    /// in text order.
    pub mentions: Vec<Span>,
    /// How many attributions it is the speaker of.
    pub quoted: usize,
}

/// A source mention to resolve, with the content of its attribution (a name inside the
/// content is never the antecedent of the source's pronoun).
#[derive(Clone, Copy, Debug)]
pub struct SourceQuery<'s> {
    /// The source mention.
    pub span: Span,
    /// Its attribution's content fragments.
    pub content: &'s [Span],
}

/// The entities of one article, and the speaker of each query.
#[derive(Clone, Debug, Default)]
pub struct Resolution {
    /// The entities, ordered by first mention; `entities[i].id == i`.
    pub entities: Vec<Entity>,
    /// One speaker per query, in query order.
    pub speakers: Vec<Speaker>,
}

/// The speaker kind an entity stands for, when a source names it.
fn speaker_kind(kind: EntityKind) -> SpeakerKind {
    match kind {
        EntityKind::Person => SpeakerKind::Person,
        EntityKind::Organization | EntityKind::Place => SpeakerKind::Organization,
        EntityKind::Other => SpeakerKind::Unknown,
    }
}

/// `text` on one line: runs of white space become one space.
fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    one_line_into(text, &mut line);
    line
}

/// Appends [`one_line`] of `text` to `line`, which must be empty.
fn one_line_into(text: &str, line: &mut String) {
    // Most names and descriptions are on one line already, and are copied whole.
    if is_one_line(text) {
        line.push_str(text);
        return;
    }
    // Into one string, without a `Vec` of the words to join.
    for word in text.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
}

/// True when [`one_line`] leaves `text` as it is: ASCII whose only white space is single
/// spaces between words (anything else, such as a non-breaking space, is left to `one_line`).
fn is_one_line(text: &str) -> bool {
    // A space first is not one line: as if one came before the text.
    let mut after_space = true;
    for &b in text.as_bytes() {
        if !b.is_ascii() || (0x09..=0x0D).contains(&b) {
            return false;
        }
        let space = b == b' ';
        if space && after_space {
            return false;
        }
        after_space = space;
    }
    !after_space || text.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribute::Analysis;

    #[test]
    fn text_already_on_one_line_is_what_one_line_makes_of_it() {
        let texts = [
            "",
            " ",
            "a",
            "Joe Biden",
            " Joe",
            "Joe ",
            "Joe  Biden",
            "Joe\nBiden",
            "Joe\tBiden",
            "Joe\u{a0}Biden",
            "José Núñez",
            "a b c",
            "a\r\n",
            "\u{b}x",
            "x\u{1c}y",
        ];
        for text in texts {
            assert_eq!(is_one_line(text), one_line(text) == text && text.is_ascii(), "{text:?}");
            let mut line = String::new();
            one_line_into(text, &mut line);
            assert_eq!(line, text.split_whitespace().collect::<Vec<_>>().join(" "), "{text:?}");
        }
    }

    /// Resolves the mentions `marked` (each the n-th occurrence given by `@n`, or the first)
    /// of `text` as sources, in context. A mark `source => content` gives the source's
    /// attribution that content (found the same way).
    fn resolve_in(text: &str, marked: &[&str]) -> Resolution {
        let analysis = Analysis::new(text, &[]);
        let find = |m: &str| {
            let (word, nth) = match m.rsplit_once('@') {
                Some((w, n)) => (w, n.parse::<usize>().unwrap_or(0)),
                None => (m, 0),
            };
            // Whole words only: `he` is not the end of `the`.
            let boundary = |i: usize, j: usize| {
                !text[..i].ends_with(char::is_alphanumeric)
                    && !text[j..].starts_with(char::is_alphanumeric)
            };
            let start = text
                .match_indices(word)
                .filter(|(i, _)| boundary(*i, *i + word.len()))
                .nth(nth)
                .map_or(0, |(i, _)| i);
            Span::new(start, start + word.len())
        };
        let marks: Vec<(Span, Vec<Span>)> = marked
            .iter()
            .map(|m| match m.split_once(" => ") {
                Some((source, content)) => (find(source), vec![find(content)]),
                None => (find(m), Vec::new()),
            })
            .collect();
        let queries: Vec<SourceQuery<'_>> =
            marks.iter().map(|(span, content)| SourceQuery { span: *span, content }).collect();
        sources::resolve(&analysis, &queries)
    }

    /// `t!(name, text, [sources…], last source's name, kind)`: the last source resolves to
    /// that canonical name (`-` for an unnamed entity) and speaker kind.
    macro_rules! t {
        ($name:ident, $text:expr, [$($m:expr),+], $expected:expr, $kind:ident) => {
            #[test]
            fn $name() {
                let r = resolve_in($text, &[$($m),+]);
                let speaker = r.speakers.last().expect("a speaker");
                let entity = speaker.entity.map(|id| &r.entities[id]);
                let name = match entity {
                    Some(e) if e.named => e.name.as_str(),
                    _ => "-",
                };
                assert_eq!((name, speaker.kind), ($expected, SpeakerKind::$kind), "{r:#?}");
            }
        };
    }

    // Pronouns: gender, number, salience, across sentences and paragraphs.
    t!(
        she_after_name,
        "Amara Okafor arrived. “We will win,” she said.",
        ["she"],
        "Amara Okafor",
        Person
    );
    t!(
        he_skips_woman,
        "Maria Lopez met John Smith.\n\nLater he said it was fine.",
        ["he"],
        "John Smith",
        Person
    );
    t!(she_by_honorific, "Ms Okafor spoke to Mr Ridley. She said no.", ["She"], "Okafor", Person);
    t!(
        he_prefers_the_quoted,
        "John Smith said the plan was bad, and Tom Jones agreed with Smith.\n“It is,” he said.",
        ["John Smith", "he"],
        "John Smith",
        Person
    );
    t!(
        they_organisation,
        "Reuters said the figures were wrong. They said more.",
        ["They"],
        "Reuters",
        Organization
    );
    t!(
        they_sources,
        "Sources said the deal was off. They said more.",
        ["Sources", "They"],
        "-",
        Group
    );
    t!(
        which_relative,
        "It was the Chicago Police Department, which said crime fell.",
        ["which"],
        "Chicago Police Department",
        Organization
    );
    t!(
        it_document,
        "A new report was published. It said costs rose.",
        ["A new report", "It"],
        "-",
        Document
    );

    t!(
        he_named_source_with_premodifier,
        "Muhammad Ali died. Family spokesman Bob Gunnell says Ali was accompanied by his wife. He says the body was taken home.",
        ["Family spokesman Bob Gunnell", "He"],
        "Bob Gunnell",
        Person
    );
    t!(
        he_subject_after_introduction,
        "Jason Kander, who is running against Roy Blunt, said it was wrong.\n\nLast month, Blunt helped orchestrate a deal. But on Tuesday, he stood with other leaders.",
        ["Jason Kander, who is running against Roy Blunt,", "he"],
        "Roy Blunt",
        Person
    );
    t!(
        he_person_by_role_premodifier,
        "Bernie Sanders said he would stay. The vote was close. The count went on.\n\nFormer Pennsylvania governor Ed Rendell, one of Clinton’s supporters, was more resolute.\n\n“Absolutely not,” he said.",
        ["Bernie Sanders", "he@1"],
        "Ed Rendell",
        Person
    );
    t!(
        who_after_appositive,
        "The focus is on Sheldon Adelson, the casino mogul and RJC backer who is aligned with Netanyahu.",
        ["who"],
        "Sheldon Adelson",
        Person
    );
    t!(
        that_after_appositive,
        "A memorial has grown outside the Muhammad Ali Center, a downtown museum that promotes his ideals.",
        ["that"],
        "Muhammad Ali Center",
        Organization
    );

    // Name variants: honorifics, initials, titles.
    t!(
        partial_surname,
        "Maria K. Okafor spoke. Later Okafor said no.",
        ["Okafor@1"],
        "Maria K. Okafor",
        Person
    );
    t!(
        honorific_surname,
        "Maria K. Okafor spoke. Then Ms Okafor said no.",
        ["Ms Okafor"],
        "Maria K. Okafor",
        Person
    );
    t!(dame, "Dame Helen Marsh spoke. Marsh said no.", ["Marsh@1"], "Helen Marsh", Person);
    t!(
        relative_by_first_name_gives_way,
        "Donald Trump spoke of his brother, Freddy. Freddy Trump died young. Mr. Trump said no.",
        ["Mr. Trump"],
        "Donald Trump",
        Person
    );
    t!(
        who_after_party_of_state,
        "“No,” declared Senator Jeff Flake, Republican of Arizona, who echoed him.",
        ["who"],
        "Jeff Flake",
        Person
    );
    t!(
        party_member_from_a_place_is_a_description,
        "House Speaker Paul Ryan spoke. The Wisconsin Republican said no.",
        ["The Wisconsin Republican"],
        "Paul Ryan",
        Person
    );
    t!(
        team_is_the_campaign,
        "Hillary Clinton spoke in Ohio. Clinton’s team said no.",
        ["Clinton’s team"],
        "Clinton campaign",
        Organization
    );
    t!(
        his_team_is_his_campaign,
        "Marco Rubio spoke in Ohio. His team said no.",
        ["His team"],
        "Rubio campaign",
        Organization
    );
    t!(
        role_noun_is_no_name,
        "Actress Amandla Stenberg spoke. Later Stenberg said no.",
        ["Stenberg@1"],
        "Amandla Stenberg",
        Person
    );
    t!(
        head_title_after_modifier,
        "Defense Secretary Ash Carter spoke. Later Carter said no.",
        ["Carter@1"],
        "Ash Carter",
        Person
    );
    t!(
        modifiers_before_honorific,
        "The Manhattan-made Mr. Trump spoke. Later Mr. Trump said no.",
        ["Mr. Trump@1"],
        "Trump",
        Person
    );
    t!(
        hyphenated_modifier,
        "A Los Angeles-area Sanders volunteer spoke. Bernie Sanders said no. Later Sanders said yes.",
        ["Sanders@2"],
        "Bernie Sanders",
        Person
    );
    t!(
        title_as_surname_takes_no_place,
        "“It is hard,” said Representative Peter T. King of New York, who backs him. Mr. King said no.",
        ["Mr. King"],
        "Peter T. King",
        Person
    );
    t!(
        president,
        "President Joe Biden spoke. Mr Biden said no.",
        ["Mr Biden"],
        "Joe Biden",
        Person
    );
    t!(
        surname_first_mention,
        "Okafor said no. Maria Okafor is the minister.",
        ["Okafor"],
        "Maria Okafor",
        Person
    );
    t!(
        recent_of_two,
        "Hillary Clinton and Bill Clinton came. Bill Clinton spoke first. Clinton said no.",
        ["Clinton@3"],
        "Bill Clinton",
        Person
    );
    t!(
        newspaper,
        "The New York Post reported it. The Post said more.",
        ["The Post"],
        "New York Post",
        Organization
    );
    t!(
        initials,
        "The Securities and Exchange Commission sued the firm. The S.E.C. said so.",
        ["The S.E.C."],
        "Securities and Exchange Commission",
        Organization
    );
    t!(transcript_caps, "Mike Pence spoke.\nPENCE: We will win.", ["PENCE"], "Mike Pence", Person);
    t!(
        campaign,
        "Donald Trump’s campaign said no.",
        ["Donald Trump’s campaign"],
        "Trump campaign",
        Organization
    );
    t!(
        joint,
        "Mr. Grassley and Mr. Leahy said no.",
        ["Mr. Grassley and Mr. Leahy"],
        "Grassley + Leahy",
        Group
    );

    t!(
        surname_not_the_relative,
        "Marcel Lehel Lazar was sentenced. “We need him,” his wife, Gabriela Violeta Lazar, wrote. A graduate, Lazar had no training.",
        ["Lazar@2"],
        "Marcel Lehel Lazar",
        Person
    );
    t!(
        surname_that_is_a_common_word,
        "Andrew Rice endorsed Clinton. “He is a protest voice,” Rice said.",
        ["Rice@1"],
        "Andrew Rice",
        Person
    );
    t!(
        surname_that_is_a_title,
        "Larry King hosted the show. Later, King says it was fine.",
        ["King@1"],
        "Larry King",
        Person
    );
    t!(
        appositive_after_article,
        "Tom Smith spoke. His lawyer, the Rev. John Brown, said no.",
        ["His lawyer, the Rev. John Brown,"],
        "John Brown",
        Person
    );
    t!(
        name_suffix,
        "Then assistant pastor Charles Elliott III asked them to stand.",
        ["assistant pastor Charles Elliott III"],
        "Charles Elliott",
        Person
    );
    t!(
        title_archbishop,
        "Archbishop Aris Shirvanian told the AP it was so.",
        ["Archbishop Aris Shirvanian"],
        "Aris Shirvanian",
        Person
    );
    t!(
        title_assistant,
        "Then Assistant U.S. Attorney Maya Song wrote that the harm was great.",
        ["Assistant U.S. Attorney Maya Song"],
        "Maya Song",
        Person
    );
    t!(
        coordination_of_title_and_name,
        "“We are disappointed,” said Fox News Vice President and Washington Managing Editor Bill Sammon.",
        ["Fox News Vice President and Washington Managing Editor Bill Sammon"],
        "Bill Sammon",
        Person
    );
    t!(
        headline_verb_not_in_name,
        "Donald Trump Praises Breitbart’s Washington Political Editor Matthew Boyle: ‘Very Good Reporter.’\n\nDonald Trump praised Boyle on Monday.",
        ["Donald Trump"],
        "Donald Trump",
        Person
    );

    // Descriptions before the name, resolved when the article makes it unambiguous.
    t!(
        definite_description_back,
        "Donald Trump spoke in Ohio. The Republican nominee said he would win.",
        ["Donald Trump", "The Republican nominee"],
        "Donald Trump",
        Person
    );
    t!(
        description_before_name,
        "The water minister has defended the plan.\n\n“We will win,” Amara Okafor said.",
        ["The water minister", "Amara Okafor"],
        "Amara Okafor",
        Person
    );
    t!(
        indefinite_description_before_name,
        "A British journalist has claimed the talks failed. Tom Whitfield, the Guardian’s Paris correspondent, alleged that officials lied.",
        ["Tom Whitfield, the Guardian’s Paris correspondent,", "A British journalist"],
        "Tom Whitfield",
        Person
    );
    t!(
        description_group,
        "The Trayvon Martin Foundation did not comment. “We are focused on that mission,” the group said.",
        ["the group"],
        "Trayvon Martin Foundation",
        Organization
    );
    // `it` is no place that was only a place, nor a US state; a country that spoke is.
    t!(
        it_not_a_mere_place,
        "His father fled Cuba for Texas. The law was passed in 2010; it said nothing of that.",
        ["it"],
        "-",
        Document
    );
    t!(
        it_a_country_that_spoke,
        "Mexico said the wall was a mistake. It added that talks would go on.",
        ["Mexico", "It"],
        "Mexico",
        Organization
    );
    // A name's possessive makes the description definite, but the possessor is not meant.
    t!(
        possessed_description_before_name,
        "Connecticut’s tax commissioner says the review found nothing.\n\nKevin Sullivan says he checked.",
        ["Connecticut’s tax commissioner", "Kevin Sullivan"],
        "Kevin Sullivan",
        Person
    );
    t!(
        possessed_description_not_the_possessor,
        "Marcel Lazar pleaded guilty. Lazar said he was sorry. Lazar’s lawyer asked for mercy.",
        ["Lazar@1", "Lazar’s lawyer"],
        "-",
        Anonymous
    );

    t!(
        description_diplomat,
        "Sir Peter Westmacott praised Obama. The diplomat also mused about the race.",
        ["Sir Peter Westmacott", "The diplomat"],
        "Peter Westmacott",
        Person
    );
    t!(
        description_named_by_its_noun,
        "The Commission on Presidential Debates met Reuters. The commission said more.",
        ["The commission"],
        "Commission on Presidential Debates",
        Organization
    );

    // Kinds of unnamed sources.
    t!(anonymous_official, "A senior official said no.", ["A senior official"], "-", Anonymous);
    t!(anonymous_resident, "One Lisbon resident said no.", ["One Lisbon resident"], "-", Anonymous);
    t!(anonymous_another, "A man said yes; another said no.", ["another"], "-", Anonymous);
    t!(group_officials, "Officials said no.", ["Officials"], "-", Group);
    t!(group_critics, "But critics said no.", ["critics"], "-", Group);
    t!(group_party_members, "Senate Democrats blocked the bill.", ["Senate Democrats"], "-", Group);
    t!(group_quantified, "Many Millennials want what they want.", ["Many Millennials"], "-", Group);
    t!(
        group_headline_plural,
        "Rabbis vow to boycott Trump speech.\n\nA group of rabbis is planning a boycott.",
        ["Rabbis"],
        "-",
        Group
    );
    t!(
        group_indefinite_acronym,
        "A pro-Rubio super PAC ran an ad.",
        ["A pro-Rubio super PAC"],
        "-",
        Group
    );
    t!(group_count, "Already 520 back Clinton, and 39 back Sanders.", ["39"], "-", Group);
    t!(
        group_count_in_ten,
        "Trump won nearly four in 10 likely voters.",
        ["nearly four in 10 likely voters"],
        "-",
        Group
    );
    t!(group_those, "Cruz leads among those who say so.", ["those"], "-", Group);
    t!(
        group_postpositive_adjective,
        "It uses a network, according to officials familiar with the system.",
        ["officials familiar with the system"],
        "-",
        Group
    );
    t!(
        group_unnamed_newspaper,
        "An Israeli newspaper owned by Adelson ran it.",
        ["An Israeli newspaper owned by Adelson"],
        "-",
        Group
    );
    t!(
        document_biography,
        "He clerked for a judge, according to his biography.",
        ["his biography"],
        "-",
        Document
    );
    t!(document_poll, "A Bloomberg poll found support fell.", ["A Bloomberg poll"], "-", Document);
    t!(we_contracted, "We’ve seen this before.", ["We’ve"], "-", Group);
    t!(police_in_capitals, "Police said the girl was hurt.", ["Police"], "-", Group);
    t!(none_of, "None of the candidates said so.", ["None of the candidates"], "-", Group);
    t!(
        about_a_number,
        "Only about 4 in 10 voters said so.",
        ["Only about 4 in 10 voters"],
        "-",
        Group
    );
    t!(postpositive_there, "Fox said executives there liked it.", ["executives there"], "-", Group);
    t!(
        document_count,
        "The current Associated Press count gives her 1,280.",
        ["The current Associated Press count"],
        "-",
        Document
    );
    t!(
        participle_before_document,
        "A Reuters rolling poll shows Trump ahead.",
        ["A Reuters rolling poll"],
        "-",
        Document
    );
    t!(
        adverb_and_participle,
        "A newly released email finds the guards were few.",
        ["A newly released email"],
        "-",
        Document
    );
    t!(
        plural_in_a_list_is_no_name,
        "Trump has offended women, Hispanics, and others.",
        ["women, Hispanics, and others"],
        "-",
        Group
    );
    t!(
        place_preposition_ends_the_head,
        "One operative inside Trump Tower said it was fine.",
        ["One operative inside Trump Tower"],
        "-",
        Anonymous
    );
    t!(group_in_ten, "Six in 10 Virginia voters said she is honest.", ["Six in 10"], "-", Group);
    t!(group_fraction, "Half of Vermont Democrats said they want more.", ["Half"], "-", Group);
    t!(
        group_collective,
        "The other is favored by the establishment but wants more.",
        ["the establishment"],
        "-",
        Group
    );
    t!(document_filings, "New filings show it has little cash.", ["New filings"], "-", Document);
    t!(
        document_past_a_weekday,
        "His speech Tuesday was full of family remembrances.",
        ["His speech Tuesday"],
        "-",
        Document
    );
    t!(
        plural_title_is_no_name,
        "One candidate, Marco Rubio, is young. Together, Senators Rubio and Cruz lead. \
         “No,” Mr. Rubio said.",
        ["Mr. Rubio"],
        "Marco Rubio",
        Person
    );
    t!(
        magnate_is_a_role,
        "Donald Trump spoke in Reno. The billionaire real estate magnate says it is soft.",
        ["The billionaire real estate magnate"],
        "Donald Trump",
        Person
    );
    t!(
        writer_signs_the_letter,
        "LETTERS.\n\nIf Weiner had a drinking problem, I guess the results would be the same.\n\n\
         Cathy Williams.\n\nSo Weiner's wife is out campaigning.\n\nJohn Murray.",
        ["I"],
        "Cathy Williams",
        Person
    );
    t!(
        writer_in_the_byline,
        "Brafman sat down. “Okay,” I said, attempting to regroup.\n\n\
         From STEALING AMERICA by Dinesh D’Souza. Copyright 2015.",
        ["I"],
        "Dinesh D’Souza",
        Person
    );
    t!(
        writer_is_not_the_next_he,
        "LETTERS.\n\nIf Anthony Weiner had a problem, I guess it would be the same. Hopefully, \
         he will seek help.\n\nCathy Williams.",
        ["I", "he"],
        "Anthony Weiner",
        Person
    );
    t!(
        writer_signs_with_a_handle,
        "TWITTER.\n\nHillary won easily in SC.\n\n@RetiringOne.\n\nI think it is a sure sign \
         we need her.\n\n@givens1613.\n\nShe still has a fight on her hands.\n\n@MohanadasR.",
        ["I"],
        "givens1613",
        Person
    );
    t!(
        writer_in_the_closing_line,
        "I refuse to answer the survey, and nobody can make me.\n\nJames Bovard is the \
         author of Public Policy Hooligan and a member of USA TODAY's Board of Contributors.",
        ["me"],
        "James Bovard",
        Person
    );
    t!(
        writer_in_the_closing_line_past_an_appositive,
        "Our candidates have made me so proud to be a Democrat.\n\nRep. Debbie Wasserman \
         Schultz, D-Fla., chairs the Democratic National Committee.",
        ["me"],
        "Debbie Wasserman Schultz",
        Person
    );
    t!(
        interviewee_answers,
        "Q&A with Vice President Joe Biden.\n\nBiden spoke with Michael Grunwald.\n\n\
         Q: Is the country better off?\n\nA: It is. I think so.\n\nThe banks are safer.",
        ["I"],
        "Joe Biden",
        Person
    );
    t!(
        interviewer_asks,
        "Q&A with Vice President Joe Biden.\n\nA: It is.\n\nQ: I wonder why.",
        ["I"],
        "-",
        Anonymous
    );
    t!(
        quoted_i_is_the_speaker_after_the_quote,
        "“I think I said it well,” Amara Okafor said.",
        ["I => I think I said it well", "Amara Okafor => I think I said it well"],
        "Amara Okafor",
        Person
    );
    t!(
        nickname_joins_the_formal_name,
        "Sandra Paradis, 78, voted early. Sandy Paradis and Jim Bennett met in 1990. \
         “We agree,” she said.",
        ["Sandy Paradis", "she"],
        "Sandra Paradis",
        Person
    );
    t!(
        nickname_of_another_surname_stays_apart,
        "Sandra Paradis voted early. Sandy Bennett met her in 1990.",
        ["Sandy Bennett"],
        "Sandy Bennett",
        Person
    );
    t!(
        who_after_those,
        "Amara Okafor won. Among those who said the economy mattered, she led.",
        ["who"],
        "-",
        Group
    );
    t!(
        who_after_people,
        "Older people, who strongly support Amara Okafor, said so.",
        ["who"],
        "-",
        Group
    );
    t!(
        who_after_an_example,
        "Amara Okafor courts young voters such as Tom Ridley, who are drawn to her.",
        ["who"],
        "-",
        Group
    );
    t!(
        who_after_a_singular_example,
        "Many were charged, such as Tom Ridley, who pleaded guilty.",
        ["who"],
        "Tom Ridley",
        Person
    );
    t!(
        both_of_is_no_pair,
        "Amara Okafor and Jim Bennett spoke. Both of his senators said no.",
        ["Both"],
        "-",
        Group
    );
    t!(
        who_after_a_people,
        "Amara Okafor spoke. This angered Hispanics who viewed it as a betrayal.",
        ["who"],
        "-",
        Group
    );
    t!(
        who_coordinated_with_a_plural_who,
        "Amara Okafor leads among African Americans, who make up half the electorate and \
         who like her.",
        ["who@1"],
        "-",
        Group
    );
    t!(
        both_candidates_are_the_pair_named_before,
        "Tom Ridley met voters. Later Amara Okafor and Jim Bennett spoke in Leeds. Both \
         candidates said they would win.",
        ["Both candidates"],
        "Amara Okafor + Jim Bennett",
        Group
    );
    t!(
        the_two_in_the_order_first_named,
        "Jim Bennett spoke. Amara Okafor came later. Then Bennett praised Ms Okafor. The two \
         said they agreed.",
        ["The two"],
        "Jim Bennett + Amara Okafor",
        Group
    );
    t!(
        both_with_a_coordination_is_no_pair,
        "Amara Okafor and Jim Bennett spoke. Both private experts and federal investigators \
         said so.",
        ["Both private experts and federal investigators"],
        "-",
        Group
    );
    t!(
        name_with_a_reflexive,
        "Marco Rubio spoke. Mr. Rubio himself said it was fine.",
        ["Mr. Rubio himself"],
        "Marco Rubio",
        Person
    );
    t!(
        one_stands_for_a_document_before_it,
        "The brief had two columns, one listing the facts the government cited.",
        ["one"],
        "-",
        Document
    );
    t!(
        one_of_people_is_no_document,
        "The report was read by officials, one of whom said it was wrong.",
        ["one"],
        "-",
        Anonymous
    );
    t!(
        a_particle_is_part_of_the_name,
        "Osama bin Laden declared war in 1996. Later bin Laden said the war had begun.",
        ["bin Laden"],
        "Osama bin Laden",
        Person
    );
    t!(
        a_newspaper_after_the_is_an_organisation,
        "The Charlotte Observer found that one in four residents lived in poverty.",
        ["The Charlotte Observer"],
        "Charlotte Observer",
        Organization
    );
    t!(
        a_headline_capital_before_a_known_name_is_no_part_of_it,
        "Derelict Obama and Clinton;\nThey failed.\n\nPresident Obama said on Monday that \
         the plan was fine.",
        ["President Obama"],
        "Obama",
        Person
    );

    /// The descriptions the entity of the first marked mention has.
    fn descriptions_of(text: &str, marked: &[&str]) -> Vec<String> {
        let r = resolve_in(text, marked);
        let entity = r.speakers[0].entity.expect("an entity");
        r.entities[entity].descriptions.clone()
    }

    #[test]
    fn an_age_is_no_description() {
        let description =
            |text: &str, marked: &str| resolve_in(text, &[marked]).speakers[0].description.clone();
        assert_eq!(
            description(
                "“We will win,” said Quina Jones, 25, a student from Leeds.",
                "Quina Jones, 25, a student from Leeds"
            )
            .as_deref(),
            Some("a student from Leeds")
        );
        assert_eq!(description("“We will win,” said Quina Jones, 25.", "Quina Jones, 25"), None);
    }

    #[test]
    fn premodifiers_before_a_title_are_roles_and_an_abbreviated_title_is_dropped() {
        let d = descriptions_of(
            "Republican vice-presidential nominee Gov. Mike Pence said it was fine.",
            &["Republican vice-presidential nominee Gov. Mike Pence"],
        );
        assert_eq!(d, ["Republican vice-presidential nominee"]);
        // `lend` is no role of Mr. Clarke's.
        let d = descriptions_of(
            "The plan would lend Mr. Clarke money, he said. Mr. Clarke said it was fine.",
            &["Mr. Clarke@1"],
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn a_pair_named_in_either_order_is_one_group() {
        let r = resolve_in(
            "Amara Okafor and Jim Bennett spoke in Leeds. Later Mr Bennett and Ms Okafor said \
             they agreed.",
            &["Amara Okafor and Jim Bennett", "Mr Bennett and Ms Okafor"],
        );
        let entity: Vec<_> = r.speakers.iter().map(|s| s.entity).collect();
        assert!(entity[0].is_some(), "{r:#?}");
        assert_eq!(entity[1], entity[0], "{r:#?}");
        assert_eq!(r.entities[entity[0].unwrap()].name, "Amara Okafor + Jim Bennett");
    }

    #[test]
    fn quoted_i_is_the_speaker_before_the_quote() {
        let r = resolve_in(
            "Tom Ridley spoke first. “Then I said no,” he recalled.",
            &["Tom Ridley", "I", "he => Then I said no"],
        );
        let entity: Vec<_> = r.speakers.iter().map(|s| s.entity).collect();
        assert_eq!(entity[1], entity[0], "{r:#?}");
        assert_eq!(entity[2], entity[0], "{r:#?}");
    }
    t!(
        no_writer_in_a_closing_line_of_news,
        "“I will win,” the senator said. I doubt it.\n\nHillary Clinton said in a statement \
         that she would wait.",
        ["I"],
        "-",
        Anonymous
    );
    t!(
        which_after_a_name_of_unknown_kind,
        "The fringe gains the attention of sources such as the Drudge Report, which \
         devoted attention to rumors.",
        ["which"],
        "Drudge Report",
        Organization
    );
    t!(
        that_after_an_organisation_noun_in_the_appositive,
        "The couple started Quadrivium, a foundation that focuses on the use of resources.",
        ["that"],
        "Quadrivium",
        Organization
    );
    t!(
        who_after_the_agent_of_by,
        "The network was rocked by an article in New York magazine by Wendell Okafor, who \
         reported a settlement.",
        ["who"],
        "Wendell Okafor",
        Person
    );
    t!(
        jan_without_its_period_is_a_first_name,
        "Former Arizona governor Jan Brewer calls it a priority. “It will resonate,” she said.",
        ["she"],
        "Jan Brewer",
        Person
    );
    t!(
        who_after_an_appositive_with_its_comma,
        "“No,” said Alfonso Aguilar, the executive director of the Latino Partnership for \
         Conservative Principles, who also said more.",
        ["who"],
        "Alfonso Aguilar",
        Person
    );
    t!(
        who_after_a_coordinated_appositive,
        "“No,” said Lionel Sosa, a Texas media consultant and an influential Hispanic \
         Republican who said he would not vote.",
        ["who"],
        "Lionel Sosa",
        Person
    );
    t!(
        who_after_a_predicate_noun,
        "“It is mine,” George Zimmerman said. Zimmerman wrote that he would fight Angela \
         Corey.\nAngela Corey is the Republican state attorney who charged Zimmerman.",
        ["George Zimmerman", "Zimmerman", "who"],
        "Angela Corey",
        Person
    );
    t!(
        first_name_inside_an_organisation,
        "George Zimmerman spoke. The Trayvon Martin Foundation did not want to comment.",
        ["The Trayvon Martin Foundation"],
        "Trayvon Martin Foundation",
        Organization
    );
    t!(
        role_noun_in_a_headline_is_no_name,
        "Former Clinton Pollster Says Clinton Is In Trouble.\n\nFormer Bill Clinton pollster \
         Douglas Schoen was a guest on Hannity. Schoen described the situation.",
        ["Schoen", "Former Clinton Pollster"],
        "Douglas Schoen",
        Person
    );
    #[test]
    fn she_is_never_the_writer() {
        let r = resolve_in(
            "My mother mentioned the devil. I said I did not believe in it. She answered.",
            &["My mother", "I", "She"],
        );
        let entity: Vec<_> = r.speakers.iter().map(|s| s.entity).collect();
        assert_eq!(entity[2], entity[0], "{r:#?}");
        assert_ne!(entity[2], entity[1], "{r:#?}");
    }

    // Salience past reported content; relatives after descriptions and past ages and towns.
    t!(
        he_is_the_speaker_not_the_one_spoken_of,
        "Mark Ridley ran. Ridley won. Ridley spoke. Ridley left. Ridley came back. \
         Ridley sang. Ridley waved. Ridley laughed.\n\nPaul Okafor said Ridley lied.\n\n\
         Ridley is a fighter, Okafor said.\n\n“It is hard,” he said.",
        ["Paul Okafor => Ridley lied", "Okafor@1 => Ridley is a fighter", "he"],
        "Paul Okafor",
        Person
    );
    t!(
        who_after_a_definite_description,
        "Senator Mark Ridley spoke on Monday. It was a reversal for the Ohio senator, who had \
         pledged support.",
        ["who"],
        "Mark Ridley",
        Person
    );
    t!(
        who_after_a_description_and_its_phrase,
        "Senator Mark Ridley spoke on Monday. Voters cheered the senator from Ohio, who waved.",
        ["who"],
        "Mark Ridley",
        Person
    );
    t!(
        who_after_a_bare_plural_stays_unnamed,
        "Senator Mark Ridley spoke. It pleased the senators, who cheered.",
        ["who"],
        "-",
        Group
    );
    t!(
        who_past_an_age_and_a_place,
        "Donna Lee Parks, 59, of Ashton, Md., who watched the ceremony, said it moved her.",
        ["who"],
        "Donna Lee Parks",
        Person
    );
    t!(
        dj_is_no_part_of_the_name,
        "The night belonged to DJ Tamsin Okoro. “We rock,” Okoro said.",
        ["Okoro@1"],
        "Tamsin Okoro",
        Person
    );
    t!(
        modal_surname_after_a_first_name,
        "Columnist George Will wrote a column. Will urged voters to wait, and Will said so.",
        ["Will@2"],
        "George Will",
        Person
    );
    t!(
        modal_without_a_first_name_stays_a_modal,
        "Columnist Mark Ridley wrote it, and then Will said no.",
        ["Will"],
        "-",
        Anonymous
    );
    t!(
        demonym_government_is_the_country,
        "Ethiopia held elections. The Ethiopian government said the vote was fair.",
        ["The Ethiopian government"],
        "Ethiopia",
        Organization
    );
    t!(
        demonym_government_without_the_country_is_unnamed,
        "The vote was held. The Ethiopian government said it was fair.",
        ["The Ethiopian government"],
        "Ethiopian government",
        Organization
    );
    t!(
        the_state_is_the_state_named_before,
        "Flint is in Michigan, where Mayor Karen Weaver lives. The state admitted a mistake.",
        ["The state"],
        "Michigan",
        Organization
    );
    t!(
        the_state_is_no_country,
        "Officials in Mexico met. The state admitted a mistake.",
        ["The state"],
        "-",
        Anonymous
    );
    t!(
        pronoun_joined_to_a_name,
        "Mark Ridley bought land. In 2008, he and the developer Tom Cohen made a deal.",
        ["he and the developer Tom Cohen"],
        "Mark Ridley + Tom Cohen",
        Group
    );
    t!(
        names_joined_past_a_role,
        "Scarborough and co-host Mika Brzezinski have denied it.",
        ["Scarborough and co-host Mika Brzezinski"],
        "Scarborough + Mika Brzezinski",
        Group
    );
    t!(
        web_address_is_part_of_the_name,
        "A screen image captured by Outsports.com showed it.",
        ["Outsports.com"],
        "Outsports.com",
        Organization
    );
    t!(
        title_of_the_office_joins_the_name,
        "Speaker of the House Rep. Paul Ryan said it had no place.",
        ["Speaker of the House Rep. Paul Ryan"],
        "Paul Ryan",
        Person
    );
    t!(
        one_of_some_documents_is_a_document,
        "Kloppenburg attacked Bradley, with one of her ads asking who she was.",
        ["one"],
        "-",
        Document
    );
    t!(
        document_cables,
        "State Department cables showed it.",
        ["State Department cables"],
        "-",
        Document
    );
    t!(group_share_of, "The share of Republicans saying so rose.", ["The share"], "-", Group);
    t!(
        place_before_a_title_is_no_surname,
        "On Monday, Massachusetts Secretary of State William Galvin said turnout was high.",
        ["Massachusetts Secretary of State William Galvin"],
        "William Galvin",
        Person
    );
    t!(
        bare_party_word_is_a_group,
        "Democratic allegations of bias grew after the gaffe.",
        ["Democratic"],
        "-",
        Group
    );
    t!(
        short_organisation_name_is_the_long_one,
        "The Brennan Center for Justice counted ads. Spending was high, the Brennan Center said.",
        ["the Brennan Center"],
        "Brennan Center for Justice",
        Organization
    );
    t!(
        sentence_opening_preposition_is_no_part_of_a_name,
        "Alongside BLM, activists marched. The BLM group said it would return.",
        ["BLM@1"],
        "BLM",
        Organization
    );
    t!(document_statement, "In a statement, the ministry said no.", ["a statement"], "-", Document);
    t!(organisation_elysee, "The Élysée said no.", ["The Élysée"], "Élysée", Organization);
    t!(organisation_pentagon, "The Pentagon said no.", ["The Pentagon"], "Pentagon", Organization);

    /// `d!(name, text, source, description)`: the source's speaker has that description.
    macro_rules! d {
        ($name:ident, $text:expr, $m:expr, $expected:expr) => {
            #[test]
            fn $name() {
                let r = resolve_in($text, &[$m]);
                assert_eq!(r.speakers[0].description.as_deref(), Some($expected), "{r:#?}");
            }
        };
    }

    d!(
        appositive,
        "Tom Whitfield, the Guardian’s Paris correspondent, alleged it.",
        "Tom Whitfield, the Guardian’s Paris correspondent,",
        "the Guardian’s Paris correspondent"
    );
    d!(
        premodifier,
        "It was, said transport minister Ana Lima, a mistake.",
        "Ana Lima",
        "transport minister"
    );
    d!(
        premodifier_with_party,
        "Then longtime Democratic pollster Pat Caddell said it.",
        "Pat Caddell",
        "longtime Democratic pollster"
    );
    d!(title, "Then President Joe Biden said it.", "President Joe Biden", "President");
    d!(
        description_from_other_mention,
        "Tom Ridley, the environment spokesman, spoke. Later Ridley said no.",
        "Ridley@1",
        "the environment spokesman"
    );

    #[test]
    fn entities_are_well_formed() {
        let text = "Amara Okafor said no. “Fine,” she said. Reuters said yes; a source said maybe.";
        let r = resolve_in(text, &["Amara Okafor", "she", "Reuters", "a source"]);
        for (i, e) in r.entities.iter().enumerate() {
            assert_eq!(e.id, i);
            assert!(e.mentions.windows(2).all(|w| w[0] <= w[1]));
            for m in &e.mentions {
                assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            }
        }
        let okafor = r.speakers[0].entity.expect("entity");
        assert_eq!(r.speakers[1].entity, Some(okafor));
        assert_eq!(r.entities[okafor].quoted, 2);
        assert_eq!(r.entities[okafor].kind, EntityKind::Person);
        let source = &r.entities[r.speakers[3].entity.expect("entity")];
        assert!(!source.named);
    }
}
