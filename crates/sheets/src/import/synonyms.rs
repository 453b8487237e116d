//! Which header words mean which field, in English, Spanish, Italian, Chinese, French, German
//! and Portuguese. Matching is case- and accent-insensitive (see `normalize`). To support a new
//! word, add it to its field's list: lists are plain, lower-case, and may carry accents.

use serde::{Deserialize, Serialize};
/// What a column of an imported sheet holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Field {
    Objective,
    KeyResult,
    /// One column holding both objectives and key results.
    Okr,
    Owner,
    Team,
    Period,
    Kind,
    Start,
    Target,
    Current,
    Score,
    Weight,
    Confidence,
    DueDate,
    Notes,
    Link,
    Unit,
    RowId,
    ParentId,
    /// A week, month or dated column of values: check-in history.
    CheckIn,
    /// A column that is read but not used.
    Ignore,
}

impl Field {
    /// Every field a column can be set to, in the order a column dropdown lists them.
    pub const CHOICES: [Field; 21] = [
        Field::Objective,
        Field::KeyResult,
        Field::Okr,
        Field::Owner,
        Field::Team,
        Field::Period,
        Field::Kind,
        Field::Start,
        Field::Target,
        Field::Current,
        Field::Score,
        Field::Weight,
        Field::Confidence,
        Field::DueDate,
        Field::Notes,
        Field::Link,
        Field::Unit,
        Field::RowId,
        Field::ParentId,
        Field::CheckIn,
        Field::Ignore,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Objective => "Objective",
            Field::KeyResult => "Key result",
            Field::Okr => "Objective or key result",
            Field::Owner => "Owner",
            Field::Team => "Team",
            Field::Period => "Period",
            Field::Kind => "Type",
            Field::Start => "Start",
            Field::Target => "Target",
            Field::Current => "Current",
            Field::Score => "Score / grade",
            Field::Weight => "Weight",
            Field::Confidence => "Confidence",
            Field::DueDate => "Due date",
            Field::Notes => "Notes",
            Field::Link => "Link",
            Field::Unit => "Unit",
            Field::RowId => "Row ID",
            Field::ParentId => "Parent row ID",
            Field::CheckIn => "Check-in value",
            Field::Ignore => "(ignore)",
        }
    }
}

