//! The receipt (kuitansi) of a payment as a PDF: its number, who paid, the amount in figures and
//! in words (terbilang), what for, the transfer reference, the date, and who received it; and a
//! refund's reversing receipt: to whom the money went back, and the receipt it reverses. Laid
//! out by the dashboards' report printer (`ssr::exports::report_pdf`), in the reader's language;
//! the amount in words is always Indonesian as well, as a kuitansi carries it.

use crate::i18n::text;
use crate::model::wib::{date_of, pretty_date};
use crate::model::Lang;
use crate::pages::planning::common::rupiah;
use crate::ssr::dashboards::Report;
use crate::ssr::db::Db;

/// What a receipt prints.
#[derive(sqlx::FromRow)]
pub struct ReceiptFacts {
    pub number: String,
    pub amount: i64,
    pub issued_at: i64,
    pub reference: String,
    pub payer: String,
    pub participant_name: String,
    pub nip: Option<String>,
    pub partner_name: Option<String>,
    pub program_title: String,
    pub cohort_name: String,
    pub organiser_name: String,
    pub issuer_name: String,
    /// Whose it is: the bill's participant and cohort (for the caller's scope check).
    pub user_id: i64,
    pub cohort_id: i64,
    /// `payment` or `refund`.
    pub kind: String,
    /// A refund's: the number of the payment's receipt it reverses, and where the money went.
    pub reverses_number: Option<String>,
    pub paid_to: Option<String>,
}

