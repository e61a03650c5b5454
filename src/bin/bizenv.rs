//! `bizenv`: the calculator on the command line, on the same core as the page (the Workspace).
//!
//! ```text
//! bizenv days 2023-09-28 2023-10-09              working days and calendar days between two dates
//! bizenv deadline 2023-09-20 45                  the moment 45 working days after a start
//! bizenv evaluate 台账.xlsx --indicator 3.4 --as-of "2023-12-29 17:00" -o 结果.xlsx
//! bizenv report 台账/ project.json --format json the dashboard of ledgers and project files
//! ```
//!
//! Many files (or folders) are read at once, one per core (`--jobs N` to choose), and added to
//! one workspace in the order given: the result is the same for any N.
//!
//! Exit codes, for scripts: 0 done, every row read and evaluated; 1 done, but some rows have
//! problems (each named on stderr by file, sheet, row and column, and kept in the output's problem
//! sheet); 2 wrong arguments; 3 an input could not be read; 4 the output could not be written.
//!
//! Native only: on wasm32 (where `cargo test --target wasm32-unknown-unknown` still builds every
//! binary) it is an empty program, and its dependencies (clap, indicatif) are never compiled.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::collections::{BTreeMap, BTreeSet};
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{mpsc, Condvar, Mutex, PoisonError};
    use std::io::{IsTerminal, Write};
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    use bizenv::api::{self, Lang, WorkOptions};
    use bizenv::ledger::headers::{guess_indicator, read_headers, read_headers_from, IndicatorGuess};
    use bizenv::ledger::table::{SheetChoice, TableOptions};
    use bizenv::time::parse::TimeInput;
    use bizenv::workspace::{fixed, ExportFormat, ExportTarget, ImportOptions, ImportProgress, LedgerRead, Workspace, READ_BLOCK};
    use clap::{Parser, Subcommand, ValueEnum};
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

    /// Exit codes (see the crate's doc comment).
    const PROBLEM_ROWS: u8 = 1;
    const BAD_ARGUMENTS: u8 = 2;
    const UNREADABLE_INPUT: u8 = 3;
    const UNWRITABLE_OUTPUT: u8 = 4;

    /// 营商环境指标计算器 — business-environment indicators on the PRC working calendar (Qujing 2023 plan).
    #[derive(Parser)]
    #[command(name = "bizenv", version, about, after_help = "Exit codes: 0 done; 1 some rows have problems (listed on stderr); 2 wrong arguments; 3 an input could not be read; 4 the output could not be written.")]
    struct Cli {
        /// Language of messages and of the output files: zh (default) or en.
        #[arg(long, global = true, default_value = "zh")]
        lang: LangArg,
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum LangArg {
        Zh,
        En,
    }

    #[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
    enum ReportFormat {
        Xlsx,
        Csv,
        Json,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Working days (and calendar days) from START to END. A date-only start is the end of
        /// that day (not counted); a date-only end is counted: 2023-09-28 → 2023-10-09 is 3.
        Days {
            start: String,
            end: String,
            /// Extra days off (YYYY-MM-DD), in addition to the official calendar.
            #[arg(long = "holiday")]
            holidays: Vec<String>,
            /// Print the full result as JSON.
            #[arg(long)]
            json: bool,
        },
        /// The moment DAYS working days (fractional allowed) after START.
        Deadline {
            start: String,
            days: f64,
            #[arg(long = "holiday")]
            holidays: Vec<String>,
            #[arg(long)]
            json: bool,
        },
        /// Evaluates ledgers (.xlsx, .xls, .csv in UTF-8 or GBK; files or whole folders, merged)
        /// and writes the evaluated ledger as .xlsx (or .csv).
        Evaluate {
            #[command(flatten)]
            input: Inputs,
            /// Where to write the evaluated ledger (.xlsx, or .csv for its first sheet). Rows routed
            /// to several indicators (a power ledger fills 3.4–3.7) give one file per indicator,
            /// named OUT-3.4.xlsx, OUT-3.5.xlsx…
            #[arg(short, long)]
            output: Option<PathBuf>,
        },
        /// The dashboard (every indicator: value, target, met, cases) of ledgers and project files.
        Report {
            #[command(flatten)]
            input: Inputs,
            /// xlsx, csv or json; by default from the output's extension, else json.
            #[arg(long)]
            format: Option<ReportFormat>,
            /// Where to write it; csv and json go to stdout when omitted.
            #[arg(short, long)]
            output: Option<PathBuf>,
        },
    }

    #[derive(clap::Args)]
    struct Inputs {
        /// Ledger files, folders of them, or project files (.json, saved by the page).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The indicator the ledgers are for (e.g. 3.4). When omitted, taken from the file name
        /// (台账-3.4.xlsx), else recognised from the headers (said on stderr; exit code 2 when
        /// several indicators fit alike).
        #[arg(short, long)]
        indicator: Option<String>,
        /// Open cases are judged as of this moment (e.g. "2023-12-29 17:00").
        #[arg(long)]
        as_of: Option<String>,
        /// Files read at once, each on its own thread (default: one per core). The result is the
        /// same for any number: the files are added in the order given.
        #[arg(short, long)]
        jobs: Option<std::num::NonZeroUsize>,
        /// The sheet to read in each workbook (.xlsx, .xls), by its name; by default the first
        /// visible sheet. Text ledgers have none and are read as they are.
        #[arg(long)]
        sheet: Option<String>,
    }

    /// An error that ends the run: its message and exit code.
    struct Exit {
        code: u8,
        message: String,
    }

    impl Exit {
        fn new(code: u8, message: impl Into<String>) -> Exit {
            Exit { code, message: message.into() }
        }
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        let lang = match cli.lang {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        };
        let result = match cli.command {
            Command::Days { start, end, holidays, json } => days(&start, &end, holidays, json, lang),
            Command::Deadline { start, days, holidays, json } => deadline(&start, days, holidays, json, lang),
            Command::Evaluate { input, output } => evaluate(&input, output.as_deref(), lang),
            Command::Report { input, format, output } => report(&input, format, output.as_deref(), lang),
        };
        match result {
            Ok(code) => ExitCode::from(code),
            Err(exit) => {
                eprintln!("bizenv: {}", exit.message);
                ExitCode::from(exit.code)
            }
        }
    }

    fn options(holidays: Vec<String>, lang: Lang) -> WorkOptions {
        WorkOptions { holidays: holidays.into_iter().map(TimeInput::Text).collect(), lang, ..WorkOptions::default() }
    }

    fn bad_argument(lang: Lang) -> impl Fn(bizenv::Error) -> Exit {
        move |e| Exit::new(BAD_ARGUMENTS, lang.error(&e))
    }

    fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Exit> {
        let text = serde_json::to_string_pretty(value).map_err(|e| Exit::new(UNWRITABLE_OUTPUT, e.to_string()))?;
        println!("{text}");
        Ok(())
    }

    fn days(start: &str, end: &str, holidays: Vec<String>, json: bool, lang: Lang) -> Result<u8, Exit> {
        let opts = options(holidays, lang);
        let r = api::working_time(&start.into(), &end.into(), &opts).map_err(bad_argument(lang))?;
        for w in &r.warnings {
            eprintln!("bizenv: {w}");
        }
        if json {
            print_json(&r)?;
        } else {
            let (work, cal) = (fixed(r.working_days, (0, 2)), fixed(r.calendar_days, (0, 2)));
            println!("{}", lang.pick(&format!("{start} → {end}：{work} 个工作日，{cal} 个自然日"), &format!("{start} → {end}: {work} working days, {cal} calendar days")));
        }
        Ok(0)
    }

    fn deadline(start: &str, days: f64, holidays: Vec<String>, json: bool, lang: Lang) -> Result<u8, Exit> {
        let opts = options(holidays, lang);
        let (due, warnings) = api::add_working_days(&start.into(), days, &opts).map_err(bad_argument(lang))?;
        for w in &warnings {
            eprintln!("bizenv: {w}");
        }
        if json {
            print_json(&serde_json::json!({ "deadline": due, "warnings": warnings }))?;
        } else {
            let due = due.replace('T', " ");
            let n = fixed(days, (0, 2));
            println!("{}", lang.pick(&format!("{start} 起 {n} 个工作日：{due}"), &format!("{n} working days from {start}: {due}")));
        }
        Ok(0)
    }

    /// The ledger files named: files as given, folders' ledgers (.xlsx, .xls, .csv, .txt) sorted
    /// by name, one level deep.
    fn ledger_files(paths: &[PathBuf], lang: Lang) -> Result<Vec<PathBuf>, Exit> {
        let mut files = Vec::new();
        for path in paths {
            if path.is_dir() {
                let entries = std::fs::read_dir(path).map_err(|e| unreadable(path, &e.to_string(), lang))?;
                let mut found: Vec<PathBuf> = entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.is_file() && matches!(extension(p).as_str(), "xlsx" | "xlsm" | "xls" | "csv" | "txt" | "json"))
                    .collect();
                found.sort();
                files.extend(found);
            } else {
                files.push(path.clone());
            }
        }
        Ok(files)
    }

    fn extension(path: &Path) -> String {
        path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default()
    }

    fn unreadable(path: &Path, why: &str, lang: Lang) -> Exit {
        let p = path.display();
        Exit::new(UNREADABLE_INPUT, lang.pick(&format!("无法读取 {p}：{why}"), &format!("cannot read {p}: {why}")))
    }

    /// Bytes read from a ledger at a time: `READ_BLOCK`, or what the hidden `BIZENV_READ_BLOCK`
    /// says (the tests' tiny blocks); `None` (`BIZENV_READ_BLOCK=0`) reads files whole, as
    /// before, for the tests that compare both ways. Not a flag: nobody needs it but the tests.
    fn read_block() -> Option<usize> {
        match std::env::var("BIZENV_READ_BLOCK").ok().and_then(|v| v.parse::<usize>().ok()) {
            Some(0) => None,
            Some(n) => Some(n),
            None => Some(READ_BLOCK),
        }
    }

    fn open_ledger(path: &Path, lang: Lang) -> Result<std::fs::File, Exit> {
        std::fs::File::open(path).map_err(|e| unreadable(path, &e.to_string(), lang))
    }

    /// The indicator a ledger is for: the one given, else an indicator id in the file's name, else
    /// the one its headers point to. Returns it and, when guessed from the headers, what to say.
    /// `bytes`: the file read whole, else it is read from disk a block at a time.
    fn indicator_of(path: &Path, given: Option<&str>, bytes: Option<&[u8]>, ws: &Workspace, options: &TableOptions) -> Result<(String, Option<String>), Exit> {
        let lang = options.lang;
        if let Some(id) = given {
            return Ok((id.to_string(), None));
        }
        let catalog = ws.catalog();
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let tokens: Vec<&str> = stem.split(|c: char| !(c.is_ascii_digit() || c == '.')).filter(|t| !t.is_empty()).collect();
        // The longest id that is a whole token of the name ("3.4" in 台账-3.4, not in 13.45).
        let mut ids: Vec<&str> = catalog.indicators.iter().map(|i| i.id.as_str()).filter(|id| tokens.contains(id)).collect();
        ids.sort_by_key(|id| std::cmp::Reverse(id.len()));
        if let Some(id) = ids.first() {
            return Ok((id.to_string(), None));
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let headers = match bytes {
            Some(bytes) => read_headers(bytes, &name, options),
            None => read_headers_from(open_ledger(path, lang)?, &name, options),
        };
        let headers = headers.map_err(|e| unreadable(path, &lang.error(&e), lang))?;
        let guess = guess_indicator(&headers, catalog).map_err(|e| unreadable(path, &lang.error(&e), lang))?;
        let named = |id: &str| {
            let ind = catalog.get(id);
            let title = ind.map(|i| lang.pick(&i.name_zh, &i.name_en)).unwrap_or_default();
            lang.pick(&format!("{id}（{title}）"), &format!("{id} ({title})"))
        };
        let p = path.display();
        match guess {
            IndicatorGuess::One(id) => {
                let note = lang.pick(&format!("{name}：按表头识别为指标 {}", named(&id)), &format!("{name}: indicator {} recognised from the headers", named(&id)));
                Ok((id, Some(note)))
            }
            IndicatorGuess::Topic { ids, class_field } => {
                let topic = ids.first().and_then(|id| catalog.get(id)).and_then(|ind| catalog.topics.iter().find(|t| t.id == ind.topic));
                let topic = topic.map(|t| lang.pick(&t.name_zh, &t.name_en)).unwrap_or_default();
                let class = if class_field == "projectType" { lang.pick("项目类型", "project type") } else { lang.pick("客户类别", "customer class") };
                let list = ids.join(lang.pick("、", ", ").as_str());
                let note = lang.pick(&format!("{name}：按表头识别为「{topic}」台账，各行按{class}分到指标 {list}"), &format!("{name}: a {topic} ledger recognised from the headers, each row filed under {list} by its {class}"));
                let first = ids.into_iter().next().unwrap_or_default();
                Ok((first, Some(note)))
            }
            IndicatorGuess::Unclear(candidates) if candidates.is_empty() => Err(Exit::new(
                BAD_ARGUMENTS,
                lang.pick(
                    &format!("无法确定 {p} 属于哪项指标：文件名中没有指标编号，表头中也没有识别出任何指标的字段；请用 --indicator 指定（如 --indicator 3.4）"),
                    &format!("cannot tell which indicator {p} is for: no indicator id in its name and no column names an indicator's field; give --indicator (e.g. --indicator 3.4)"),
                ),
            )),
            IndicatorGuess::Unclear(candidates) => {
                // Many indicators share start and end times: name the first few, and how many more.
                const SHOWN: usize = 6;
                let mut list: Vec<String> = candidates.iter().take(SHOWN).map(|id| named(id)).collect();
                if candidates.len() > SHOWN {
                    let more = candidates.len() - SHOWN;
                    list.push(lang.pick(&format!("另 {more} 项"), &format!("{more} more")));
                }
                let list = list.join(lang.pick("、", ", ").as_str());
                let first = candidates.first().cloned().unwrap_or_default();
                Err(Exit::new(
                    BAD_ARGUMENTS,
                    lang.pick(
                        &format!("无法按表头确定 {p} 属于哪项指标，以下指标同样符合：{list}；请用 --indicator 指定（如 --indicator {first}），或在文件名中写上指标编号"),
                        &format!("cannot tell from the headers which indicator {p} is for; these fit equally: {list}; give --indicator (e.g. --indicator {first}) or put the indicator id in the file name"),
                    ),
                ))
            }
        }
    }

    /// A workspace holding every input: projects loaded, ledgers imported (rows routed by class,
    /// counties and months merged). Returns it, the indicators that received rows, and whether any
    /// row had a problem. The ledgers are read on `--jobs` threads and added in the order given,
    /// so that the workspace, the messages and the exit code are those of reading them one by one.
    fn load(input: &Inputs, lang: Lang) -> Result<(Workspace, Vec<String>, bool), Exit> {
        let mut ws = Workspace::new().map_err(|e| Exit::new(UNREADABLE_INPUT, lang.error(&e)))?;
        let lang_code = if lang == Lang::En { "en" } else { "zh" };
        let mut settings = serde_json::json!({ "lang": lang_code });
        if let Some(as_of) = &input.as_of {
            settings["asOf"] = serde_json::Value::from(as_of.as_str());
        }
        ws.set_settings(&settings).map_err(bad_argument(lang))?;
        // Project files first: loading one replaces the workspace, ledgers are added to it.
        let mut files = ledger_files(&input.paths, lang)?;
        files.sort_by_key(|f| extension(f) != "json");
        let projects: Vec<String> = files.iter().filter(|f| extension(f) == "json").map(|f| f.display().to_string()).collect();
        if projects.len() > 1 {
            let list = projects.join(", ");
            return Err(Exit::new(BAD_ARGUMENTS, lang.pick(&format!("一次只能打开一个项目文件（收到 {list}）：项目之间请用台账合并"), &format!("one project file at a time (got {list}): merge projects through their ledgers"))));
        }
        let sizes: Vec<u64> = files.iter().map(|f| std::fs::metadata(f).map_or(0, |m| m.len())).collect();
        let bar = if std::io::stderr().is_terminal() { ProgressBar::with_draw_target(Some(sizes.iter().sum()), ProgressDrawTarget::stderr()) } else { ProgressBar::hidden() };
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {percent:>3}% {msg}") {
            bar.set_style(style);
        }
        let mut touched: Vec<String> = Vec::new();
        for (file, size) in files.iter().zip(&sizes).take(projects.len()) {
            bar.set_message(file_name(file));
            let bytes = std::fs::read(file).map_err(|e| unreadable(file, &e.to_string(), lang))?;
            let text = String::from_utf8(bytes).map_err(|_| unreadable(file, &lang.pick("项目文件不是 UTF-8 文本", "a project file must be UTF-8 text"), lang))?;
            ws.load_project(&text).map_err(|e| unreadable(file, &lang.error(&e), lang))?;
            // The evaluation instant and language given here win over the project's.
            ws.set_settings(&settings).map_err(bad_argument(lang))?;
            let view = ws.dashboard().map_err(|e| unreadable(file, &lang.error(&e), lang))?;
            for i in view.dashboard.indicators.iter().filter(|i| i.count > 0) {
                if !touched.contains(&i.id) {
                    touched.push(i.id.clone());
                }
            }
            bar.inc(*size);
        }
        let ledgers = Ledgers { files: &files[projects.len()..], sizes: &sizes[projects.len()..], indicator: input.indicator.as_deref(), sheet: input.sheet.as_deref(), lang, bar: &bar };
        let jobs = input.jobs.map_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()), |n| n.get());
        let mut problems = false;
        ledgers.read_in_order(&ws.reader(), jobs.min(ledgers.files.len()).max(1), |ledger| {
            let Ledger { file, name, read, note } = ledger;
            if let Some(note) = note {
                bar.suspend(|| eprintln!("{note}"));
            }
            let report = ws.absorb(read).map_err(|e| unreadable(&file, &lang.error(&e), lang))?;
            // What the page shows above an import's preview: a hidden sheet passed over, the
            // encoding guessed, an HTML table read as a workbook, no column recognised.
            for warning in &report.warnings {
                bar.suspend(|| eprintln!("{name}{}{warning}", lang.pick("：", ": ")));
            }
            for d in &report.destinations {
                if !touched.contains(&d.indicator_id) {
                    touched.push(d.indicator_id.clone());
                }
            }
            let shown = ws.problems(report.import_id, 0, 20).map(|p| p.rows).unwrap_or_default();
            for p in &shown {
                bar.suspend(|| eprintln!("{}", problem_line(&name, p, lang)));
            }
            if report.problems_total > shown.len() {
                let more = report.problems_total - shown.len();
                bar.suspend(|| eprintln!("{}", lang.pick(&format!("{name}：另有 {more} 行有问题，见输出文件的问题表"), &format!("{name}: {more} more rows with problems, listed in the output's problem sheet"))));
            }
            problems |= report.counts.with_problems > 0;
            Ok(())
        })?;
        bar.finish_and_clear();
        Ok((ws, touched, problems))
    }

    /// A ledger read on a worker thread, waiting for its turn to be added.
    struct Ledger {
        file: PathBuf,
        name: String,
        read: LedgerRead,
        /// The indicator recognised from the headers, to say on stderr.
        note: Option<String>,
    }

    /// The ledger files of a run, to be read on several threads and added in their order.
    struct Ledgers<'a> {
        files: &'a [PathBuf],
        sizes: &'a [u64],
        indicator: Option<&'a str>,
        sheet: Option<&'a str>,
        lang: Lang,
        bar: &'a ProgressBar,
    }

    impl Ledgers<'_> {
        /// Reads the files on `jobs` threads, each in a workspace like `like`, and hands them to
        /// `absorb` one by one in their order; the first error (a file's, or `absorb`'s) ends it,
        /// as it would one file after another. A thread reads no further than `jobs` files ahead
        /// of the one being added, so that memory holds a few read files, never the whole run.
        fn read_in_order(&self, like: &Workspace, jobs: usize, mut absorb: impl FnMut(Ledger) -> Result<(), Exit>) -> Result<(), Exit> {
            let next = AtomicUsize::new(0);
            let stop = AtomicBool::new(false);
            // How many files were added, and a wake-up for the threads waiting for room.
            let added = (Mutex::new(0usize), Condvar::new());
            std::thread::scope(|scope| {
                let (sender, received) = mpsc::channel::<(usize, Result<Ledger, Exit>)>();
                for _ in 0..jobs {
                    let sender = sender.clone();
                    let (next, stop, added) = (&next, &stop, &added);
                    scope.spawn(move || loop {
                        let i = next.fetch_add(1, Ordering::SeqCst);
                        if i >= self.files.len() {
                            break;
                        }
                        {
                            let (count, room) = added;
                            let mut count = count.lock().unwrap_or_else(PoisonError::into_inner);
                            while i >= *count + jobs && !stop.load(Ordering::SeqCst) {
                                count = room.wait(count).unwrap_or_else(PoisonError::into_inner);
                            }
                        }
                        if stop.load(Ordering::SeqCst) || sender.send((i, self.read_one(i, like, stop))).is_err() {
                            break;
                        }
                    });
                }
                drop(sender);
                let outcome = self.absorb_in_order(&received, &added, &mut absorb);
                // An error: the threads stop at their next chunk of rows, or before their next file.
                stop.store(true, Ordering::SeqCst);
                added.1.notify_all();
                outcome
            })
        }

        fn absorb_in_order(&self, received: &mpsc::Receiver<(usize, Result<Ledger, Exit>)>, added: &(Mutex<usize>, Condvar), absorb: &mut impl FnMut(Ledger) -> Result<(), Exit>) -> Result<(), Exit> {
            let mut waiting: BTreeMap<usize, Result<Ledger, Exit>> = BTreeMap::new();
            let mut turn = 0;
            for (i, ledger) in received {
                waiting.insert(i, ledger);
                while let Some(ledger) = waiting.remove(&turn) {
                    absorb(ledger?)?;
                    turn += 1;
                    let (count, room) = added;
                    *count.lock().unwrap_or_else(PoisonError::into_inner) = turn;
                    room.notify_all();
                }
            }
            Ok(())
        }

        /// Reads file `i`: its indicator (given, in its name, or from its headers), then its
        /// rows, in an empty workspace like `like`; the progress bar moves by the bytes read.
        fn read_one(&self, i: usize, like: &Workspace, stop: &AtomicBool) -> Result<Ledger, Exit> {
            let (file, size, lang) = (&self.files[i], self.sizes[i], self.lang);
            let name = file_name(file);
            self.bar.set_message(name.clone());
            let block = read_block();
            // Text is read a block at a time; whole only when the tests ask (to compare both ways).
            let bytes = match block {
                None => Some(std::fs::read(file).map_err(|e| unreadable(file, &e.to_string(), lang))?),
                Some(_) => None,
            };
            let table = TableOptions { lang, sheet: self.sheet.map(|name| SheetChoice::Name(name.to_string())), ..TableOptions::default() };
            let (indicator, note) = indicator_of(file, self.indicator, bytes.as_deref(), like, &table)?;
            let options = ImportOptions { indicator, table, route: true, replace: false };
            let mut shown = 0;
            let mut progress = |p: &ImportProgress| {
                self.bar.inc(p.bytes_done.saturating_sub(shown));
                shown = shown.max(p.bytes_done);
                !stop.load(Ordering::SeqCst)
            };
            let read = match &bytes {
                Some(bytes) => like.reader().read_apart(bytes, &name, &options, &mut progress),
                None => {
                    let reader = open_ledger(file, lang)?;
                    like.reader().read_apart_in_blocks(reader, &name, &options, block.unwrap_or(READ_BLOCK), &mut progress)
                }
            };
            self.bar.inc(size.saturating_sub(shown));
            let read = read.map_err(|e| unreadable(file, &lang.error(&e), lang))?;
            Ok(Ledger { file: file.clone(), name, read, note })
        }
    }

    fn file_name(path: &Path) -> String {
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    }

    fn problem_line(file: &str, p: &bizenv::ledger::table::Problem, lang: Lang) -> String {
        let (sheet, row) = (&p.sheet, p.row);
        let column = match (&p.column, &p.column_letter) {
            (Some(c), Some(l)) => lang.pick(&format!("，{l} 列（{c}）"), &format!(", column {l} ({c})")),
            (None, Some(l)) => lang.pick(&format!("，{l} 列"), &format!(", column {l}")),
            (Some(c), None) => lang.pick(&format!("，列「{c}」"), &format!(", column \"{c}\"")),
            (None, None) => String::new(),
        };
        let value = p.value.as_ref().map(|v| lang.pick(&format!("，值「{v}」"), &format!(", value \"{v}\""))).unwrap_or_default();
        lang.pick(&format!("{file}，工作表 {sheet}，第 {row} 行{column}{value}：{}", p.message), &format!("{file}, sheet {sheet}, row {row}{column}{value}: {}", p.message))
    }

    /// One line per indicator: its value against its target, and its cases.
    fn summary_lines(ws: &mut Workspace, ids: &[String], lang: Lang) -> Result<Vec<String>, Exit> {
        let view = ws.dashboard().map_err(|e| Exit::new(UNREADABLE_INPUT, lang.error(&e)))?;
        let wanted: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
        Ok(view
            .dashboard
            .indicators
            .iter()
            .filter(|i| wanted.contains(i.id.as_str()))
            .map(|i| {
                let value = i.value.map_or_else(|| "—".to_string(), |v| fixed(v, (0, 4)));
                let target = i.target.map_or_else(|| "—".to_string(), |v| fixed(v, (0, 4)));
                let unit = if lang == Lang::En { i.unit_label_en.clone() } else { i.unit_label_zh.clone() }.unwrap_or_default();
                // English puts a space before a word unit ("0.34 working days"), never before %.
                let unit = if lang == Lang::En && !unit.is_empty() && !unit.starts_with('%') { format!(" {unit}") } else { unit };
                let verdict = match i.met {
                    Some(true) => lang.pick("达标", "met"),
                    Some(false) => lang.pick("未达标", "not met"),
                    None => lang.pick("无法判断", "no verdict"),
                };
                let name = if lang == Lang::En { &i.name_en } else { &i.name_zh };
                lang.pick(
                    &format!("{} {name}：{value}{unit}（目标 {target}{unit}）{verdict}；{} 件，有效 {}，未办结 {}，未达标 {}，有问题 {}", i.id, i.count, i.valid, i.open, i.late, i.invalid),
                    &format!("{} {name}: {value}{unit} (target {target}{unit}) {verdict}; {} cases, {} valid, {} open, {} not met, {} with problems", i.id, i.count, i.valid, i.open, i.late, i.invalid),
                )
            })
            .collect())
    }

    fn write(path: &Path, bytes: &[u8], lang: Lang) -> Result<(), Exit> {
        std::fs::write(path, bytes).map_err(|e| {
            let p = path.display();
            Exit::new(UNWRITABLE_OUTPUT, lang.pick(&format!("无法写入 {p}：{e}"), &format!("cannot write {p}: {e}")))
        })
    }

    /// An indicator's cases written to `path` as CSV row by row (the bytes of `export`, never
    /// the whole ledger in memory); nothing is left behind when it fails.
    fn write_csv(ws: &mut Workspace, id: &str, path: &Path, lang: Lang) -> Result<(), Exit> {
        let cannot_write = |e: &dyn std::fmt::Display| {
            let p = path.display();
            Exit::new(UNWRITABLE_OUTPUT, lang.pick(&format!("无法写入 {p}：{e}"), &format!("cannot write {p}: {e}")))
        };
        let file = std::fs::File::create(path).map_err(|e| cannot_write(&e))?;
        let mut out = std::io::BufWriter::new(file);
        let written = ws.export_csv_to(id, &mut out).map_err(|e| Exit::new(UNWRITABLE_OUTPUT, lang.error(&e))).and_then(|()| out.flush().map_err(|e| cannot_write(&e)));
        if written.is_err() {
            drop(out);
            let _ = std::fs::remove_file(path);
        }
        written
    }

    fn evaluate(input: &Inputs, output: Option<&Path>, lang: Lang) -> Result<u8, Exit> {
        let (mut ws, touched, problems) = load(input, lang)?;
        for line in summary_lines(&mut ws, &touched, lang)? {
            println!("{line}");
        }
        if let Some(out) = output {
            let format = if extension(out) == "csv" { ExportFormat::Csv } else { ExportFormat::Xlsx };
            for id in &touched {
                let path = if touched.len() == 1 { out.to_path_buf() } else { with_suffix(out, id) };
                if format == ExportFormat::Csv {
                    write_csv(&mut ws, id, &path, lang)?;
                } else {
                    let bytes = ws.export(&ExportTarget::Indicator(id.clone()), format).map_err(|e| Exit::new(UNWRITABLE_OUTPUT, lang.error(&e)))?;
                    write(&path, &bytes, lang)?;
                }
                eprintln!("{}", lang.pick(&format!("已写入 {}", path.display()), &format!("wrote {}", path.display())));
            }
        }
        Ok(if problems { PROBLEM_ROWS } else { 0 })
    }

    /// `out.xlsx` → `out-3.4.xlsx`.
    fn with_suffix(out: &Path, id: &str) -> PathBuf {
        let stem = out.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let name = match out.extension() {
            Some(ext) => format!("{stem}-{id}.{}", ext.to_string_lossy()),
            None => format!("{stem}-{id}"),
        };
        out.with_file_name(name)
    }

    fn report(input: &Inputs, format: Option<ReportFormat>, output: Option<&Path>, lang: Lang) -> Result<u8, Exit> {
        let format = format.unwrap_or_else(|| match output.map(extension).as_deref() {
            Some("xlsx") => ReportFormat::Xlsx,
            Some("csv") => ReportFormat::Csv,
            _ => ReportFormat::Json,
        });
        if format == ReportFormat::Xlsx && output.is_none() {
            return Err(Exit::new(BAD_ARGUMENTS, lang.pick("xlsx 格式需要用 -o 指定输出文件", "the xlsx format needs an output file: give -o")));
        }
        let (mut ws, _, problems) = load(input, lang)?;
        let bytes = match format {
            ReportFormat::Json => {
                let view = ws.dashboard().map_err(|e| Exit::new(UNREADABLE_INPUT, lang.error(&e)))?;
                let mut text = serde_json::to_vec_pretty(&view).map_err(|e| Exit::new(UNWRITABLE_OUTPUT, e.to_string()))?;
                text.push(b'\n');
                text
            }
            ReportFormat::Csv => ws.export(&ExportTarget::Dashboard, ExportFormat::Csv).map_err(|e| Exit::new(UNWRITABLE_OUTPUT, lang.error(&e)))?,
            ReportFormat::Xlsx => ws.export(&ExportTarget::Dashboard, ExportFormat::Xlsx).map_err(|e| Exit::new(UNWRITABLE_OUTPUT, lang.error(&e)))?,
        };
        match output {
            Some(path) => write(path, &bytes, lang)?,
            None => std::io::stdout().write_all(&bytes).map_err(|e| Exit::new(UNWRITABLE_OUTPUT, e.to_string()))?,
        }
        Ok(if problems { PROBLEM_ROWS } else { 0 })
    }
}