/// Header words per field. Longer phrases are tried before shorter ones (see `field_of`), so
/// "key result owner" is an owner column, not a key result column.
const SYNONYMS: &[(Field, &[&str])] = &[
    (
        Field::RowId,
        &[
            "row id",
            "rowid",
            "id de fila",
            "id riga",
            "行id",
            "行 id",
            "zeilen-id",
            "zeilen id",
            "id da linha",
            "id de ligne",
        ],
    ),
    (
        Field::ParentId,
        &[
            "parent row id",
            "parent id",
            "parent",
            "id padre",
            "id del padre",
            "id genitore",
            "父行id",
            "父id",
            "父级",
            "übergeordnete id",
            "eltern-id",
            "id pai",
            "id parent",
            "id du parent",
        ],
    ),
    (
        Field::Okr,
        &[
            "okr",
            "okrs",
            "title",
            "titulo",
            "título",
            "titolo",
            "标题",
            "titre",
            "titel",
            "objectives key results",
            "objective key result",
            "objective / key result",
            "objectives and key results",
            "objetivos y resultados clave",
            "obiettivi e risultati chiave",
            "目标与关键结果",
            "目标和关键成果",
        ],
    ),
    (
        Field::KeyResult,
        &[
            "key result",
            "key results",
            "kr",
            "krs",
            "key result description",
            "measurable result",
            "resultado clave",
            "resultados clave",
            "rc",
            "risultato chiave",
            "risultati chiave",
            "关键结果",
            "关键成果",
            "关键结果(kr)",
            "kr 关键结果",
            "résultat clé",
            "résultats clés",
            "resultat cle",
            "schlüsselergebnis",
            "schlüsselergebnisse",
            "schlusselergebnis",
            "resultado-chave",
            "resultados-chave",
            "resultado chave",
            "resultados chave",
        ],
    ),
    (
        Field::Objective,
        &[
            "objective",
            "objectives",
            "objective name",
            "goal name",
            "corporate objective",
            "company objective",
            "team objective",
            "objetivo",
            "objetivos",
            "obiettivo",
            "obiettivi",
            "目标",
            "目標",
            "objectif",
            "objectifs",
            "ziel",
            "ziele",
            "o",
        ],
    ),
    (
        Field::Owner,
        &[
            "owner",
            "owners",
            "responsible",
            "assignee",
            "assigned to",
            "lead",
            "accountable",
            "key result owner",
            "kr owner",
            "objective owner",
            "responsable",
            "dueño",
            "propietario",
            "encargado",
            "responsabile",
            "referente",
            "负责人",
            "责任人",
            "负责",
            "propriétaire",
            "porteur",
            "verantwortlich",
            "verantwortliche",
            "eigentümer",
            "zuständig",
            "responsável",
            "dono",
        ],
    ),
    (
        Field::Team,
        &[
            "team",
            "department",
            "dept",
            "group",
            "squad",
            "business unit",
            "equipo",
            "departamento",
            "área",
            "area",
            "squadra",
            "team di lavoro",
            "reparto",
            "团队",
            "部门",
            "小组",
            "équipe",
            "equipe",
            "département",
            "abteilung",
            "bereich",
            "time",
        ],
    ),
    (
        Field::Period,
        &[
            "period",
            "quarter",
            "qtr",
            "cycle",
            "timeframe",
            "time frame",
            "year",
            "periodo",
            "período",
            "trimestre",
            "ciclo",
            "año",
            "anno",
            "周期",
            "季度",
            "时间段",
            "期间",
            "période",
            "cycle okr",
            "zeitraum",
            "quartal",
            "zyklus",
            "ano",
        ],
    ),
    (
        Field::Kind,
        &[
            "type",
            "kr type",
            "metric type",
            "measure type",
            "measurement type",
            "metric",
            "tipo",
            "tipo de métrica",
            "tipo di metrica",
            "metrica",
            "métrica",
            "类型",
            "指标类型",
            "指标",
            "type de mesure",
            "métrique",
            "typ",
            "messgröße",
            "kennzahl",
            "tipo de medida",
        ],
    ),
    (
        Field::Start,
        &[
            "start",
            "start value",
            "starting value",
            "baseline",
            "base",
            "initial",
            "initial value",
            "from",
            "begin",
            "beginning",
            "inicio",
            "valor inicial",
            "línea base",
            "linea base",
            "punto de partida",
            "iniziale",
            "valore iniziale",
            "partenza",
            "起始值",
            "初始值",
            "基线",
            "起点",
            "起始",
            "départ",
            "valeur initiale",
            "valeur de départ",
            "référence",
            "startwert",
            "ausgangswert",
            "ausgangslage",
            "basis",
            "anfangswert",
            "início",
            "linha de base",
        ],
    ),
    (
        Field::Target,
        &[
            "target",
            "target value",
            "goal",
            "to",
            "end",
            "end value",
            "objective value",
            "meta",
            "valor objetivo",
            "objetivo numérico",
            "target value (goal)",
            "traguardo",
            "valore obiettivo",
            "valore target",
            "目标值",
            "目标数值",
            "目标值(目标)",
            "cible",
            "valeur cible",
            "zielwert",
            "soll",
            "alvo",
            "valor alvo",
            "valor meta",
        ],
    ),
    (
        Field::Current,
        &[
            "current",
            "current value",
            "actual",
            "actuals",
            "achieved",
            "result",
            "progress value",
            "latest",
            "value",
            "actual value",
            "actual result",
            "valor actual",
            "actual (valor)",
            "real",
            "logrado",
            "alcanzado",
            "valore attuale",
            "attuale",
            "raggiunto",
            "effettivo",
            "当前值",
            "当前",
            "实际值",
            "实际",
            "完成值",
            "已完成",
            "valeur actuelle",
            "actuel",
            "réel",
            "réalisé",
            "atteint",
            "aktueller wert",
            "aktuell",
            "ist",
            "ist-wert",
            "erreicht",
            "valor atual",
            "atual",
            "realizado",
            "alcançado",
        ],
    ),
    (
        Field::Score,
        &[
            "score",
            "progress",
            "grade",
            "grading",
            "status",
            "completion",
            "% complete",
            "percent complete",
            "achievement",
            "final score",
            "okr score",
            "puntuación",
            "puntuacion",
            "progreso",
            "avance",
            "calificación",
            "nota",
            "estado",
            "punteggio",
            "progresso",
            "avanzamento",
            "voto",
            "valutazione",
            "stato",
            "得分",
            "分数",
            "进度",
            "评分",
            "完成度",
            "完成率",
            "状态",
            "note",
            "progression",
            "avancement",
            "statut",
            "bewertung",
            "fortschritt",
            "punktzahl",
            "erfüllung",
            "pontuação",
            "pontuacao",
            "avaliação",
        ],
    ),
    (
        Field::Weight,
        &[
            "weight",
            "weighting",
            "peso",
            "ponderación",
            "ponderazione",
            "权重",
            "比重",
            "poids",
            "pondération",
            "gewicht",
            "gewichtung",
        ],
    ),
    (
        Field::Confidence,
        &[
            "confidence",
            "confidence level",
            "confidence score",
            "confianza",
            "nivel de confianza",
            "fiducia",
            "confidenza",
            "livello di fiducia",
            "信心",
            "信心指数",
            "置信度",
            "confiance",
            "niveau de confiance",
            "zuversicht",
            "konfidenz",
            "vertrauen",
            "confiança",
        ],
    ),
    (
        Field::DueDate,
        &[
            "due date",
            "due",
            "deadline",
            "end date",
            "target date",
            "fecha límite",
            "fecha limite",
            "fecha de vencimiento",
            "fecha fin",
            "scadenza",
            "data di scadenza",
            "data scadenza",
            "截止日期",
            "截止时间",
            "期限",
            "date limite",
            "échéance",
            "échéance",
            "fälligkeit",
            "fällig",
            "frist",
            "enddatum",
            "prazo",
            "data limite",
            "data de entrega",
        ],
    ),
    (
        Field::Notes,
        &[
            "notes",
            "note",
            "comments",
            "comment",
            "remarks",
            "description",
            "details",
            "notas",
            "comentarios",
            "observaciones",
            "note",
            "commenti",
            "osservazioni",
            "备注",
            "评论",
            "说明",
            "注释",
            "remarques",
            "commentaires",
            "notizen",
            "bemerkungen",
            "kommentare",
            "anmerkungen",
            "observações",
            "comentários",
        ],
    ),
    (
        Field::Link,
        &[
            "link",
            "url",
            "data source",
            "source",
            "evidence",
            "dashboard",
            "enlace",
            "fuente",
            "fuente de datos",
            "collegamento",
            "fonte",
            "fonte dati",
            "链接",
            "数据来源",
            "来源",
            "lien",
            "source de données",
            "quelle",
            "datenquelle",
            "fonte de dados",
        ],
    ),
    (
        Field::Unit,
        &[
            "unit", "units", "uom", "unidad", "unità", "unita", "单位", "unité", "einheit",
            "unidade",
        ],
    ),
];

