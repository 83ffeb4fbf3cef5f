//! Zip archives (Word documents, zipped Google Docs exports), read with limits so a corrupt or
//! hostile archive is an error, never a panic or an exhausted machine.

use std::io::{Cursor, Read};

use zip::ZipArchive;

/// More entries than this is not a document (a Word file has a few dozen).
pub const MAX_ENTRIES: usize = 10_000;
/// The most one entry may unpack to, whatever its header claims (zip bombs lie).
pub const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
/// The most all entries read from one archive may unpack to.
pub const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;

/// An open archive and how much has been unpacked from it so far.
pub struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    unpacked: u64,
}

impl<'a> Archive<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Self, String> {
        let zip =
            ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not a readable zip archive: {e}"))?;
        if zip.len() > MAX_ENTRIES {
            return Err(format!("zip archive has {} entries; at most {MAX_ENTRIES} are read", zip.len()));
        }
        Ok(Archive { zip, unpacked: 0 })
    }

    /// The entry names, in archive order.
    pub fn names(&self) -> Vec<String> {
        self.zip.file_names().filter_map(|n| n.ok().map(|n| n.into_owned())).collect()
    }

    /// The bytes of one entry; `None` when there is no such entry.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, String> {
        let mut entry = match self.zip.by_name(name) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(format!("cannot read `{name}` in the zip archive: {e}")),
        };
        let budget = MAX_ENTRY_BYTES.min(MAX_TOTAL_BYTES.saturating_sub(self.unpacked));
        let mut bytes = Vec::new();
        (&mut entry)
            .take(budget + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot unpack `{name}` in the zip archive: {e}"))?;
        if bytes.len() as u64 > budget {
            return Err(format!(
                "`{name}` unpacks to more than {} MiB (a zip bomb or not a document); refused",
                budget / (1024 * 1024)
            ));
        }
        self.unpacked += bytes.len() as u64;
        Ok(Some(bytes))
    }

    /// An entry as UTF-8 text (XML and HTML parts).
    pub fn read_text(&mut self, name: &str) -> Result<Option<String>, String> {
        let Some(bytes) = self.read(name)? else { return Ok(None) };
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").map(<[u8]>::to_vec).unwrap_or(bytes);
        String::from_utf8(bytes).map(Some).map_err(|_| format!("`{name}` in the zip archive is not UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut writer = zip::ZipWriter::new(&mut out);
        for (name, bytes) in entries {
            let options = zip::write::SimpleFileOptions::default();
            writer.start_file(*name, options).unwrap_or_else(|e| panic!("{e}"));
            writer.write_all(bytes).unwrap_or_else(|e| panic!("{e}"));
        }
        writer.finish().unwrap_or_else(|e| panic!("{e}"));
        out.into_inner()
    }

    #[test]
    fn entries_are_read_and_missing_ones_are_none() {
        let bytes = zip_of(&[("a.txt", b"hello")]);
        let mut archive = Archive::open(&bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(archive.read("a.txt").ok().flatten().as_deref(), Some(&b"hello"[..]));
        assert_eq!(archive.read("b.txt"), Ok(None));
    }

    #[test]
    fn corrupt_archives_are_errors() {
        assert!(Archive::open(b"PK\x03\x04 not really a zip").is_err());
        let mut bytes = zip_of(&[("a.txt", b"hello hello hello hello")]);
        let at = bytes.len() / 3;
        bytes[at..at + 8].copy_from_slice(b"garbage!");
        let result = Archive::open(&bytes).and_then(|mut a| a.read("a.txt"));
        assert!(result.is_err() || result.is_ok_and(|b| b.is_none_or(|b| b != b"hello hello hello hello")));
    }
}
