// Every string a user can see on the page lives here.
//
// `zh` is the language of the page; `en` is kept complete so the language
// switch (a later issue) only has to call setLanguage("en").
// Messages thrown by the calculation core (Rust) are already bilingual and
// are shown as they come; they are not repeated here.
//
// Markup refers to these keys with data-i18n (text content),
// data-i18n-placeholder, data-i18n-title and data-i18n-aria-label.
// Two fallbacks stay in index.html because they must work without
// JavaScript: the <title> and the <noscript> notice.

const zh = {
  "doc.title": "工作日计算器 — 营商环境指标计算器",
  "app.title": "营商环境指标计算器",
  "app.subtitle": "工作日计算器：按国家法定节假日和调休安排计算办理用时与期限",
  "app.skip": "跳到计算结果",

  "status.loading": "正在加载计算模块，请稍候……",
  "status.loadFailed":
    "计算模块加载失败，暂时无法计算。请刷新页面重试；如仍无法使用，请联系本单位信息技术人员。",
  "status.loadFailedDetail": "技术信息：{msg}",

  "calc.heading": "办理用时计算",
  "calc.desc":
    "填写开始时间和结束时间，自动扣除周末、法定节假日和停止计时期间，计算实际占用的工作时间。",
  "calc.start": "开始时间",
  "calc.end": "结束时间",
  "calc.start.placeholder": "例如 2023-09-28 或 2023-07-14 09:30",
  "calc.end.placeholder": "例如 2023-10-09 或 2023/7/14 11:00",
  "calc.formats":
    "可填写：2023-07-14 09:30、2023/7/14 9:30、2023年7月14日 9:30、只填日期 2023-09-28，也可粘贴 Excel 日期序号。",
  "calc.rule.title": "计算规则",
  "calc.rule":
    "只填日期时，开始日当天不计入，从次日起算；结束日当天计入（算至当日下班）。例如 2023-09-28 至 2023-10-09 计 3 个工作日。",
  "calc.submit": "计算",

  "stops.legend": "停止计时期间",
  "stops.desc": "补正材料、公示、专家评审、听证等依法不计入办理时限的期间，计算时予以扣除。",
  "stops.empty": "暂无停止计时期间。",
  "stops.add": "添加停止计时期间",
  "stops.item": "第 {n} 项",
  "stops.start": "开始",
  "stops.end": "结束",
  "stops.reason": "事由",
  "stops.start.placeholder": "例如 2023-07-18 10:00",
  "stops.end.placeholder": "例如 2023-07-20 16:00",
  "stops.reason.placeholder": "例如 补正材料",
  "stops.remove": "删除",
  "stops.removeAria": "删除第 {n} 项停止计时期间",
  "stops.reasons": ["补正材料", "公示", "专家评审", "听证", "现场勘查", "检验检测", "鉴定", "招标、拍卖"],
  "stops.defaultReason": "停止计时",

  "hours.legend": "办公时间",
  "hours.desc": "每个工作日的上班时段，采用 24 小时制。默认上午 09:00–12:00、下午 14:00–18:00。",
  "hours.session": "时段 {n}",
  "hours.from": "上班",
  "hours.to": "下班",
  "hours.from.placeholder": "09:00",
  "hours.to.placeholder": "12:00",
  "hours.add": "添加时段",
  "hours.reset": "恢复默认时段",
  "hours.remove": "删除",
  "hours.removeAria": "删除时段 {n}",
  "hours.perDay.enable": "每个工作日按固定小时数折算",
  "hours.perDay.value": "每个工作日按",
  "hours.perDay.unit": "小时计",
  "hours.perDay.hint": "不勾选时，以上面各时段的合计时长为 1 个工作日。",

  "results.heading": "计算结果",
  "results.workingDays": "工作日",
  "results.workingHours": "工作小时",
  "results.workingHours.unit": "小时",
  "results.workingMinutes": "工作分钟",
  "results.workingMinutes.unit": "分钟",
  "results.calendarDays": "自然日",
  "results.calendarDays.unit": "天",
  "results.empty": "—",
  "results.pending": "请填写开始时间和结束时间。",
  "results.invalid": "输入有误，暂时无法计算。请按红色提示修改。",
  "results.ok": "已按当前输入计算。",
  "results.stopped": "已扣除停止计时期间内的工作时间 {hours} 小时（{minutes} 分钟）。",
  "results.warnings": "请注意",
  "results.print": "打印",

  "errors.startRequired": "请填写开始时间。",
  "errors.endRequired": "请填写结束时间。",
  "errors.stopIncomplete": "请同时填写这一项的开始和结束时间。",
  "errors.sessionsEmpty": "请至少填写一个办公时段。",
  "errors.sessionIncomplete": "时段 {n} 的上班和下班时间都要填写。",
  "errors.hoursPerDay": "请填写每个工作日的小时数，例如 8。",
  "errors.deadlineDays": "请填写工作日数，例如 20。",
  "errors.fixStartFirst": "请先改正上方的开始时间。",
  "errors.fixAboveFirst": "请先改正上方标出的输入错误。",

  "deadline.heading": "期限计算",
  "deadline.desc": "从上方“开始时间”起，经过指定个数的工作日（扣除停止计时期间）后的期限届满时间。",
  "deadline.days": "工作日数",
  "deadline.days.unit": "个工作日",
  "deadline.result": "期限届满时间",
  "deadline.value": "{y}年{m}月{d}日 {hm}",
  "deadline.from": "开始时间：{start}",

  "calendar.heading": "月历",
  "calendar.prev": "上个月",
  "calendar.next": "下个月",
  "calendar.year": "年份",
  "calendar.month": "月份",
  "calendar.yearOption": "{y}年",
  "calendar.monthOption": "{m}月",
  "calendar.caption": "{y}年{m}月",
  "calendar.weekdays": ["一", "二", "三", "四", "五", "六", "日"],
  "calendar.weekdaysLong": ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"],
  "calendar.badge.holiday": "休",
  "calendar.badge.makeup_workday": "班",
  "calendar.kind.weekday": "工作日",
  "calendar.kind.weekend": "周末",
  "calendar.kind.holiday": "法定节假日",
  "calendar.kind.makeup_workday": "调休上班",
  "calendar.cellLabel": "{m}月{d}日，{kind}",
  "calendar.cellLabelNamed": "{m}月{d}日，{kind}（{name}）",
  "calendar.legend": "图例",
  "calendar.mark.start": "起",
  "calendar.mark.end": "止",
  "calendar.mark.startLong": "开始时间所在日",
  "calendar.mark.endLong": "结束时间所在日",
  "calendar.coverage": "已收录 {first}—{last} 年国务院办公厅公布的节假日安排。",
  "calendar.noData": "{y}年的节假日安排尚未收录（已收录 {first}—{last} 年），本月只标注了周末，法定节假日和调休以国务院办公厅通知为准。",
  "calendar.failed": "月历无法显示：{msg}",

  "footer.local": "本页面在本机浏览器中计算，填写的内容不会上传。",
  "footer.source": "节假日和调休依据国务院办公厅每年发布的部分节假日安排通知。计算结果供参考，以法定程序认定为准。",
};