/// Lower-cases, strips accents and collapses punctuation and spaces, so "Résultat-clé " and
/// "resultat cle" compare equal. CJK characters are kept as they are.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = true;
    let mut after_lower = false;
    for original in text.chars() {
        // camelCase field names of app exports: "keyResultOwner" → "key result owner".
        if after_lower && original.is_uppercase() && !last_space {
            out.push(' ');
            last_space = true;
        }
        after_lower = original.is_lowercase();
        for c in original.to_lowercase() {
            let c = fold_accent(c);
            if c.is_alphanumeric() || c == '%' || c == '#' {
                out.push(c);
                last_space = false;
            } else if !last_space {
                out.push(' ');
                last_space = true;
            }
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' | 'ń' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'ß' => 's',
        // Full-width forms used in Chinese sheets: （）：％
        '（' => '(',
        '）' => ')',
        '：' => ':',
        '％' => '%',
        other => other,
    }
}

/// The synonym table, normalised once.
pub(super) fn normalized_synonyms() -> &'static [(Field, String)] {
    static TABLE: std::sync::LazyLock<Vec<(Field, String)>> = std::sync::LazyLock::new(|| {
        SYNONYMS
            .iter()
            .chain(super::synonyms_more::MORE.iter())
            .flat_map(|(field, words)| words.iter().map(|w| (*field, normalize(w))))
            .collect()
    });
    &TABLE
}

