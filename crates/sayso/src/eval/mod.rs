//! Scoring against gold brat annotations.
