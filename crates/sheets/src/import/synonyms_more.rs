//! Header words beyond the seven first languages, and the two ways a header names a field
//! without being a synonym itself: an app export's compound field name ("goal_name",
//! "kr_current_value", "id_obj", "KeyResult_Target_1") and a header that mentions a field
//! among other words ("Who owns this key result?", "Fecha límite de la acción").

use super::synonyms::{exact_field, is_qualifier, synonym_index, Field};

/// Persian, Arabic, Vietnamese, Russian, Japanese, Korean, Dutch, Polish and Turkish, and the
/// field names OKR tools write in their exports (Quantive/Gtmhub, Viva Goals, Perdoo, Lattice,
/// Weekdone, Base.vn, Jira). Plain data: add a word to its field's list.
pub(super) const MORE: &[(Field, &[&str])] = &[
    (
        Field::Objective,
        &[
            // fa, ar, vi, ru, ja, ko, nl, pl, tr
            "هدف",
            "اهداف",
            "الهدف",
            "الأهداف",
            "mục tiêu",
            "muc tieu",
            "цель",
            "цели",
            "目的",
            "目標 objective",
            "목표",
            "doelstelling",
            "doel",
            "doelen",
            "cel",
            "cele",
            "amaç",
            "hedef",
            "hedefler",
            // tool exports
            "goals",
            "goal title",
            "goal name",
            "objective title",
            "parent objective",
            "epic",
        ],
    ),
    (
        Field::KeyResult,
        &[
            "نتیجه کلیدی",
            "نتایج کلیدی",
            "النتيجة الرئيسية",
            "النتائج الرئيسية",
            "kết quả then chốt",
            "ket qua then chot",
            "kết quả chính",
            "ключевой результат",
            "ключевые результаты",
            "主要な結果",
            "成果指標",
            "핵심 결과",
            "핵심결과",
            "kernresultaat",
            "kernresultaten",
            "sleutelresultaat",
            "kluczowy rezultat",
            "kluczowe rezultaty",
            "kluczowy wynik",
            "anahtar sonuç",
            "temel sonuç",
            // tool exports and trackers
            "key result title",
            "key result name",
            "kr title",
            "kr name",
            "kpi",
            "kpis",
            "kpi name",
            "metric name",
            "measure name",
            "indicator",
            "indicador",
            "indicatore",
            "indicateur",
            "指标名称",
            "key action",
            "key actions",
            "success metric",
            "success metrics",
            "measure of success",
            "success measure",
            "success criteria",
            "acción clave",
            "acciones clave",
            "azione chiave",
            "ação chave",
            "ações chave",
            "level 2",
        ],
    ),
    (Field::Objective, &["level 1"]),
    (
        Field::Kind,
        &[
            "issue type",
            "item type",
            "entity type",
            "record type",
            "row type",
            "goal type",
            "object type",
            "okr type",
        ],
    ),
    (
        Field::Okr,
        &["summary", "texto", "text", "name", "item", "item name"],
    ),
    (
        Field::RowId,
        &["issue key", "issue id", "item id", "key", "id"],
    ),
    (
        Field::ParentId,
        &[
            "epic link",
            "parent key",
            "parent issue",
            "parent link",
            "parent goal id",
            "parent item",
            "parent summary",
            "aligned to",
            "parent goal",
        ],
    ),
    (
        Field::Owner,
        &[
            "مسئول",
            "مالک",
            "المسؤول",
            "المالك",
            "người phụ trách",
            "nguoi phu trach",
            "phụ trách",
            "ответственный",
            "владелец",
            "担当者",
            "責任者",
            "담당자",
            "책임자",
            "eigenaar",
            "verantwoordelijke",
            "właściciel",
            "odpowiedzialny",
            "sorumlu",
            "sahibi",
            "user name",
            "username",
            "owned by",
            "who owns",
            "assignee name",
            "owner name",
            "owner email",
            "who",
            "quem",
            "quién",
            "chi",
            "谁",
        ],
    ),
    (
        Field::Start,
        &[
            "مقدار اولیه",
            "خط پایه",
            "خط الأساس",
            "القيمة الأولية",
            "giá trị ban đầu",
            "ban đầu",
            "начальное значение",
            "база",
            "開始値",
            "初期値",
            "ベースライン",
            "시작값",
            "기준값",
            "beginwaarde",
            "nulmeting",
            "wartość początkowa",
            "wartość bazowa",
            "başlangıç",
            "başlangıç değeri",
            "inicial",
            "baseline value",
            "start value",
            "initial value",
        ],
    ),
    (
        Field::Target,
        &[
            "مقدار هدف",
            "القيمة المستهدفة",
            "المستهدف",
            "giá trị mục tiêu",
            "chỉ tiêu",
            "целевое значение",
            "цель значение",
            "目標値",
            "목표값",
            "streefwaarde",
            "doelwaarde",
            "wartość docelowa",
            "hedef değer",
            "target value",
            "goal value",
            "expected result",
            "expected value",
            "expected",
        ],
    ),
    (
        Field::Current,
        &[
            "مقدار فعلی",
            "القيمة الحالية",
            "giá trị hiện tại",
            "hiện tại",
            "текущее значение",
            "факт",
            "現在値",
            "実績",
            "현재값",
            "실적",
            "huidige waarde",
            "actueel",
            "wartość bieżąca",
            "aktualna wartość",
            "mevcut değer",
            "gerçekleşen",
            "ist",
            "ist wert",
            "current value",
            "actual value",
        ],
    ),
    (
        Field::Score,
        &[
            "پیشرفت",
            "التقدم",
            "tiến độ",
            "прогресс",
            "進捗",
            "達成率",
            "진행률",
            "달성률",
            "voortgang",
            "postęp",
            "ilerleme",
            "progress %",
            "percent done",
        ],
    ),
    (
        Field::Team,
        &[
            "تیم",
            "الفريق",
            "nhóm",
            "phòng ban",
            "команда",
            "отдел",
            "チーム",
            "部署",
            "팀",
            "부서",
            "afdeling",
            "zespół",
            "dział",
            "takım",
            "departman",
        ],
    ),
    (
        Field::Period,
        &[
            "دوره",
            "الفترة",
            "kỳ",
            "quý",
            "период",
            "квартал",
            "期間",
            "四半期",
            "기간",
            "분기",
            "periode",
            "kwartaal",
            "okres",
            "kwartał",
            "dönem",
            "çeyrek",
        ],
    ),
    (
        Field::DueDate,
        &[
            "مهلت",
            "الموعد النهائي",
            "hạn chót",
            "срок",
            "期限",
            "마감일",
            "deadline datum",
            "termijn",
            "termin",
            "son tarih",
            "due",
            "until",
            "until date",
        ],
    ),
    (
        Field::Notes,
        &[
            "یادداشت",
            "ملاحظات",
            "ghi chú",
            "примечания",
            "комментарий",
            "備考",
            "メモ",
            "비고",
            "opmerkingen",
            "uwagi",
            "notlar",
            "açıklama",
        ],
    ),
    (
        Field::Confidence,
        &[
            "اطمینان",
            "الثقة",
            "độ tin cậy",
            "уверенность",
            "自信度",
            "確信度",
            "자신감",
            "vertrouwen",
            "pewność",
            "güven",
        ],
    ),
];

