//! A tagger's weight rows in memory: zeroed, and on huge pages where the system offers them.
//!
//! The taggers read their tables in hash order, a row here and a row there, so on 4 KiB
//! pages a 2 MB table (2^18 rows) makes nearly every row read miss the TLB as well (it spans
//! 512 pages); on Linux a table of a huge page or more starts on a 2 MiB boundary and asks
//! the kernel (`madvise(MADV_HUGEPAGE)`) to back it with 2 MiB pages, which take that miss
//! away. The default 1 MB table (2^17 rows) stays on small pages: aligned and advised onto a
//! huge page of its own it ran no faster. The rows and what they hold are the same either
//! way; only their place in memory differs.

use std::fmt;
use std::ops::{Deref, DerefMut};

use super::{Weight, STRIDE};

/// One weight row: a quantized weight per tag, padded to [`STRIDE`].
type Row = [Weight; STRIDE];

/// The size of a huge page on the systems that have them (x86-64 and most of arm64 Linux).
const HUGE_PAGE: usize = 2 << 20;

/// `len` weight rows, zeroed, that read as a slice. A table of at least [`HUGE_PAGE`]
/// bytes is allocated with a huge page of slack in front of it so that it can start on a
/// huge page boundary; the slack is never touched, so it takes no memory.
pub(crate) struct Rows {
    buffer: Vec<Row>,
    /// Where the rows start in `buffer`.
    start: usize,
    len: usize,
}

impl Rows {
    /// `len` rows of zeros.
    pub(crate) fn zeroed(len: usize) -> Rows {
        let bytes = len.saturating_mul(std::mem::size_of::<Row>());
        if !cfg!(target_os = "linux") || bytes < HUGE_PAGE {
            return Rows { buffer: vec![[0; STRIDE]; len], start: 0, len };
        }
        let slack = HUGE_PAGE / std::mem::size_of::<Row>();
        // Zeroed memory this large comes fresh from the kernel (glibc maps it rather than
        // clearing heap memory), untouched until written, so the advice below comes before
        // any page of it exists. Where it does not, the rows are the same, on small pages.
        let buffer = vec![[0; STRIDE]; len + slack];
        let address = buffer.as_ptr() as usize;
        let start = (address.next_multiple_of(HUGE_PAGE) - address)
            .div_ceil(std::mem::size_of::<Row>())
            .min(slack);
        let rows = Rows { buffer, start, len };
        rows.advise_huge_pages();
        rows
    }

    /// Asks the kernel for huge pages under the rows; a hint, whose answer is not needed.
    #[cfg(target_os = "linux")]
    fn advise_huge_pages(&self) {
        let rows = self.deref();
        let first = rows.as_ptr() as usize;
        let end = first + std::mem::size_of_val(rows);
        // madvise wants whole pages: from the first page boundary in the rows to the last.
        let (from, to) = (first.next_multiple_of(4096), end & !4095);
        if to > from {
            // SAFETY: the range lies inside `buffer`'s allocation, which lives as long as
            // `self`; MADV_HUGEPAGE only changes which pages the kernel backs it with, never
            // its contents or whether it may be read and written.
            unsafe { libc::madvise(from as *mut libc::c_void, to - from, libc::MADV_HUGEPAGE) };
        }
    }

    #[cfg(not(target_os = "linux"))]
    fn advise_huge_pages(&self) {}
}

impl Deref for Rows {
    type Target = [Row];

    #[inline]
    fn deref(&self) -> &[Row] {
        &self.buffer[self.start..self.start + self.len]
    }
}

impl DerefMut for Rows {
    #[inline]
    fn deref_mut(&mut self) -> &mut [Row] {
        &mut self.buffer[self.start..self.start + self.len]
    }
}

impl Clone for Rows {
    fn clone(&self) -> Rows {
        let mut rows = Rows::zeroed(self.len);
        rows.copy_from_slice(self);
        rows
    }
}

impl PartialEq for Rows {
    fn eq(&self, other: &Rows) -> bool {
        **self == **other
    }
}

impl fmt::Debug for Rows {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl FromIterator<Row> for Rows {
    fn from_iter<I: IntoIterator<Item = Row>>(rows: I) -> Rows {
        let rows: Vec<Row> = rows.into_iter().collect();
        let mut out = Rows::zeroed(rows.len());
        out.copy_from_slice(&rows);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_read_and_write_as_a_slice_of_their_length() {
        for len in [0, 1, 1000, 1 << 18] {
            let mut rows = Rows::zeroed(len);
            assert_eq!(rows.len(), len);
            assert!(rows.iter().all(|r| *r == [0; STRIDE]));
            if len > 0 {
                rows[len - 1][3] = -7;
                rows[0][0] = 5;
                let copy = rows.clone();
                assert_eq!(copy, rows);
                assert_eq!((copy[0][0], copy[len - 1][3]), (5, -7));
            }
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_large_table_starts_on_a_huge_page() {
        let rows = Rows::zeroed(1 << 18);
        assert_eq!(rows.as_ptr() as usize % HUGE_PAGE, 0);
        let collected: Rows = (0..1 << 18).map(|i| [i as Weight; STRIDE]).collect();
        assert_eq!(collected.as_ptr() as usize % HUGE_PAGE, 0);
        assert_eq!(collected[12345], [12345_i32 as Weight; STRIDE]);
    }
}
