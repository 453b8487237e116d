//! Spreadsheet formulas as expression trees. One tree both writes its formula text (Excel's
//! syntax, which LibreOffice and Google Sheets read as well: `Expr::excel`) and evaluates in
//! Rust (`Expr::evaluate`), so a rule built once as a tree (`score_formula`) is the same rule in
//! the app and in the exported workbook, and `cargo test` can compare it with the Rust rule.
//!
//! Evaluation follows the spreadsheet where okr-grid's formulas depend on it: a blank cell is 0
//! in arithmetic and "" beside text, `""` is text (a Score with nothing to score), IF only
//! evaluates the branch it takes, COUNT counts numbers, SUMPRODUCT counts text as 0, a division
//! by zero or a result that is not a finite number is an error value. Numbers are Rust's `f64`
//! and compare exactly; spreadsheets compare to about 15 significant digits, which only the
//! external check sees (LibreOffice in `scripts/check-export.sh`).
//!
//! A tree names cells by what they hold (`Column`); where they are in a sheet is the writer's
//! business (`Layout`), and what they hold when evaluated is the caller's (`Cells`).

use std::fmt;
use std::ops;

/// A cell a formula reads, by what it holds. `Layout` places it in a sheet; `Cells` gives its
/// value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    /// A key result's start value.
    Start,
    /// A key result's target (the line of a hold-the-line key result).
    Target,
    /// A key result's current value.
    Current,
    /// A score: a key result's or an objective's.
    Score,
    /// A key result's weight.
    Weight,
    /// A backlog candidate's Impact, Confidence and Ease (1–10).
    Impact,
    Confidence,
    Ease,
}

/// Binary operators, arithmetic and comparisons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Eq,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Sub => "-",
            Op::Mul => "*",
            Op::Div => "/",
            Op::Eq => "=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }

    /// Binding strength in Excel: comparisons, then + and -, then * and /.
    fn precedence(self) -> u8 {
        match self {
            Op::Eq | Op::Lt | Op::Le | Op::Gt | Op::Ge => 1,
            Op::Add | Op::Sub => 2,
            Op::Mul | Op::Div => 3,
        }
    }

    fn is_comparison(self) -> bool {
        self.precedence() == 1
    }
}

/// A formula. Build it with the helpers (`num`, `text`, `cell`, `rows`, `if_`, the operators
/// `+ - * /` and the comparison methods).
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Number(f64),
    Text(String),
    /// The row's own cell.
    Cell(Column),
    /// The column over the rows an aggregate reads (an objective's key results).
    Rows(Column),
    Op(Op, Box<Expr>, Box<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Min(Vec<Expr>),
    Max(Vec<Expr>),
    /// ROUND(x, digits), half away from zero.
    Round(Box<Expr>, u8),
    IsNumber(Box<Expr>),
    Count(Box<Expr>),
    SumProduct(Vec<Expr>),
}

pub fn num(v: f64) -> Expr {
    Expr::Number(v)
}

pub fn text(s: &str) -> Expr {
    Expr::Text(s.to_string())
}

pub fn cell(c: Column) -> Expr {
    Expr::Cell(c)
}

pub fn rows(c: Column) -> Expr {
    Expr::Rows(c)
}

pub fn if_(condition: Expr, then: Expr, otherwise: Expr) -> Expr {
    Expr::If(Box::new(condition), Box::new(then), Box::new(otherwise))
}

pub fn and(args: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::And(args.into_iter().collect())
}

pub fn or(args: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Or(args.into_iter().collect())
}

pub fn min(args: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Min(args.into_iter().collect())
}

pub fn max(args: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Max(args.into_iter().collect())
}

pub fn round(x: Expr, digits: u8) -> Expr {
    Expr::Round(Box::new(x), digits)
}

pub fn is_number(x: Expr) -> Expr {
    Expr::IsNumber(Box::new(x))
}

pub fn count(x: Expr) -> Expr {
    Expr::Count(Box::new(x))
}

pub fn sum_product(args: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::SumProduct(args.into_iter().collect())
}

impl Expr {
    fn op(self, op: Op, other: Expr) -> Expr {
        Expr::Op(op, Box::new(self), Box::new(other))
    }

    /// `self = other`.
    pub fn equals(self, other: Expr) -> Expr {
        self.op(Op::Eq, other)
    }

