//! Export: one row per attribution, with its article's metadata, as JSON Lines, CSV or
//! Parquet, for pandas, DuckDB, Spark, R or a spreadsheet.
//!
//! Every format has the same columns, in this order ([`COLUMNS`]); offsets are UTF-8 bytes
//! into the article text (`articles.text` in SQLite). In Parquet, `date` is a DATE, ids and
//! offsets INT64, `confidence` a FLOAT, and everything else UTF-8 strings; nullable columns
//! are OPTIONAL. JSON Lines and CSV write dates as `YYYY-MM-DD` and nulls as `null` or an
//! empty field.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, FloatType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use rusqlite::types::ValueRef;

use crate::{Date, Store, StoreError};

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated, with a header line (RFC 4180 quoting).
    Csv,
    /// Apache Parquet, Snappy-compressed, in row groups of 65,536 rows.
    Parquet,
}

/// A column's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Type {
    Str,
    Int,
    Date,
    Float,
}

/// The exported columns: name, type, whether it can be null, and the SQL that computes it.
const SPEC: &[(&str, Type, bool, &str)] = &[
    ("attribution_id", Type::Int, false, "a.id"),
    ("article_id", Type::Str, false, "ar.id"),
    ("source_id", Type::Str, false, "ar.source_id"),
    ("url", Type::Str, true, "ar.url"),
    ("outlet", Type::Str, true, "ar.outlet"),
    ("published", Type::Str, true, "ar.published"),
    ("date", Type::Date, true, "ar.date"),
    ("title", Type::Str, true, "ar.title"),
    ("author", Type::Str, true, "ar.author"),
    ("kind", Type::Str, false, "a.kind"),
    ("content", Type::Str, false, "a.content"),
    ("content_start", Type::Int, false, "a.content_start"),
    ("content_end", Type::Int, false, "a.content_end"),
    ("cue", Type::Str, true, "a.cue"),
    ("cue_start", Type::Int, true, "a.cue_start"),
    ("cue_end", Type::Int, true, "a.cue_end"),
    ("source", Type::Str, true, "a.source"),
    ("source_start", Type::Int, true, "a.source_start"),
    ("source_end", Type::Int, true, "a.source_end"),
    ("speaker_id", Type::Str, true, "a.speaker"),
    ("speaker_name", Type::Str, true, "a.speaker_name"),
    ("speaker_kind", Type::Str, true, "a.speaker_kind"),
    ("speaker_description", Type::Str, true, "a.speaker_description"),
    ("confidence", Type::Float, false, "a.confidence"),
];

/// The names of the exported columns, in order.
pub const COLUMNS: [&str; 24] = {
    let mut names = [""; 24];
    let mut i = 0;
    while i < SPEC.len() {
        names[i] = SPEC[i].0;
        i += 1;
    }
    names
};

const ROW_GROUP: usize = 1 << 16;

/// Writes every attribution to the file `out` (through a temporary file beside it, renamed
/// at the end, so a failed export leaves no half-written file). Returns the number of rows.
pub fn export(store: &Store, format: ExportFormat, out: &Path) -> Result<u64, StoreError> {
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("export");
    let tmp = out.with_file_name(format!(".{name}.partial"));
    let file = File::create(&tmp)?;
    let result = export_to(store, format, file);
    match result {
        Ok(rows) => {
            std::fs::rename(&tmp, out)?;
            Ok(rows)
        }
        Err(err) => {
            let _ = std::fs::remove_file(&tmp);
            Err(err)
        }
    }
}

/// Writes every attribution to `out`. Returns the number of rows.
pub fn export_to(
    store: &Store,
    format: ExportFormat,
    out: impl Write + Send,
) -> Result<u64, StoreError> {
    let conn = store.read()?;
    let select: Vec<&str> = SPEC.iter().map(|c| c.3).collect();
    let sql = format!(
        "SELECT {} FROM attributions a JOIN articles ar ON ar.seq = a.article ORDER BY a.id",
        select.join(", ")
    );
    let mut statement = conn.prepare(&sql)?;
    let mut rows = statement.query([])?;
    let mut sink: Box<dyn Sink + '_> = match format {
        ExportFormat::Jsonl => Box::new(Jsonl(BufWriter::with_capacity(1 << 16, out))),
        ExportFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(COLUMNS)?;
            Box::new(Csv(writer))
        }
        ExportFormat::Parquet => Box::new(Parquet::new(out)?),
    };
    let mut count = 0;
    while let Some(row) = rows.next()? {
        let values: Vec<ValueRef<'_>> =
            (0..SPEC.len()).map(|i| row.get_ref(i)).collect::<Result<_, _>>()?;
        sink.row(&values)?;
        count += 1;
    }
    sink.finish()?;
    Ok(count)
}

