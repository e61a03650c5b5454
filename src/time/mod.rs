//! Time on the PRC working calendar: reading the dates officials write (`parse`), the calendar of
//! working days, holidays and make-up days (`calendar`), and the working clock of office hours and
//! clock stops (`clock`).

pub mod calendar;
pub mod clock;
pub mod parse;
pub mod bulk;
