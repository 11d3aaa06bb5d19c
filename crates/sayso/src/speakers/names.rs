//! Word lists for names: honorifics and titles, first names by gender, organisation words,
//! places, and the normalisation that decides when two names are the same.
//!
//! Every list is hand-written for this crate; nothing is downloaded or generated. Words are
//! compared lowercased, without a final period.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

/// A grammatical gender, as honorifics, first names and pronouns reveal it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    /// `he`, `Mr`, `John`.
    Male,
    /// `she`, `Ms`, `Mary`.
    Female,
}

/// `word` lowercased, without a final period or possessive: `Gov.` → `gov`, `Post’s` →
/// `post`.
pub fn fold(word: &str) -> Folded<'_> {
    Folded::lowercase(unfolded_stem(word))
}

/// [`fold`] as an owned string, for words that are kept.
pub fn fold_string(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    fold_into(word, &mut s);
    s
}

/// Appends [`fold`] of `word` to `out`.
pub fn fold_into(word: &str, out: &mut String) {
    let w = unfolded_stem(word);
    if w.is_ascii() {
        let start = out.len();
        out.push_str(w);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&w.to_lowercase());
    }
}

/// `word` without a final period or possessive, not yet lowercased.
fn unfolded_stem(word: &str) -> &str {
    // Most words end in neither, and are settled on their last byte: every capitalised word
    // is folded several times.
    if !matches!(word.as_bytes().last(), Some(b'.' | b's')) {
        return word;
    }
    let w = word.trim_end_matches('.');
    w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")).unwrap_or(w)
}

/// Longest word kept on the stack by [`Folded`].
const INLINE: usize = 22;

/// A lowercased word, kept on the stack when it is short and ASCII (nearly every word the
/// lists are asked about), so that folding allocates nothing. Derefs to `str`.
#[derive(Clone, Debug)]
pub struct Folded<'w>(Repr<'w>);

/// [`Folded`]'s forms, private so that only [`Folded::lowercase`] makes them: `as_str` relies
/// on `Inline` holding ASCII.
#[derive(Clone, Debug)]
enum Repr<'w> {
    /// The word itself, when it is ASCII and already lowercase (most words).
    Borrowed(&'w str),
    /// Up to [`INLINE`] ASCII bytes, and how many are used.
    Inline([u8; INLINE], u8),
    /// Anything longer, or not ASCII.
    Heap(String),
}

impl<'w> Folded<'w> {
    /// `word` lowercased, as [`str::to_lowercase`] does.
    pub fn lowercase(word: &'w str) -> Folded<'w> {
        let bytes = word.as_bytes();
        if bytes.iter().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            return Folded(Repr::Borrowed(word));
        }
        if bytes.len() <= INLINE && bytes.is_ascii() {
            let mut buf = [0u8; INLINE];
            for (b, c) in buf.iter_mut().zip(bytes) {
                *b = c.to_ascii_lowercase();
            }
            return Folded(Repr::Inline(buf, bytes.len() as u8));
        }
        Folded(Repr::Heap(word.to_lowercase()))
    }

    /// The word.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline(buf, len) => {
                let ascii = &buf[..usize::from(*len)];
                debug_assert!(ascii.is_ascii());
                // SAFETY: `Repr` is private to this module and `lowercase` makes the only
                // `Inline`, from ASCII bytes lowercased (still ASCII), so these bytes are
                // UTF-8. A checked `from_utf8` here cost 90 instructions per call and was 1.4%
                // of `--rules`: every folded word is read several times (each list it is
                // compared with).
                unsafe { std::str::from_utf8_unchecked(ascii) }
            }
            Repr::Borrowed(s) => s,
            Repr::Heap(s) => s,
        }
    }
}

impl PartialEq<&str> for Folded<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::ops::Deref for Folded<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

/// The gender an honorific or gendered title gives: `Mr` → male, `Dame` → female.
pub fn honorific_gender(folded: &str) -> Option<Gender> {
    match folded {
        "mr" | "sir" | "lord" | "king" | "prince" | "father" | "congressman" | "spokesman"
        | "chairman" | "businessman" | "brother" | "mister" => Some(Gender::Male),
        "mrs" | "ms" | "miss" | "dame" | "lady" | "queen" | "princess" | "sister"
        | "congresswoman" | "spokeswoman" | "chairwoman" | "businesswoman" | "madam" => {
            Some(Gender::Female)
        }
        _ => None,
    }
}

/// `Jr.`, `Sr.`, `III`: after a surname, not part of it.
pub fn is_name_suffix(folded: &str) -> bool {
    matches!(folded, "jr" | "sr" | "ii" | "iii" | "iv")
}

