//! A token's postings while the index is built: every document's field term counts, packed in
//! bytes (about 2 bytes a posting on the benchmark corpus, against 20 as `(u32, [u32; 4])`,
//! which took about 450 MB at 100,000 pages). Weighing needs every document's field lengths,
//! so the counts must wait for the last batch; this is what waits.
//!
//! Each posting is one LEB128 number `(gap << 4) | fields` (`gap`: the document minus the one
//! after the previous posting; `fields`: a bit per field with a count), then one LEB128 number
//! per such field, its count.

use super::lunr::FieldCounts;

/// Postings of one token, documents ascending.
#[derive(Debug, Default)]
pub(super) struct PackedCounts {
    bytes: Vec<u8>,
    /// The document after the last one pushed.
    next: u32,
}

impl PackedCounts {
    /// Appends `doc`'s counts; `doc` must come after every document pushed so far (the caller
    /// indexes documents in order), else the posting is dropped rather than misread.
    pub(super) fn push(&mut self, doc: u32, counts: &FieldCounts) {
        let Some(gap) = doc.checked_sub(self.next) else { return };
        let fields = counts.iter().enumerate().filter(|(_, c)| **c > 0).fold(0u64, |m, (f, _)| m | 1 << f);
        push_leb128(&mut self.bytes, (u64::from(gap) << 4) | fields);
        for &count in counts.iter().filter(|c| **c > 0) {
            push_leb128(&mut self.bytes, u64::from(count));
        }
        self.next = doc.saturating_add(1);
    }

    /// The postings in order: `(document, field counts)`.
    pub(super) fn iter(&self) -> impl Iterator<Item = (u32, FieldCounts)> + '_ {
        let mut at = 0;
        let mut next = 0u64;
        std::iter::from_fn(move || {
            let head = read_leb128(&self.bytes, &mut at)?;
            let doc = next + (head >> 4);
            let mut counts = FieldCounts::default();
            for (f, count) in counts.iter_mut().enumerate() {
                if head & (1 << f) != 0 {
                    *count = u32::try_from(read_leb128(&self.bytes, &mut at)?).unwrap_or(u32::MAX);
                }
            }
            next = doc + 1;
            Some((u32::try_from(doc).unwrap_or(u32::MAX), counts))
        })
    }
}

fn push_leb128(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn read_leb128(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    let mut shift = 0u32;
    loop {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7f).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return Some(value);
        }
        shift += 7;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_back_as_pushed() {
        let postings: Vec<(u32, FieldCounts)> =
            vec![(0, [1, 0, 0, 0]), (1, [0, 0, 0, 3]), (7, [2, 1, 1, 200]), (70_000, [0, 0, 0, 1])];
        let mut packed = PackedCounts::default();
        for (doc, counts) in &postings {
            packed.push(*doc, counts);
        }
        assert_eq!(packed.iter().collect::<Vec<_>>(), postings);
        // A body-only posting next to the previous document costs two bytes.
        let mut small = PackedCounts::default();
        small.push(0, &[0, 0, 0, 2]);
        assert_eq!(small.bytes.len(), 2);
    }

    #[test]
    fn a_document_out_of_order_is_dropped() {
        let mut packed = PackedCounts::default();
        packed.push(5, &[1, 0, 0, 0]);
        packed.push(3, &[1, 0, 0, 0]);
        assert_eq!(packed.iter().collect::<Vec<_>>(), vec![(5, [1, 0, 0, 0])]);
    }
}
