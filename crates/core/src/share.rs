//! Read-only links: a plan (or one period of it) serialised with the storage schema,
//! deflate-compressed and base64url-encoded into the URL fragment. The fragment never reaches
//! a server (browsers do not send it), and reading a link goes through `store::decode`, the
//! same validation as stored data: a link is data, never code.

use std::fmt;
use std::io::{Read, Write};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::model::Plan;
use crate::store::{self, EncodeError, LoadError};

/// The fragment's prefix (after `#`), with the link format's version.
pub(crate) const PREFIX: &str = "share=1.";
/// The longest fragment written, in characters. Chromium and Firefox open far longer URLs,
/// but mail clients, chat tools and URL fields of other apps cut or refuse links beyond a few
/// tens of thousands of characters; past this the plan is better shared as a workbook.
pub const LIMIT: usize = 32_000;
/// The most JSON a link may inflate to (a link is untrusted: no zip bombs).
const INFLATED_LIMIT: u64 = 8 * 1024 * 1024;

#[derive(Debug, PartialEq)]
pub enum ShareError {
    /// The link would be longer than `LIMIT` characters.
    TooLarge { chars: usize },
    /// The fragment is not a share link (or of an unknown link format).
    NotALink,
    /// The link is cut short or altered: it does not decode.
    Damaged(String),
    /// It decodes, but not to a plan this version can read.
    Plan(LoadError),
    /// The plan could not be encoded (`store::encode`): no link is made.
    NotEncoded(EncodeError),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::TooLarge { chars } => write!(
                f,
                "This plan is too large to share as a link: it would take {} characters, and \
                 links longer than {} characters get cut by mail and chat tools. Share one \
                 period (choose it in Period shown), or export a workbook instead.",
                group(*chars),
                group(LIMIT)
            ),
            ShareError::NotALink => write!(f, "This is not an okr-grid share link."),
            ShareError::Damaged(why) => write!(
                f,
                "This share link is damaged, perhaps cut short when it was copied ({why}). Ask \
                 for the link again."
            ),
            ShareError::Plan(e) => write!(f, "This share link cannot be opened: {e}."),
            ShareError::NotEncoded(e) => write!(f, "No link was made: {e}."),
        }
    }
}

fn group(n: usize) -> String {
    crate::value::grouped(n as f64)
}

/// The fragment (without `#`) that carries `plan`, or `TooLarge`.
pub fn fragment(plan: &Plan) -> Result<String, ShareError> {
    // Where the values came from in the sharer's file is of no use to a viewer.
    let json = if plan.origin.is_some() {
        let mut shared = plan.clone();
        shared.origin = None;
        store::encode(&shared)
    } else {
        store::encode(plan)
    }
    .map_err(ShareError::NotEncoded)?;
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(json.as_bytes())
        .map_err(|e| ShareError::Damaged(e.to_string()))?;
    let packed = encoder
        .finish()
        .map_err(|e| ShareError::Damaged(e.to_string()))?;
    let out = format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(packed));
    if out.len() > LIMIT {
        return Err(ShareError::TooLarge { chars: out.len() });
    }
    Ok(out)
}

/// True when a location's fragment (with or without `#`) is a share link of any format.
pub fn is_link(fragment: &str) -> bool {
    fragment.trim_start_matches('#').starts_with("share=")
}

/// The plan a fragment carries. Fragments longer than `LIMIT` are read too (a link made by a
/// later version with a larger limit), up to the inflated size limit.
pub fn read(fragment: &str) -> Result<Plan, ShareError> {
    let body = fragment
        .trim_start_matches('#')
        .strip_prefix(PREFIX)
        .ok_or(ShareError::NotALink)?;
    let packed = URL_SAFE_NO_PAD
        .decode(body.trim())
        .map_err(|e| ShareError::Damaged(e.to_string()))?;
    let mut json = String::new();
    flate2::read::DeflateDecoder::new(packed.as_slice())
        .take(INFLATED_LIMIT + 1)
        .read_to_string(&mut json)
        .map_err(|e| ShareError::Damaged(e.to_string()))?;
    if json.len() as u64 > INFLATED_LIMIT {
        return Err(ShareError::Damaged("it unpacks to more than 8 MB".into()));
    }
    let mut plan = store::decode(&json).map_err(ShareError::Plan)?;
    plan.is_example = false;
    Ok(plan)
}

