//! An .xlsx sheet read row by row (the command line's workbooks), so that memory holds the rows
//! in flight, not the sheet. calamine's cell reader borrows its workbook, so a thread of its own
//! owns the workbook, gathers the cells of each row as `read_xlsx` does (`take_cell`, the same
//! limits) and sends the finished rows over a bounded channel; dropping the rows stops it.
//!
//! Spreadsheet programs write rows in ascending order; the whole-sheet reader sorts them all the
//! same. A row that comes after a later one cannot be put back in place once its successors
//! were handed out: the thread then stops with an error and marks the read, and the caller reads
//! the file again whole (`Opened::read_again_whole`), discarding everything of the first attempt.

use std::io::{BufReader, Read, Seek, SeekFrom};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::thread::JoinHandle;

use calamine::{Reader, Xlsx};

use super::xlsx::{check_zip, hidden_of, merges_of, open_sheet, take_cell, unreadable, SparseRows};
use super::{Limits, Meta, RawRow, TableOptions};
use crate::error::{Error, ErrorKind, Result};

/// Rows sent at a time: handing rows over one by one cost a wake-up of the other thread each
/// (a 1 000 000-row sheet took 40 % longer than read whole); in batches, a few thousand in all.
const BATCH: usize = 128;

/// Batches read ahead of the import: enough to keep both threads busy, few enough to weigh
/// nothing (at most `BATCH × (BATCHES_IN_FLIGHT + 2)` rows are held at once).
const BATCHES_IN_FLIGHT: usize = 4;

/// A reader that can be sent to another thread.
pub(crate) trait ReadSeek: Read + Seek + Send {}
impl<T: Read + Seek + Send> ReadSeek for T {}

/// The file, shared by the thread reading its rows and the caller that may read it again whole.
#[derive(Clone)]
pub(crate) struct SharedFile(Arc<Mutex<Box<dyn ReadSeek>>>);

impl SharedFile {
    pub(crate) fn new(reader: impl ReadSeek + 'static) -> SharedFile {
        SharedFile(Arc::new(Mutex::new(Box::new(reader))))
    }

    fn with<T>(&self, f: impl FnOnce(&mut dyn ReadSeek) -> std::io::Result<T>) -> std::io::Result<T> {
        let mut file = self.0.lock().map_err(|_| std::io::Error::other("the file's reader failed"))?;
        f(&mut **file)
    }

    /// Every byte of the file.
    pub(crate) fn whole(&self) -> Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.with(|file| {
            file.seek(SeekFrom::Start(0))?;
            file.read_to_end(&mut bytes)
        })
        .map_err(|e| Error::new(ErrorKind::Parse, format!("读取文件时出错：{e}"), format!("the file could not be read: {e}")))?;
        Ok(bytes)
    }
}

impl Read for SharedFile {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.with(|file| file.read(buf))
    }
}

impl Seek for SharedFile {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        self.with(|file| file.seek(to))
    }
}

/// The rows of a sheet as its thread sends them.
pub(crate) struct SheetFeed {
    rows: Option<mpsc::Receiver<Result<Vec<RawRow>>>>,
    /// The batch being handed out.
    batch: std::vec::IntoIter<RawRow>,
    thread: Option<JoinHandle<()>>,
    /// The last row the sheet declares (its `dimension`), 0 when it declares none; and the last
    /// row handed out: how far through the sheet.
    last_row: u32,
    row_done: u32,
    finished: bool,
}

impl SheetFeed {
    pub(crate) fn next_row(&mut self) -> Result<Option<RawRow>> {
        loop {
            if let Some(row) = self.batch.next() {
                self.row_done = row.row;
                return Ok(Some(row));
            }
            let Some(rows) = &self.rows else { return Ok(None) };
            match rows.recv() {
                Ok(Ok(batch)) => self.batch = batch.into_iter(),
                Ok(Err(e)) => {
                    self.stop();
                    return Err(e);
                }
                // The thread ended: the sheet was read to its end, unless the thread broke down.
                Err(_) => {
                    if self.stop() {
                        return Err(Error::new(ErrorKind::Internal, "读取 Excel 工作表时内部出错，未读完：请报告这个问题", "the Excel sheet could not be read to its end (an internal error): please report it"));
                    }
                    return Ok(None);
                }
            }
        }
    }

    /// Stops the thread (its next send fails) and waits for it; whether it broke down.
    fn stop(&mut self) -> bool {
        self.finished = true;
        self.rows = None;
        self.thread.take().is_some_and(|t| t.join().is_err())
    }

    /// How far through the sheet, 0–1.
    pub(crate) fn progress(&self) -> f64 {
        if self.finished {
            1.0
        } else if self.last_row == 0 {
            0.0
        } else {
            (f64::from(self.row_done) / f64::from(self.last_row)).min(1.0)
        }
    }
}