/// Honorifics: words before a name that say nothing about the role (`Mr`, `Dame`).
pub fn is_honorific(folded: &str) -> bool {
    matches!(
        folded,
        "mr" | "mrs"
            | "ms"
            | "miss"
            | "mister"
            | "madam"
            | "dr"
            | "sir"
            | "dame"
            | "lord"
            | "lady"
            | "rev"
            | "prof"
            | "professor"
            | "hon"
    )
}

/// Titles: role words that stand before a name (`President`, `Gov.`, `Secretary`).
pub fn is_title(folded: &str) -> bool {
    is_honorific(folded)
        || matches!(
            folded,
            "president"
                | "pres"
                | "vice"
                | "senator"
                | "sen"
                | "sens"
                | "senators"
                | "reps"
                | "govs"
                | "rep"
                | "representative"
                | "gov"
                | "governor"
                | "mayor"
                | "minister"
                | "secretary"
                | "judge"
                | "justice"
                | "chancellor"
                | "prime"
                | "king"
                | "queen"
                | "prince"
                | "princess"
                | "pope"
                | "general"
                | "gen"
                | "lt"
                | "col"
                | "capt"
                | "sgt"
                | "admiral"
                | "adm"
                | "chief"
                | "attorney"
                | "speaker"
                | "leader"
                | "chairman"
                | "chairwoman"
                | "commissioner"
                | "ambassador"
                | "director"
                | "congressman"
                | "congresswoman"
                | "councillor"
                | "councilman"
                | "councilwoman"
                | "sheriff"
                | "detective"
                | "officer"
                | "father"
                | "sister"
                | "former"
                | "candidate"
                | "nominee"
                | "democratic"
                | "republican"
                | "state"
                | "u.s"
                | "us"
                | "assistant"
                | "deputy"
                | "archbishop"
                | "bishop"
                | "cardinal"
                | "rabbi"
                | "imam"
                | "pastor"
                | "reverend"
        )
}

/// Nouns for what a person is or does (`governor`, `spokeswoman`, `the retired
/// neurosurgeon`), with the gender some of them give: a description ending in one refers to
/// a person.
pub fn person_role(folded: &str) -> Option<Option<Gender>> {
    match folded {
        "woman" | "spokeswoman" | "congresswoman" | "businesswoman" | "chairwoman" | "actress"
        | "princess" | "queen" => Some(Some(Gender::Female)),
        "man" | "spokesman" | "congressman" | "businessman" | "chairman" | "prince" | "king" => {
            Some(Some(Gender::Male))
        }
        "nominee" | "candidate" | "senator" | "governor" | "president" | "billionaire"
        | "mogul" | "tycoon" | "democrat" | "republican" | "lawmaker" | "minister"
        | "secretary" | "commissioner" | "mayor" | "leader" | "judge" | "attorney" | "host"
        | "star" | "executive" | "founder" | "journalist" | "reporter" | "correspondent"
        | "columnist" | "author" | "economist" | "chief" | "director" | "politician"
        | "ambassador" | "spokesperson" | "pollster" | "strategist" | "activist" | "lawyer"
        | "analyst" | "professor" | "scientist" | "adviser" | "advisor" | "aide" | "challenger"
        | "rival" | "incumbent" | "frontrunner" | "front-runner" | "businessperson"
        | "developer" | "diplomat" | "surgeon" | "neurosurgeon" | "actor" | "moderator"
        | "anchor" | "commentator" | "speechwriter" | "producer" | "singer" | "dj" | "magnate"
        | "hacker" | "editor" => Some(None),
        _ => None,
    }
}

/// Words that are capitalised but never a name on their own: demonyms, parties used as
/// adjectives, days and months.
pub fn is_not_a_name(folded: &str) -> bool {
    matches!(
        folded,
        "democratic"
            | "republican"
            | "democrats"
            | "republicans"
            | "american"
            | "americans"
            | "african-american"
            | "african-americans"
            | "europeans"
            | "asians"
            | "asian"
            | "arab"
            | "arabs"
            | "israeli"
            | "israelis"
            | "palestinian"
            | "palestinians"
            | "canadian"
            | "canadians"
            | "mexicans"
            | "indian"
            | "japanese"
            | "korean"
            | "iranian"
            | "iraqi"
            | "syrian"
            | "ukrainian"
            | "italian"
            | "spanish"
            | "irish"
            | "scottish"
            | "welsh"
            | "evangelical"
            | "evangelicals"
            | "british"
            | "french"
            | "german"
            | "russian"
            | "chinese"
            | "european"
            | "english"
            | "african"
            | "mexican"
            | "muslim"
            | "muslims"
            | "christian"
            | "christians"
            | "jewish"
            | "catholic"
            | "latino"
            | "latinos"
            | "hispanic"
            | "hispanics"
            | "black"
            | "white"
            | "conservative"
            | "liberal"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "jan"
            | "feb"
            | "aug"
            | "i"
            | "ok"
            | "tv"
            | "am"
            | "pm"
            | "read"
            | "more"
            | "update"
            | "watch"
            | "related"
            | "photo"
            | "advertisement"
            | "mr"
            | "mrs"
            | "ms"
    )
}

