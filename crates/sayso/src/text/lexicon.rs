//! Closed-class English words, which carry most of the syntax a rule needs.

/// The grammatical class of a closed-class word; open-class words are [`WordClass::Open`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordClass {
    /// `the`, `a`, `this`, `some`, `every`.
    Determiner,
    /// A subject pronoun that can be a source: `he`, `she`, `they`, `I`, `we`, `it`, `you`.
    SubjectPronoun,
    /// An object or reflexive pronoun: `him`, `them`, `himself`.
    ObjectPronoun,
    /// A possessive determiner: `his`, `her`, `their`.
    Possessive,
    /// A relative or interrogative word: `who`, `which`, `that`, `what`.
    Relative,
    /// A preposition: `of`, `in`, `to`, `with`.
    Preposition,
    /// A coordinator: `and`, `or`, `but`.
    Coordinator,
    /// A subordinator that opens a clause: `because`, `while`, `if`, `when`.
    Subordinator,
    /// An auxiliary or modal verb: `has`, `was`, `will`, `would`, `did`.
    Auxiliary,
    /// An adverb that may sit between a source and its cue: `also`, `later`, `repeatedly`.
    Adverb,
    /// `not`, `n’t`, `never`.
    Negation,
    /// Any other word.
    Open,
}

/// The class of `word`, compared case-insensitively.
pub fn word_class(word: &str) -> WordClass {
    // Capitalised words ending in -ly are names (Schlafly, Kelly), not adverbs.
    let lowercase = word.starts_with(|c: char| c.is_lowercase());
    if word.len() > 12 {
        return if lowercase && word.ends_with("ly") { WordClass::Adverb } else { WordClass::Open };
    }
    let mut buf = [0u8; 12];
    let bytes = word.as_bytes();
    for (b, c) in buf.iter_mut().zip(bytes) {
        *b = c.to_ascii_lowercase();
    }
    let Ok(lower) = std::str::from_utf8(&buf[..bytes.len()]) else {
        return WordClass::Open;
    };
    use WordClass::*;
    match lower {
        "the" | "a" | "an" | "this" | "these" | "those" | "some" | "any" | "every" | "each"
        | "another" | "other" | "many" | "several" | "few" | "most" | "all" | "both" | "no"
        | "one" | "two" | "three" | "four" | "five" | "dozens" | "more" | "such" | "much" => {
            Determiner
        }
        "he" | "she" | "they" | "i" | "we" | "you" | "it" => SubjectPronoun,
        "him" | "them" | "me" | "us" | "himself" | "herself" | "themselves" | "itself"
        | "myself" | "ourselves" => ObjectPronoun,
        "his" | "her" | "their" | "its" | "my" | "our" | "your" => Possessive,
        "who" | "whom" | "whose" | "which" | "that" | "what" | "whoever" => Relative,
        "of" | "in" | "to" | "for" | "with" | "on" | "at" | "by" | "from" | "about" | "into"
        | "over" | "after" | "before" | "under" | "between" | "against" | "during" | "without"
        | "through" | "among" | "toward" | "towards" | "upon" | "within" | "across" | "than"
        | "via" | "per" | "despite" | "amid" | "behind" | "near" | "since" | "until" | "like" => {
            Preposition
        }
        "and" | "or" | "but" | "nor" | "yet" | "so" | "&" => Coordinator,
        "because" | "while" | "if" | "when" | "although" | "though" | "whether" | "unless"
        | "as" | "where" | "whereas" | "once" | "whenever" | "lest" => Subordinator,
        "has" | "have" | "had" | "is" | "are" | "was" | "were" | "be" | "been" | "being" | "am"
        | "will" | "would" | "can" | "could" | "may" | "might" | "shall" | "should" | "must"
        | "do" | "does" | "did" | "'s" | "’s" | "'ve" | "’ve" | "'d" | "’d" | "'ll" | "’ll"
        | "'re" | "’re" | "having" | "wo" | "ca" => Auxiliary,
        "not" | "n't" | "n’t" | "never" => Negation,
        "also" | "later" | "then" | "previously" | "recently" | "again" | "still" | "often"
        | "once again" | "already" | "now" | "just" | "even" | "only" | "frequently"
        | "repeatedly" | "publicly" | "privately" | "openly" | "flatly" | "simply" | "further"
        | "too" | "first" | "initially" | "subsequently" | "similarly" | "reportedly"
        | "allegedly" | "apparently" | "separately" | "earlier" | "yesterday" | "today"
        | "ever" | "always" | "generally" | "actually" | "really" | "quickly" | "immediately"
        | "directly" | "explicitly" | "personally" | "officially" | "bluntly" | "angrily"
        | "frankly" | "loudly" | "quietly" | "correctly" | "rightly" | "wrongly" | "falsely"
        | "privately," | "long" | "famously" | "memorably" | "approvingly" | "sarcastically"
        | "jokingly" | "proudly" | "plainly" | "clearly" => Adverb,
        _ if lowercase && lower.ends_with("ly") && lower.len() > 4 => Adverb,
        _ => Open,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(word_class("The"), WordClass::Determiner);
        assert_eq!(word_class("He"), WordClass::SubjectPronoun);
        assert_eq!(word_class("also"), WordClass::Adverb);
        assert_eq!(word_class("repeatedly"), WordClass::Adverb);
        assert_eq!(word_class("Schlafly"), WordClass::Open);
        assert_eq!(word_class("Okafor"), WordClass::Open);
        assert_eq!(word_class("n’t"), WordClass::Negation);
        assert_eq!(word_class("extraordinarily-long-word"), WordClass::Open);
    }
}
