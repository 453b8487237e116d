//! Today's date from the browser's clock (local time), the one place the app reads it; the
//! core takes "today" as a parameter.

use okr_core::period::Date;

pub fn today() -> Option<Date> {
    let now = js_sys::Date::new_0();
    Date::new(
        i32::try_from(now.get_full_year()).ok()?,
        now.get_month() + 1,
        now.get_date(),
    )
}
