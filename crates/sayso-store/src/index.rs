//! The full-text index: a tantivy index of attribution content, derived from SQLite.
//!
//! Each tantivy document is one attribution: its id (the SQLite `attributions.id`), its
//! content (tokenised and stemmed), the speaker's name (tokenised, so `--speaker Okafor`
//! matches `Amara Okafor`), the outlet key, the kind, and the publication day. Nothing else
//! is stored: hits are looked up in SQLite by id.
//!
//! Consistency with SQLite: rows are committed to SQLite first and indexed after, and every
//! tantivy commit carries in its payload the highest attribution id it covers. Opening the
//! store for writing indexes whatever SQLite holds beyond that id, so a crash between the
//! two commits costs a short catch-up, never a lost or doubled attribution.

use std::ops::Bound;
use std::path::Path;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, Occur, PhraseQuery, Query, QueryParser, RangeQuery, TermQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STRING,
};
use tantivy::tokenizer::TokenStream;
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument, Term,
};

use crate::StoreError;

/// The index folder inside a store folder.
pub const INDEX_DIR: &str = "index";
/// Memory the index writer may use before it flushes a segment.
const WRITER_HEAP: usize = 64 << 20;
/// The payload key of the last indexed attribution id.
const PAYLOAD_PREFIX: &str = "indexed_upto=";
/// The date of an article without one: before every real date, so ranges leave it out.
pub const NO_DATE: i64 = i64::MIN;

/// The tantivy fields.
#[derive(Clone, Copy)]
pub struct Fields {
    id: Field,
    content: Field,
    speaker: Field,
    outlet: Field,
    kind: Field,
    date: Field,
}

/// One attribution as the index sees it.
pub struct IndexedAttribution<'a> {
    /// `attributions.id`.
    pub id: u64,
    /// The content fragments, joined.
    pub content: &'a str,
    /// The speaker's name, if any.
    pub speaker: Option<&'a str>,
    /// The outlet key, if any.
    pub outlet: Option<&'a str>,
    /// `direct`, `indirect` or `mixed`.
    pub kind: &'a str,
    /// Days since 1970, or [`NO_DATE`].
    pub date: i64,
}

/// A parsed search: what to match, and the filters.
pub struct IndexQuery<'a> {
    pub text: &'a str,
    pub speaker: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub kind: Option<&'a str>,
    /// Inclusive day numbers.
    pub since: Option<i64>,
    pub until: Option<i64>,
    pub limit: usize,
    pub offset: usize,
}

/// The index, opened for reading (and, through [`FullText::writer`], for writing).
pub struct FullText {
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let stemmed = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let plain = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("default")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: builder.add_u64_field("id", NumericOptions::default().set_fast()),
        content: builder.add_text_field("content", stemmed),
        speaker: builder.add_text_field("speaker", plain),
        outlet: builder.add_text_field("outlet", STRING),
        kind: builder.add_text_field("kind", STRING),
        date: builder.add_i64_field("date", NumericOptions::default().set_fast().set_indexed()),
    };
    (builder.build(), fields)
}

impl FullText {
    /// Opens the index in `store_dir`; with `create`, makes it when it is missing and rebuilds
    /// it (empty, to be caught up) when it cannot be read.
    pub fn open(store_dir: &Path, create: bool) -> Result<FullText, StoreError> {
        let dir = store_dir.join(INDEX_DIR);
        let (schema, fields) = schema();
        let index = if create {
            std::fs::create_dir_all(&dir)?;
            let directory = tantivy::directory::MmapDirectory::open(&dir)
                .map_err(|e| StoreError::Index(e.into()))?;
            match Index::open_or_create(directory, schema.clone()) {
                Ok(index) => index,
                Err(_) => {
                    // The index is derived data: start it again, and catching up refills it.
                    std::fs::remove_dir_all(&dir)?;
                    std::fs::create_dir_all(&dir)?;
                    Index::create_in_dir(&dir, schema)?
                }
            }
        } else {
            if !dir.join("meta.json").is_file() {
                return Err(StoreError::Missing(store_dir.to_path_buf()));
            }
            Index::open_in_dir(&dir)?
        };
        let reader =
            index.reader_builder().reload_policy(ReloadPolicy::OnCommitWithDelay).try_into()?;
        Ok(FullText { index, reader, fields })
    }

    /// The writer; only one process at a time can hold it.
    pub fn writer(&self, store_dir: &Path) -> Result<IndexWriter, StoreError> {
        // One indexing thread: the cores are busy extracting.
        self.index.writer_with_num_threads(1, WRITER_HEAP).map_err(|err| match err {
            tantivy::TantivyError::LockFailure(..) => StoreError::Busy(store_dir.to_path_buf()),
            err => err.into(),
        })
    }