/// The part of a plan one period holds: its objectives (with what hangs under them) and that
/// period's dates; alignment to objectives left out is dropped. The name says which period.
pub fn period_only(plan: &Plan, period: &str) -> Plan {
    let mut out = plan.clone();
    out.objectives.retain(|o| o.period == period);
    let kept: std::collections::HashSet<_> = out.objectives.iter().map(|o| o.id).collect();
    for o in &mut out.objectives {
        if o.aligned_to.is_some_and(|to| !kept.contains(&to)) {
            o.aligned_to = None;
        }
    }
    out.periods.retain(|p| p.name == period);
    out.dismissed.clear();
    out.name = format!("{} — {period}", plan.name);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example_plan;

    #[test]
    fn a_plan_survives_the_link_round_trip() {
        let plan = example_plan();
        let link = fragment(&plan).unwrap();
        assert!(link.starts_with(PREFIX));
        assert!(
            link.len() < 6_000,
            "the example fits easily: {}",
            link.len()
        );
        assert!(link
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_=.".contains(&b)));
        let back = read(&format!("#{link}")).unwrap();
        assert!(!back.is_example);
        assert_eq!(back.objectives, plan.objectives);
        assert_eq!(back.periods, plan.periods);
    }

    #[test]
    fn hostile_text_comes_back_as_the_same_text() {
        let mut plan = example_plan();
        plan.objectives[0].title = "<img src=x onerror=alert(1)>".into();
        plan.objectives[0].key_results[0].link = "javascript:alert(1)".into();
        let back = read(&fragment(&plan).unwrap()).unwrap();
        assert_eq!(back.objectives[0].title, "<img src=x onerror=alert(1)>");
        assert_eq!(
            back.objectives[0].key_results[0].link,
            "javascript:alert(1)"
        );
    }

    #[test]
    fn plans_past_the_limit_are_refused_with_their_size() {
        let mut plan = Plan::new("big");
        // Text that does not compress: a pseudo-random walk over letters.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for i in 0..120 {
            let mut o = plan.new_objective("");
            o.title = (0..300)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    char::from(b'a' + (x % 26) as u8)
                })
                .collect();
            o.owner = format!("owner {i}");
            plan.objectives.push(o);
        }
        match fragment(&plan) {
            Err(ShareError::TooLarge { chars }) => {
                assert!(chars > LIMIT);
                let message = ShareError::TooLarge { chars }.to_string();
                assert!(message.contains("32,000"), "{message}");
            }
            other => panic!("expected TooLarge, got {other:?}"),
        }
    }

    #[test]
    fn damaged_and_foreign_fragments_are_errors_not_panics() {
        assert_eq!(read(""), Err(ShareError::NotALink));
        assert_eq!(read("#section-2"), Err(ShareError::NotALink));
        assert_eq!(read("share=9.abc"), Err(ShareError::NotALink));
        assert!(matches!(read("share=1.***"), Err(ShareError::Damaged(_))));
        let link = fragment(&example_plan()).unwrap();
        let cut = &link[..link.len() / 2];
        assert!(matches!(read(cut), Err(ShareError::Damaged(_))));
        // Valid deflate of text that is not a plan.
        let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(b"{\"hello\":1}").unwrap();
        let not_plan = format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(e.finish().unwrap()));
        assert!(matches!(read(&not_plan), Err(ShareError::Plan(_))));
        assert!(is_link("#share=2.x") && !is_link("#top"));
    }

    #[test]
    fn a_zip_bomb_is_refused() {
        let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![b' '; 1024 * 1024];
        for _ in 0..9 {
            e.write_all(&zeros).unwrap();
        }
        let bomb = format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(e.finish().unwrap()));
        assert!(bomb.len() < LIMIT);
        assert!(matches!(read(&bomb), Err(ShareError::Damaged(_))));
    }

    #[test]
    fn one_period_keeps_its_objectives_and_drops_links_out_of_it() {
        let mut plan = example_plan();
        let mut annual = plan.new_objective("Year goal");
        annual.period = "2026".into();
        let annual_id = annual.id;
        plan.objectives.push(annual);
        plan.objectives[0].aligned_to = Some(annual_id);
        let q = plan.objectives[0].period.clone();
        let part = period_only(&plan, &q);
        assert!(part.objectives.iter().all(|o| o.period == q));
        assert_eq!(part.objectives.len(), plan.objectives.len() - 1);
        assert_eq!(part.objectives[0].aligned_to, None);
        assert!(part.name.ends_with(&q));
        assert!(read(&fragment(&part).unwrap()).is_ok());
    }
}