const en = {
  "doc.title": "Working-day calculator — Business Environment Indicator Calculator",
  "app.title": "Business Environment Indicator Calculator",
  "app.subtitle": "Working-day calculator: time used and deadlines under the official PRC holiday calendar",
  "app.skip": "Skip to results",

  "status.loading": "Loading the calculation module…",
  "status.loadFailed":
    "The calculation module could not be loaded. Please reload the page; if it still fails, contact your IT staff.",
  "status.loadFailedDetail": "Technical detail: {msg}",

  "calc.heading": "Time used",
  "calc.desc":
    "Enter a start and an end; weekends, public holidays and suspended periods are left out of the working time.",
  "calc.start": "Start",
  "calc.end": "End",
  "calc.start.placeholder": "e.g. 2023-09-28 or 2023-07-14 09:30",
  "calc.end.placeholder": "e.g. 2023-10-09 or 2023/7/14 11:00",
  "calc.formats":
    "Accepted: 2023-07-14 09:30, 2023/7/14 9:30, 2023年7月14日 9:30, a date alone such as 2023-09-28, or an Excel date serial.",
  "calc.rule.title": "Counting rule",
  "calc.rule":
    "For a date without a time, the start day itself is not counted (counting begins the next day) and the end day is counted to the close of business. So 2023-09-28 to 2023-10-09 is 3 working days.",
  "calc.submit": "Calculate",

  "stops.legend": "Suspended periods",
  "stops.desc": "Periods not counted towards the time limit, such as correction of documents, public notice or expert review.",
  "stops.empty": "No suspended periods.",
  "stops.add": "Add a suspended period",
  "stops.item": "No. {n}",
  "stops.start": "From",
  "stops.end": "To",
  "stops.reason": "Reason",
  "stops.start.placeholder": "e.g. 2023-07-18 10:00",
  "stops.end.placeholder": "e.g. 2023-07-20 16:00",
  "stops.reason.placeholder": "e.g. correction of documents",
  "stops.remove": "Remove",
  "stops.removeAria": "Remove suspended period {n}",
  "stops.reasons": ["Correction of documents", "Public notice", "Expert review", "Hearing", "Site inspection", "Testing", "Appraisal", "Tender or auction"],
  "stops.defaultReason": "Suspended",

  "hours.legend": "Office hours",
  "hours.desc": "Working sessions of each working day, 24-hour clock. Default 09:00–12:00 and 14:00–18:00.",
  "hours.session": "Session {n}",
  "hours.from": "From",
  "hours.to": "To",
  "hours.from.placeholder": "09:00",
  "hours.to.placeholder": "12:00",
  "hours.add": "Add a session",
  "hours.reset": "Restore default sessions",
  "hours.remove": "Remove",
  "hours.removeAria": "Remove session {n}",
  "hours.perDay.enable": "Count each working day as a fixed number of hours",
  "hours.perDay.value": "Each working day counts as",
  "hours.perDay.unit": "hours",
  "hours.perDay.hint": "When unticked, one working day is the total length of the sessions above.",

  "results.heading": "Result",
  "results.workingDays": "Working days",
  "results.workingHours": "Working hours",
  "results.workingHours.unit": "h",
  "results.workingMinutes": "Working minutes",
  "results.workingMinutes.unit": "min",
  "results.calendarDays": "Calendar days",
  "results.calendarDays.unit": "days",
  "results.empty": "—",
  "results.pending": "Please enter a start and an end.",
  "results.invalid": "Some input is wrong, so nothing can be calculated yet. See the messages in red.",
  "results.ok": "Calculated from the current input.",
  "results.stopped": "{hours} working hours ({minutes} minutes) inside suspended periods were left out.",
  "results.warnings": "Please note",
  "results.print": "Print",

  "errors.startRequired": "Please enter the start.",
  "errors.endRequired": "Please enter the end.",
  "errors.stopIncomplete": "Please enter both the start and the end of this period.",
  "errors.sessionsEmpty": "Please enter at least one office-hours session.",
  "errors.sessionIncomplete": "Session {n} needs both a start and an end time.",
  "errors.hoursPerDay": "Please enter the hours in a working day, e.g. 8.",
  "errors.deadlineDays": "Please enter a number of working days, e.g. 20.",
  "errors.fixStartFirst": "Please correct the start above first.",
  "errors.fixAboveFirst": "Please correct the input marked above first.",

  "deadline.heading": "Deadline",
  "deadline.desc": "When the given number of working days after the start above runs out (suspended periods left out).",
  "deadline.days": "Working days",
  "deadline.days.unit": "working days",
  "deadline.result": "Deadline",
  "deadline.value": "{y}-{m}-{d} {hm}",
  "deadline.from": "Start: {start}",

  "calendar.heading": "Month calendar",
  "calendar.prev": "Previous month",
  "calendar.next": "Next month",
  "calendar.year": "Year",
  "calendar.month": "Month",
  "calendar.yearOption": "{y}",
  "calendar.monthOption": "{m}",
  "calendar.caption": "{y}-{m}",
  "calendar.weekdays": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
  "calendar.weekdaysLong": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
  "calendar.badge.holiday": "Off",
  "calendar.badge.makeup_workday": "Work",
  "calendar.kind.weekday": "Working day",
  "calendar.kind.weekend": "Weekend",
  "calendar.kind.holiday": "Public holiday",
  "calendar.kind.makeup_workday": "Make-up working day",
  "calendar.cellLabel": "{m}/{d}, {kind}",
  "calendar.cellLabelNamed": "{m}/{d}, {kind} ({name})",
  "calendar.legend": "Legend",
  "calendar.mark.start": "S",
  "calendar.mark.end": "E",
  "calendar.mark.startLong": "day of the start",
  "calendar.mark.endLong": "day of the end",
  "calendar.coverage": "Official holiday arrangements of {first}–{last} are included.",
  "calendar.noData": "The holiday arrangement of {y} is not included yet (covered: {first}–{last}); only weekends are marked this month.",
  "calendar.failed": "The calendar cannot be shown: {msg}",

  "footer.local": "Everything is calculated in this browser; nothing you enter is uploaded.",
  "footer.source": "Holidays follow the State Council General Office's yearly holiday notices. Results are for reference.",
};