trait Sink {
    fn row(&mut self, values: &[ValueRef<'_>]) -> Result<(), StoreError>;
    fn finish(self: Box<Self>) -> Result<(), StoreError>;
}

fn text(value: ValueRef<'_>) -> Option<String> {
    match value {
        ValueRef::Null => None,
        ValueRef::Integer(i) => Some(i.to_string()),
        ValueRef::Real(f) => Some(f.to_string()),
        ValueRef::Text(t) | ValueRef::Blob(t) => Some(String::from_utf8_lossy(t).into_owned()),
    }
}

fn int(value: ValueRef<'_>) -> Option<i64> {
    match value {
        ValueRef::Integer(i) => Some(i),
        _ => None,
    }
}

fn float(value: ValueRef<'_>) -> Option<f64> {
    match value {
        ValueRef::Real(f) => Some(f),
        ValueRef::Integer(i) => Some(i as f64),
        _ => None,
    }
}

struct Jsonl<W: Write>(BufWriter<W>);

impl<W: Write> Sink for Jsonl<W> {
    fn row(&mut self, values: &[ValueRef<'_>]) -> Result<(), StoreError> {
        let mut object = serde_json::Map::with_capacity(SPEC.len());
        for (&(name, kind, _, _), &value) in SPEC.iter().zip(values) {
            let json = match kind {
                Type::Int => int(value).map(serde_json::Value::from),
                // Three decimals, as the engine rounds them: no f32 noise like 0.949999.
                Type::Float => {
                    float(value).map(|f| serde_json::Value::from((f * 1e3).round() / 1e3))
                }
                Type::Str | Type::Date => text(value).map(serde_json::Value::from),
            };
            object.insert(name.to_string(), json.unwrap_or(serde_json::Value::Null));
        }
        serde_json::to_writer(&mut self.0, &object).map_err(io::Error::from)?;
        self.0.write_all(b"\n")?;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<(), StoreError> {
        self.0.flush()?;
        Ok(())
    }
}

struct Csv<W: Write>(csv::Writer<W>);

impl<W: Write> Sink for Csv<W> {
    fn row(&mut self, values: &[ValueRef<'_>]) -> Result<(), StoreError> {
        let fields = values.iter().map(|&v| text(v).unwrap_or_default());
        self.0.write_record(fields)?;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<(), StoreError> {
        self.0.flush()?;
        Ok(())
    }
}

/// One column's values for the row group being built, and its definition levels (1: a
/// value, 0: null).
enum Buffer {
    Str(Vec<ByteArray>),
    Int(Vec<i64>),
    Date(Vec<i32>),
    Float(Vec<f32>),
}

struct Parquet<W: Write + Send> {
    writer: SerializedFileWriter<W>,
    columns: Vec<(Buffer, Vec<i16>)>,
    rows: usize,
}

impl<W: Write + Send> Parquet<W> {
    fn new(out: W) -> Result<Parquet<W>, StoreError> {
        let fields: Vec<String> = SPEC
            .iter()
            .map(|&(name, kind, nullable, _)| {
                let repetition = if nullable { "OPTIONAL" } else { "REQUIRED" };
                let physical = match kind {
                    Type::Str => "BYTE_ARRAY",
                    Type::Int => "INT64",
                    Type::Date => "INT32",
                    Type::Float => "FLOAT",
                };
                let logical = match kind {
                    Type::Str => " (STRING)",
                    Type::Date => " (DATE)",
                    Type::Int | Type::Float => "",
                };
                format!("{repetition} {physical} {name}{logical};")
            })
            .collect();
        let schema =
            parse_message_type(&format!("message attribution {{ {} }}", fields.join(" ")))?;
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("sayso {}", env!("CARGO_PKG_VERSION")))
            .build();
        let writer = SerializedFileWriter::new(out, Arc::new(schema), Arc::new(properties))?;
        let columns = SPEC
            .iter()
            .map(|&(_, kind, _, _)| {
                let buffer = match kind {
                    Type::Str => Buffer::Str(Vec::new()),
                    Type::Int => Buffer::Int(Vec::new()),
                    Type::Date => Buffer::Date(Vec::new()),
                    Type::Float => Buffer::Float(Vec::new()),
                };
                (buffer, Vec::new())
            })
            .collect();
        Ok(Parquet { writer, columns, rows: 0 })
    }

    fn flush_group(&mut self) -> Result<(), StoreError> {
        if self.rows == 0 {
            return Ok(());
        }
        let mut group = self.writer.next_row_group()?;
        for (i, (buffer, defs)) in self.columns.iter_mut().enumerate() {
            let mut column = group.next_column()?.ok_or_else(|| {
                StoreError::Corrupt(format!("parquet schema lacks column {}", SPEC[i].0))
            })?;
            let defs_arg = SPEC[i].2.then_some(&defs[..]);
            match buffer {
                Buffer::Str(values) => {
                    column.typed::<ByteArrayType>().write_batch(values, defs_arg, None)?;
                    values.clear();
                }
                Buffer::Int(values) => {
                    column.typed::<Int64Type>().write_batch(values, defs_arg, None)?;
                    values.clear();
                }
                Buffer::Date(values) => {
                    column.typed::<Int32Type>().write_batch(values, defs_arg, None)?;
                    values.clear();
                }
                Buffer::Float(values) => {
                    column.typed::<FloatType>().write_batch(values, defs_arg, None)?;
                    values.clear();
                }
            }
            defs.clear();
            column.close()?;
        }
        group.close()?;
        self.rows = 0;
        Ok(())
    }
}

impl<W: Write + Send> Sink for Parquet<W> {
    fn row(&mut self, values: &[ValueRef<'_>]) -> Result<(), StoreError> {
        for ((buffer, defs), &value) in self.columns.iter_mut().zip(values) {
            let present = match buffer {
                Buffer::Str(v) => text(value).map(|s| v.push(ByteArray::from(s.into_bytes()))),
                Buffer::Int(v) => int(value).map(|i| v.push(i)),
                Buffer::Date(v) => text(value)
                    .and_then(|s| Date::parse_lenient(&s))
                    .map(|d| v.push(d.days() as i32)),
                Buffer::Float(v) => float(value).map(|f| v.push(f as f32)),
            };
            defs.push(i16::from(present.is_some()));
        }
        self.rows += 1;
        if self.rows >= ROW_GROUP {
            self.flush_group()?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<(), StoreError> {
        self.flush_group()?;
        self.writer.close()?;
        Ok(())
    }
}
