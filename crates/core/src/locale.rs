//! Numbers, percentages and dates as people write them in okr-grid's locales: English,
//! Spanish, Italian and Simplified Chinese. Shown in the user's locale, and read back from what
//! they type or paste in that same locale. Stored values never depend on it.
//!
//! The rule for ambiguous input in a decimal-comma locale (es, it): the comma is always the
//! decimal separator ("1,234" is 1.234, "3,5" is 3.5); dots group thousands when they group
//! the integer part in threes ("1.234" is 1234, "1.234.567,5" is 1234567.5); a single dot that
//! does not ("1.5", "0.25") is read as a decimal point, as typed on a numeric keypad. In en
//! and zh-Hans the rules are `value::parse_number`'s: "1,234" is 1234 and "1,23" is refused.

use crate::model::Kind;
use crate::period::Date;
use crate::value::{self, ValueError};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    #[default]
    En,
    Es,
    It,
    ZhHans,
}

impl Locale {
    pub const ALL: [Locale; 4] = [Locale::En, Locale::Es, Locale::It, Locale::ZhHans];

    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Es => "es",
            Locale::It => "it",
            Locale::ZhHans => "zh-Hans",
        }
    }

    /// The locale a language tag asks for: "es-ES", "es-419" → es; "zh", "zh-CN", "zh-SG",
    /// "zh-Hans-CN" → zh-Hans (traditional Chinese, "zh-TW" / "zh-Hant", is not offered).
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let lower = tag.trim().to_ascii_lowercase().replace('_', "-");
        let mut parts = lower.split('-');
        match parts.next()? {
            "en" => Some(Locale::En),
            "es" => Some(Locale::Es),
            "it" => Some(Locale::It),
            "zh" => {
                let rest: Vec<&str> = parts.collect();
                let traditional = rest
                    .iter()
                    .any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"));
                (!traditional || rest.contains(&"hans")).then_some(Locale::ZhHans)
            }
            _ => None,
        }
    }

    /// The first supported locale of a browser's preferences (`navigator.languages`), else
    /// English.
    pub fn negotiate<S: AsRef<str>>(preferences: &[S]) -> Locale {
        preferences
            .iter()
            .find_map(|t| Locale::from_tag(t.as_ref()))
            .unwrap_or_default()
    }

    /// True where the comma is the decimal separator (es, it).
    pub fn decimal_comma(self) -> bool {
        matches!(self, Locale::Es | Locale::It)
    }

    /// The decimal text of `v` with this locale's separators (en's "1,234.5" becomes
    /// "1.234,5"). Spanish does not group a four-digit integer part ("1234,5"; CLDR's minimum
    /// grouping digits).
    pub fn number(self, v: f64) -> String {
        let en = value::grouped(v);
        match self {
            Locale::En | Locale::ZhHans => en,
            Locale::It => swap_separators(&en),
            Locale::Es => {
                let int_digits = value::plain(v.abs()).split('.').next().map_or(0, str::len);
                if int_digits == 4 {
                    swap_separators(&value::plain(v))
                } else {
                    swap_separators(&en)
                }
            }
        }
    }

    /// The text an editor starts from: no grouping, this locale's decimal separator.
    pub fn plain(self, v: f64) -> String {
        let text = value::plain(v);
        if self.decimal_comma() {
            text.replace('.', ",")
        } else {
            text
        }
    }

    /// A fraction as a percentage: "45%" (en, it, zh-Hans), "45 %" with a no-break space (es).
    pub fn percent(self, v: f64) -> String {
        let en = value::percent(v);
        match self {
            Locale::En | Locale::ZhHans => en,
            Locale::It => en.replace('.', ","),
            Locale::Es => format!("{}\u{a0}%", en.trim_end_matches('%').replace('.', ",")),
        }
    }

    /// A score with two decimals: "0.48", "0,48".
    pub fn score(self, v: f64) -> String {
        let en = value::fixed(v, 2);
        if self.decimal_comma() {
            en.replace('.', ",")
        } else {
            en
        }
    }

    /// A day as written here: 2026-11-23 (en, kept ISO: unambiguous), 23/11/2026 (es, it),
    /// 2026/11/23 (zh-Hans).
    pub fn date(self, day: Date) -> String {
        let (y, m, d) = day.ymd();
        match self {
            Locale::En => day.to_string(),
            Locale::Es | Locale::It => format!("{d:02}/{m:02}/{y}"),
            Locale::ZhHans => format!("{y}/{m:02}/{d:02}"),
        }
    }

    /// A key result type as the grid shows it in this locale. The interface catalogues hold
    /// the same words (`kind_*`; `tests/catalogues.rs` checks they agree).
    pub fn kind_name(self, kind: Kind) -> &'static str {
        let i = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        let names: [&str; 6] = match self {
            Locale::En => return kind.name(),
            Locale::Es => [
                "número",
                "porcentaje",
                "binario",
                "mantener por encima",
                "mantener por debajo",
                "hito",
            ],
            Locale::It => [
                "numero",
                "percentuale",
                "binario",
                "restare sopra",
                "restare sotto",
                "milestone",
            ],
            Locale::ZhHans => ["数值", "百分比", "二元", "保持高于", "保持低于", "里程碑"],
        };
        names[i]
    }

    /// A key result type typed in this locale: its `kind_name`, or the English words
    /// (`model::Kind::parse`), case and accents as typed.
    pub(crate) fn parse_kind(self, text: &str) -> Option<Kind> {
        let t = text.trim().to_lowercase();
        Kind::ALL
            .into_iter()
            .find(|k| self.kind_name(*k) == t)
            .or_else(|| Kind::parse(&t))
    }

    /// The title a new row starts with, to be typed over (catalogue messages
    /// `new_objective_title`, `new_key_result_title`).
    pub fn new_title(self, objective: bool) -> &'static str {
        match (self, objective) {
            (Locale::En, true) => "New objective",
            (Locale::En, false) => "New key result",
            (Locale::Es, true) => "Nuevo objetivo",
            (Locale::Es, false) => "Nuevo resultado clave",
            (Locale::It, true) => "Nuovo obiettivo",
            (Locale::It, false) => "Nuovo risultato chiave",
            (Locale::ZhHans, true) => "新目标",
            (Locale::ZhHans, false) => "新关键结果",
        }
    }

    /// "Done" and "Not done" as a binary key result's value reads in this locale (catalogue
    /// messages `done_value`, `not_done_value`).
    pub fn done_words(self) -> (&'static str, &'static str) {
        match self {
            Locale::En => ("Done", "Not done"),
            Locale::Es => ("Hecho", "No hecho"),
            Locale::It => ("Fatto", "Non fatto"),
            Locale::ZhHans => ("已完成", "未完成"),
        }
    }

    /// Done (1) or not done (0) typed in this locale: the `done_words`, yes / no words
    /// ("sí", "no"; "是", "否"), or anything `value::parse_done` reads.
    pub(crate) fn parse_done(self, text: &str) -> Result<f64, ValueError> {
        let t = text.trim().to_lowercase();
        let (done, not_done) = self.done_words();
        let yes: &[&str] = match self {
            Locale::En => &[],
            Locale::Es => &["sí", "si", "hecho", "logrado", "completado"],
            Locale::It => &["sì", "si", "fatto", "raggiunto", "completato"],
            Locale::ZhHans => &["是", "完成", "已完成", "达成"],
        };
        let no: &[&str] = match self {
            Locale::En => &[],
            Locale::Es => &["no hecho", "pendiente"],
            Locale::It => &["non fatto", "da fare"],
            Locale::ZhHans => &["否", "未完成", "未达成"],
        };
        if t == done.to_lowercase() || yes.contains(&t.as_str()) {
            Ok(1.0)
        } else if t == not_done.to_lowercase() || no.contains(&t.as_str()) {
            Ok(0.0)
        } else {
            value::parse_done(text)
        }
    }

    /// A number typed or pasted in this locale (see the module's rule for ambiguous input).
    pub fn parse_number(self, text: &str) -> Result<f64, ValueError> {
        if !self.decimal_comma() {
            return value::parse_number(text);
        }
        let err = || ValueError::NotANumber(text.trim().to_string());
        let canonical = canonical_decimal_comma(text).ok_or_else(err)?;
        value::parse_number(&canonical).map_err(|_| err())
    }

    /// A key result's value typed in this locale, the one reading of the grid's Start, Target
    /// and Current cells and of the check-in forms (`checkin::parse_value_locale`): percent as
    /// "45%" or "45", done / not done for binary, numbers otherwise, where a number ending in %
    /// is a fraction as a spreadsheet reads it; the key result's `unit` may follow the value
    /// ("1,250 leads"). Blank text is no value (`None`).
    pub(crate) fn parse_value(
        self,
        kind: Kind,
        unit: &str,
        text: &str,
    ) -> Result<Option<f64>, ValueError> {
        let t = value::without_unit(text.trim(), unit);
        if t.is_empty() {
            return Ok(None);
        }
        match kind {
            Kind::Percent => self.parse_percent(t),
            Kind::Binary => self.parse_done(t),
            _ if t.ends_with('%') => self.parse_percent(t),
            _ => self.parse_number(t),
        }
        .map(Some)
    }

    /// A percentage typed in this locale ("45 %", "12,5%", or a fraction "0,45"), as a
    /// fraction; the rules of `value::parse_percent` otherwise.
    pub fn parse_percent(self, text: &str) -> Result<f64, ValueError> {
        if !self.decimal_comma() {
            return value::parse_percent(text);
        }
        let err = || ValueError::NotANumber(text.trim().to_string());
        let t = text.trim();
        let (body, sign) = match t.strip_suffix(['%', '％']) {
            Some(b) => (b, "%"),
            None => (t, ""),
        };
        let canonical = canonical_decimal_comma(body).ok_or_else(err)?;
        value::parse_percent(&format!("{canonical}{sign}")).map_err(|_| err())
    }
}

