//! Brackets: each kind's pair of full-width forms, and the stack of unmatched opens that
//! lets a close find its open in O(1).

#[derive(Debug, Clone, Copy)]
pub(super) struct Bracket {
    /// Brackets of one kind close each other: `(` and `（` both close with `)` or `）`.
    pub(super) kind: usize,
    pub(super) full_open: char,
    pub(super) full_close: char,
}

#[derive(Clone, Copy)]
pub(super) struct Open {
    /// Byte and length of the bracket.
    pub(super) at: usize,
    pub(super) len: usize,
    /// It is its full-width form already.
    pub(super) full: bool,
    pub(super) bracket: Bracket,
    /// The next open of the same kind down the stack.
    pub(super) below: Option<usize>,
    pub(super) after_word: bool,
    pub(super) cjk_before: bool,
    /// Right after `]`: the address of a Markdown link.
    pub(super) link: bool,
}

/// The unmatched opens, with the topmost of each kind at hand: a close finds its open in
/// O(1) even under a million opens of another kind.
#[derive(Default)]
pub(super) struct Opens {
    pub(super) stack: Vec<Open>,
    pub(super) top: Vec<Option<usize>>,
}

impl Opens {
    pub(super) fn clear(&mut self, kinds: usize) {
        self.stack.clear();
        self.top.clear();
        self.top.resize(kinds, None);
    }

    pub(super) fn push(&mut self, mut open: Open) {
        let kind = open.bracket.kind;
        open.below = self.top[kind];
        self.top[kind] = Some(self.stack.len());
        self.stack.push(open);
    }

    /// The nearest open of the kind; the opens of other kinds above it go unmatched.
    pub(super) fn close(&mut self, kind: usize) -> Option<Open> {
        let pos = self.top[kind]?;
        let open = self.stack[pos];
        for dropped in self.stack.drain(pos..).rev() {
            self.top[dropped.bracket.kind] = dropped.below;
        }
        Some(open)
    }
}