/// Words that make a compound header about an object's title ("goal_name") or id ("kr_id").
const TITLE_WORDS: &[&str] = &[
    "name", "title", "text", "texto", "titulo", "nome", "nombre", "label", "titolo", "titel",
    "titre", "名称", "标题", "summary",
];
const ID_WORDS: &[&str] = &[
    "id", "ids", "code", "key", "ref", "nr", "codigo", "codice", "编号", "uuid",
];
/// Words for an objective and for a key result, as prefixes of an app export's field names
/// ("goal_name", "kr_id") and as the values of a tool export's type column.
const OBJECTIVE_WORDS: &[&str] = &[
    "goal",
    "goals",
    "obj",
    "okr",
    "okrs",
    "objective",
    "objectives",
    "o",
    "company objective",
    "team objective",
    "epic",
    "objetivo",
    "obiettivo",
    "objectif",
    "ziel",
    "目标",
    "muc tieu",
    "mục tiêu",
    "цель",
    "目的",
    "목표",
    "doelstelling",
    "cel",
    "hedef",
];
const KEY_RESULT_WORDS: &[&str] = &[
    "kr",
    "krs",
    "kpi",
    "kpis",
    "key result",
    "key results",
    "keyresult",
    "metric",
    "measure",
    "result",
    "resultado chave",
    "resultado clave",
    "risultato chiave",
    "résultat clé",
    "schlüsselergebnis",
    "关键结果",
    "kết quả then chốt",
    "ключевой результат",
    "主要な結果",
    "핵심 결과",
    "kernresultaat",
];
/// A tool export's type column: rows that are tasks, not key results.
const TASK_WORDS: &[&str] = &[
    "task",
    "tasks",
    "initiative",
    "initiatives",
    "deliverable",
    "deliverables",
    "action",
    "project",
    "subtask",
    "sub task",
    "story",
    "bug",
    "tarea",
    "iniciativa",
    "entregable",
    "iniziativa",
    "attività",
    "compito",
    "任务",
    "举措",
    "công việc",
    "задача",
    "tâche",
    "aufgabe",
    "maßnahme",
    "tarefa",
];