/// Words that make a capitalised phrase an organisation: `the Budget Office`, `Reuters`.
pub fn is_organisation_word(folded: &str) -> bool {
    matches!(
        folded,
        "party"
            | "house"
            | "department"
            | "ministry"
            | "office"
            | "agency"
            | "committee"
            | "commission"
            | "council"
            | "campaign"
            | "government"
            | "administration"
            | "institute"
            | "university"
            | "college"
            | "school"
            | "foundation"
            | "association"
            | "union"
            | "company"
            | "corporation"
            | "corp"
            | "inc"
            | "ltd"
            | "llc"
            | "group"
            | "bank"
            | "court"
            | "police"
            | "army"
            | "navy"
            | "pentagon"
            | "kremlin"
            | "élysée"
            | "elysee"
            | "reuters"
            | "times"
            | "post"
            | "news"
            | "journal"
            | "press"
            | "network"
            | "cnn"
            | "bbc"
            | "fox"
            | "nbc"
            | "abc"
            | "cbs"
            | "msnbc"
            | "npr"
            | "guardian"
            | "telegraph"
            | "tribune"
            | "herald"
            | "politico"
            | "politifact"
            | "breitbart"
            | "bloomberg"
            | "axios"
            | "congress"
            | "senate"
            | "parliament"
            | "fbi"
            | "cia"
            | "nsa"
            | "nypd"
            | "nato"
            | "un"
            | "eu"
            | "gop"
            | "dnc"
            | "rnc"
            | "board"
            | "service"
            | "center"
            | "centre"
            | "organization"
            | "organisation"
            | "coalition"
            | "pac"
            | "fund"
            | "team"
            | "magazine"
            | "gazette"
            | "daily"
            | "weekly"
            | "review"
            | "institution"
            | "council’s"
            | "center’s"
            | "bureau"
            | "authority"
            | "authorities"
            | "commission’s"
            | "federation"
            | "alliance"
            | "movement"
            | "church"
            | "hospital"
            | "airlines"
            | "motors"
            | "industries"
            | "holdings"
            | "partners"
            | "associates"
            | "club"
            | "society"
            | "league"
            | "assembly"
            | "republic"
            | "caucus"
            | "secretariat"
            | "treasury"
            | "ap"
            | "afp"
            | "wikileaks"
            | "facebook"
            | "twitter"
            | "google"
            | "apple"
            | "microsoft"
            | "amazon"
    )
}

/// Places: countries, US states and a few hundred cities and regions that news names.
pub fn is_place(folded_name: &str) -> bool {
    // Asked of nearly every name, so a hash lookup rather than a binary search.
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| PLACES.iter().copied().collect()).contains(folded_name)
}

/// Demonyms and the countries they name, folded as the country is written (`ethiopian` →
/// `ethiopia`, `saudi` → `saudi arabia`), with a second spelling where news uses two.
const DEMONYMS: &[(&str, &[&str])] = &[
    ("afghan", &["afghanistan"]),
    ("american", &["united states", "america"]),
    ("armenian", &["armenia"]),
    ("azerbaijani", &["azerbaijan"]),
    ("british", &["britain", "united kingdom"]),
    ("canadian", &["canada"]),
    ("chinese", &["china"]),
    ("cuban", &["cuba"]),
    ("egyptian", &["egypt"]),
    ("ethiopian", &["ethiopia"]),
    ("french", &["france"]),
    ("german", &["germany"]),
    ("greek", &["greece"]),
    ("indian", &["india"]),
    ("iranian", &["iran"]),
    ("iraqi", &["iraq"]),
    ("israeli", &["israel"]),
    ("italian", &["italy"]),
    ("japanese", &["japan"]),
    ("jordanian", &["jordan"]),
    ("kenyan", &["kenya"]),
    ("lebanese", &["lebanon"]),
    ("libyan", &["libya"]),
    ("mexican", &["mexico"]),
    ("nigerian", &["nigeria"]),
    ("pakistani", &["pakistan"]),
    ("polish", &["poland"]),
    ("qatari", &["qatar"]),
    ("russian", &["russia"]),
    ("saudi", &["saudi arabia"]),
    ("somali", &["somalia"]),
    ("spanish", &["spain"]),
    ("syrian", &["syria"]),
    ("turkish", &["turkey"]),
    ("ukrainian", &["ukraine"]),
    ("venezuelan", &["venezuela"]),
    ("yemeni", &["yemen"]),
];

