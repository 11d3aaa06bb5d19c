//! Store-level keys: speaker ids, outlet keys, article keys and ids.

use xxhash_rust::xxh3::{xxh3_128, xxh3_64};

/// Words that name nobody on their own: a source that is only one of these gets no speaker id.
const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "him", "her", "them",
    "this", "those", "these", "one", "us", "me",
];

/// The speaker key of a speaker name: lower case, one space between words, quote marks and
/// apostrophes unified, surrounding punctuation dropped. `None` for a bare pronoun or nothing.
pub fn speaker_id(name: &str) -> Option<String> {
    let mut id = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !id.is_empty() {
            id.push(' ');
        }
        for c in word.chars() {
            match c {
                '’' | '‘' | '`' => id.push('\''),
                c => id.extend(c.to_lowercase()),
            }
        }
    }
    let id = id.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    (!id.is_empty() && !PRONOUNS.contains(&id.as_str())).then_some(id)
}

/// The key outlets are matched by: lower case, trimmed, a leading `www.` dropped.
pub fn outlet_key(outlet: &str) -> String {
    let key = outlet.trim().to_lowercase();
    key.strip_prefix("www.").map(str::to_string).unwrap_or(key)
}

/// What makes two inputs the same article: the URL when there is one, else the text.
pub fn article_key(url: Option<&str>, text: &str) -> String {
    match url.map(str::trim).filter(|u| !u.is_empty()) {
        Some(url) => format!("url:{url}"),
        None => format!("xxh3:{:032x}", xxh3_128(text.as_bytes())),
    }
}

/// The store id of an article key: 16 hex digits.
pub fn article_id(key: &str) -> String {
    format!("{:016x}", xxh3_64(key.as_bytes()))
}

/// The host of an `http(s)://` URL, without `www.`.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then(|| outlet_key(host))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speaker_ids() {
        assert_eq!(speaker_id("Amara  Okafor").as_deref(), Some("amara okafor"));
        assert_eq!(speaker_id("O’Brien,").as_deref(), Some("o'brien"));
        assert_eq!(speaker_id("She"), None);
        assert_eq!(speaker_id("  "), None);
        assert_eq!(speaker_id("a senior official").as_deref(), Some("a senior official"));
    }

    #[test]
    fn keys() {
        assert_eq!(article_key(Some(" https://x.org/a "), "t"), "url:https://x.org/a");
        assert_eq!(article_key(None, "t"), article_key(Some(""), "t"));
        assert_eq!(article_id("url:a").len(), 16);
        assert_eq!(url_host("https://www.BBC.co.uk:443/news?x").as_deref(), Some("bbc.co.uk"));
        assert_eq!(url_host("not a url"), None);
    }
}