/// The synonyms by their first word (every match of a synonym in a header starts at one of
/// the header's words), and those written without spaces in scripts that use none (matched
/// anywhere in a header).
pub(super) struct SynonymIndex {
    pub by_first_word: std::collections::HashMap<String, Vec<(Field, String)>>,
    pub unspaced: Vec<(Field, String)>,
}

pub(super) fn synonym_index() -> &'static SynonymIndex {
    static INDEX: std::sync::LazyLock<SynonymIndex> = std::sync::LazyLock::new(|| {
        let mut by_first_word: std::collections::HashMap<String, Vec<(Field, String)>> =
            std::collections::HashMap::new();
        let mut unspaced = Vec::new();
        for (field, w) in normalized_synonyms() {
            let first = w.split(' ').next().unwrap_or_default().to_string();
            by_first_word
                .entry(first)
                .or_default()
                .push((*field, w.clone()));
            if w.chars().any(|c| c as u32 >= 0x2E80) {
                unspaced.push((*field, w.clone()));
            }
        }
        SynonymIndex {
            by_first_word,
            unspaced,
        }
    });
    &INDEX
}

/// Words allowed after a synonym in a header: a year, a quarter, "value"… ("Target (Q3)",
/// "Current value 2026"). Anything else means the header says something more specific.
pub(super) fn is_qualifier(token: &str) -> bool {
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    digits(token)
        || ["q", "h", "fy", "t", "w"]
            .iter()
            .any(|p| token.strip_prefix(p).is_some_and(digits))
        || [
            "value", "valor", "valore", "valeur", "wert", "%", "#", "fy", "ytd", "okr", "kr", "o",
        ]
        .contains(&token)
}

/// The field a header names, if any. A header matches a synonym when, once normalised, it is
/// equal to it, or is it followed by qualifiers only (see `is_qualifier`). Among the matches
/// the longest synonym wins, so "Key result owner" is an owner column.
pub(crate) fn field_of(header: &str) -> Option<Field> {
    // Headers are short; long text is a row's content, never a header.
    if header.len() > MAX_HEADER_BYTES || header.chars().count() > MAX_HEADER_CHARS {
        return None;
    }
    // The same texts are asked about again and again while a sheet's header is searched
    // in several shapes: remember the answers (per thread, bounded).
    thread_local! {
        static SEEN: std::cell::RefCell<rustc_hash::FxHashMap<String, Option<Field>>> =
            std::cell::RefCell::new(rustc_hash::FxHashMap::default());
    }
    if let Some(known) = SEEN.with(|s| s.borrow().get(header).copied()) {
        return known;
    }
    // "Owner / Responsible", "Objetivo | Objective", two-line headers: any part may name it.
    let field = std::iter::once(header)
        .chain(header.split(['/', '|', '\n']))
        .find_map(field_of_part);
    SEEN.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() > 20_000 {
            s.clear();
        }
        s.insert(header.to_string(), field);
    });
    field
}

/// The longest text read as a header.
const MAX_HEADER_BYTES: usize = 320;
const MAX_HEADER_CHARS: usize = 80;

fn field_of_part(header: &str) -> Option<Field> {
    let h = normalize(header);
    if h.is_empty() {
        return None;
    }
    // "1. Objective", "Objective:" → "objective"; "Target 2026 (units)" keeps its qualifiers.
    let h = h
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ')
        .to_string();
    if let Some(field) = exact_field(&h) {
        return Some(field);
    }
    match super::synonyms_more::compound_field(&h) {
        Some(field) => field,
        None => super::synonyms_more::contained_field(&h),
    }
}

