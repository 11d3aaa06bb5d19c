//! Export: the same rows in every format, and a Parquet file that a Parquet reader reads.

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use sayso_store::export::{export, ExportFormat, COLUMNS};
use sayso_store::{IngestOptions, Store};

const ARTICLE: &str = "“We will not be rushed into this,” said Amara Okafor, the minister. \
Critics said the plan was rushed.\n";

fn store(dir: &std::path::Path) -> Store {
    let feed = dir.join("feed.jsonl");
    let records = [
        serde_json::json!({"id": "a", "text": ARTICLE, "outlet": "Example", "published": "2024-03-05",
                           "url": "https://example.org/a"}),
        serde_json::json!({"id": "b", "text": ARTICLE.replace("rushed", "hurried")}),
    ];
    std::fs::write(&feed, records.iter().map(|r| format!("{r}\n")).collect::<String>()).unwrap();
    let store = Store::open(&dir.join("db")).unwrap();
    store.ingest(&[feed], &IngestOptions::default(), &mut |_| {}).unwrap();
    store
}

#[test]
fn parquet_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let expected = store.stats().unwrap().attributions;
    assert!(expected >= 2);
    let out = dir.path().join("out.parquet");
    assert_eq!(export(&store, ExportFormat::Parquet, &out).unwrap(), expected);

    let reader = SerializedFileReader::new(std::fs::File::open(&out).unwrap()).unwrap();
    let schema = reader.metadata().file_metadata().schema_descr();
    let names: Vec<&str> = schema.columns().iter().map(|c| c.name()).collect();
    assert_eq!(names, COLUMNS);
    let rows: Vec<_> = reader.get_row_iter(None).unwrap().map(Result::unwrap).collect();
    assert_eq!(rows.len() as u64, expected);
    let field = |row: &parquet::record::Row, name: &str| {
        row.get_column_iter().find(|(n, _)| n.as_str() == name).map(|(_, f)| f.clone()).unwrap()
    };
    // Workers finish in any order: find article a's first row.
    let first = rows.iter().find(|r| field(r, "source_id") == Field::Str("a".into())).unwrap();
    let get = |name: &str| field(first, name);
    assert_eq!(get("outlet"), Field::Str("Example".into()));
    // DATE: days since 1970; 2024-03-05 is day 19,787.
    assert_eq!(get("date"), Field::Date(19_787));
    assert!(matches!(get("confidence"), Field::Float(c) if (0.0..=1.0).contains(&c)));
    let Field::Str(content) = get("content") else { panic!("content is not a string") };
    let (Field::Long(start), Field::Long(end)) = (get("content_start"), get("content_end")) else {
        panic!("offsets are not INT64")
    };
    assert_eq!(&ARTICLE[start as usize..end as usize], content);
    // Article b has no outlet or date: nulls.
    let b = rows.iter().find(|r| field(r, "source_id") == Field::Str("b".into())).unwrap();
    assert_eq!((field(b, "date"), field(b, "outlet")), (Field::Null, Field::Null));
}

#[test]
fn jsonl_and_csv_have_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let (jsonl, csv) = (dir.path().join("out.jsonl"), dir.path().join("out.csv"));
    let rows = export(&store, ExportFormat::Jsonl, &jsonl).unwrap();
    assert_eq!(export(&store, ExportFormat::Csv, &csv).unwrap(), rows);

    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&jsonl)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len() as u64, rows);
    let keys: Vec<&str> = lines[0].as_object().unwrap().keys().map(String::as_str).collect();
    let mut sorted = COLUMNS.to_vec();
    sorted.sort_unstable();
    let mut keys_sorted = keys.clone();
    keys_sorted.sort_unstable();
    assert_eq!(keys_sorted, sorted);
    let a = lines.iter().find(|l| l["source_id"] == "a").unwrap();
    assert_eq!(a["date"], "2024-03-05");

    let mut reader = csv::Reader::from_path(&csv).unwrap();
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), COLUMNS);
    let records: Vec<_> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len() as u64, rows);
    assert_eq!(&records[0][10], lines[0]["content"].as_str().unwrap());
    assert!(!dir.path().join(".out.csv.partial").exists());
}