/// What a type column of a tool export says a row is.
pub(super) enum RowType {
    Objective,
    KeyResult,
    Task,
}

/// "Objective", "Key Result", "Epic", "Task", "Initiative" in a type column.
pub(super) fn row_type_of(text: &str) -> Option<RowType> {
    let t = super::synonyms::normalize(text);
    let is = |words: &[&str]| words.iter().any(|w| super::synonyms::normalize(w) == t);
    if is(OBJECTIVE_WORDS) {
        Some(RowType::Objective)
    } else if is(KEY_RESULT_WORDS) {
        Some(RowType::KeyResult)
    } else if is(TASK_WORDS) {
        Some(RowType::Task)
    } else {
        None
    }
}

/// After a key-result prefix, the German "Ist" / "Soll" (actual / planned) and "is".
const KEY_RESULT_VALUE_WORDS: &[(&str, Field)] = &[
    ("is", Field::Current),
    ("ist", Field::Current),
    ("soll", Field::Target),
    ("value", Field::Current),
];

#[derive(Clone, Copy, PartialEq)]
enum Entity {
    Objective,
    KeyResult,
    Team,
    Owner,
}

fn entity_of(words: &str) -> Option<Entity> {
    if OBJECTIVE_WORDS.contains(&words) {
        return Some(Entity::Objective);
    }
    if KEY_RESULT_WORDS.contains(&words) {
        return Some(Entity::KeyResult);
    }
    match exact_field(words)? {
        Field::Objective | Field::Okr => Some(Entity::Objective),
        Field::KeyResult => Some(Entity::KeyResult),
        Field::Team => Some(Entity::Team),
        Field::Owner => Some(Entity::Owner),
        _ => None,
    }
}

/// A field name of an app's export: an entity and an attribute, either way round
/// ("goal_name", "id_obj", "kr_current_value", "KeyResult_Is_1", "team_name"). `Some(None)`:
/// a compound that names no field of a key result ("goal_current_value": the objective's own
/// progress), which no other reading should turn into one.
pub(super) fn compound_field(h: &str) -> Option<Option<Field>> {
    // Trailing qualifiers ("_1", "2026") do not change the field.
    let mut tokens: Vec<&str> = h.split(' ').collect();
    while tokens.len() > 1
        && tokens
            .last()
            .is_some_and(|t| is_qualifier(t) && t.chars().any(|c| c.is_ascii_digit()))
    {
        tokens.pop();
    }
    if tokens.len() < 2 {
        return None;
    }
    // Every split into (entity, attribute) or (attribute, entity); the longest entity first.
    for cut in (1..tokens.len()).rev() {
        for (entity_part, attribute_part) in [
            (tokens[..cut].join(" "), tokens[cut..].join(" ")),
            (
                tokens[tokens.len() - cut..].join(" "),
                tokens[..tokens.len() - cut].join(" "),
            ),
        ] {
            let Some(entity) = entity_of(&entity_part) else {
                continue;
            };
            if let Some(field) = attribute_field(entity, &attribute_part) {
                return Some(Some(field));
            }
            // An objective's value ("goal_current_value", "objective progress").
            if entity == Entity::Objective
                && exact_field(&attribute_part).is_some_and(|f| {
                    matches!(
                        f,
                        Field::Start
                            | Field::Target
                            | Field::Current
                            | Field::Score
                            | Field::Weight
                    )
                })
            {
                return Some(None);
            }
        }
    }
    None
}