/// The country a demonym names (see [`DEMONYMS`]): `The Ethiopian government` and `The
/// Azerbaijani authorities` are the country.
pub fn demonym_countries(folded: &str) -> &'static [&'static str] {
    DEMONYMS.iter().find(|(d, _)| *d == folded).map_or(&[], |(_, countries)| countries)
}

/// Is `folded_name` a country that a known demonym names (`ethiopia`, `united states`)?
pub fn is_demonym_country(folded_name: &str) -> bool {
    DEMONYMS.iter().any(|(_, countries)| countries.contains(&folded_name))
}

/// The fifty US states, folded: places an `it` that says something does not mean.
pub fn is_us_state(folded_name: &str) -> bool {
    US_STATES.binary_search(&folded_name).is_ok()
}

/// Sorted, lowercased.
const US_STATES: &[&str] = &[
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "rhode island",
    "south carolina",
    "south dakota",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "west virginia",
    "wisconsin",
    "wyoming",
];

/// Sorted, lowercased.
const PLACES: &[&str] = &[
    "afghanistan",
    "africa",
    "akron",
    "ala",
    "alabama",
    "alaska",
    "albania",
    "albany",
    "aleppo",
    "algeria",
    "america",
    "amsterdam",
    "ankara",
    "annapolis",
    "antarctica",
    "arctic",
    "argentina",
    "ariz",
    "arizona",
    "ark",
    "arkansas",
    "asia",
    "athens",
    "atlanta",
    "atlantic",
    "atlantic ocean",
    "austin",
    "australia",
    "austria",
    "baghdad",
    "bahrain",
    "baltimore",
    "bangladesh",
    "barcelona",
    "beijing",
    "beirut",
    "belarus",
    "belfast",
    "belgium",
    "berlin",
    "birmingham",
    "bogota",
    "bolivia",
    "bosnia",
    "boston",
    "brazil",
    "brighton",
    "bristol",
    "britain",
    "bronx",
    "brooklyn",
    "brussels",
    "budapest",
    "buenos aires",
    "buffalo",
    "bulgaria",
    "cairo",
    "calif",
    "california",
    "cambodia",
    "cambridge",
    "canada",
    "cape town",
    "capitol hill",
    "caracas",
    "cardiff",
    "charleston",
    "charlotte",
    "chicago",
    "chile",
    "china",
    "cincinnati",
    "cleveland",
    "colo",
    "colombia",
    "colorado",
    "columbia",
    "columbus",
    "conn",
    "connecticut",
    "crimea",
    "croatia",
    "cuba",
    "cyprus",
    "czech republic",
    "d.c.",
    "dallas",
    "damascus",
    "dayton",
    "del",
    "delaware",
    "delhi",
    "denmark",
    "denver",
    "des moines",
    "detroit",
    "doha",
    "dubai",
    "dublin",
    "edinburgh",
    "egypt",
    "el paso",
    "england",
    "estonia",
    "ethiopia",
    "europe",
    "fallujah",
    "finland",
    "fla",
    "florida",
    "france",
    "frankfurt",
    "fresno",
    "ga",
    "gaza",
    "geneva",
    "georgia",
    "germany",
    "glasgow",
    "great britain",
    "greece",
    "guatemala",
    "haiti",
    "hamburg",
    "hanoi",
    "hartford",
    "havana",
    "hawaii",
    "honduras",
    "hong kong",
    "honolulu",
    "houston",
    "hungary",
    "iceland",
    "idaho",
    "ill",
    "illinois",
    "ind",
    "india",
    "indiana",
    "indonesia",
    "iowa",
    "iran",
    "iraq",
    "ireland",
    "islamabad",
    "israel",
    "istanbul",
    "italy",
    "ivory coast",
    "jacksonville",
    "jamaica",
    "japan",
    "jerusalem",
    "johannesburg",
    "jordan",
    "kabul",
    "kan",
    "kandahar",
    "kansas",
    "kansas city",
    "karachi",
    "kentucky",
    "kenya",
    "kiev",
    "korea",
    "kosovo",
    "kuwait",
    "ky",
    "kyiv",
    "la",
    "lagos",
    "laos",
    "las vegas",
    "latin america",
    "latvia",
    "lebanon",
    "leeds",
    "lexington",
    "libya",
    "lima",
    "lisbon",
    "lithuania",
    "little rock",
    "liverpool",
    "london",
    "los angeles",
    "louisiana",
    "louisville",
    "lyon",
    "madrid",
    "maine",
    "manchester",
    "manhattan",
    "marseille",
    "maryland",
    "mass",
    "massachusetts",
    "md",
    "memphis",
    "mesa",
    "mexico",
    "miami",
    "mich",
    "michigan",
    "middle east",
    "midway atoll",
    "midwest",
    "milan",
    "milwaukee",
    "minn",
    "minneapolis",
    "minnesota",
    "miss",
    "mississippi",
    "missouri",
    "mo",
    "mont",
    "montana",
    "morocco",
    "moscow",
    "mosul",
    "mumbai",
    "munich",
    "myanmar",
    "n.c",
    "n.d",
    "n.h",
    "n.j",
    "n.m",
    "n.y",
    "nairobi",
    "naples",
    "nashville",
    "neb",
    "nebraska",
    "nepal",
    "netherlands",
    "nev",
    "nevada",
    "new delhi",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new orleans",
    "new york",
    "new zealand",
    "newark",
    "nigeria",
    "north america",
    "north carolina",
    "north dakota",
    "north korea",
    "norway",
    "oakland",
    "ohio",
    "okla",
    "oklahoma",
    "omaha",
    "ore",
    "oregon",
    "orlando",
    "oslo",
    "ottawa",
    "oxford",
    "pa",
    "pacific",
    "pacific ocean",
    "pakistan",
    "palestine",
    "panama",
    "paris",
    "pennsylvania",
    "peru",
    "philadelphia",
    "philippines",
    "phoenix",
    "pittsburgh",
    "poland",
    "portland",
    "portugal",
    "prague",
    "puerto rico",
    "qatar",
    "queens",
    "quito",
    "r.i",
    "raleigh",
    "rhode island",
    "richmond",
    "rio de janeiro",
    "riyadh",
    "romania",
    "rome",
    "russia",
    "rwanda",
    "s.c",
    "s.d",
    "sacramento",
    "salt lake city",
    "san antonio",
    "san diego",
    "san francisco",
    "santiago",
    "sao paulo",
    "saudi arabia",
    "savannah",
    "scotland",
    "seattle",
    "senegal",
    "seoul",
    "serbia",
    "shanghai",
    "silicon valley",
    "singapore",
    "slovakia",
    "slovenia",
    "somalia",
    "south africa",
    "south america",
    "south carolina",
    "south dakota",
    "south korea",
    "soviet union",
    "spain",
    "springfield",
    "sri lanka",
    "st. louis",
    "st. paul",
    "sudan",
    "sweden",
    "switzerland",
    "sydney",
    "syria",
    "taiwan",
    "tampa",
    "tehran",
    "tenn",
    "tennessee",
    "tex",
    "texas",
    "thailand",
    "tokyo",
    "toledo",
    "toronto",
    "tripoli",
    "tucson",
    "tulsa",
    "tunisia",
    "turkey",
    "u.k.",
    "u.s.",
    "uganda",
    "ukraine",
    "united arab emirates",
    "united kingdom",
    "united states",
    "utah",
    "va",
    "venezuela",
    "vermont",
    "vienna",
    "vietnam",
    "virginia",
    "vt",
    "wales",
    "wall street",
    "warsaw",
    "wash",
    "washington",
    "washington d.c.",
    "west bank",
    "west virginia",
    "wis",
    "wisconsin",
    "wyo",
    "wyoming",
    "yemen",
    "zimbabwe",
];