impl Drop for SheetFeed {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Opens the workbook from `file` as `read_xlsx` opens its bytes (zip checked, sheet chosen,
/// merged areas read in a pass of their own) and starts the thread that reads its rows.
pub(crate) fn open(file: SharedFile, options: &TableOptions, out_of_order: Arc<AtomicBool>) -> Result<(Meta, SheetFeed)> {
    let rewound = |file: &SharedFile| {
        let mut file = file.clone();
        file.seek(SeekFrom::Start(0)).map_err(|e| unreadable(".xlsx", &e))?;
        Ok::<_, Error>(BufReader::new(file))
    };
    check_zip(rewound(&file)?, &options.limits)?;
    let mut wb: Xlsx<_> = Xlsx::new(rewound(&file)?).map_err(|e| unreadable(".xlsx", &e))?;
    let (names, sheets, sheet, notes) = open_sheet(&mut wb, options)?;
    let last_row = {
        let reader = wb.worksheet_cells_reader(&sheet).map_err(|e| unreadable(".xlsx", &e))?;
        let declared = reader.dimensions();
        if declared.end.0 == 0 { 0 } else { declared.end.0.saturating_add(1) }
    };
    let merges = merges_of(&mut wb, &sheet);
    let meta = Meta { sheets: names, hidden: hidden_of(&sheets), sheet: sheet.clone(), encoding: "xlsx".into(), confidence: "certain".into(), delimiter: None, merges, notes };
    let limits = options.limits;
    let (sender, rows) = mpsc::sync_channel(BATCHES_IN_FLIGHT);
    let thread = std::thread::Builder::new()
        .name("xlsx rows".into())
        .spawn(move || {
            if let Err(e) = send_rows(&mut wb, &sheet, &limits, &sender, &out_of_order) {
                let _ = sender.send(Err(e));
            }
        })
        .map_err(|e| Error::new(ErrorKind::Internal, format!("无法开始读取工作表：{e}"), format!("the sheet could not be read: {e}")))?;
    Ok((meta, SheetFeed { rows: Some(rows), batch: Vec::new().into_iter(), thread: Some(thread), last_row, row_done: 0, finished: false }))
}

/// Reads the sheet's cells in the file's order and sends the rows, in batches, each once the next
/// one starts; returns quietly when the rows are no longer wanted (the receiver is gone).
fn send_rows<RS: Read + Seek>(wb: &mut Xlsx<RS>, sheet: &str, limits: &Limits, sender: &mpsc::SyncSender<Result<Vec<RawRow>>>, out_of_order: &AtomicBool) -> Result<()> {
    let mut rows = SparseRows::new(limits);
    let mut reader = wb.worksheet_cells_reader(sheet).map_err(|e| unreadable(".xlsx", &e))?;
    let mut batch: Vec<RawRow> = Vec::with_capacity(BATCH);
    // The row (1-based) whose cells are being gathered.
    let mut current = 0u32;
    while let Some(record) = reader.next_cell_with_formula_metadata().map_err(|e| unreadable(".xlsx", &e))? {
        let row = record.pos.0.saturating_add(1);
        if row < current {
            out_of_order.store(true, Ordering::SeqCst);
            return Err(Error::new(
                ErrorKind::Internal,
                format!("工作表的第 {row} 行写在第 {current} 行之后，需要整个读取"),
                format!("the sheet's row {row} comes after row {current} in the file: it must be read whole"),
            ));
        }
        if row > current {
            batch.extend(rows.finished_before(Some(row)));
            if batch.len() >= BATCH && sender.send(Ok(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))).is_err() {
                return Ok(());
            }
            current = row;
        }
        take_cell(&mut rows, record)?;
    }
    batch.extend(rows.finished_before(None));
    // A receiver gone has nothing left to be told.
    let _ = sender.send(Ok(batch));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sheet of `rows` rows: a header (编号) and the ids 1, 2, 3…
    fn numbered_sheet(rows: u32) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write(0, 0, "编号").unwrap();
        for r in 1..rows {
            sheet.write(r, 0, r).unwrap();
        }
        book.save_to_buffer().unwrap()
    }

    /// Rows handed out in order, across batches, with the progress against the declared last
    /// row; dropping the feed halfway stops the thread (blocked on a full channel): it lets go
    /// of the file, so only the caller's handle is left.
    #[test]
    fn a_sheet_is_handed_out_in_order_and_its_thread_stops_when_dropped() {
        let file = SharedFile::new(std::io::Cursor::new(numbered_sheet(5_000)));
        let (meta, mut feed) = open(file.clone(), &TableOptions::default(), Arc::new(AtomicBool::new(false))).unwrap();
        assert_eq!((meta.sheets, meta.encoding.as_str()), (vec!["Sheet1".to_string()], "xlsx"));
        for expected in 1..=300u32 {
            let row = feed.next_row().unwrap().unwrap();
            assert_eq!(row.row, expected);
        }
        // Row 300 of 5 000 declared.
        assert_eq!(feed.progress(), 0.06);
        drop(feed);
        assert_eq!(Arc::strong_count(&file.0), 1);
    }
}
