"""PyPI chinesecalendar, for the side-by-side calendar benchmark (see bench/calendar.mjs).

Reads target/bench/intervals.i32 (n, n start days, n end days: Unix epoch days, little-endian
int32), counts with get_workdays(start + 1 day, end) -- both ends inclusive, so the day after
the start stands for bizenv's "a date-only start is the end of that day" -- on the first SAMPLE
intervals, RUNS times, and writes target/bench/chinesecalendar.json: median microseconds per
interval and every count.

Run: target/bench-venv/bin/python bench/calendar_chinesecalendar.py SAMPLE RUNS
"""

import datetime
import json
import statistics
import struct
import sys
import time

import chinese_calendar


def main() -> None:
    sample, runs = int(sys.argv[1]), int(sys.argv[2])
    with open("target/bench/intervals.i32", "rb") as f:
        data = f.read()
    (n,) = struct.unpack_from("<i", data, 0)
    starts = struct.unpack_from(f"<{n}i", data, 4)
    ends = struct.unpack_from(f"<{n}i", data, 4 + 4 * n)
    sample = min(sample, n)
    unix = datetime.date(1970, 1, 1)
    pairs = [
        (unix + datetime.timedelta(days=starts[i] + 1), unix + datetime.timedelta(days=ends[i]))
        for i in range(sample)
    ]
    timings = []
    counts = []
    for _ in range(runs):
        t = time.perf_counter()
        counts = [len(chinese_calendar.get_workdays(a, b, include_weekends=True)) for a, b in pairs]
        timings.append((time.perf_counter() - t) / sample * 1e6)
    result = {
        "library": "chinesecalendar",
        "version": chinese_calendar.__version__,
        "python": sys.version.split()[0],
        "sample": sample,
        "runs": runs,
        "usPerInterval": statistics.median(timings),
        "counts": counts,
    }
    with open("target/bench/chinesecalendar.json", "w") as f:
        json.dump(result, f)
    print(f"chinesecalendar {result['version']}: {result['usPerInterval']:.1f} µs per interval ({sample} intervals, median of {runs})")


if __name__ == "__main__":
    main()