/// The gender a first name usually has, from a short hand-made list of names common in
/// English-language news.
pub fn first_name_gender(folded: &str) -> Option<Gender> {
    // Asked of most capitalised words, so a hash lookup rather than two binary searches.
    static GENDERS: OnceLock<FxHashMap<&'static str, Gender>> = OnceLock::new();
    let genders = GENDERS.get_or_init(|| {
        // A name on both lists is male, as when the male list was searched first.
        let female = FEMALE_NAMES.iter().map(|&n| (n, Gender::Female));
        female.chain(MALE_NAMES.iter().map(|&n| (n, Gender::Male))).collect()
    });
    genders.get(folded).copied()
}

/// Sorted, lowercased.
const MALE_NAMES: &[&str] = &[
    "aaron",
    "abdul",
    "adam",
    "adrian",
    "ahmed",
    "alan",
    "albert",
    "alejandro",
    "alex",
    "alexander",
    "alfred",
    "ali",
    "andrei",
    "andrew",
    "andy",
    "angus",
    "anthony",
    "antonio",
    "arthur",
    "barack",
    "barry",
    "ben",
    "benjamin",
    "bernard",
    "bernie",
    "bill",
    "billy",
    "bob",
    "bobby",
    "boris",
    "brad",
    "bradley",
    "brandon",
    "brett",
    "brian",
    "bruce",
    "bryan",
    "calvin",
    "carl",
    "carlos",
    "chad",
    "chandler",
    "charles",
    "charlie",
    "chris",
    "christopher",
    "chuck",
    "clarence",
    "clint",
    "cody",
    "colin",
    "craig",
    "curtis",
    "dale",
    "dan",
    "daniel",
    "darren",
    "dave",
    "david",
    "dennis",
    "derek",
    "dick",
    "diego",
    "dmitry",
    "dominic",
    "don",
    "donald",
    "doug",
    "douglas",
    "duane",
    "dustin",
    "dwight",
    "earl",
    "ed",
    "eddie",
    "edward",
    "eli",
    "elijah",
    "emmanuel",
    "eric",
    "ernest",
    "ethan",
    "eugene",
    "evan",
    "floyd",
    "francis",
    "francisco",
    "francois",
    "frank",
    "fred",
    "gary",
    "gavin",
    "gene",
    "george",
    "gerald",
    "giovanni",
    "giuseppe",
    "glenn",
    "greg",
    "gregory",
    "hans",
    "harold",
    "harry",
    "harvey",
    "hassan",
    "henry",
    "herbert",
    "herman",
    "hiroshi",
    "howard",
    "hugh",
    "ian",
    "ibrahim",
    "igor",
    "isaac",
    "ivan",
    "jack",
    "jacob",
    "jacques",
    "jake",
    "james",
    "jamie",
    "jared",
    "jason",
    "jean",
    "jeb",
    "jeff",
    "jeffrey",
    "jeh",
    "jeremy",
    "jerome",
    "jerry",
    "jesse",
    "jim",
    "jimmy",
    "joe",
    "joel",
    "john",
    "johnny",
    "jon",
    "jonathan",
    "jose",
    "joseph",
    "josh",
    "juan",
    "julian",
    "justin",
    "karl",
    "keith",
    "ken",
    "kenneth",
    "kevin",
    "klaus",
    "kurt",
    "kyle",
    "lamar",
    "lance",
    "larry",
    "laurence",
    "lawrence",
    "leon",
    "leonard",
    "lindsey",
    "lloyd",
    "lou",
    "louis",
    "luis",
    "luke",
    "malcolm",
    "marc",
    "marco",
    "marcus",
    "mario",
    "mark",
    "martin",
    "marvin",
    "matt",
    "matteo",
    "matthew",
    "maurice",
    "max",
    "mehmet",
    "melvin",
    "michael",
    "miguel",
    "mike",
    "mitch",
    "mitt",
    "mohammed",
    "muhammad",
    "nathan",
    "neil",
    "newt",
    "nick",
    "nigel",
    "nikolai",
    "noah",
    "norman",
    "oliver",
    "omar",
    "oscar",
    "owen",
    "pat",
    "patrick",
    "paul",
    "pedro",
    "pete",
    "peter",
    "phil",
    "philip",
    "phillip",
    "pierre",
    "preston",
    "rafael",
    "ralph",
    "ramon",
    "randall",
    "randy",
    "raul",
    "ray",
    "raymond",
    "reginald",
    "reince",
    "rex",
    "richard",
    "rick",
    "rob",
    "robert",
    "rod",
    "rodney",
    "roger",
    "ron",
    "ronald",
    "roy",
    "rudy",
    "russell",
    "ryan",
    "sam",
    "samuel",
    "scott",
    "sean",
    "sergei",
    "seth",
    "sherrod",
    "shinzo",
    "sidney",
    "stephen",
    "steve",
    "steven",
    "stuart",
    "ted",
    "terry",
    "thomas",
    "tim",
    "timothy",
    "todd",
    "tom",
    "tony",
    "travis",
    "trevor",
    "troy",
    "tucker",
    "tyler",
    "vernon",
    "victor",
    "viktor",
    "vincent",
    "vladimir",
    "wade",
    "walter",
    "wayne",
    "wesley",
    "william",
    "willie",
    "wolfgang",
    "zach",
    "zachary",
];

