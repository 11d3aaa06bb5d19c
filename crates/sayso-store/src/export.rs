//! Export: one row per attribution, as JSON Lines, CSV or Parquet.
