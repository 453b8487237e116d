//! Import: a spreadsheet's bytes → sheets of cells (`source`) → a previewed plan (`layout`),
//! with header words in many languages (`synonyms`) and values as people type them (`values`).
//! Nothing here touches the current plan: applying a preview is one `Command::ReplacePlan`
//! or insertion, done by the caller.

pub mod apply;
mod choice_text;
pub mod layout;
pub mod note;
pub mod own;
mod reading;
pub mod remembered;
pub mod returned;
pub mod source;
mod sources;
mod synonyms;
mod synonyms_more;
pub mod values;

pub use apply::Mode;
pub use layout::{
    interpret, interpret_unsealed, Choices, Preview, SheetOutcome, SheetRead, SheetReport,
};
pub use note::Note;
pub use reading::{Alternative, ReadingKey, Shape};
pub use source::{read, ImportError, Workbook};
pub use synonyms::Field;