    /// `self = ""`: true for a blank cell (and for "").
    pub fn is_blank(self) -> Expr {
        self.equals(text(""))
    }

    pub fn lt(self, other: Expr) -> Expr {
        self.op(Op::Lt, other)
    }

    pub fn le(self, other: Expr) -> Expr {
        self.op(Op::Le, other)
    }

    pub fn gt(self, other: Expr) -> Expr {
        self.op(Op::Gt, other)
    }

    pub fn ge(self, other: Expr) -> Expr {
        self.op(Op::Ge, other)
    }
}

impl ops::Add for Expr {
    type Output = Expr;
    fn add(self, other: Expr) -> Expr {
        self.op(Op::Add, other)
    }
}

impl ops::Sub for Expr {
    type Output = Expr;
    fn sub(self, other: Expr) -> Expr {
        self.op(Op::Sub, other)
    }
}

impl ops::Mul for Expr {
    type Output = Expr;
    fn mul(self, other: Expr) -> Expr {
        self.op(Op::Mul, other)
    }
}

impl ops::Div for Expr {
    type Output = Expr;
    fn div(self, other: Expr) -> Expr {
        self.op(Op::Div, other)
    }
}

/// Where a formula's cells are in the sheet it is written to.
pub trait Layout {
    /// The row's own cell of `column` ("G7").
    fn cell(&self, column: Column) -> Option<String>;
    /// The range of the rows an aggregate reads ("OKRs!J2:J4").
    fn rows(&self, _column: Column) -> Option<String> {
        None
    }
}

/// What a formula's cells hold, to evaluate it.
pub trait Cells {
    /// The row's own cell of `column` (`Value::Blank` when empty).
    fn cell(&self, column: Column) -> Option<Value>;
    /// The column over the rows an aggregate reads, in sheet order.
    fn rows(&self, _column: Column) -> Option<Vec<Value>> {
        None
    }
}

/// A spreadsheet error value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorValue {
    /// #DIV/0!
    DivZero,
    /// #VALUE!: an operand of the wrong type (text in arithmetic, arrays that do not fit).
    Value,
    /// #NUM!: a number that is not finite.
    Num,
    /// #REF!: a cell the layout (or the values) do not have.
    Ref,
}

impl ErrorValue {
    fn text(self) -> &'static str {
        match self {
            ErrorValue::DivZero => "#DIV/0!",
            ErrorValue::Value => "#VALUE!",
            ErrorValue::Num => "#NUM!",
            ErrorValue::Ref => "#REF!",
        }
    }
}

impl fmt::Display for ErrorValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())
    }
}

/// A value a formula evaluates to, or a cell holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// An empty cell.
    Blank,
    Number(f64),
    Text(String),
    Bool(bool),
    Error(ErrorValue),
    /// A range's values, or an operation over one.
    Array(Vec<Value>),
}

impl Value {
    /// A number, or a blank for `None`.
    pub fn of(v: Option<f64>) -> Value {
        v.map_or(Value::Blank, Value::Number)
    }

    /// The number, if this is one.
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number(v) => Some(*v),
            _ => None,
        }
    }
}

/// Excel's text of `v`: the shortest text that reads back the same (`value::plain`). A value
/// that is not finite cannot be written: it becomes the error literal `#NUM!`.
fn number_text(v: f64) -> String {
    if v.is_finite() {
        crate::value::plain(v)
    } else {
        ErrorValue::Num.text().to_string()
    }
}

impl Expr {
    /// The formula's text (without the leading `=`) with its cells placed by `layout`. A cell
    /// the layout does not have is written `#REF!`, as a spreadsheet writes a lost reference.
    pub fn excel(&self, layout: &dyn Layout) -> String {
        let mut out = String::new();
        self.write(layout, &mut out);
        out
    }

    /// How tightly the expression's text binds: 4 for what never needs parentheses.
    fn binding(&self) -> u8 {
        match self {
            Expr::Op(op, _, _) => op.precedence(),
            // "-5" as an operand: Excel's minus sign binds tighter than any operator, but
            // "G2--5" reads badly; it is put in parentheses on the right of an operator.
            Expr::Number(v) if v.is_sign_negative() && *v != 0.0 => 0,
            _ => 4,
        }
    }

