"""Province benchmark (issue #15): a synthetic province on a real SQLite file, timed at its busiest.

Usage::

    .venv/bin/python benchmarks/province.py [--communes 120] [--villages 15] [--members 5] [--departments 20]

Builds 120 communes × 15 villages × 5 people (9,000, one village leader and four members each) plus 20
departments, a leader for every commune and department and two province officers, everyone linked to a chat
account; 12 months of history (every village confirmed, 90 % of the communes and departments sent upward). Then
it times:

- the roster import of the 9,000 village people from one CSV sheet (read + validate + store);
- a scheduler pass at a busy moment: 07:35 on the deadline day of a month nobody has reported yet, so every
  member of every village is due a reminder (plan + queue), and the same pass again (nothing new);
- the province digest (collect + text) and its chart, and the workbook (summary + one sheet per unit);
- one commune's digest (text, chart and workbook);
- the database size and the process's peak RSS.

Targets: a pass under 5 s, the province digest under 3 s, the workbook under 5 s, peak RSS ≤ 200 MB. The history
is written with bulk inserts (sqlite-utils ``insert_all``), not through the chat, so that building it does not
dominate the run; everything timed goes through the bot's own functions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Config, load_config  # noqa: E402
from bot.deps import Deps  # noqa: E402
from bot.storage import Store  # noqa: E402
from bot.team.digest import period_summary, summary_text  # noqa: E402
from bot.team.periods import shift  # noqa: E402
from bot.team.render import digest_replies  # noqa: E402
from bot.team.render_province import province_chart, province_excel  # noqa: E402
from bot.team.roster import import_roster, read_roster  # noqa: E402
from bot.team.units import tree  # noqa: E402
from bot.team.upward import province_summary, province_text  # noqa: E402
from scheduler.plan import plan  # noqa: E402

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TARGETS = {"pass": 5.0, "province digest": 3.0, "province workbook": 5.0}
RSS_TARGET_MB = 200


def province_config(communes: int, villages: int, departments: int) -> Config:
    units = [{"key": "tinh", "name": "Tỉnh Mẫu", "kind": "province"}]
    for c in range(communes):
        units.append({"key": f"x{c:03d}", "name": f"Xã Mẫu {c + 1}", "kind": "commune", "parent": "tinh"})
        units += [{"key": f"x{c:03d}_t{v:02d}", "name": f"Thôn {v + 1}", "kind": "village", "parent": f"x{c:03d}"}
                  for v in range(villages)]
    units += [{"key": f"so{d:02d}", "name": f"Sở Mẫu {d + 1}", "kind": "department", "parent": "tinh",
               "targets": {"dvc": 100}} for d in range(departments)]
    base = load_config()
    return Config.model_validate({
        "organisation": {"name": "Ban Chỉ đạo Đề án 06 tỉnh Mẫu", "commune": "tỉnh Mẫu", "province": "Mẫu"},
        "units": units, "indicators": [i.model_dump() for i in base.indicators],
        "reporting": {"deadline_day": 8, "start": "2026-11-01"}})


def roster_csv(path: Path, config: Config, members: int) -> int:
    lines = ["Họ tên;Vai trò;Thôn;Xã;Điện thoại"]
    org = tree(config)
    for n, village in enumerate(config.villages):
        commune = org.name(org.units[village.key].parent)
        for m in range(members):
            role = "Tổ trưởng" if m == 0 else "Thành viên"
            lines.append(f"Người {n}-{m};{role};{village.name};{commune};09{n * members + m:08d}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 1


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def build_history(store: Store, config: Config, first: str, months: int, now: str) -> None:
    """Every village confirmed each month; nine in ten units sent upward (bulk inserts, one transaction)."""
    org = tree(config)
    keys = [i.key for i in config.indicators]
    reports, upward = [], []
    period = first
    for month in range(months):
        for n, village in enumerate(config.villages):
            data = json.dumps({k: (n + month + j) % 40 + 1 for j, k in enumerate(keys)}, sort_keys=True)
            reports.append({"period": period, "village": village.key, "data": data, "person_id": None,
                            "confirmed": now, "version": 1})
        for n, unit in enumerate(org.reporting_units()):
            if n % 10 != 9:
                data = json.dumps({k: 10 * (n % 30) + j for j, k in enumerate(keys)}, sort_keys=True)
                upward.append({"period": period, "unit": unit, "data": data, "own": "{}", "person_id": None,
                               "confirmed": now, "version": 1})
        period = shift(period, 1)
    store.db["reports"].insert_all(reports, batch_size=2000)
    store.db["report_history"].insert_all(reports, batch_size=2000)
    store.db["upward"].insert_all(upward, batch_size=2000)
    store.db["upward_history"].insert_all(upward, batch_size=2000)


def link_everyone(store: Store, config: Config) -> int:
    org = tree(config)
    for unit in org.reporting_units():
        store.add_person(f"Lãnh đạo {org.name(unit)}", "leader", None, "0900000000", unit)
    for n in range(2):
        store.add_person(f"Cán bộ tỉnh {n + 1}", "deputy", None, "0900000001", "tinh")
    accounts = [{"channel": "telegram", "user_id": str(p["id"]), "person_id": p["id"], "joined": "2026-11-01"}
                for p in store.people()]
    store.db["accounts"].insert_all(accounts, batch_size=2000)
    return len(accounts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=int, default=120)
    parser.add_argument("--villages", type=int, default=15)
    parser.add_argument("--members", type=int, default=5)
    parser.add_argument("--departments", type=int, default=20)
    args = parser.parse_args()
    config = province_config(args.communes, args.villages, args.departments)
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as data:
        data_dir = Path(data)
        store = Store.open(data_dir)
        busy = dt.datetime(2027, 12, 8, 7, 35, tzinfo=TZ)  # deadline day of November 2027, 07:30 step just passed
        deps = Deps(config=config, store=store, kb=None, matcher=None, clock=lambda: busy)

        sheet = data_dir / "to_cong_tac_tinh.csv"
        rows = roster_csv(sheet, config, args.members)
        (people, figures["roster read"]) = timed(read_roster, sheet, config)
        (_, figures["roster store"]) = timed(import_roster, store, people)
        accounts = link_everyone(store, config)
        build_history(store, config, "2026-11", 12, "2026-12-01T10:00:00+07:00")

        items, figures["plan"] = timed(plan, deps, busy)
        new, figures["queue"] = timed(store.enqueue, items, busy.isoformat())
        figures["pass"] = figures["plan"] + figures["queue"]
        again = plan(deps, busy)
        start = time.perf_counter()
        repeated = store.enqueue(again, busy.isoformat())
        figures["pass again"] = time.perf_counter() - start + 0.0

        period = "2027-10"  # the last month of the history: due 08/11, sent upward by 15/11
        summary, figures["province collect"] = timed(province_summary, config, store, period)
        _, figures["province text"] = timed(province_text, summary, config.organisation.name)
        figures["province digest"] = figures["province collect"] + figures["province text"]
        _, figures["province chart"] = timed(province_chart, summary)
        workbook, figures["province workbook"] = timed(province_excel, summary, config)
        commune_villages = tree(config).villages_under("x000")
        commune, figures["commune collect"] = timed(period_summary, config, store, period, commune_villages)
        _, figures["commune text"] = timed(summary_text, commune, config.organisation.name)
        _, figures["commune chart+workbook"] = timed(digest_replies, config, commune, ("chart", "excel"))
        store.close()
        db_bytes = sum(f.stat().st_size for f in data_dir.glob("troly06.db*"))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"province: {args.communes} communes × {args.villages} villages × {args.members} people = {rows:,} "
          f"roster rows; {args.departments} departments; {accounts:,} linked accounts; 12 months of history")
    print(f"roster import of {rows:,} rows: read+validate {figures['roster read']:.2f} s, "
          f"store {figures['roster store']:.2f} s")
    print(f"scheduler pass at {busy:%d/%m/%Y %H:%M} (every village due): {len(items):,} items planned in "
          f"{figures['plan']:.2f} s, {new:,} queued in {figures['queue']:.2f} s -> pass {figures['pass']:.2f} s "
          f"(target < {TARGETS['pass']:.0f} s); again: {repeated} new in {figures['pass again']:.2f} s")
    print(f"province digest {period}: {len(summary.confirmed)}/{len(summary.rows)} units confirmed; collect "
          f"{figures['province collect']:.2f} s + text {figures['province text']:.3f} s = "
          f"{figures['province digest']:.2f} s (target < {TARGETS['province digest']:.0f} s); chart "
          f"{figures['province chart']:.2f} s")
    print(f"province workbook: {len(workbook) / 1024:.0f} KB, {len(summary.rows) + 1} sheets in "
          f"{figures['province workbook']:.2f} s (target < {TARGETS['province workbook']:.0f} s)")
    print(f"one commune's digest: collect {figures['commune collect']:.3f} s, text {figures['commune text']:.3f} s, "
          f"chart + workbook {figures['commune chart+workbook']:.2f} s")
    print(f"database: {db_bytes / 1024 / 1024:.1f} MB; peak RSS {rss_mb:.0f} MB (target ≤ {RSS_TARGET_MB} MB)")
    failed = [name for name, limit in TARGETS.items() if figures[name] >= limit]
    if rss_mb > RSS_TARGET_MB:
        failed.append("peak RSS")
    print("targets: " + ("all met" if not failed else "MISSED: " + ", ".join(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
