//! Board codes: the kind of a post and where it is in its review cycle.

code_enum!(
    /// The kinds of work a participant posts (DOMAIN.md §3), and the mentors' announcements.
    PostKind {
        ModulAjar = "modul_ajar",
        MediaAjar = "media_ajar",
        Refleksi = "refleksi",
        AksiNyata = "aksi_nyata",
        Ptk = "ptk",
        Other = "other",
        Announcement = "announcement",
    }
);

impl PostKind {
    /// The kinds a participant may post (announcements are the moderators' own kind).
    pub const WORK: [PostKind; 6] = [
        PostKind::ModulAjar,
        PostKind::MediaAjar,
        PostKind::Refleksi,
        PostKind::AksiNyata,
        PostKind::Ptk,
        PostKind::Other,
    ];
}

code_enum!(
    /// Where a post is in its review cycle (an announcement stays `announcement`).
    PostStatus {
        Submitted = "submitted",
        NeedsRevision = "needs_revision",
        Revised = "revised",
        Approved = "approved",
        Announcement = "announcement",
    }
);

impl PostStatus {
    /// Whether a mentor may move a post from `self` to `to`. A mentor asks for a revision or
    /// approves; an approved post may be reopened; "revised" comes only from the author's revision.
    pub fn mentor_may_set(self, to: PostStatus) -> bool {
        use PostStatus::*;
        matches!(
            (self, to),
            (Submitted | Revised, NeedsRevision | Approved)
                | (NeedsRevision, Approved)
                | (Approved, NeedsRevision)
        )
    }
}