    fn write(&self, layout: &dyn Layout, out: &mut String) {
        let list = |name: &str, args: &[&Expr], out: &mut String| {
            out.push_str(name);
            out.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                a.write(layout, out);
            }
            out.push(')');
        };
        fn all(args: &[Expr]) -> Vec<&Expr> {
            args.iter().collect()
        }
        match self {
            Expr::Number(v) => out.push_str(&number_text(*v)),
            Expr::Text(s) => {
                out.push('"');
                out.push_str(&s.replace('"', "\"\""));
                out.push('"');
            }
            Expr::Cell(c) => out.push_str(
                &layout
                    .cell(*c)
                    .unwrap_or_else(|| ErrorValue::Ref.text().to_string()),
            ),
            Expr::Rows(c) => out.push_str(
                &layout
                    .rows(*c)
                    .unwrap_or_else(|| ErrorValue::Ref.text().to_string()),
            ),
            Expr::Op(op, a, b) => {
                let p = op.precedence();
                // Left to right: the left operand needs parentheses only when it binds less
                // tightly, the right one also when it binds as tightly ("a-(b-c)").
                let left = a.binding() < p && !matches!(**a, Expr::Number(_));
                let right = b.binding() <= p;
                wrapped(a, left, layout, out);
                out.push_str(op.symbol());
                wrapped(b, right, layout, out);
            }
            Expr::If(c, a, b) => list("IF", &[c, a, b], out),
            Expr::And(args) => list("AND", &all(args), out),
            Expr::Or(args) => list("OR", &all(args), out),
            Expr::Min(args) => list("MIN", &all(args), out),
            Expr::Max(args) => list("MAX", &all(args), out),
            Expr::Round(x, digits) => {
                out.push_str("ROUND(");
                x.write(layout, out);
                out.push(',');
                out.push_str(&digits.to_string());
                out.push(')');
            }
            Expr::IsNumber(x) => list("ISNUMBER", &[x], out),
            Expr::Count(x) => list("COUNT", &[x], out),
            Expr::SumProduct(args) => list("SUMPRODUCT", &all(args), out),
        }
    }
}

fn wrapped(e: &Expr, parentheses: bool, layout: &dyn Layout, out: &mut String) {
    if parentheses {
        out.push('(');
        e.write(layout, out);
        out.push(')');
    } else {
        e.write(layout, out);
    }
}

/// A scalar as a number in arithmetic: blank is 0, TRUE 1; text is #VALUE!.
fn arithmetic_operand(v: &Value) -> Result<f64, ErrorValue> {
    match v {
        Value::Blank => Ok(0.0),
        Value::Number(n) => Ok(*n),
        Value::Bool(b) => Ok(if *b { 1.0 } else { 0.0 }),
        Value::Text(_) | Value::Array(_) => Err(ErrorValue::Value),
        Value::Error(e) => Err(*e),
    }
}

/// A number result: one that is not finite is #NUM!.
fn finite(v: f64) -> Value {
    if v.is_finite() {
        Value::Number(v)
    } else {
        Value::Error(ErrorValue::Num)
    }
}

/// Two scalars compared as a spreadsheet does: a blank takes the other side's type (0, "",
/// FALSE); numbers sort before text, text before booleans; text ignores case.
fn compare(a: &Value, b: &Value) -> Result<std::cmp::Ordering, ErrorValue> {
    use std::cmp::Ordering;
    fn rank(v: &Value) -> u8 {
        match v {
            Value::Number(_) => 0,
            Value::Text(_) => 1,
            _ => 2,
        }
    }
    let blank_as = |other: &Value| match other {
        Value::Text(_) => Value::Text(String::new()),
        Value::Bool(_) => Value::Bool(false),
        _ => Value::Number(0.0),
    };
    let (a, b) = match (a, b) {
        (Value::Error(e), _) | (_, Value::Error(e)) => return Err(*e),
        (Value::Array(_), _) | (_, Value::Array(_)) => return Err(ErrorValue::Value),
        (Value::Blank, other) => (blank_as(other), other.clone()),
        (other, Value::Blank) => (other.clone(), blank_as(other)),
        (a, b) => (a.clone(), b.clone()),
    };
    Ok(match (&a, &b) {
        (Value::Number(x), Value::Number(y)) => x.partial_cmp(y).unwrap_or(Ordering::Equal),
        (Value::Text(x), Value::Text(y)) => x.to_lowercase().cmp(&y.to_lowercase()),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        _ => rank(&a).cmp(&rank(&b)),
    })
}