/// Text that is a header word itself ("Summary", "Target 2026"), not a title that merely
/// mentions one ("Objetivo 1 (Equipo de producto)").
pub(super) fn is_header_word(text: &str) -> bool {
    text.chars().count() <= 40 && exact_field(&normalize(text)).is_some()
}

/// A normalised header that is a synonym, or a synonym followed by qualifiers only.
pub(super) fn exact_field(h: &str) -> Option<Field> {
    if h.is_empty() {
        return None;
    }
    let mut best: Option<(usize, Field)> = None;
    let first = h.split(' ').next().unwrap_or_default();
    let candidates = synonym_index().by_first_word.get(first)?;
    for (field, w) in candidates {
        let matches = h == w.as_str()
            || (w.chars().count() > 1
                && h.strip_prefix(w.as_str())
                    .and_then(|rest| rest.strip_prefix(' '))
                    .is_some_and(|rest| rest.split(' ').all(is_qualifier)));
        if matches && best.is_none_or(|(len, _)| w.len() > len) {
            best = Some((w.len(), *field));
        }
    }
    best.map(|(_, f)| f)
}

/// Month and week headers of check-in columns: "W1", "Week 3", "Semana 2", "Jan", "febrero",
/// "第3周". Returns an ordering key so the latest filled column can be found.
pub(crate) fn check_in_column(header: &str) -> Option<u32> {
    let h = normalize(header);
    const MONTHS: [[&str; 12]; 13] = [
        [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ],
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        [
            "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic",
        ],
        [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
        [
            "gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic",
        ],
        [
            "gennaio",
            "febbraio",
            "marzo",
            "aprile",
            "maggio",
            "giugno",
            "luglio",
            "agosto",
            "settembre",
            "ottobre",
            "novembre",
            "dicembre",
        ],
        [
            "jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez",
        ],
        [
            "janeiro",
            "fevereiro",
            "marco",
            "abril",
            "maio",
            "junho",
            "julho",
            "agosto",
            "setembro",
            "outubro",
            "novembro",
            "dezembro",
        ],
        [
            "janv", "fevr", "mars", "avr", "mai", "juin", "juil", "aout", "sept", "oct", "nov",
            "dec",
        ],
        [
            "janvier",
            "fevrier",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "aout",
            "septembre",
            "octobre",
            "novembre",
            "decembre",
        ],
        [
            "jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez",
        ],
        [
            "januar",
            "februar",
            "marz",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "dezember",
        ],
        [
            "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月",
        ],
    ];
    // "Jan", "January", "Jan 2026".
    let first = h.split(' ').next().unwrap_or("");
    // "Jan", "Jan 2026", "Jan 26": with a year, months of different years sort in time.
    let rest: Vec<&str> = h.split(' ').skip(1).collect();
    let year = match rest.as_slice() {
        [] => Some(None),
        [y] if (y.len() == 4 || y.len() == 2) && y.chars().all(|c| c.is_ascii_digit()) => {
            let y: u32 = y.parse().unwrap_or(0);
            Some(Some(if y < 100 { 2000 + y } else { y }))
        }
        _ => None,
    };
    if let Some(year) = year {
        for names in MONTHS {
            if let Some(i) = names.iter().position(|m| *m == first) {
                return Some(match year {
                    Some(y) => 10_000 + y * 12 + i as u32,
                    None => 1000 + i as u32,
                });
            }
        }
    }
    let digits: String = h.chars().filter(char::is_ascii_digit).collect();
    let letters: String = h
        .chars()
        .filter(|c| !c.is_ascii_digit() && *c != ' ')
        .collect();
    let week_words = [
        "w",
        "wk",
        "week",
        "semana",
        "settimana",
        "sem",
        "semaine",
        "woche",
        "kw",
        "第周",
        "周",
    ];
    if !digits.is_empty() && digits.len() <= 2 && week_words.contains(&letters.as_str()) {
        return digits.parse().ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_ignores_case_accents_and_punctuation() {
        assert_eq!(normalize("  Résultat-Clé "), "resultat cle");
        assert_eq!(normalize("KEY_RESULT"), "key result");
        assert_eq!(normalize("关键结果"), "关键结果");
        assert_eq!(normalize("% Complete"), "% complete");
    }

    #[test]
    fn headers_in_seven_languages() {
        let cases = [
            ("Objective", Field::Objective),
            ("Key Results", Field::KeyResult),
            ("Objetivo", Field::Objective),
            ("Resultado clave", Field::KeyResult),
            ("Obiettivo", Field::Objective),
            ("Risultati chiave", Field::KeyResult),
            ("目标", Field::Objective),
            ("关键结果", Field::KeyResult),
            ("Objectif", Field::Objective),
            ("Résultats clés", Field::KeyResult),
            ("Ziel", Field::Objective),
            ("Schlüsselergebnis", Field::KeyResult),
            ("Resultado-chave", Field::KeyResult),
            ("Responsável", Field::Owner),
            ("负责人", Field::Owner),
            ("Valor inicial", Field::Start),
            ("Zielwert", Field::Target),
            ("Valore attuale", Field::Current),
            ("Avancement", Field::Score),
            ("Gewichtung", Field::Weight),
            ("Confianza", Field::Confidence),
            ("Scadenza", Field::DueDate),
            ("Comentarios", Field::Notes),
            ("Fuente de datos", Field::Link),
            ("Einheit", Field::Unit),
            ("Trimestre", Field::Period),
            ("Equipo", Field::Team),
            ("Tipo", Field::Kind),
        ];
        for (header, field) in cases {
            assert_eq!(field_of(header), Some(field), "{header}");
        }
    }

    #[test]
    fn longest_synonym_wins_and_suffixes_are_allowed() {
        assert_eq!(field_of("Key Result Owner"), Some(Field::Owner));
        assert_eq!(field_of("Target (Q3)"), Some(Field::Target));
        assert_eq!(field_of("Current value 2026"), Some(Field::Current));
        assert_eq!(field_of("Parent Row ID"), Some(Field::ParentId));
        assert_eq!(field_of("Row ID"), Some(Field::RowId));
        assert_eq!(field_of("Corporate Objective"), Some(Field::Objective));
        assert_eq!(field_of("OKR"), Some(Field::Okr));
        assert_eq!(field_of("Key Results (KR)"), Some(Field::KeyResult));
        assert_eq!(field_of("目标(O)"), Some(Field::Objective));
        assert_eq!(field_of("关键结果（KR）"), Some(Field::KeyResult));
        assert_eq!(field_of("Owner / Responsible"), Some(Field::Owner));
        assert_eq!(field_of("Objetivo | Objective"), Some(Field::Objective));
        assert_eq!(field_of("Progress\n(0-1)"), Some(Field::Score));
    }

    #[test]
    fn unrelated_headers_match_nothing() {
        for h in ["", "Foo", "Column 7", "Objectively speaking", "Owner's dog"] {
            assert_eq!(field_of(h), None, "{h}");
        }
    }

    #[test]
    fn week_and_month_headers_are_check_in_columns() {
        assert_eq!(check_in_column("W1"), Some(1));
        assert_eq!(check_in_column("Week 12"), Some(12));
        assert_eq!(check_in_column("Semana 3"), Some(3));
        assert_eq!(check_in_column("KW 7"), Some(7));
        assert_eq!(check_in_column("Jan"), Some(1000));
        assert_eq!(check_in_column("febrero"), Some(1001));
        assert_eq!(check_in_column("Dicembre"), Some(1011));
        // With a year, months sort in time across years ("Jan 26" is January 2026).
        let jan = check_in_column("Jan 2026").unwrap();
        assert!(check_in_column("Dec 2025").unwrap() < jan);
        assert_eq!(check_in_column("Jan 26"), Some(jan));
        assert_eq!(check_in_column("Target"), None);
        assert_eq!(check_in_column("Marketing"), None);
        assert_eq!(check_in_column("W123"), None);
    }
}
