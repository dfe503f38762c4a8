//! The folders `workout batch` reads, one at a time: each folder's entries sorted by name
//! (so that files are met in path order), hidden names and the output folder left out. And,
//! without a list of every input, whether a path is one of them, so that no output is
//! written over one.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::io;
use std::path::{Component, Path, PathBuf};

/// An entry of a folder, as the batch sees it.
#[derive(Debug, PartialEq, Eq)]
pub enum Entry {
    /// A name of a supported format on a regular file (or a link to one): an input.
    File(PathBuf),
    /// A name of a supported format on anything else (a FIFO, a device): never read.
    Irregular(PathBuf),
    /// A folder (not a link to one) to walk into.
    Folder(PathBuf),
}

impl Entry {
    fn path(&self) -> &Path {
        match self {
            Entry::File(p) | Entry::Irregular(p) | Entry::Folder(p) => p,
        }
    }
}

/// The tree of folders under the batch's directory.
#[derive(Debug)]
pub struct Tree {
    /// The directory, canonical.
    root: PathBuf,
    /// The output folder, canonical, when it is strictly inside the directory: not walked.
    skip: Option<PathBuf>,
    /// Where the inputs that are links lead, canonical (see [`Tree::note_input`]).
    links: HashSet<PathBuf>,
}

impl Tree {
    /// The tree under `dir`, leaving out `output` when it is a folder strictly inside it.
    pub fn new(dir: &Path, output: &Path) -> io::Result<Tree> {
        let root = dir.canonicalize()?;
        let skip = output
            .canonicalize()
            .ok()
            .filter(|o| *o != root && o.starts_with(&root));
        Ok(Tree {
            root,
            skip,
            links: HashSet::new(),
        })
    }

    /// The entries of the folder `dir` of the tree, sorted by name: supported files (named
    /// `.txt`, `.json`, `.zwo`, `.mrc`, `.erg` or `.fit`) and folders. Hidden names and the
    /// output folder are left out.
    pub fn entries(&self, dir: &Path) -> io::Result<Vec<Entry>> {
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            if is_hidden(&entry.file_name()) {
                continue;
            }
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                if !self.is_skipped(&path) {
                    entries.push(Entry::Folder(path));
                }
            } else if let Some(file) = file_entry(path) {
                entries.push(file);
            }
        }
        entries.sort_by(|a, b| a.path().cmp(b.path()));
        Ok(entries)
    }

    fn is_skipped(&self, folder: &Path) -> bool {
        self.skip
            .as_ref()
            .is_some_and(|s| folder.canonicalize().is_ok_and(|p| p == *s))
    }

    /// Notes the input `path` before anything is written: where it leads, if it is a link
    /// (the one kind of input [`Tree::holds`] cannot tell from its own path).
    pub fn note_input(&mut self, path: &Path) {
        if path.is_symlink() {
            if let Ok(target) = path.canonicalize() {
                self.links.insert(target);
            }
        }
    }

    /// True when the canonical `path` is an input: a file the walk reads (in a folder of
    /// the tree, with no hidden name on the way, outside the output folder, named as a
    /// supported format, regular), or where an input that is a link leads.
    pub fn holds(&self, path: &Path) -> bool {
        self.links.contains(path)
            || (self.walked(path).is_some()
                && matches!(file_entry(path.to_path_buf()), Some(Entry::File(_))))
    }

    /// Where the folder `dir` is in the tree, relative to the directory, if the walk reads
    /// it: a path that sorts after a folder's was not walked yet when that folder is.
    pub fn folder_of(&self, dir: &Path) -> Option<PathBuf> {
        let dir = dir.canonicalize().ok()?;
        self.walked(&dir).map(Path::to_path_buf)
    }

    /// The canonical `path` relative to the directory, when the walk reaches it: inside
    /// the tree, no hidden name on the way, outside the output folder.
    fn walked<'p>(&self, path: &'p Path) -> Option<&'p Path> {
        let rel = path.strip_prefix(&self.root).ok()?;
        let reached = rel
            .components()
            .all(|c| matches!(c, Component::Normal(name) if !is_hidden(name)))
            && !self.skip.as_ref().is_some_and(|s| path.starts_with(s));
        reached.then_some(rel)
    }
}

fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

/// What the batch makes of `path`, not a folder: `None` when it is named as no supported
/// format.
fn file_entry(path: PathBuf) -> Option<Entry> {
    crate::format::from_path(&path)?;
    Some(if std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
        Entry::File(path)
    } else {
        Entry::Irregular(path)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(path, "- 1m 50%\n").unwrap();
    }

    #[test]
    fn entries_are_sorted_with_hidden_names_and_the_output_left_out() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        for name in ["b.txt", "a.zwo", "a/x.txt", ".h.txt", "n.md", "out/o.zwo"] {
            touch(&dir.join(name));
        }
        let tree = Tree::new(dir, &dir.join("out")).unwrap();
        let entries = tree.entries(dir).unwrap();
        let expected = [
            Entry::Folder(dir.join("a")),
            Entry::File(dir.join("a.zwo")),
            Entry::File(dir.join("b.txt")),
        ];
        assert_eq!(entries, expected);
    }

    #[test]
    fn holds_the_files_the_walk_reads_and_where_links_lead() {
        let tmp = tempfile::tempdir().unwrap();
        let top = tmp.path().canonicalize().unwrap();
        let dir = top.join("in");
        for name in ["a.txt", "sub/b.zwo", ".h/c.txt", "d.md", "out/e.zwo"] {
            touch(&dir.join(name));
        }
        touch(&top.join("elsewhere/f.zwo"));
        let mut tree = Tree::new(&dir, &dir.join("out")).unwrap();
        assert!(tree.holds(&dir.join("a.txt")));
        assert!(tree.holds(&dir.join("sub/b.zwo")));
        for not in [".h/c.txt", "d.md", "out/e.zwo", "new.txt", "sub"] {
            assert!(!tree.holds(&dir.join(not)), "{not}");
        }
        let target = top.join("elsewhere/f.zwo");
        assert!(!tree.holds(&target));
        #[cfg(unix)]
        {
            let link = dir.join("link.txt");
            std::os::unix::fs::symlink(&target, &link).unwrap();
            tree.note_input(&link);
            assert!(tree.holds(&target));
        }
    }
}