fn operate(op: Op, a: &Value, b: &Value) -> Value {
    if op.is_comparison() {
        use std::cmp::Ordering::{Equal, Greater, Less};
        return match compare(a, b) {
            Err(e) => Value::Error(e),
            Ok(order) => Value::Bool(match op {
                Op::Eq => order == Equal,
                Op::Lt => order == Less,
                Op::Le => order != Greater,
                Op::Gt => order == Greater,
                _ => order != Less,
            }),
        };
    }
    let (x, y) = match (arithmetic_operand(a), arithmetic_operand(b)) {
        (Err(e), _) | (_, Err(e)) => return Value::Error(e),
        (Ok(x), Ok(y)) => (x, y),
    };
    match op {
        Op::Add => finite(x + y),
        Op::Sub => finite(x - y),
        Op::Mul => finite(x * y),
        Op::Div if y == 0.0 => Value::Error(ErrorValue::DivZero),
        _ => finite(x / y),
    }
}

/// An operator over scalars or arrays, element by element (a scalar meets every element).
fn broadcast(op: Op, a: Value, b: Value) -> Value {
    match (a, b) {
        (Value::Array(xs), Value::Array(ys)) => {
            if xs.len() != ys.len() {
                return Value::Error(ErrorValue::Value);
            }
            Value::Array(xs.iter().zip(&ys).map(|(x, y)| operate(op, x, y)).collect())
        }
        (Value::Array(xs), y) => Value::Array(xs.iter().map(|x| operate(op, x, &y)).collect()),
        (x, Value::Array(ys)) => Value::Array(ys.iter().map(|y| operate(op, &x, y)).collect()),
        (x, y) => operate(op, &x, &y),
    }
}

/// A condition's truth: TRUE, a number other than 0; a blank is FALSE, text #VALUE!.
fn truth(v: &Value) -> Result<bool, ErrorValue> {
    match v {
        Value::Bool(b) => Ok(*b),
        Value::Number(n) => Ok(*n != 0.0),
        Value::Blank => Ok(false),
        Value::Text(_) | Value::Array(_) => Err(ErrorValue::Value),
        Value::Error(e) => Err(*e),
    }
}

/// The numbers MIN and MAX take: numbers and booleans given as values, the numbers of an
/// array; blanks are skipped, text is #VALUE!.
fn numbers_of(values: &[Value]) -> Result<Vec<f64>, ErrorValue> {
    let mut out = Vec::with_capacity(values.len());
    for v in values {
        match v {
            Value::Blank => {}
            Value::Number(n) => out.push(*n),
            Value::Bool(b) => out.push(if *b { 1.0 } else { 0.0 }),
            Value::Text(_) => return Err(ErrorValue::Value),
            Value::Error(e) => return Err(*e),
            Value::Array(items) => {
                for item in items {
                    match item {
                        Value::Number(n) => out.push(*n),
                        Value::Error(e) => return Err(*e),
                        _ => {}
                    }
                }
            }
        }
    }
    Ok(out)
}

fn as_array(v: Value) -> Vec<Value> {
    match v {
        Value::Array(items) => items,
        scalar => vec![scalar],
    }
}