fn attribute_field(entity: Entity, attribute: &str) -> Option<Field> {
    if TITLE_WORDS.contains(&attribute) {
        return Some(match entity {
            Entity::Objective => Field::Objective,
            Entity::KeyResult => Field::KeyResult,
            Entity::Team => Field::Team,
            Entity::Owner => Field::Owner,
        });
    }
    if ID_WORDS.contains(&attribute) {
        return match entity {
            // The objective a row belongs to, by its id.
            Entity::Objective => Some(Field::ParentId),
            Entity::KeyResult => Some(Field::RowId),
            _ => None,
        };
    }
    let field = KEY_RESULT_VALUE_WORDS
        .iter()
        .find(|(w, _)| *w == attribute)
        .map(|(_, f)| *f)
        .filter(|_| entity == Entity::KeyResult)
        .or_else(|| exact_field(attribute))?;
    match (entity, field) {
        // A key result's own values and words.
        (
            Entity::KeyResult,
            Field::Start
            | Field::Target
            | Field::Current
            | Field::Score
            | Field::Weight
            | Field::Confidence
            | Field::Owner
            | Field::DueDate
            | Field::Notes
            | Field::Unit
            | Field::Kind
            | Field::Link,
        ) => Some(field),
        // An objective's owner, team and period apply to its key results too; its own
        // progress or value does not belong in a key result's cells.
        (Entity::Objective, Field::Owner | Field::Team | Field::Period) => Some(field),
        (Entity::Owner, Field::Owner) => Some(Field::Owner),
        _ => None,
    }
}

/// A part of a check-in written on a key result's own row by an app's export
/// ("checkin_since", "checkin_kr_current_value", "checkin_name", "checkin_id").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum CheckInPart {
    Id,
    Date,
    Value,
    Note,
}

const CHECK_IN_WORDS: &[&str] = &[
    "checkin",
    "check in",
    "checkins",
    "check ins",
    "last checkin",
    "last check in",
    "latest update",
    "update",
];
/// Whole headers (or what follows "checkin_") that name a date: a check-in's day.
const DATE_HEADERS: &[&str] = &[
    "since",
    "date",
    "at",
    "on",
    "time",
    "created",
    "created at",
    "when",
    "day",
    "week",
    "week of",
    "as of",
    "checked on",
    "check in date",
    "checkin date",
    "fecha",
    "data",
    "datum",
    "settimana",
    "semana",
    "woche",
    "日期",
    "时间",
];

/// Whether a header names a date (a check-in's day).
pub(super) fn is_date_header(header: &str) -> bool {
    DATE_HEADERS.contains(&super::synonyms::normalize(header).as_str())
}
const NOTE_WORDS: &[&str] = &[
    "note", "notes", "comment", "comments", "text", "name", "title", "message", "summary",
];

/// The check-in part a header names, if it is one.
pub(crate) fn check_in_part(header: &str) -> Option<CheckInPart> {
    let h = super::synonyms::normalize(header);
    let (_, rest) = CHECK_IN_WORDS
        .iter()
        .filter_map(|w| {
            h.strip_prefix(w)
                .and_then(|r| r.strip_prefix(' '))
                .map(|r| (w.len(), r))
        })
        .max_by_key(|(len, _)| *len)?;
    if ID_WORDS.contains(&rest) {
        Some(CheckInPart::Id)
    } else if DATE_HEADERS.contains(&rest) {
        Some(CheckInPart::Date)
    } else if NOTE_WORDS.contains(&rest) {
        Some(CheckInPart::Note)
    } else if exact_field(rest) == Some(Field::Current)
        || compound_field(rest) == Some(Some(Field::Current))
    {
        Some(CheckInPart::Value)
    } else {
        None
    }
}