export const dictionaries = { zh, en };

const htmlLang = { zh: "zh-CN", en: "en" };
let current = "zh";

export function language() {
  return current;
}

export function setLanguage(lang, root = document) {
  if (!(lang in dictionaries)) throw new Error(`unknown language ${lang}`);
  current = lang;
  document.documentElement.lang = htmlLang[lang];
  applyI18n(root);
}

/** The string for `key`, with {name} placeholders filled from `params`. */
export function t(key, params) {
  let value = dictionaries[current][key];
  if (value === undefined) value = zh[key];
  if (value === undefined) {
    console.warn(`i18n: missing key ${key}`);
    return key;
  }
  if (typeof value !== "string" || !params) return value;
  return value.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** Fill every element under `root` that names a key with data-i18n*. */
export function applyI18n(root = document) {
  for (const node of root.querySelectorAll("[data-i18n]")) {
    node.textContent = t(node.dataset.i18n);
  }
  for (const [attr, data] of [
    ["placeholder", "i18nPlaceholder"],
    ["title", "i18nTitle"],
    ["aria-label", "i18nAriaLabel"],
  ]) {
    for (const node of root.querySelectorAll(`[data-${attrToData(data)}]`)) {
      node.setAttribute(attr, t(node.dataset[data]));
    }
  }
  if (root === document) document.title = t("doc.title");
}

function attrToData(camel) {
  return camel.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
