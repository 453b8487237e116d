//! The grid's editing state: which rows and columns there are, what each cell shows, which
//! cell is active, what is being typed, and how keys and commits turn into commands.
//! No DOM here: the view maps events to these methods and renders the result.

use crate::command::{Command, KeyResultEdit, ObjectiveEdit};
use crate::history::Document;
use crate::model::{Id, KeyResult, Kind, Objective, Plan};
use crate::score::{self, Score};
use crate::value::{self, ValueError};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Objective,
    KeyResult,
    Kind,
    Owner,
    Start,
    Target,
    Current,
    Weight,
    Score,
}

impl Column {
    pub const ALL: [Column; 9] = [
        Column::Objective,
        Column::KeyResult,
        Column::Kind,
        Column::Owner,
        Column::Start,
        Column::Target,
        Column::Current,
        Column::Weight,
        Column::Score,
    ];

    /// Header text (part of the public contract: see shared/CONTRACTS.md).
    pub fn header(self) -> &'static str {
        match self {
            Column::Objective => "Objective",
            Column::KeyResult => "Key Result",
            Column::Kind => "Type",
            Column::Owner => "Owner",
            Column::Start => "Start",
            Column::Target => "Target",
            Column::Current => "Current",
            Column::Weight => "Weight",
            Column::Score => "Score",
        }
    }

    pub fn index(self) -> usize {
        Column::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }

    fn at(index: usize) -> Column {
        Column::ALL[index.min(Column::ALL.len() - 1)]
    }

    /// Numeric columns are right-aligned, as in a spreadsheet.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            Column::Start | Column::Target | Column::Current | Column::Weight | Column::Score
        )
    }
}

/// A row of the grid: an objective, or one of its key results. Ids, never indexes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RowRef {
    Objective(Id),
    KeyResult(Id),
}