/// Words that make any header a date column ("Start date", "Fecha de inicio"); `DATE_HEADERS`
/// are whole headers, where short words such as "at" or "on" are safe.
const DATE_WORDS_IN_HEADERS: &[&str] = &[
    "date",
    "dates",
    "fecha",
    "data",
    "datum",
    "day",
    "日期",
    "deadline",
    "timestamp",
];

/// Fields in the order a header that mentions several wins: who, when and how sure are more
/// specific than the title words around them ("Owner of the key result" is an owner column).
const SPECIFIC_FIRST: [Field; 15] = [
    Field::Owner,
    Field::DueDate,
    Field::Confidence,
    Field::Weight,
    Field::Unit,
    Field::Link,
    Field::Notes,
    Field::Start,
    Field::Target,
    Field::Current,
    Field::Score,
    Field::KeyResult,
    Field::Objective,
    Field::Team,
    Field::Period,
];

/// A header that mentions a field among other words: a question ("What is the key result?"),
/// an instruction, a unit or a date around the word. Only distinctive synonyms count (five
/// letters or more, or two CJK characters), and a header that ends by naming an id or a
/// name is about that object, not a value column ("target_name" is no Target).
pub(super) fn contained_field(h: &str) -> Option<Field> {
    let words: Vec<&str> = h.split(' ').collect();
    // A header about a date ("Start date", "Fecha de inicio") is a date column: a due date
    // or nothing, never a value.
    let about_dates = words.iter().any(|w| DATE_WORDS_IN_HEADERS.contains(w));
    let about_names = words
        .last()
        .is_some_and(|w| TITLE_WORDS.contains(w) || ID_WORDS.contains(w));
    let padded = format!(" {h} ");
    // (rank, span start, span end) of every distinctive synonym found.
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    let mut consider = |field: Field, synonym: &str| {
        let Some(rank) = SPECIFIC_FIRST.iter().position(|f| *f == field) else {
            return;
        };
        if about_names && !matches!(field, Field::Owner | Field::Team) {
            return;
        }
        if about_dates && field != Field::DueDate {
            return;
        }
        let distinctive =
            !synonym.is_ascii() && synonym.chars().count() >= 2 || synonym.chars().count() >= 5;
        if !distinctive {
            return;
        }
        if let Some(at) = word_position(&padded, synonym) {
            found.push((rank, at, at + synonym.len()));
        }
    };
    let index = synonym_index();
    let mut seen_words: Vec<&str> = Vec::new();
    for word in &words {
        if seen_words.contains(word) {
            continue;
        }
        seen_words.push(word);
        for (field, synonym) in index.by_first_word.get(*word).into_iter().flatten() {
            consider(*field, synonym);
        }
    }
    if !h.is_ascii() {
        for (field, synonym) in &index.unspaced {
            consider(*field, synonym);
        }
    }
    // A word inside a longer phrase found at the same place is that phrase's ("result" in
    // "key result"); among the rest the most specific field wins.
    found
        .iter()
        .filter(|(_, a, b)| {
            !found
                .iter()
                .any(|(_, x, y)| x <= a && b <= y && (y - x) > (b - a))
        })
        .min_by_key(|(rank, a, b)| (*rank, usize::MAX - (b - a)))
        .map(|(rank, _, _)| SPECIFIC_FIRST[*rank])
}

/// Where `needle` stands as whole words in `padded` (" header "), not followed by a
/// possessive "s" ("Owner's dog" is no owner column). CJK text has no spaces: any position.
fn word_position(padded: &str, needle: &str) -> Option<usize> {
    if needle.chars().any(|c| c as u32 >= 0x2E80) {
        return padded.find(needle);
    }
    padded.match_indices(needle).map(|(i, _)| i).find(|&i| {
        let after = &padded[i + needle.len()..];
        padded[..i].ends_with(' ') && after.starts_with(' ') && !after.starts_with(" s ")
    })
}