/// Sorted, lowercased.
const FEMALE_NAMES: &[&str] = &[
    "abby",
    "alice",
    "alicia",
    "amanda",
    "amara",
    "amber",
    "amy",
    "ana",
    "angela",
    "ann",
    "anna",
    "anne",
    "ashley",
    "barbara",
    "betsy",
    "betty",
    "brittany",
    "carly",
    "carmen",
    "carol",
    "caroline",
    "catherine",
    "chelsea",
    "cheryl",
    "christina",
    "christine",
    "claire",
    "condoleezza",
    "cynthia",
    "debbie",
    "deborah",
    "denise",
    "diana",
    "diane",
    "dianne",
    "donna",
    "dorothy",
    "elena",
    "elizabeth",
    "ellen",
    "ellie",
    "emily",
    "emma",
    "erin",
    "gennifer",
    "gloria",
    "grace",
    "hannah",
    "heather",
    "helen",
    "hillary",
    "holly",
    "hope",
    "huma",
    "ivanka",
    "jane",
    "janet",
    "jennifer",
    "jenny",
    "jessica",
    "jill",
    "joan",
    "joy",
    "judith",
    "judy",
    "julia",
    "julie",
    "kamala",
    "karen",
    "kate",
    "katherine",
    "kathleen",
    "kathy",
    "kelly",
    "kellyanne",
    "kim",
    "kirsten",
    "kirstjen",
    "kristen",
    "laura",
    "lauren",
    "leslie",
    "linda",
    "lisa",
    "loretta",
    "lucy",
    "madeleine",
    "margaret",
    "maria",
    "marie",
    "marilyn",
    "marine",
    "marsha",
    "martha",
    "mary",
    "megan",
    "megyn",
    "melania",
    "melanie",
    "melissa",
    "michelle",
    "monica",
    "nancy",
    "natalie",
    "neera",
    "nicola",
    "nicole",
    "nikki",
    "nina",
    "olivia",
    "pamela",
    "patricia",
    "paula",
    "rachel",
    "rebecca",
    "rosa",
    "rosie",
    "ruth",
    "sally",
    "samantha",
    "sandra",
    "sarah",
    "sharon",
    "sheryl",
    "shirley",
    "sofia",
    "sonia",
    "sophia",
    "stacey",
    "stephanie",
    "susan",
    "tammy",
    "teresa",
    "theresa",
    "tina",
    "tracy",
    "tulsi",
    "valerie",
    "victoria",
    "virginia",
    "wendy",
    "yvonne",
    "zoe",
];

