//! Codes of outgoing e-mail.

code_enum!(
    /// Where an outgoing e-mail is: waiting (to be sent, or to be tried again), sent, given up
    /// after its last attempt, or not sent because SMTP is not configured.
    OutboxStatus {
        Queued = "queued",
        Sent = "sent",
        Failed = "failed",
        NotSent = "not_sent",
    }
);
