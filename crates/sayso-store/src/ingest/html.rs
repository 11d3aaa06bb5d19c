//! The main text and metadata of an HTML page, by dom_smoothie (a port of Mozilla's
//! Readability). The engine's own boilerplate rules then run on the text as on any article.

use dom_smoothie::{Config, Readability, TextMode};

/// What a page yields.
pub struct Page {
    pub text: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub url: Option<String>,
}

/// Readability's article, or why there is none.
pub fn readable(html: &str, url: Option<&str>) -> Result<Page, String> {
    let config = Config { text_mode: TextMode::Formatted, ..Config::default() };
    // A URL readability rejects (relative, garbled) only costs link resolution.
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let mut readability = Readability::new(html, url, Some(config.clone()))
        .or_else(|_| Readability::new(html, None, Some(config)))
        .map_err(|e| format!("not readable as HTML: {e}"))?;
    let article = readability.parse().map_err(|e| format!("no article text in the page: {e}"))?;
    let some = |s: String| {
        let s = s.trim().to_string();
        (!s.is_empty()).then_some(s)
    };
    Ok(Page {
        text: article.text_content.to_string(),
        title: some(article.title),
        byline: article.byline.and_then(some),
        published: article.published_time.and_then(some),
        site_name: article.site_name.and_then(some),
        url: article.url.and_then(some),
    })
}