#[cfg(test)]
mod tests {
    use super::super::synonyms::field_of;
    use super::*;

    #[test]
    fn app_export_field_names() {
        let cases = [
            ("goal_name", Some(Field::Objective)),
            ("kr_name", Some(Field::KeyResult)),
            ("kr_id", Some(Field::RowId)),
            ("goal_id", Some(Field::ParentId)),
            ("id_obj", Some(Field::ParentId)),
            ("id_kr", Some(Field::RowId)),
            ("objective_id", Some(Field::ParentId)),
            ("OKR_ID", Some(Field::ParentId)),
            ("KR_ID", Some(Field::RowId)),
            ("kpi_name", Some(Field::KeyResult)),
            ("kr_current_value", Some(Field::Current)),
            ("keyResultOwner", Some(Field::Owner)),
            ("KeyResult_1", Some(Field::KeyResult)),
            ("KeyResult_Is_1", Some(Field::Current)),
            ("KeyResult_Target_1", Some(Field::Target)),
            ("team_name", Some(Field::Team)),
            ("goal_user_name", Some(Field::Owner)),
            ("target_name", None),
            ("target_id", None),
            ("goal_current_value", None),
            ("Meta_2028", Some(Field::Target)),
            ("baselineValue", Some(Field::Start)),
        ];
        for (header, field) in cases {
            assert_eq!(field_of(header), field, "{header}");
        }
    }

    #[test]
    fn headers_that_mention_a_field_among_other_words() {
        let cases = [
            ("Responsable Acción", Field::Owner),
            ("Who owns this key result?", Field::Owner),
            ("Key result owner (the person who reports)", Field::Owner),
            ("What is the key result?", Field::KeyResult),
            ("Target\n(by end of Q3)", Field::Target),
            ("Fecha límite de la acción", Field::DueDate),
            ("1. Objective", Field::Objective),
            ("Current value as of 2026-03-31", Field::Current),
            ("Expected result", Field::Target),
            ("Success metric", Field::KeyResult),
        ];
        for (header, field) in cases {
            assert_eq!(field_of(header), Some(field), "{header}");
        }
    }

    #[test]
    fn headers_in_more_languages() {
        let cases = [
            ("هدف", Field::Objective),
            ("نتیجه کلیدی", Field::KeyResult),
            ("Mục tiêu", Field::Objective),
            ("Kết quả then chốt", Field::KeyResult),
            ("Ключевой результат", Field::KeyResult),
            ("Ответственный", Field::Owner),
            ("目的", Field::Objective),
            ("主要な結果", Field::KeyResult),
            ("핵심 결과", Field::KeyResult),
            ("Kernresultaat", Field::KeyResult),
            ("Kluczowy rezultat", Field::KeyResult),
            ("Anahtar sonuç", Field::KeyResult),
            ("Hedef değer", Field::Target),
        ];
        for (header, field) in cases {
            assert_eq!(field_of(header), Some(field), "{header}");
        }
    }

    #[test]
    fn check_in_columns_of_an_app_export() {
        assert_eq!(check_in_part("checkin_id"), Some(CheckInPart::Id));
        assert_eq!(check_in_part("checkin_since"), Some(CheckInPart::Date));
        assert_eq!(check_in_part("checkin_name"), Some(CheckInPart::Note));
        assert_eq!(
            check_in_part("checkin_kr_current_value"),
            Some(CheckInPart::Value)
        );
        assert_eq!(check_in_part("checkin_since_timestamp"), None);
        assert_eq!(check_in_part("checkin_target_name"), None);
        assert_eq!(check_in_part("Key result"), None);
    }
}

#[cfg(test)]
mod date_tests {
    use super::super::synonyms::field_of;
    use super::Field;

    #[test]
    fn date_columns_are_never_value_columns() {
        assert_eq!(field_of("Start date"), None);
        assert_eq!(field_of("Fecha de inicio"), None);
        assert_eq!(field_of("Target date"), Some(Field::DueDate));
        assert_eq!(field_of("Start"), Some(Field::Start));
    }
}