impl Expr {
    /// The formula's value with the cells `cells` holds. A cell `cells` does not have is
    /// #REF!. Never panics: what a spreadsheet would refuse is an error value.
    pub fn evaluate(&self, cells: &dyn Cells) -> Value {
        let all = |args: &[Expr]| args.iter().map(|a| a.evaluate(cells)).collect::<Vec<_>>();
        match self {
            Expr::Number(v) => finite(*v),
            Expr::Text(s) => Value::Text(s.clone()),
            Expr::Cell(c) => cells.cell(*c).unwrap_or(Value::Error(ErrorValue::Ref)),
            Expr::Rows(c) => cells
                .rows(*c)
                .map_or(Value::Error(ErrorValue::Ref), Value::Array),
            Expr::Op(op, a, b) => broadcast(*op, a.evaluate(cells), b.evaluate(cells)),
            Expr::If(c, a, b) => match truth(&c.evaluate(cells)) {
                Ok(true) => a.evaluate(cells),
                Ok(false) => b.evaluate(cells),
                Err(e) => Value::Error(e),
            },
            Expr::And(args) | Expr::Or(args) => {
                let mut truths = Vec::with_capacity(args.len());
                for v in all(args) {
                    match truth(&v) {
                        Ok(t) => truths.push(t),
                        Err(e) => return Value::Error(e),
                    }
                }
                Value::Bool(if matches!(self, Expr::And(_)) {
                    truths.iter().all(|t| *t)
                } else {
                    truths.iter().any(|t| *t)
                })
            }
            Expr::Min(args) | Expr::Max(args) => match numbers_of(&all(args)) {
                Err(e) => Value::Error(e),
                Ok(ns) if ns.is_empty() => Value::Number(0.0),
                Ok(ns) => {
                    let pick = |a: f64, b: f64| match self {
                        Expr::Min(_) => a.min(b),
                        _ => a.max(b),
                    };
                    Value::Number(ns.iter().copied().fold(ns[0], pick))
                }
            },
            Expr::Round(x, digits) => match x.evaluate(cells) {
                Value::Error(e) => Value::Error(e),
                v => match arithmetic_operand(&v) {
                    Err(e) => Value::Error(e),
                    Ok(n) => {
                        let scale = 10f64.powi(i32::from(*digits));
                        finite((n * scale).round() / scale)
                    }
                },
            },
            Expr::IsNumber(x) => Value::Bool(matches!(x.evaluate(cells), Value::Number(_))),
            Expr::Count(x) => {
                let n = as_array(x.evaluate(cells))
                    .iter()
                    .filter(|v| matches!(v, Value::Number(_)))
                    .count();
                Value::Number(n as f64)
            }
            Expr::SumProduct(args) => sum_product_of(all(args)),
        }
    }
}