/// The rows in display order: each objective followed by its key results.
pub fn rows(plan: &Plan) -> Vec<RowRef> {
    let mut out = Vec::with_capacity(plan.objectives.len() + plan.key_result_count());
    for o in &plan.objectives {
        out.push(RowRef::Objective(o.id));
        out.extend(o.key_results.iter().map(|k| RowRef::KeyResult(k.id)));
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cell {
    pub row: RowRef,
    pub col: Column,
}

enum Target<'a> {
    Objective(&'a Objective),
    KeyResult(&'a KeyResult),
}

fn target(plan: &Plan, row: RowRef) -> Option<Target<'_>> {
    match row {
        RowRef::Objective(id) => plan.objective(id).map(Target::Objective),
        RowRef::KeyResult(id) => plan.key_result(id).map(|(_, k)| Target::KeyResult(k)),
    }
}

/// The score shown in a row's Score cell.
pub fn row_score(plan: &Plan, row: RowRef) -> Option<Score> {
    match target(plan, row)? {
        Target::Objective(o) => score::objective_score(o),
        Target::KeyResult(k) => Some(score::key_result_score(k)),
    }
}

/// A score as shown in the grid: two decimals (display only; nothing is stored rounded).
pub fn format_score(score: Option<Score>) -> String {
    match score {
        Some(s) if s.has_data => format!("{:.2}", s.value),
        _ => String::new(),
    }
}

fn format_value(kind: Kind, v: Option<f64>) -> String {
    match (kind, v) {
        (_, None) => String::new(),
        (Kind::Percent, Some(v)) => value::percent(v),
        (Kind::Binary, Some(v)) => if v >= 1.0 { "Done" } else { "Not done" }.to_string(),
        (Kind::Number, Some(v)) => value::grouped(v),
    }
}

fn edit_value(kind: Kind, v: Option<f64>) -> String {
    match (kind, v) {
        (_, None) => String::new(),
        (Kind::Percent, Some(v)) => value::percent(v),
        (Kind::Binary, Some(v)) => if v >= 1.0 { "done" } else { "not done" }.to_string(),
        (Kind::Number, Some(v)) => value::plain(v),
    }
}

/// What a cell shows when not being edited.
pub fn display(plan: &Plan, cell: Cell) -> String {
    let Some(t) = target(plan, cell.row) else {
        return String::new();
    };
    match (t, cell.col) {
        (_, Column::Score) => format_score(row_score(plan, cell.row)),
        (Target::Objective(o), Column::Objective) => o.title.clone(),
        (Target::Objective(o), Column::Owner) => o.owner.clone(),
        (Target::Objective(o), Column::Weight) => value::grouped(o.weight),
        (Target::Objective(_), _) => String::new(),
        (Target::KeyResult(_), Column::Objective) => String::new(),
        (Target::KeyResult(k), Column::KeyResult) => k.title.clone(),
        (Target::KeyResult(k), Column::Kind) => k.kind.name().to_string(),
        (Target::KeyResult(k), Column::Owner) => k.owner.clone(),
        (Target::KeyResult(k), Column::Start) if k.kind != Kind::Binary => {
            format_value(k.kind, k.start)
        }
        (Target::KeyResult(k), Column::Target) if k.kind != Kind::Binary => {
            format_value(k.kind, k.target)
        }
        (Target::KeyResult(_), Column::Start | Column::Target) => String::new(),
        (Target::KeyResult(k), Column::Current) => format_value(k.kind, k.current),
        (Target::KeyResult(k), Column::Weight) => value::grouped(k.weight),
    }
}

/// The team and period of an objective row, shown under its title ("Sales · 2026-Q4");
/// `None` for other cells or when both are empty.
pub fn objective_meta(plan: &Plan, cell: Cell) -> Option<String> {
    let (RowRef::Objective(id), Column::Objective) = (cell.row, cell.col) else {
        return None;
    };
    let o = plan.objective(id)?;
    let parts: Vec<&str> = [o.team.trim(), o.period.trim()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// The text put in the editor when editing starts; `None` for cells that cannot be edited
/// (computed scores, and cells that have no meaning on that row).
pub fn edit_text(plan: &Plan, cell: Cell) -> Option<String> {
    match (target(plan, cell.row)?, cell.col) {
        (_, Column::Score) => None,
        (Target::Objective(o), Column::Objective) => Some(o.title.clone()),
        (Target::Objective(o), Column::Owner) => Some(o.owner.clone()),
        (Target::Objective(o), Column::Weight) => Some(value::plain(o.weight)),
        (Target::Objective(_), _) => None,
        (Target::KeyResult(_), Column::Objective) => None,
        (Target::KeyResult(k), Column::KeyResult) => Some(k.title.clone()),
        (Target::KeyResult(k), Column::Kind) => Some(k.kind.name().to_string()),
        (Target::KeyResult(k), Column::Owner) => Some(k.owner.clone()),
        (Target::KeyResult(k), Column::Start | Column::Target) if k.kind == Kind::Binary => None,
        (Target::KeyResult(k), Column::Start) => Some(edit_value(k.kind, k.start)),
        (Target::KeyResult(k), Column::Target) => Some(edit_value(k.kind, k.target)),
        (Target::KeyResult(k), Column::Current) => Some(edit_value(k.kind, k.current)),
        (Target::KeyResult(k), Column::Weight) => Some(value::plain(k.weight)),
    }
}

pub fn is_editable(plan: &Plan, cell: Cell) -> bool {
    edit_text(plan, cell).is_some()
}

fn parse_kind(text: &str) -> Result<Kind, String> {
    match text.trim().to_lowercase().as_str() {
        "number" | "numeric" | "num" | "#" => Ok(Kind::Number),
        "percent" | "percentage" | "%" => Ok(Kind::Percent),
        "binary" | "done" | "yes/no" | "done/not done" => Ok(Kind::Binary),
        other => Err(format!(
            "“{other}” is not a key result type. Type number, percent or binary."
        )),
    }
}

fn parse_optional(kind: Kind, text: &str) -> Result<Option<f64>, ValueError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    match kind {
        Kind::Number => value::parse_number(text).map(Some),
        Kind::Percent => value::parse_percent(text).map(Some),
        Kind::Binary => value::parse_done(text).map(Some),
    }
}

fn parse_weight(text: &str) -> Result<f64, String> {
    if text.trim().is_empty() {
        return Err("A weight is needed: type 1 for the usual share.".into());
    }
    let w = value::parse_number(text).map_err(|e| e.to_string())?;
    if w < 0.0 {
        return Err("A weight cannot be negative.".into());
    }
    Ok(w)
}

fn require_title(text: &str, what: &str) -> Result<String, String> {
    let t = text.trim();
    if t.is_empty() {
        Err(format!("The {what} needs a title (or delete the row)."))
    } else {
        Ok(t.to_string())
    }
}

/// Turns the text typed into a cell into the command that stores it, or a message saying why
/// the text cannot be stored. Pure: nothing changes until the command is executed.
pub fn parse_cell(plan: &Plan, cell: Cell, text: &str) -> Result<Command, String> {
    let not_editable = || "This cell cannot be edited.".to_string();
    match (target(plan, cell.row).ok_or_else(not_editable)?, cell.col) {
        (Target::Objective(o), col) => {
            let edit = match col {
                Column::Objective => ObjectiveEdit::Title(require_title(text, "objective")?),
                Column::Owner => ObjectiveEdit::Owner(text.trim().to_string()),
                Column::Weight => ObjectiveEdit::Weight(parse_weight(text)?),
                _ => return Err(not_editable()),
            };
            Ok(Command::EditObjective { id: o.id, edit })
        }
        (Target::KeyResult(k), col) => {
            let numeric = |t: &str| parse_optional(k.kind, t).map_err(|e| e.to_string());
            let edit = match col {
                Column::KeyResult => KeyResultEdit::Title(require_title(text, "key result")?),
                Column::Kind => KeyResultEdit::Kind(parse_kind(text)?),
                Column::Owner => KeyResultEdit::Owner(text.trim().to_string()),
                Column::Start if k.kind != Kind::Binary => KeyResultEdit::Start(numeric(text)?),
                Column::Target if k.kind != Kind::Binary => KeyResultEdit::Target(numeric(text)?),
                Column::Current => KeyResultEdit::Current(numeric(text)?),
                Column::Weight => KeyResultEdit::Weight(parse_weight(text)?),
                _ => return Err(not_editable()),
            };
            Ok(Command::EditKeyResult { id: k.id, edit })
        }
    }
}

/// Keys the grid reacts to (the view maps DOM key events to these).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    Enter,
    Escape,
    Tab,
    BackTab,
    F2,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Editing {
    pub cell: Cell,
    pub text: String,
    /// Why the last commit was refused; the typed text stays until the user cancels.
    pub error: Option<String>,
    /// True when typing over the cell started the edit (caret at the end), false when the
    /// old content was opened for change (all of it selected).
    pub replacing: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct GridState {
    pub active: Option<Cell>,
    pub editing: Option<Editing>,
    /// Row index of the active cell when it was last placed, to land nearby if its row goes.
    last_row_index: usize,
}

impl GridState {
    pub fn is_editing(&self, cell: Cell) -> bool {
        self.editing.as_ref().is_some_and(|e| e.cell == cell)
    }

    /// Makes `cell` active without editing it.
    pub fn select(&mut self, plan: &Plan, cell: Cell) {
        self.active = Some(cell);
        if let Some(i) = rows(plan).iter().position(|r| *r == cell.row) {
            self.last_row_index = i;
        }
    }

    /// A click: commits any open edit first (staying put if it is refused), then selects
    /// the cell and starts editing it when it can be edited.
    pub fn click(&mut self, doc: &mut Document, cell: Cell) {
        if self.is_editing(cell) {
            return;
        }
        if !self.commit(doc) {
            return;
        }
        self.select(doc.plan(), cell);
        self.begin_edit(doc.plan(), None);
    }

    /// Starts editing the active cell, with its current text or with `replacement`
    /// (typing a character over a cell replaces its content, as in a spreadsheet).
    pub fn begin_edit(&mut self, plan: &Plan, replacement: Option<String>) -> bool {
        let Some(cell) = self.active else {
            return false;
        };
        let Some(current) = edit_text(plan, cell) else {
            return false;
        };
        self.editing = Some(Editing {
            cell,
            replacing: replacement.is_some(),
            text: replacement.unwrap_or(current),
            error: None,
        });
        true
    }

    /// The editor's text changed.
    pub fn input(&mut self, text: String) {
        if let Some(e) = &mut self.editing {
            e.text = text;
        }
    }

    pub fn cancel(&mut self) {
        self.editing = None;
    }

    /// Stores the edited text. Returns true when there is no edit open afterwards (nothing
    /// was being edited, or the value was stored); false when it was refused, in which case
    /// the editor stays open with the reason.
    pub fn commit(&mut self, doc: &mut Document) -> bool {
        let Some(editing) = &mut self.editing else {
            return true;
        };
        let unchanged = edit_text(doc.plan(), editing.cell).as_deref() == Some(&editing.text);
        if unchanged {
            self.editing = None;
            return true;
        }
        let result = parse_cell(doc.plan(), editing.cell, &editing.text)
            .and_then(|command| doc.execute(command).map_err(|e| e.to_string()));
        match result {
            Ok(()) => {
                self.editing = None;
                true
            }
            Err(message) => {
                editing.error = Some(message);
                false
            }
        }
    }

    /// Handles a key; returns whether the grid used it (the view then stops the browser's
    /// default). While editing only Enter, Tab, Shift+Tab and Escape reach here (the editor
    /// keeps arrows for moving in its text). Tab past the last cell is not used, so focus can
    /// leave the grid: the grid is one tab stop, never a keyboard trap.
    pub fn key(&mut self, doc: &mut Document, key: Key) -> bool {
        if self.editing.is_some() {
            match key {
                Key::Escape => self.cancel(),
                Key::Enter => {
                    if self.commit(doc) {
                        self.step(doc.plan(), 1, 0, false);
                    }
                }
                Key::Tab => {
                    if self.commit(doc) {
                        self.step(doc.plan(), 0, 1, true);
                    }
                }
                Key::BackTab => {
                    if self.commit(doc) {
                        self.step(doc.plan(), 0, -1, true);
                    }
                }
                _ => return false,
            }
            return true;
        }
        let plan = doc.plan();
        if self.active.is_none() {
            let Some(first) = rows(plan).first().copied() else {
                return false;
            };
            if matches!(key, Key::Tab | Key::BackTab | Key::Escape) {
                return false;
            }
            self.select(
                plan,
                Cell {
                    row: first,
                    col: Column::ALL[0],
                },
            );
            return true;
        }
        match key {
            // Arrows are used even at an edge, so the page does not scroll instead.
            Key::Up => _ = self.step(plan, -1, 0, false),
            Key::Down => _ = self.step(plan, 1, 0, false),
            Key::Left => _ = self.step(plan, 0, -1, false),
            Key::Right => _ = self.step(plan, 0, 1, false),
            Key::Tab => return self.step(plan, 0, 1, true),
            Key::BackTab => return self.step(plan, 0, -1, true),
            Key::Home => self.jump_col(plan, Column::ALL[0]),
            Key::End => self.jump_col(plan, Column::ALL[Column::ALL.len() - 1]),
            Key::Enter | Key::F2 => _ = self.begin_edit(plan, None),
            Key::Escape => return false,
        }
        true
    }

    fn jump_col(&mut self, plan: &Plan, col: Column) {
        if let Some(cell) = self.active {
            self.select(plan, Cell { col, ..cell });
        }
    }

    /// Moves the active cell by rows/columns, stopping at the edges; with `wrap`, moving past
    /// the end of a row continues on the next one (Tab). Returns whether the cell moved.
    fn step(&mut self, plan: &Plan, d_row: isize, d_col: isize, wrap: bool) -> bool {
        let all = rows(plan);
        let Some(cell) = self.active else {
            return false;
        };
        let Some(r) = all.iter().position(|x| *x == cell.row) else {
            self.settle(plan);
            return false;
        };
        let ncols = Column::ALL.len() as isize;
        let mut row = r as isize + d_row;
        let mut col = cell.col.index() as isize + d_col;
        if wrap {
            if col >= ncols && row + 1 < all.len() as isize {
                col = 0;
                row += 1;
            } else if col < 0 && row > 0 {
                col = ncols - 1;
                row -= 1;
            }
        }
        let row = row.clamp(0, all.len() as isize - 1) as usize;
        let col = col.clamp(0, ncols - 1) as usize;
        let next = Cell {
            row: all[row],
            col: Column::at(col),
        };
        self.select(plan, next);
        next != cell
    }

    /// After rows disappear (delete, undo), keeps the active cell on an existing row near
    /// where it was, and drops an edit whose row is gone.
    pub fn settle(&mut self, plan: &Plan) {
        let all = rows(plan);
        if let Some(e) = &self.editing {
            if !all.contains(&e.cell.row) {
                self.editing = None;
            }
        }
        let Some(cell) = self.active else { return };
        if all.contains(&cell.row) {
            return;
        }
        self.active = if all.is_empty() {
            None
        } else {
            let i = self.last_row_index.min(all.len() - 1);
            Some(Cell {
                row: all[i],
                col: cell.col,
            })
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example_plan;

    fn doc() -> Document {
        Document::new(example_plan())
    }

    fn first_kr(doc: &Document) -> Id {
        doc.plan().objectives[0].key_results[0].id
    }

    fn kr_cell(doc: &Document, col: Column) -> Cell {
        Cell {
            row: RowRef::KeyResult(first_kr(doc)),
            col,
        }
    }

    #[test]
    fn rows_list_each_objective_then_its_key_results() {
        let plan = example_plan();
        let r = rows(&plan);
        assert_eq!(r.len(), 3 + 9);
        assert_eq!(r[0], RowRef::Objective(plan.objectives[0].id));
        assert_eq!(
            r[1],
            RowRef::KeyResult(plan.objectives[0].key_results[0].id)
        );
        assert_eq!(r[4], RowRef::Objective(plan.objectives[1].id));
    }

    #[test]
    fn headers_include_the_contract_names() {
        let headers: Vec<_> = Column::ALL.iter().map(|c| c.header()).collect();
        for h in [
            "Objective",
            "Key Result",
            "Owner",
            "Start",
            "Target",
            "Current",
            "Score",
        ] {
            assert!(headers.contains(&h), "{h}");
        }
    }

    #[test]
    fn displays_values_by_kind() {
        let plan = example_plan();
        let o = &plan.objectives[0];
        let percent = Cell {
            row: RowRef::KeyResult(o.key_results[1].id),
            col: Column::Start,
        };
        assert_eq!(display(&plan, percent), "2.5%");
        let big = Cell {
            row: RowRef::KeyResult(plan.objectives[2].key_results[0].id),
            col: Column::Target,
        };
        assert_eq!(display(&plan, big), "60,000");
        let binary = Cell {
            row: RowRef::KeyResult(plan.objectives[1].key_results[1].id),
            col: Column::Current,
        };
        assert_eq!(display(&plan, binary), "Not done");
        let no_data = Cell {
            row: RowRef::KeyResult(plan.objectives[2].key_results[0].id),
            col: Column::Score,
        };
        assert_eq!(display(&plan, no_data), "");
    }

    #[test]
    fn objective_rows_show_team_and_period_under_the_title() {
        let mut plan = example_plan();
        let id = plan.objectives[0].id;
        let cell = Cell {
            row: RowRef::Objective(id),
            col: Column::Objective,
        };
        assert_eq!(
            objective_meta(&plan, cell).as_deref(),
            Some("Marketing · 2026-Q4")
        );
        plan.objectives[0].period.clear();
        assert_eq!(objective_meta(&plan, cell).as_deref(), Some("Marketing"));
        plan.objectives[0].team.clear();
        assert_eq!(objective_meta(&plan, cell), None);
        let kr = Cell {
            row: RowRef::KeyResult(plan.objectives[0].key_results[0].id),
            col: Column::Objective,
        };
        assert_eq!(objective_meta(&plan, kr), None);
    }

    #[test]
    fn score_cells_are_computed_and_read_only() {
        let d = doc();
        let cell = kr_cell(&d, Column::Score);
        assert!(!is_editable(d.plan(), cell));
        assert_eq!(display(d.plan(), cell), "0.48");
        assert!(parse_cell(d.plan(), cell, "1").is_err());
    }

    #[test]
    fn editing_current_rescores_key_result_and_objective() {
        let mut d = doc();
        let mut g = GridState::default();
        let cell = kr_cell(&d, Column::Current);
        let objective_score = Cell {
            row: RowRef::Objective(d.plan().objectives[0].id),
            col: Column::Score,
        };
        let before = display(d.plan(), objective_score);
        g.click(&mut d, cell);
        assert_eq!(g.editing.as_ref().unwrap().text, "520");
        g.input("650".into());
        g.key(&mut d, Key::Enter);
        assert!(g.editing.is_none());
        assert_eq!(display(d.plan(), kr_cell(&d, Column::Score)), "1.00");
        assert_ne!(display(d.plan(), objective_score), before);
        // Enter moved down, as in a spreadsheet.
        assert_eq!(
            g.active.unwrap().row,
            RowRef::KeyResult(d.plan().objectives[0].key_results[1].id)
        );
    }

    #[test]
    fn bad_value_is_refused_at_the_cell_and_text_is_kept() {
        let mut d = doc();
        let mut g = GridState::default();
        let cell = kr_cell(&d, Column::Current);
        g.click(&mut d, cell);
        g.input("lots".into());
        g.key(&mut d, Key::Enter);
        let e = g.editing.as_ref().expect("still editing");
        assert_eq!(e.text, "lots");
        assert!(e.error.as_ref().unwrap().contains("not a number"));
        assert!(!d.can_undo());
        // Clicking elsewhere does not lose it either.
        let elsewhere = kr_cell(&d, Column::Owner);
        g.click(&mut d, elsewhere);
        assert_eq!(g.editing.as_ref().unwrap().cell, cell);
        // Escape cancels; the stored value is untouched.
        g.key(&mut d, Key::Escape);
        assert!(g.editing.is_none());
        assert_eq!(d.plan().objectives[0].key_results[0].current, Some(520.0));
    }

    #[test]
    fn escape_cancels_without_changing_anything() {
        let mut d = doc();
        let mut g = GridState::default();
        let cell = kr_cell(&d, Column::KeyResult);
        g.click(&mut d, cell);
        g.input("Renamed".into());
        g.key(&mut d, Key::Escape);
        assert!(!d.can_undo());
    }

    #[test]
    fn committing_unchanged_text_records_no_step() {
        let mut d = doc();
        let mut g = GridState::default();
        let cell = kr_cell(&d, Column::Current);
        g.click(&mut d, cell);
        g.key(&mut d, Key::Enter);
        assert!(!d.can_undo());
    }

    #[test]
    fn percent_cells_take_percent_text() {
        let mut d = doc();
        let id = d.plan().objectives[0].key_results[1].id;
        let cmd = parse_cell(
            d.plan(),
            Cell {
                row: RowRef::KeyResult(id),
                col: Column::Current,
            },
            "3.5%",
        )
        .unwrap();
        d.execute(cmd).unwrap();
        assert_eq!(d.plan().key_result(id).unwrap().1.current, Some(0.035));
    }

    #[test]
    fn clearing_current_gives_no_data() {
        let mut d = doc();
        let cell = kr_cell(&d, Column::Current);
        let cmd = parse_cell(d.plan(), cell, "  ").unwrap();
        d.execute(cmd).unwrap();
        assert_eq!(display(d.plan(), kr_cell(&d, Column::Score)), "");
    }

    #[test]
    fn type_column_accepts_names_and_refuses_others() {
        let d = doc();
        let cell = kr_cell(&d, Column::Kind);
        assert!(parse_cell(d.plan(), cell, "Percent").is_ok());
        let e = parse_cell(d.plan(), cell, "banana").unwrap_err();
        assert!(e.contains("number, percent or binary"));
    }

    #[test]
    fn binary_rows_have_no_start_or_target_to_edit() {
        let d = doc();
        let id = d.plan().objectives[1].key_results[1].id;
        let cell = |col| Cell {
            row: RowRef::KeyResult(id),
            col,
        };
        assert!(!is_editable(d.plan(), cell(Column::Start)));
        assert!(!is_editable(d.plan(), cell(Column::Target)));
        assert_eq!(
            edit_text(d.plan(), cell(Column::Current)).as_deref(),
            Some("not done")
        );
        assert!(parse_cell(d.plan(), cell(Column::Current), "done").is_ok());
    }

    #[test]
    fn empty_titles_and_negative_weights_are_refused() {
        let d = doc();
        let title = Cell {
            row: RowRef::Objective(d.plan().objectives[0].id),
            col: Column::Objective,
        };
        assert!(parse_cell(d.plan(), title, "  ").is_err());
        assert!(parse_cell(d.plan(), kr_cell(&d, Column::Weight), "-2").is_err());
        assert!(parse_cell(d.plan(), kr_cell(&d, Column::Weight), "").is_err());
        assert!(parse_cell(d.plan(), kr_cell(&d, Column::Weight), "2.5").is_ok());
    }

    #[test]
    fn arrows_move_and_stop_at_edges() {
        let mut d = doc();
        let mut g = GridState::default();
        let top = Cell {
            row: RowRef::Objective(d.plan().objectives[0].id),
            col: Column::Objective,
        };
        g.select(d.plan(), top);
        g.key(&mut d, Key::Up);
        g.key(&mut d, Key::Left);
        assert_eq!(g.active, Some(top));
        g.key(&mut d, Key::Down);
        g.key(&mut d, Key::Right);
        assert_eq!(g.active, Some(kr_cell(&d, Column::KeyResult)));
        g.key(&mut d, Key::End);
        assert_eq!(g.active.unwrap().col, Column::Score);
        g.key(&mut d, Key::Home);
        assert_eq!(g.active.unwrap().col, Column::Objective);
    }

    #[test]
    fn tab_wraps_to_the_next_row() {
        let mut d = doc();
        let mut g = GridState::default();
        let last_col = Cell {
            row: RowRef::Objective(d.plan().objectives[0].id),
            col: Column::Score,
        };
        g.select(d.plan(), last_col);
        g.key(&mut d, Key::Tab);
        assert_eq!(g.active, Some(kr_cell(&d, Column::Objective)));
        g.key(&mut d, Key::BackTab);
        assert_eq!(g.active, Some(last_col));
    }

    #[test]
    fn tab_past_the_last_cell_lets_focus_leave_the_grid() {
        let mut d = doc();
        let mut g = GridState::default();
        let last_row = *rows(d.plan()).last().unwrap();
        let last = Cell {
            row: last_row,
            col: Column::Score,
        };
        g.select(d.plan(), last);
        assert!(!g.key(&mut d, Key::Tab));
        assert_eq!(g.active, Some(last));
        assert!(g.key(&mut d, Key::Left));
    }

    #[test]
    fn first_arrow_key_activates_the_first_cell() {
        let mut d = doc();
        let mut g = GridState::default();
        assert!(g.key(&mut d, Key::Down));
        assert_eq!(
            g.active,
            Some(Cell {
                row: rows(d.plan())[0],
                col: Column::Objective
            })
        );
    }

    #[test]
    fn enter_starts_editing_and_f2_too() {
        let mut d = doc();
        let mut g = GridState::default();
        g.select(d.plan(), kr_cell(&d, Column::Owner));
        g.key(&mut d, Key::Enter);
        assert_eq!(g.editing.as_ref().unwrap().text, "Luis Ortega");
        g.key(&mut d, Key::Escape);
        g.key(&mut d, Key::F2);
        assert!(g.editing.is_some());
    }

    #[test]
    fn typing_over_a_cell_replaces_its_content() {
        let d = doc();
        let mut g = GridState::default();
        g.select(d.plan(), kr_cell(&d, Column::Current));
        assert!(g.begin_edit(d.plan(), Some("7".into())));
        let e = g.editing.unwrap();
        assert_eq!(e.text, "7");
        assert!(e.replacing);
    }

    #[test]
    fn read_only_cells_do_not_open_an_editor() {
        let mut d = doc();
        let mut g = GridState::default();
        let score = kr_cell(&d, Column::Score);
        g.click(&mut d, score);
        assert_eq!(g.active, Some(score));
        assert!(g.editing.is_none());
    }

    #[test]
    fn active_cell_settles_near_a_deleted_row() {
        let mut d = doc();
        let mut g = GridState::default();
        let cell = kr_cell(&d, Column::Owner);
        g.select(d.plan(), cell);
        d.execute(Command::RemoveKeyResult { id: first_kr(&d) })
            .unwrap();
        g.settle(d.plan());
        // Lands on the row that took its place.
        assert_eq!(g.active, Some(kr_cell(&d, Column::Owner)));
        d.execute(Command::ReplacePlan(Box::new(Plan::new("empty"))))
            .unwrap();
        g.settle(d.plan());
        assert_eq!(g.active, None);
    }
}