/// Receipt `id`'s facts, if it exists.
pub async fn facts(db: &Db, id: i64) -> Result<Option<ReceiptFacts>, sqlx::Error> {
    sqlx::query_as(
        "select r.number, r.amount, r.issued_at, b.reference, b.payer, u.name as participant_name, \
         u.nip, pi.name as partner_name, p.title as program_title, c.name as cohort_name, \
         o.name as organiser_name, a.name as issuer_name, b.user_id, b.cohort_id, r.kind, \
         rv.number as reverses_number, rf.paid_to \
         from receipt r join fee_bill b on b.id = r.bill_id join app_user u on u.id = b.user_id \
         left join receipt rv on rv.id = r.reverses_id \
         left join fee_refund rf on rf.payment_id = r.payment_id and r.kind = 'refund' \
         join cohort c on c.id = b.cohort_id join program p on p.id = c.program_id \
         join institution o on o.id = r.institution_id join app_user a on a.id = r.issued_by \
         left join institution pi on pi.id = b.partner_institution_id where r.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The receipt as a PDF in `lang`.
pub fn pdf(facts: &ReceiptFacts, lang: Lang) -> Vec<u8> {
    let from = match (&facts.partner_name, facts.payer.as_str()) {
        (Some(partner), "partner") => text(lang, "fees.receipt_from_partner")
            .replace("{partner}", partner)
            .replace("{name}", &facts.participant_name),
        _ => match &facts.nip {
            Some(nip) => format!("{} (NIP {nip})", facts.participant_name),
            None => facts.participant_name.clone(),
        },
    };
    let refund = facts.kind == "refund";
    let mut facts_shown = vec![(text(lang, "fees.receipt_number"), facts.number.clone())];
    if refund {
        facts_shown.push((
            text(lang, "fees.refund_receipt_reverses"),
            facts.reverses_number.clone().unwrap_or_else(|| "-".into()),
        ));
        let to = match &facts.paid_to {
            Some(account) => format!("{from} — {account}"),
            None => from,
        };
        facts_shown.push((text(lang, "fees.refund_receipt_to"), to));
    } else {
        facts_shown.push((text(lang, "fees.receipt_from"), from));
    }
    facts_shown.extend([
        (text(lang, "fees.receipt_amount"), rupiah(facts.amount)),
        (text(lang, "fees.receipt_in_words"), in_words(facts.amount)),
    ]);
    if lang == Lang::En {
        facts_shown.push((
            text(lang, "fees.receipt_in_english"),
            english_words(facts.amount),
        ));
    }
    facts_shown.extend([
        (
            text(lang, "fees.receipt_for"),
            text(lang, "fees.receipt_for_value")
                .replace("{program}", &facts.program_title)
                .replace("{cohort}", &facts.cohort_name),
        ),
        (text(lang, "fees.reference"), facts.reference.clone()),
        (
            text(lang, "fees.receipt_date"),
            pretty_date(&date_of(facts.issued_at), lang == Lang::En),
        ),
        (
            text(
                lang,
                if refund {
                    "fees.refund_receipt_paid_by"
                } else {
                    "fees.receipt_received_by"
                },
            ),
            format!("{} — {}", facts.organiser_name, facts.issuer_name),
        ),
    ]);
    let report = Report {
        title: text(
            lang,
            if refund {
                "fees.refund_receipt_title"
            } else {
                "fees.receipt_title"
            },
        ),
        facts: facts_shown,
        tables: Vec::new(),
    };
    crate::ssr::exports::report_pdf::render(&report, lang)
}

const ONES: [&str; 12] = [
    "", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
    "sebelas",
];

/// 0 to 999 in Indonesian words ("" for 0).
fn below_thousand(n: i64) -> String {
    let mut parts: Vec<String> = Vec::new();
    let hundreds = n / 100;
    let rest = n % 100;
    match hundreds {
        0 => {}
        1 => parts.push("seratus".into()),
        h => parts.push(format!("{} ratus", ONES[h as usize])),
    }
    match rest {
        0 => {}
        1..=11 => parts.push(ONES[rest as usize].into()),
        12..=19 => parts.push(format!("{} belas", ONES[(rest - 10) as usize])),
        _ => {
            parts.push(format!("{} puluh", ONES[(rest / 10) as usize]));
            if rest % 10 > 0 {
                parts.push(ONES[(rest % 10) as usize].into());
            }
        }
    }
    parts.join(" ")
}

/// A whole amount of rupiah in Indonesian words, as a kuitansi writes it ("terbilang"):
/// `1_500_000` → "satu juta lima ratus ribu rupiah".
pub fn in_words(amount: i64) -> String {
    if amount == 0 {
        return "nol rupiah".into();
    }
    let negative = amount < 0;
    let mut n = amount.unsigned_abs() as i64;
    const SCALES: [&str; 5] = ["", "ribu", "juta", "miliar", "triliun"];
    let mut groups = Vec::new();
    while n > 0 {
        groups.push(n % 1000);
        n /= 1000;
    }
    let mut words: Vec<String> = Vec::new();
    for (i, group) in groups.iter().enumerate().rev() {
        if *group == 0 {
            continue;
        }
        let scale = SCALES.get(i).copied().unwrap_or("");
        if i == 1 && *group == 1 {
            words.push("seribu".into());
        } else if scale.is_empty() {
            words.push(below_thousand(*group));
        } else {
            words.push(format!("{} {scale}", below_thousand(*group)));
        }
    }
    let text = words.join(" ");
    if negative {
        format!("minus {text} rupiah")
    } else {
        format!("{text} rupiah")
    }
}

/// A whole amount of rupiah in English words: `1_500_000` → "one million five hundred thousand
/// rupiah".
pub fn english_words(amount: i64) -> String {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    fn group(n: i64) -> String {
        let mut parts = Vec::new();
        if n >= 100 {
            parts.push(format!("{} hundred", ONES[(n / 100) as usize]));
        }
        let rest = n % 100;
        if rest >= 20 {
            let tens = TENS[(rest / 10) as usize];
            parts.push(if rest % 10 > 0 {
                format!("{tens}-{}", ONES[(rest % 10) as usize])
            } else {
                tens.to_string()
            });
        } else if rest > 0 {
            parts.push(ONES[rest as usize].to_string());
        }
        parts.join(" ")
    }
    if amount == 0 {
        return "zero rupiah".into();
    }
    const SCALES: [&str; 5] = ["", "thousand", "million", "billion", "trillion"];
    let mut n = amount.unsigned_abs() as i64;
    let mut groups = Vec::new();
    while n > 0 {
        groups.push(n % 1000);
        n /= 1000;
    }
    let mut words = Vec::new();
    for (i, g) in groups.iter().enumerate().rev() {
        if *g == 0 {
            continue;
        }
        let scale = SCALES.get(i).copied().unwrap_or("");
        words.push(if scale.is_empty() {
            group(*g)
        } else {
            format!("{} {scale}", group(*g))
        });
    }
    let sign = if amount < 0 { "minus " } else { "" };
    format!("{sign}{} rupiah", words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_written_in_indonesian_words() {
        assert_eq!(in_words(0), "nol rupiah");
        assert_eq!(in_words(1), "satu rupiah");
        assert_eq!(in_words(11), "sebelas rupiah");
        assert_eq!(in_words(12), "dua belas rupiah");
        assert_eq!(in_words(100), "seratus rupiah");
        assert_eq!(in_words(115), "seratus lima belas rupiah");
        assert_eq!(in_words(1_000), "seribu rupiah");
        assert_eq!(in_words(1_250), "seribu dua ratus lima puluh rupiah");
        assert_eq!(in_words(21_000), "dua puluh satu ribu rupiah");
        assert_eq!(in_words(101_000), "seratus satu ribu rupiah");
        assert_eq!(in_words(1_500_000), "satu juta lima ratus ribu rupiah");
        assert_eq!(
            in_words(2_750_075),
            "dua juta tujuh ratus lima puluh ribu tujuh puluh lima rupiah"
        );
        assert_eq!(in_words(1_000_000_000), "satu miliar rupiah");
    }

    #[test]
    fn amounts_are_written_in_english_words() {
        assert_eq!(
            english_words(1_500_000),
            "one million five hundred thousand rupiah"
        );
        assert_eq!(english_words(21_015), "twenty-one thousand fifteen rupiah");
        assert_eq!(english_words(100), "one hundred rupiah");
    }
}