/// SUMPRODUCT: the arrays multiplied element by element and summed, in order; text, blanks
/// and booleans count as 0, an error anywhere is the result.
fn sum_product_of(args: Vec<Value>) -> Value {
    let arrays: Vec<Vec<Value>> = args.into_iter().map(as_array).collect();
    let Some(len) = arrays.first().map(Vec::len) else {
        return Value::Error(ErrorValue::Value);
    };
    if arrays.iter().any(|a| a.len() != len) {
        return Value::Error(ErrorValue::Value);
    }
    let mut total = 0.0;
    for i in 0..len {
        let mut product: Option<f64> = None;
        for a in &arrays {
            let n = match &a[i] {
                Value::Number(n) => *n,
                Value::Error(e) => return Value::Error(*e),
                _ => 0.0,
            };
            product = Some(product.map_or(n, |p| p * n));
        }
        total += product.unwrap_or(0.0);
    }
    finite(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Column::*;

    /// A row on sheet row 2, key results' values in G, H, I; rows read from J and K 2–4.
    struct Sheet;

    impl Layout for Sheet {
        fn cell(&self, c: Column) -> Option<String> {
            match c {
                Start => Some("G2".into()),
                Target => Some("H2".into()),
                Current => Some("I2".into()),
                _ => None,
            }
        }

        fn rows(&self, c: Column) -> Option<String> {
            match c {
                Score => Some("OKRs!J2:J4".into()),
                Weight => Some("OKRs!K2:K4".into()),
                _ => None,
            }
        }
    }

    struct Values {
        start: Value,
        scores: Vec<Value>,
    }

    impl Cells for Values {
        fn cell(&self, c: Column) -> Option<Value> {
            (c == Start).then(|| self.start.clone())
        }

        fn rows(&self, c: Column) -> Option<Vec<Value>> {
            (c == Score).then(|| self.scores.clone())
        }
    }

    fn values(start: Value) -> Values {
        Values {
            start,
            scores: vec![Value::Number(0.5), Value::Text(String::new()), Value::Blank],
        }
    }

    #[test]
    fn parentheses_are_written_where_the_order_needs_them() {
        let (g, h, i) = (cell(Start), cell(Target), cell(Current));
        let progress = (i.clone() - g.clone()) / (h.clone() - g.clone());
        assert_eq!(progress.excel(&Sheet), "(I2-G2)/(H2-G2)");
        // Left to right: a*(b/c) is not (a*b)/c in floating point, so it keeps its parentheses.
        let scaled = num(0.3) * progress.clone() / num(2.0);
        assert_eq!(scaled.excel(&Sheet), "0.3*((I2-G2)/(H2-G2))/2");
        assert_eq!(
            (g.clone() - (h.clone() - i.clone())).excel(&Sheet),
            "G2-(H2-I2)"
        );
        assert_eq!(
            (g.clone() - h.clone() - i.clone()).excel(&Sheet),
            "G2-H2-I2"
        );
        assert_eq!(
            (rows(Weight).gt(num(0.0)) * rows(Weight)).excel(&Sheet),
            "(OKRs!K2:K4>0)*OKRs!K2:K4"
        );
        assert_eq!(
            progress.clone().le(num(0.0)).excel(&Sheet),
            "(I2-G2)/(H2-G2)<=0"
        );
        // Negative numbers: bare on the left, in parentheses on the right.
        assert_eq!((num(-5.0) - g.clone()).excel(&Sheet), "-5-G2");
        assert_eq!((g.clone() - num(-5.0)).excel(&Sheet), "G2-(-5)");
        assert_eq!(
            if_(
                or([g.clone().is_blank(), i.is_blank()]),
                text("say \"x\""),
                round(h, 1)
            )
            .excel(&Sheet),
            r#"IF(OR(G2="",I2=""),"say ""x""",ROUND(H2,1))"#
        );
        // What the layout does not have, or a number that cannot be written, is an error.
        assert_eq!((cell(Impact) * num(f64::NAN)).excel(&Sheet), "#REF!*#NUM!");
    }

    #[test]
    fn blanks_and_empty_text_behave_as_in_a_spreadsheet() {
        let blank = values(Value::Blank);
        assert_eq!(cell(Start).is_blank().evaluate(&blank), Value::Bool(true));
        assert_eq!(
            cell(Start).equals(num(0.0)).evaluate(&blank),
            Value::Bool(true)
        );
        assert_eq!(
            (cell(Start) + num(2.0)).evaluate(&blank),
            Value::Number(2.0)
        );
        let zero = values(Value::Number(0.0));
        assert_eq!(cell(Start).is_blank().evaluate(&zero), Value::Bool(false));
        // Text in arithmetic is #VALUE!; numbers sort before text.
        let empty = values(Value::Text(String::new()));
        assert_eq!(
            (cell(Start) + num(1.0)).evaluate(&empty),
            Value::Error(ErrorValue::Value)
        );
        assert_eq!(num(5.0).lt(text("a")).evaluate(&empty), Value::Bool(true));
        assert_eq!(
            text("Done").equals(text("done")).evaluate(&empty),
            Value::Bool(true)
        );
    }

    #[test]
    fn functions_evaluate_as_their_spreadsheet_namesakes() {
        let v = values(Value::Number(0.45));
        assert_eq!(round(cell(Start), 1).evaluate(&v), Value::Number(0.5));
        assert_eq!(round(num(-0.25), 1).evaluate(&v), Value::Number(-0.3));
        assert_eq!(
            min([num(1.0), max([num(0.0), num(1.5)])]).evaluate(&v),
            Value::Number(1.0)
        );
        assert_eq!(
            max([num(-2.0), num(-1.0)]).evaluate(&v),
            Value::Number(-1.0)
        );
        assert_eq!(count(rows(Score)).evaluate(&v), Value::Number(1.0));
        assert_eq!(
            sum_product([rows(Score), rows(Score)]).evaluate(&v),
            Value::Number(0.25)
        );
        assert_eq!(is_number(cell(Start)).evaluate(&v), Value::Bool(true));
        assert_eq!(is_number(text("1")).evaluate(&v), Value::Bool(false));
        assert_eq!(
            and([num(1.0), cell(Start).gt(num(0.4))]).evaluate(&v),
            Value::Bool(true)
        );
        assert_eq!(
            or([num(0.0), Expr::Cell(Target).is_blank()]).evaluate(&v),
            Value::Error(ErrorValue::Ref)
        );
        // Only the branch taken is evaluated.
        assert_eq!(
            if_(num(1.0), num(2.0), num(1.0) / num(0.0)).evaluate(&v),
            Value::Number(2.0)
        );
        assert_eq!(
            (num(1.0) / num(0.0)).evaluate(&v),
            Value::Error(ErrorValue::DivZero)
        );
        assert_eq!(
            (num(1e308) * num(10.0)).evaluate(&v),
            Value::Error(ErrorValue::Num)
        );
        assert_eq!(
            if_(text("x"), num(1.0), num(0.0)).evaluate(&v),
            Value::Error(ErrorValue::Value)
        );
        assert_eq!(cell(Ease).evaluate(&v), Value::Error(ErrorValue::Ref));
    }
}