/// The formal first name a familiar one stands for (`sandy` → `sandra`), from a short
/// hand-made table of nicknames common in English-language news. Only nicknames that stand
/// for one formal name are listed (`Chris` could be Christopher or Christine; `Alex`,
/// `Sam`, `Pat`, `Terry` likewise), so that two people never share a key by it.
pub fn formal_first_name(folded: &str) -> Option<&'static str> {
    NICKNAMES.binary_search_by(|(n, _)| n.cmp(&folded)).ok().map(|i| NICKNAMES[i].1)
}

/// Sorted by nickname, lowercased: nickname, formal name.
const NICKNAMES: &[(&str, &str)] = &[
    ("abby", "abigail"),
    ("barb", "barbara"),
    ("becky", "rebecca"),
    ("ben", "benjamin"),
    ("bernie", "bernard"),
    ("betsy", "elizabeth"),
    ("bill", "william"),
    ("billy", "william"),
    ("bob", "robert"),
    ("bobby", "robert"),
    ("cathy", "catherine"),
    ("chuck", "charles"),
    ("dan", "daniel"),
    ("danny", "daniel"),
    ("dave", "david"),
    ("debbie", "deborah"),
    ("dick", "richard"),
    ("don", "donald"),
    ("doug", "douglas"),
    ("ed", "edward"),
    ("eddie", "edward"),
    ("greg", "gregory"),
    ("jeff", "jeffrey"),
    ("jim", "james"),
    ("jimmy", "james"),
    ("joe", "joseph"),
    ("johnny", "john"),
    ("jon", "jonathan"),
    ("kathy", "katherine"),
    ("ken", "kenneth"),
    ("larry", "lawrence"),
    ("liz", "elizabeth"),
    ("matt", "matthew"),
    ("mike", "michael"),
    ("mitch", "mitchell"),
    ("nick", "nicholas"),
    ("peggy", "margaret"),
    ("pete", "peter"),
    ("rick", "richard"),
    ("rob", "robert"),
    ("ron", "ronald"),
    ("sandy", "sandra"),
    ("steve", "steven"),
    ("sue", "susan"),
    ("tim", "timothy"),
    ("tom", "thomas"),
    ("tommy", "thomas"),
    ("tony", "anthony"),
    ("vicky", "victoria"),
];

/// A name as the key two mentions must share to be the same entity: lowercased words
/// without punctuation, leading `the`, honorifics, titles or middle initials.
/// `Maria K. Okafor` → `maria okafor`; `The New York Post` → `new york post`.
pub fn name_key(name: &str) -> String {
    name_key_of_words(name.split(char::is_whitespace))
}