/// en's grouped text with the separators swapped: "1,234.5" → "1.234,5".
fn swap_separators(en: &str) -> String {
    en.chars()
        .map(|c| match c {
            ',' => '.',
            '.' => ',',
            c => c,
        })
        .collect()
}

/// Decimal-comma text as `value::parse_number` reads it ("1.234,5" → "1234.5"), or `None`
/// when the separators cannot be read (two commas, dots not in threes beside a comma).
fn canonical_decimal_comma(text: &str) -> Option<String> {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let grouped_in_threes = |int: &str| {
        let digits = int.trim_start_matches(['-', '+', '\u{2212}']);
        let mut parts = digits.split('.');
        let first = parts.next().unwrap_or("");
        !first.is_empty() && first.len() <= 3 && parts.all(|p| p.len() == 3)
    };
    match t.matches(',').count() {
        0 => {
            let dots = t.matches('.').count();
            if dots == 0 {
                Some(t)
            } else if grouped_in_threes(&t) {
                Some(t.replace('.', ""))
            } else if dots == 1 {
                Some(t)
            } else {
                None
            }
        }
        1 => {
            let (int, frac) = t.split_once(',')?;
            if frac.contains('.') {
                return None;
            }
            let int = if int.contains('.') {
                if !grouped_in_threes(int) {
                    return None;
                }
                int.replace('.', "")
            } else {
                int.to_string()
            };
            Some(format!("{int}.{frac}"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_results_value_is_read_as_its_kind_types_it() {
        let en = Locale::En;
        assert_eq!(en.parse_value(Kind::Number, "", "1,250"), Ok(Some(1250.0)));
        assert_eq!(
            en.parse_value(Kind::Number, "leads", " 1,250 leads "),
            Ok(Some(1250.0))
        );
        assert_eq!(en.parse_value(Kind::StayBelow, "", "45%"), Ok(Some(0.45)));
        assert_eq!(en.parse_value(Kind::Percent, "", "45"), Ok(Some(0.45)));
        assert_eq!(en.parse_value(Kind::Binary, "", "done"), Ok(Some(1.0)));
        assert_eq!(en.parse_value(Kind::Milestone, "steps", "  "), Ok(None));
        assert_eq!(en.parse_value(Kind::Number, "", ""), Ok(None));
        assert_eq!(
            en.parse_value(Kind::Number, "", "lots"),
            Err(ValueError::NotANumber("lots".into()))
        );
        assert!(en.parse_value(Kind::Binary, "", "half").is_err());
        let es = Locale::Es;
        assert_eq!(
            es.parse_value(Kind::Number, "€", "1.250,5 €"),
            Ok(Some(1250.5))
        );
        assert_eq!(es.parse_value(Kind::Percent, "", "12,5 %"), Ok(Some(0.125)));
        assert_eq!(es.parse_value(Kind::Binary, "", "Hecho"), Ok(Some(1.0)));
    }

    #[test]
    fn browser_preferences_pick_the_first_supported_locale() {
        assert_eq!(Locale::negotiate(&["es-ES", "en"]), Locale::Es);
        assert_eq!(Locale::negotiate(&["fr-FR", "it-IT"]), Locale::It);
        assert_eq!(Locale::negotiate(&["zh-CN"]), Locale::ZhHans);
        assert_eq!(Locale::negotiate(&["zh-Hans-SG"]), Locale::ZhHans);
        assert_eq!(Locale::negotiate(&["zh-TW", "de"]), Locale::En);
        assert_eq!(Locale::negotiate::<&str>(&[]), Locale::En);
        for l in Locale::ALL {
            assert_eq!(Locale::from_tag(l.tag()), Some(l));
        }
    }

    #[test]
    fn numbers_are_shown_with_each_locales_separators() {
        let v = 1234567.5;
        assert_eq!(Locale::En.number(v), "1,234,567.5");
        assert_eq!(Locale::ZhHans.number(v), "1,234,567.5");
        assert_eq!(Locale::It.number(v), "1.234.567,5");
        assert_eq!(Locale::Es.number(v), "1.234.567,5");
        // Spanish leaves four-digit numbers ungrouped; Italian groups them.
        assert_eq!(Locale::Es.number(1234.5), "1234,5");
        assert_eq!(Locale::Es.number(-1234.0), "-1234");
        assert_eq!(Locale::It.number(1234.5), "1.234,5");
        assert_eq!(Locale::Es.number(12345.0), "12.345");
        assert_eq!(Locale::Es.plain(1234.5), "1234,5");
        assert_eq!(Locale::En.plain(1234.5), "1234.5");
        assert_eq!(Locale::Es.score(0.475), "0,47");
        assert_eq!(Locale::En.score(0.48), "0.48");
    }

    #[test]
    fn percentages_and_dates_follow_the_locale() {
        assert_eq!(Locale::En.percent(0.125), "12.5%");
        assert_eq!(Locale::It.percent(0.125), "12,5%");
        assert_eq!(Locale::Es.percent(0.45), "45\u{a0}%");
        assert_eq!(Locale::ZhHans.percent(0.45), "45%");
        let day = Date::parse("2026-11-23").unwrap();
        assert_eq!(Locale::En.date(day), "2026-11-23");
        assert_eq!(Locale::Es.date(day), "23/11/2026");
        assert_eq!(Locale::It.date(day), "23/11/2026");
        assert_eq!(Locale::ZhHans.date(day), "2026/11/23");
    }

    #[test]
    fn typed_numbers_read_in_the_locale_with_the_documented_rule_for_ambiguity() {
        let es = Locale::Es;
        assert_eq!(es.parse_number("1.234,5"), Ok(1234.5));
        assert_eq!(es.parse_number("1234,5"), Ok(1234.5));
        // The ambiguous case: in es the comma is the decimal separator.
        assert_eq!(es.parse_number("1,234"), Ok(1.234));
        assert_eq!(es.parse_number("3,5"), Ok(3.5));
        // Dots grouping in threes group; a lone dot that does not is a decimal point.
        assert_eq!(es.parse_number("1.234"), Ok(1234.0));
        assert_eq!(es.parse_number("1.234.567"), Ok(1234567.0));
        assert_eq!(es.parse_number("1.5"), Ok(1.5));
        assert_eq!(es.parse_number("-0,25"), Ok(-0.25));
        assert_eq!(es.parse_number("1 234,5"), Ok(1234.5));
        assert!(es.parse_number("1,2,3").is_err());
        assert!(es.parse_number("1.23,5").is_err());
        assert!(es.parse_number("abc").is_err());
        assert_eq!(Locale::It.parse_number("12.345,67"), Ok(12345.67));
        // en and zh-Hans keep the grid's rules.
        assert_eq!(Locale::En.parse_number("1,234"), Ok(1234.0));
        assert!(Locale::En.parse_number("1,23").is_err());
        assert_eq!(Locale::ZhHans.parse_number("1,234.5"), Ok(1234.5));
    }

    #[test]
    fn typed_percentages_read_in_the_locale() {
        assert_eq!(Locale::Es.parse_percent("45 %"), Ok(0.45));
        assert_eq!(Locale::Es.parse_percent("12,5%"), Ok(0.125));
        assert_eq!(Locale::It.parse_percent("0,45"), Ok(0.45));
        assert_eq!(Locale::En.parse_percent("12.5%"), Ok(0.125));
        assert!(Locale::Es.parse_percent("x%").is_err());
    }

    #[test]
    fn what_is_shown_reads_back_to_the_same_value() {
        for l in Locale::ALL {
            for v in [0.0, 1.5, -3.25, 1234.5, 1234567.0, 0.1 + 0.2, 65000.0] {
                assert_eq!(l.parse_number(&l.number(v)), Ok(v), "{l:?} {v}");
                assert_eq!(l.parse_number(&l.plain(v)), Ok(v), "{l:?} {v}");
            }
            for p in [0.45, 0.125, 0.032, 1.5] {
                assert_eq!(l.parse_percent(&l.percent(p)), Ok(p), "{l:?} {p}");
            }
        }
    }

    #[test]
    fn types_and_done_words_are_shown_and_read_in_each_locale() {
        use crate::model::Kind;
        for l in Locale::ALL {
            for k in Kind::ALL {
                // What is shown reads back, in any case, and English always reads.
                assert_eq!(l.parse_kind(l.kind_name(k)), Some(k), "{l:?} {k:?}");
                assert_eq!(l.parse_kind(&l.kind_name(k).to_uppercase()), Some(k));
                assert_eq!(l.parse_kind(k.name()), Some(k), "{l:?} {k:?}");
            }
            let (done, not_done) = l.done_words();
            assert_eq!(l.parse_done(done), Ok(1.0));
            assert_eq!(l.parse_done(not_done), Ok(0.0));
            assert_eq!(l.parse_done(&not_done.to_lowercase()), Ok(0.0));
            assert_eq!(l.parse_done("done"), Ok(1.0));
            assert_eq!(l.parse_done("0"), Ok(0.0));
            assert!(l.parse_done("quizás").is_err());
            assert_eq!(l.parse_kind("banana"), None);
        }
        assert_eq!(Locale::Es.kind_name(Kind::Milestone), "hito");
        assert_eq!(Locale::Es.parse_kind("Porcentaje"), Some(Kind::Percent));
        assert_eq!(
            Locale::It.parse_kind("restare sotto"),
            Some(Kind::StayBelow)
        );
        assert_eq!(Locale::ZhHans.parse_kind("里程碑"), Some(Kind::Milestone));
        assert_eq!(Locale::Es.parse_done("sí"), Ok(1.0));
        assert_eq!(Locale::It.parse_done("sì"), Ok(1.0));
        assert_eq!(Locale::ZhHans.parse_done("否"), Ok(0.0));
        // Another locale's words are not guessed at.
        assert!(Locale::En.parse_done("hecho").is_err());
    }
}