    /// The highest attribution id covered by the last commit (0 for none).
    pub fn indexed_upto(&self) -> Result<u64, StoreError> {
        let payload = self.index.load_metas()?.payload;
        Ok(payload
            .as_deref()
            .and_then(|p| p.strip_prefix(PAYLOAD_PREFIX))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0))
    }

    /// Adds one attribution to the writer's pending batch.
    pub fn add(&self, writer: &IndexWriter, a: &IndexedAttribution<'_>) -> Result<(), StoreError> {
        let f = self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_u64(f.id, a.id);
        doc.add_text(f.content, a.content);
        if let Some(speaker) = a.speaker {
            doc.add_text(f.speaker, speaker);
        }
        if let Some(outlet) = a.outlet {
            doc.add_text(f.outlet, outlet);
        }
        doc.add_text(f.kind, a.kind);
        doc.add_i64(f.date, a.date);
        writer.add_document(doc)?;
        Ok(())
    }

    /// Commits the writer's pending documents, recording that they cover ids up to `upto`,
    /// and makes them visible to searches in this process.
    pub fn commit(&self, writer: &mut IndexWriter, upto: u64) -> Result<(), StoreError> {
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&format!("{PAYLOAD_PREFIX}{upto}"));
        prepared.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Documents visible to searches.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The matching attribution ids with their scores, best first (newest first when there
    /// are no words), and how many match in all.
    pub fn search(&self, q: &IndexQuery<'_>) -> Result<(u64, Vec<(u64, f32)>), StoreError> {
        let f = self.fields;
        let searcher = self.reader.searcher();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let has_words = !q.text.trim().is_empty();
        if has_words {
            let mut parser = QueryParser::for_index(&self.index, vec![f.content]);
            parser.set_conjunction_by_default();
            // A stray quote or bracket should not make a search fail: drop what cannot parse.
            let (query, _errors) = parser.parse_query_lenient(q.text);
            clauses.push((Occur::Must, query));
        }
        if let Some(speaker) = q.speaker {
            let terms = self.tokens(f.speaker, speaker);
            match terms.len() {
                0 => return Ok((0, Vec::new())),
                1 => clauses.push((Occur::Must, term_query(terms[0].clone()))),
                _ => clauses.push((Occur::Must, Box::new(PhraseQuery::new(terms)))),
            }
        }
        if let Some(outlet) = q.outlet {
            clauses.push((Occur::Must, term_query(Term::from_field_text(f.outlet, outlet))));
        }
        if let Some(kind) = q.kind {
            clauses.push((Occur::Must, term_query(Term::from_field_text(f.kind, kind))));
        }
        if q.since.is_some() || q.until.is_some() {
            let bound = |day: Option<i64>, default: i64| {
                Bound::Included(Term::from_field_i64(f.date, day.unwrap_or(default)))
            };
            // NO_DATE is i64::MIN: a lower bound of MIN + 1 keeps undated articles out.
            let range = RangeQuery::new(bound(q.since, NO_DATE + 1), bound(q.until, i64::MAX));
            clauses.push((Occur::Must, Box::new(range)));
        }
        let query: Box<dyn Query> = match clauses.len() {
            0 => Box::new(AllQuery),
            1 => clauses.pop().map(|(_, query)| query).unwrap_or_else(|| Box::new(AllQuery)),
            _ => Box::new(BooleanQuery::new(clauses)),
        };
        let limit = q.limit.max(1);
        let (total, addresses): (usize, Vec<(f32, DocAddress)>) = if has_words {
            searcher.search(&query, &(Count, TopDocs::with_limit(limit).and_offset(q.offset)))?
        } else {
            let newest = TopDocs::with_limit(limit)
                .and_offset(q.offset)
                .order_by_fast_field::<i64>("date", Order::Desc);
            let (total, docs) = searcher.search(&query, &(Count, newest))?;
            (total, docs.into_iter().map(|(_, address)| (0.0, address)).collect())
        };
        let mut hits = Vec::with_capacity(addresses.len());
        let mut columns = Vec::new();
        for (score, address) in addresses {
            let segment = address.segment_ord as usize;
            if columns.len() <= segment {
                columns.resize_with(segment + 1, || None);
            }
            if columns[segment].is_none() {
                let reader = searcher.segment_reader(address.segment_ord);
                columns[segment] = Some(reader.fast_fields().u64("id")?);
            }
            if let Some(id) = columns[segment].as_ref().and_then(|c| c.first(address.doc_id)) {
                hits.push((id, score));
            }
        }
        Ok((total as u64, hits))
    }

    fn tokens(&self, field: Field, text: &str) -> Vec<Term> {
        let Ok(mut tokenizer) = self.index.tokenizer_for_field(field) else {
            return Vec::new();
        };
        let mut stream = tokenizer.token_stream(text);
        let mut terms = Vec::new();
        while stream.advance() {
            terms.push(Term::from_field_text(field, &stream.token().text));
        }
        terms
    }
}

fn term_query(term: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
}