/// [`name_key`] of the name whose words, split at white space, are `words_of_name`.
pub fn name_key_of_words<'w>(words_of_name: impl Iterator<Item = &'w str>) -> String {
    let mut keys = NameKeys::default();
    keys.key(words_of_name);
    keys.key
}

/// Buffers for [`name_key`], kept from one name to the next: clustering asks for the key of
/// every full name in an article, and keeps it only when it starts a cluster.
#[derive(Clone, Debug, Default)]
pub struct NameKeys {
    /// The folded words, without punctuation, one after another.
    buf: String,
    /// Where each word lies in `buf`.
    words: Vec<std::ops::Range<usize>>,
    /// The last key made.
    key: String,
}

impl NameKeys {
    /// [`name_key_of_words`], borrowed from these buffers until the next call.
    pub fn key<'w>(&mut self, words_of_name: impl Iterator<Item = &'w str>) -> &str {
        let NameKeys { buf, words, key } = self;
        buf.clear();
        words.clear();
        key.clear();
        for w in words_of_name {
            let start = buf.len();
            let w = fold(w);
            if w.is_ascii() {
                let kept = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'&');
                // Nearly every word keeps every byte, and is pushed whole: a byte at a time
                // cost a third of clustering.
                if w.bytes().all(|b| kept(&b)) {
                    buf.push_str(&w);
                } else {
                    buf.extend(w.bytes().filter(kept).map(char::from));
                }
            } else {
                buf.extend(w.chars().filter(|c| c.is_alphanumeric() || *c == '-' || *c == '&'));
            }
            if buf.len() > start {
                words.push(start..buf.len());
            }
        }
        let word = |r: &std::ops::Range<usize>| &buf[r.clone()];
        let (mut first, mut last) = (0, words.len());
        if words.first().is_some_and(|r| word(r) == "the") {
            first = 1;
        }
        while last > first + 1 && is_honorific(word(&words[first])) {
            first += 1;
        }
        while last > first + 1 && is_name_suffix(word(&words[last - 1])) {
            last -= 1;
        }
        let words = &words[first..last];
        key.reserve(buf.len() + words.len());
        for (k, r) in words.iter().enumerate() {
            // Middle initials go: `Maria K. Okafor` is `maria okafor`.
            let initial =
                words.len() > 2 && k > 0 && k + 1 < words.len() && word(r).chars().count() <= 1;
            if !initial {
                if !key.is_empty() {
                    key.push(' ');
                }
                key.push_str(word(r));
            }
        }
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(list: &[&str]) -> bool {
        list.windows(2).all(|w| w[0] < w[1])
    }

    #[test]
    fn fold_strips_periods_and_possessives_then_lowercases() {
        // The stem as it was cut before the last-byte shortcut.
        let reference = |word: &str| {
            let w = word.trim_end_matches('.');
            w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")).unwrap_or(w).to_lowercase()
        };
        let words = [
            "Gov.", "Post’s", "U.S.", "Jones's.", "CEOS", "’s", "...", "Mr.’s", "Okafor", "",
            "ÉTATS.", "Ñs", "s", "'S",
        ];
        for word in words {
            assert_eq!(fold(word).as_str(), reference(word), "{word:?}");
        }
    }

    #[test]
    fn lists_are_sorted_for_binary_search() {
        assert!(sorted(PLACES));
        assert!(sorted(US_STATES));
        assert!(sorted(MALE_NAMES));
        assert!(sorted(FEMALE_NAMES));
        assert!(NICKNAMES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn nicknames_stand_for_their_formal_name() {
        assert_eq!(formal_first_name("sandy"), Some("sandra"));
        assert_eq!(formal_first_name("bill"), Some("william"));
        assert_eq!(formal_first_name("sandra"), None);
        assert_eq!(formal_first_name("chris"), None);
    }

    macro_rules! t {
        ($name:ident, $input:expr, $expected:expr) => {
            #[test]
            fn $name() {
                assert_eq!(name_key($input), $expected);
            }
        };
    }

    t!(key_middle_initial, "Maria K. Okafor", "maria okafor");
    t!(key_honorific, "Ms Okafor", "okafor");
    t!(key_dame, "Dame Helen Marsh", "helen marsh");
    t!(key_the, "The New York Post", "new york post");
    t!(key_case, "WALLACE", "wallace");
    t!(key_possessive, "Clinton’s", "clinton");
    t!(key_suffix, "John G. Roberts Jr.", "john roberts");
    t!(key_punctuation, "O'Neill-Smith, AT&T (U.S.) Inc.", "oneill-smith at&t us inc");
    t!(key_only_punctuation, "Mr. ( Okafor", "okafor");
}
