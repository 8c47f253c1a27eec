"""Command line: ``python -m bot COMMAND``. Every command has ``--help``.

    chat              console chat with the bot (no token, no network)
    ask               answer questions as a citizen would see them (``--json``: one JSON line per stdin line)
    run               start every configured channel (Telegram when TELEGRAM_BOT_TOKEN is set) and the scheduler
    tick              one scheduler pass at --now (reminders, digests, broadcasts through the outbox)
    team import FILE  load a roster (CSV/XLSX);  team invite: one-time invite code;  team list
    tasks import FILE load a plan's task table (CSV/XLSX: task, lead unit, supporting units, product, deadline)
    kb check          validate the knowledge base;  kb stale: entries not reviewed for months
    kb coverage       which kinds of fact (fee, time, place, penalty…) each entry answers directly
    kb export-rasa    write the training data in Rasa's nlu.yml format
    kb unanswered     most frequent questions the bot could not answer;  kb stats: questions per topic
    privacy purge     delete what is older than privacy.retention_days (the scheduler does it daily)
    doctor            check config, tokens, webhook, database, model, disk and clock; exit 1 on a failure
    backup FILE       copy the database (safe while the bot runs);  restore FILE: put a backup back
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from bot.config import ConfigError, Settings


def _settings() -> Settings:
    return Settings()


def _core():
    import atexit

    from bot.app import build_core

    core = build_core(_settings())
    atexit.register(core.deps.store.close)  # writes the question log still buffered (see Store.log_question)
    return core


def cmd_chat(args: argparse.Namespace) -> int:
    from bot.channels.console import chat

    chat(_core())
    return 0


def _ask_line(raw: str) -> tuple[object | None, str]:
    """(session, question) of one ``ask --json`` input line: ``{"session": ID, "q": text}`` or plain text."""
    from bot.messages import clean_text

    if raw.lstrip().startswith("{"):
        try:
            item = json.loads(raw)
        except ValueError:
            item = None
        if isinstance(item, dict) and isinstance(item.get("q"), str) and item.get("session") is not None \
                and not isinstance(item["session"], dict | list):
            session = item["session"]
            return clean_text(session) if isinstance(session, str) else session, clean_text(item["q"])
    return None, raw


def _json_line(record: dict) -> str:
    """One UTF-8 JSON line; line and paragraph separators (and NEL) escaped so no reader splits the line."""
    line = json.dumps(record, ensure_ascii=False)
    for separator in ("\u2028", "\u2029", "\u0085"):  # line breaks to str.splitlines(): keep them escaped
        line = line.replace(separator, json.dumps(separator)[1:-1])
    return line + "\n"


def cmd_ask(args: argparse.Namespace) -> int:
    from bot.channels.console import render
    from bot.messages import Incoming, ReplyMeta, clean_text

    if not args.json and not args.question:
        print("Hãy nhập câu hỏi, ví dụ: python -m bot ask \"đăng ký tạm trú online\"", file=sys.stderr)
        return 2
    core = _core()

    def ask(question: str, session: object | None) -> tuple[str, ReplyMeta]:
        user = "ask" if session is None else f"s:{session}"
        msg = Incoming(channel="ask", user_id=user, chat_id=user, text=question)
        if session is None:
            core.forget(msg)  # a plain line is a question on its own
        replies = core.handle(msg)
        meta = next((r.meta for r in replies if r.meta), ReplyMeta())
        return "\n\n".join(r.text for r in replies), meta

    if not args.json:
        replies = core.handle(Incoming(channel="ask", user_id="ask", chat_id="ask", text=" ".join(args.question)))
        print(clean_text("\n\n".join(render(r) for r in replies)))
        return 0
    lines = [" ".join(args.question)] if args.question else _stdin_lines()
    for line in lines:
        session, question = _ask_line(clean_text(line.rstrip("\r\n")))
        answer, meta = ask(question, session)
        record = {"question": question, "topic": meta.topic, "answer": answer,
                  "confidence": round(float(meta.confidence), 4), "fallback": meta.fallback}
        if session is not None:
            record["session"] = session
        sys.stdout.write(_json_line(record))
        sys.stdout.flush()
    return 0


def _stdin_lines():
    """Standard input as UTF-8 lines; bytes that are not UTF-8 become U+FFFD (never a traceback, never echoed)."""
    import io

    return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline=None)


def cmd_run(args: argparse.Namespace) -> int:
    from bot.runner import run

    return run(_settings(), webhook_url=args.webhook)


def cmd_tick(args: argparse.Namespace) -> int:
    import asyncio
    import datetime as dt

    from bot.app import build_deps
    from scheduler.outbox import run_pass

    try:
        now = dt.datetime.fromisoformat(args.now) if args.now else None
    except ValueError:
        print(f"--now {args.now!r} is not an ISO time; use e.g. 2026-12-07T08:00+07:00", file=sys.stderr)
        return 2
    if now is not None and now.tzinfo is None:
        print("--now needs a time zone offset, e.g. 2026-12-07T08:00+07:00", file=sys.stderr)
        return 2
    settings = _settings()
    deps = build_deps(settings, nlu=False)  # the scheduler answers nobody (scheduler -> team domain only)
    if now is not None:
        deps.clock = lambda: now
    moment = deps.now()

    async def one_pass() -> int:
        transports, closers = {}, []
        if not args.dry_run:
            transports, closers = await tick_transports(settings, deps)
        try:
            items, report = await run_pass(deps, moment, transports, asyncio.sleep, clock=deps.now,
                                           dry_run=args.dry_run)
        finally:
            for close in closers:
                await close()
        for item in items:
            print(f"{item['key']} -> {item['channel']}:{item['chat_id']} {item['kind']}: {item['text'][:90]}")
        if report is None:
            print(f"dry run at {moment.isoformat()}: {len(items)} message(s) due, nothing queued or sent")
        else:
            print(f"pass at {moment.isoformat()}: {len(items)} due; sent {report.sent}, skipped {report.skipped}, "
                  f"retried {report.retried}, failed {report.failed}, unreachable {report.unreachable}; "
                  f"{report.waiting} wait for a channel")
        return 0

    return asyncio.run(one_pass())


async def tick_transports(settings, deps) -> tuple[dict, list]:
    """Outbox transports of the configured channels that can push, for one pass, and how to close them."""
    from bot.channels.base import channel_classes
    from bot.core import Core

    transports, closers = {}, []
    core = Core(deps)
    for cls in channel_classes():
        if not cls.enabled(settings, deps.config):
            continue
        channel = cls.from_settings(core, settings)
        if channel.can_push or channel.can_reply_later:
            await channel.connect()
            transports[channel.name] = channel.send
            closers.append(channel.stop)
    return transports, closers


def cmd_kb_check(args: argparse.Namespace) -> int:
    from knowledge.loader import KNOWLEDGE_DIR, PENDING_REVIEW_FILES, check_knowledge, load_knowledge

    directory = Path(args.dir) if args.dir else KNOWLEDGE_DIR
    problems = check_knowledge(directory, strict=args.strict)
    for problem in problems:
        print(problem)
    pending = sorted(p.name for p in directory.glob("*.yaml") if p.name in PENDING_REVIEW_FILES)
    if pending and not args.strict:
        print(f"note: {', '.join(pending)} not yet held to the answer-length and source rules "
              f"(see them with --strict)", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found in {directory}", file=sys.stderr)
        return 1
    kb = load_knowledge(directory)
    examples = sum(len(e.examples) for e in kb.entries.values())
    print(f"OK: {len(kb)} entries, {examples} examples in {len(kb.groups)} groups")
    return 0


def cmd_kb_stale(args: argparse.Namespace) -> int:
    from knowledge.loader import KNOWLEDGE_DIR, stale_entries

    directory = Path(args.dir) if args.dir else KNOWLEDGE_DIR
    rows = stale_entries(directory, args.months)
    for file, entry_id, reviewed in rows:
        print(f"{reviewed:%Y-%m-%d}  {file}: {entry_id}")
    print(f"{len(rows)} entr{'y' if len(rows) == 1 else 'ies'} not reviewed for {args.months} months")
    return 0


def cmd_kb_coverage(args: argparse.Namespace) -> int:
    from knowledge.coverage import DEFAULT_GROUPS, coverage, render
    from knowledge.loader import KNOWLEDGE_DIR

    directory = Path(args.dir) if args.dir else KNOWLEDGE_DIR
    groups = None if args.all else tuple(args.group) if args.group else DEFAULT_GROUPS
    rows = coverage(directory, groups)
    if not rows:
        print("no entry in the groups asked for", file=sys.stderr)
        return 1
    for line in render(rows, gaps_only=args.gaps):
        print(line)
    return 0


def cmd_kb_build(args: argparse.Namespace) -> int:
    import time

    from bot.app import build_matcher
    from knowledge.loader import load_knowledge

    start = time.perf_counter()
    settings = _settings()
    build_matcher(load_knowledge(), cache_dir=settings.data_dir)
    _compile_bytecode()
    print(f"matcher model ready in {settings.data_dir} ({time.perf_counter() - start:.1f} s)")
    return 0


def _compile_bytecode(root: Path | None = None) -> None:
    """Byte-compile the bot's own packages, so that a start never compiles them again, also where
    PYTHONDONTWRITEBYTECODE is set (~0.2 s of every ``ask`` start); a read-only checkout is left as it is."""
    import compileall

    root = root or Path(__file__).resolve().parent.parent
    for package in ("bot", "nlu", "knowledge", "scheduler"):
        if (root / package).is_dir():
            compileall.compile_dir(root / package, quiet=2)


def cmd_kb_export_rasa(args: argparse.Namespace) -> int:
    from knowledge.loader import load_knowledge
    from nlu.rasa_export import to_rasa_nlu
    from nlu.scope import load_out_of_scope

    text = to_rasa_nlu(load_knowledge(), load_out_of_scope())
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


def cmd_kb_unanswered(args: argparse.Namespace) -> int:
    from bot.storage import Store

    store = Store.open(_settings().data_dir)
    for row in store.unanswered(args.limit):
        print(f"{row['n']:5d}  {row['text']}")
    answered = store.answered_tickets(limit=1000)
    if answered:
        print(f"\n{len(answered)} question(s) were answered by an officer: see `python -m bot kb tickets`.")
    return 0


def cmd_kb_tickets(args: argparse.Namespace) -> int:
    from bot.storage import Store

    store = Store.open(_settings().data_dir)
    for row in store.answered_tickets(args.limit):
        rating = {1: "👍", -1: "👎"}.get(row["rating"], "")
        print(f"{row['code']}  [{row['bot_topic'] or 'fallback'}] {rating}\n  Q: {row['question']}\n"
              f"  A: {row['answer'] or ''}")
    return 0


def cmd_team_import(args: argparse.Namespace) -> int:
    from bot.config import load_config
    from bot.storage import Store
    from bot.team.roster import RosterError, import_roster, read_roster

    settings = _settings()
    try:
        people = read_roster(Path(args.file), load_config(settings.config_path))
    except RosterError as exc:
        print(f"Lỗi danh sách tổ: {exc}", file=sys.stderr)
        return 1
    import_roster(Store.open(settings.data_dir), people)
    print(f"imported {len(people)} people from {args.file}")
    return 0


def cmd_tasks_import(args: argparse.Namespace) -> int:
    import datetime as dt

    from bot import texts
    from bot.config import load_config
    from bot.storage import Store
    from bot.team.plan_tasks import PlanError, import_plan, read_plan

    settings = _settings()
    try:
        tasks, warnings = read_plan(Path(args.file), load_config(settings.config_path), skip_bad=args.skip_bad)
    except PlanError as exc:
        print(f"Lỗi danh mục nhiệm vụ: {exc}", file=sys.stderr)
        return 1
    for warning in warnings:
        print(warning, file=sys.stderr)
    new, changed = import_plan(Store.open(settings.data_dir), tasks, dt.datetime.now(dt.UTC))
    print(texts.PLAN_IMPORTED.format(file=Path(args.file).name, total=len(tasks), new=new, changed=changed,
                                     same=len(tasks) - new - changed))
    return 0


def cmd_team_invite(args: argparse.Namespace) -> int:
    import datetime as dt

    from bot.config import load_config
    from bot.storage import NotFoundError, Store
    from bot.team.invites import make_invite
    from bot.team.roles import valid

    settings = _settings()
    config = load_config(settings.config_path)
    store = Store.open(settings.data_dir)
    if args.person is not None:  # for someone already in the roster (e.g. imported): their entry gets linked
        try:
            person = store.person(args.person)
        except NotFoundError:
            print(f"No person with id {args.person}; see `python -m bot team list`", file=sys.stderr)
            return 2
        args.village, args.role, args.name = person["village"], person["role"], person["name"]
        args.unit = person["unit"]
    if args.unit:  # a province: leaders of a commune, a department or the province itself
        from bot.team.units import tree

        org = tree(config)
        if args.village or args.unit not in org.units or org.kind(args.unit) == "village" or args.role == "member":
            above = [k for k, u in org.units.items() if u.kind != "village"]
            print(f"--unit needs a unit above the villages, without --village, for a leader or deputy; known: "
                  f"{', '.join(above[:20])}", file=sys.stderr)
            return 2
    villages = {v.key for v in config.villages}
    if args.village and args.village not in villages:
        print(f"Unknown village {args.village!r}; known: {', '.join(sorted(villages))}", file=sys.stderr)
        return 2
    if not args.unit and not valid(args.role, args.village):  # a member needs a village, a deputy the commune
        fix = "needs --village" if args.role == "member" else "is for the commune: omit --village"
        print(f"--role {args.role} {fix}", file=sys.stderr)
        return 2
    code, expires = make_invite(store, dt.datetime.now(dt.UTC), args.village, args.role, person_id=args.person,
                                name=args.name, created_by="cli", days=args.days, unit=args.unit)
    scope = f"village leader of {args.village}" if args.role == "leader" and args.village else args.role
    scope += f" of {args.unit}" if args.unit else ""
    print(f"{code}  ({scope}; valid until {expires:%Y-%m-%d %H:%M} UTC; send /join {code} to the bot)")
    return 0


def cmd_team_list(args: argparse.Namespace) -> int:
    from bot.storage import Store

    store = Store.open(_settings().data_dir)
    for person in store.people():
        linked = "linked" if store.accounts_of(person["id"]) else "not linked"
        unit = person["village"] or person["unit"] or "-"
        print(f"{person['id']:4d}  {person['name']:30s} {person['role']:7s} {unit:15s} {linked}")
    return 0


def cmd_kb_stats(args: argparse.Namespace) -> int:
    from bot.storage import Store
    from knowledge.loader import load_knowledge

    titles = {k: e.title for k, e in load_knowledge().entries.items()}
    rows = Store.open(_settings().data_dir).topic_stats()
    total = sum(r["n"] for r in rows) or 1
    for row in rows:
        name = titles.get(row["topic"], row["topic"]) if row["topic"] else "(fell back: not answered)"
        print(f"{row['n']:6d} {row['n'] / total:6.1%}  👍{row['up'] or 0:<4d} 👎{row['down'] or 0:<4d} {name}")
    return 0


def with_db_retries(command, attempts: int = 3, pause: float = 2.0):
    """Run ``command(args)``; when the database is locked (or full), wait and run it again, and after
    ``attempts`` end with one line instead of a traceback (exit 1). A scheduler pass is safe to repeat."""
    import functools
    import sqlite3
    import time

    from bot import texts
    from bot.storage import DatabaseBusy

    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        for attempt in range(1, attempts + 1):
            try:
                return command(args)
            except (sqlite3.OperationalError, DatabaseBusy) as exc:
                if attempt == attempts:
                    print(texts.CLI_DB_UNAVAILABLE.format(attempts=attempts, error=exc), file=sys.stderr)
                    return 1
                logging.getLogger(__name__).warning("database unavailable (%s); trying again in %.0f s", exc,
                                                    pause * attempt)
                time.sleep(pause * attempt)
        return 1

    return run


def cmd_privacy_purge(args: argparse.Namespace) -> int:
    import datetime as dt

    from bot.config import load_config
    from bot.privacy import purge_expired
    from bot.storage import Store

    settings = _settings()
    days = args.days or load_config(settings.config_path).privacy.retention_days
    store = Store.open(settings.data_dir)
    gone = purge_expired(store, dt.datetime.now(dt.UTC), days)
    store.close()
    print(f"purged data older than {days} days: " + ", ".join(f"{n} {table}" for table, n in gone.items()))
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from bot.doctor import FAIL, run_checks

    checks = run_checks(_settings())
    for check in checks:
        print(check.line())
    failed = [c.name for c in checks if c.status == FAIL]
    print(f"{len(checks) - len(failed)}/{len(checks)} checks passed" + (f"; failed: {', '.join(failed)}"
                                                                         if failed else ""))
    return 1 if failed else 0


def cmd_backup(args: argparse.Namespace) -> int:
    from bot.storage import Store

    target = Path(args.file)
    if target.exists() and not args.force:
        print(f"{target} exists; choose a new name (e.g. with the date) or add --force", file=sys.stderr)
        return 2
    store = Store.open(_settings().data_dir)
    size = store.backup_to(target)
    store.close()
    print(f"backup written to {target} ({size / 1024 / 1024:.1f} MB)")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    import datetime as dt

    from bot.storage import Store

    source = Path(args.file)
    if not source.is_file():
        print(f"{source}: no such file", file=sys.stderr)
        return 2
    store = Store.open(_settings().data_dir)
    database = store.path
    safety = database.with_name(f"{database.stem}-before-restore-{dt.datetime.now():%Y%m%d-%H%M%S}.db")
    store.backup_to(safety)
    try:
        store.restore_from(source)
    except ValueError as exc:
        print(f"Not restored: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(f"restored {source} into {database} (the previous content is kept in {safety.name}); "
          "start the bot again")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Trợ lý 06 — chat bot for Đề án 06.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("chat", help="chat with the bot in this terminal (no token, no network)",
                       description="Interactive console chat on the bundled knowledge base; buttons appear as "
                                   "numbered choices. Data directory: BOT_DATA_DIR (default ./data).")
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("ask", help="answer questions as a citizen would see them",
                       description="Print the answer to QUESTION. With --json, read one question per stdin line "
                                   "and print one JSON object per line: question, topic, answer, confidence, "
                                   "fallback.")
    p.add_argument("question", nargs="*", help="the question (omit with --json to read stdin)")
    p.add_argument("--json", action="store_true", help="JSON lines in, JSON lines out")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("run", help="start every configured channel",
                       description="Start the bot: Telegram when TELEGRAM_BOT_TOKEN is set (polling, or webhook "
                                   "with --webhook). TELEGRAM_BASE_URL overrides the Bot API server.")
    p.add_argument("--webhook", metavar="URL", help="public HTTPS URL for webhook mode (default: polling)")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("tick", help="run one scheduler pass",
                       description="Queue the reminders, escalations, digests and task reminders due at --now and "
                                   "send the outbox through the configured channels (deterministic; `run` does the "
                                   "same on a timer).")
    p.add_argument("--now", help="the moment of the pass, ISO with offset, e.g. 2026-12-07T08:00+07:00 "
                                 "(default: the current time)")
    p.add_argument("--dry-run", action="store_true", help="only print what is due; queue and send nothing")
    p.set_defaults(func=with_db_retries(cmd_tick))

    kb = sub.add_parser("kb", help="knowledge-base tools", description="Knowledge-base tools for curators.")
    kb_sub = kb.add_subparsers(dest="kb_command", metavar="KB_COMMAND", required=True)
    p = kb_sub.add_parser("check", help="validate the knowledge base",
                          description="Report schema errors, duplicate ids, dangling related ids, examples shared "
                                      "by two entries, over-long answers, sources citing a replaced document "
                                      "(knowledge/replaced.yaml) or no article; exit 1 when anything is wrong.")
    p.add_argument("--dir", help="knowledge directory (default: the bundled one)")
    p.add_argument("--strict", action="store_true",
                   help="also hold the files still under review (PENDING_REVIEW_FILES) to the 2026-12 rules")
    p.set_defaults(func=cmd_kb_check)
    p = kb_sub.add_parser("stale", help="entries not reviewed for a while",
                          description="List the entries and sub-questions whose `reviewed` date is older than "
                                      "--months months, oldest first.")
    p.add_argument("--months", type=int, default=6, help="how many months (default 6)")
    p.add_argument("--dir", help="knowledge directory (default: the bundled one)")
    p.set_defaults(func=cmd_kb_stale)
    p = kb_sub.add_parser("coverage", help="which kinds of fact each entry answers directly",
                          description="Per entry of the 25 essential services, VNeID and residence groups: which "
                                      "sub-question kinds it has (fee, time, place, documents, penalty, "
                                      "eligibility/age) and how many yes/no ones (3 wanted), which are missing and "
                                      "which the entry states do not apply (`not_applicable`).")
    p.add_argument("--group", action="append",
                   help="only groups whose name contains this (accents optional; repeatable)")
    p.add_argument("--all", action="store_true", help="every group")
    p.add_argument("--gaps", action="store_true", help="list only the entries that lack something")
    p.add_argument("--dir", help="knowledge directory (default: the bundled one)")
    p.set_defaults(func=cmd_kb_coverage)
    p = kb_sub.add_parser("build", help="train and cache the matcher model now",
                          description="Train the matcher on the knowledge base and cache it in the data directory, "
                                      "so the bot's first start does not have to (it would otherwise train once).")
    p.set_defaults(func=cmd_kb_build)
    p = kb_sub.add_parser("export-rasa", help="write the training data as Rasa nlu.yml",
                          description="Export every entry's examples (and the out-of-scope examples) as Rasa 3 "
                                      "NLU training data.")
    p.add_argument("-o", "--output", default="-", help="output file (default: standard output)")
    p.set_defaults(func=cmd_kb_export_rasa)
    p = kb_sub.add_parser("unanswered", help="most frequent unanswered or 👎 questions",
                          description="List the questions that fell back or got 👎, most frequent first "
                                      "(already redacted).")
    p.add_argument("--limit", type=int, default=50, help="how many rows (default 50)")
    p.set_defaults(func=cmd_kb_unanswered)
    p = kb_sub.add_parser("tickets", help="citizens' questions answered by officers",
                          description="Answered «Hỏi cán bộ» tickets, newest first: the (redacted) question, the "
                                      "officer's answer and the topic the bot had guessed — material for new "
                                      "entries or examples.")
    p.add_argument("--limit", type=int, default=100, help="how many tickets (default 100)")
    p.set_defaults(func=cmd_kb_tickets)
    p = kb_sub.add_parser("stats", help="what people ask most, per topic, with 👍/👎",
                          description="Questions per knowledge entry (and how many fell back), most asked first, "
                                      "with the feedback each got.")
    p.set_defaults(func=cmd_kb_stats)

    team = sub.add_parser("team", help="roster and invites", description="Team roster and invite codes.")
    team_sub = team.add_subparsers(dest="team_command", metavar="TEAM_COMMAND", required=True)
    p = team_sub.add_parser("import", help="load a roster from CSV or XLSX",
                            description="Load people from a CSV or XLSX file with the columns Họ tên, Vai trò, "
                                        "Thôn, Điện thoại. Nothing is imported when a row is invalid; the error "
                                        "names the row.")
    p.add_argument("file", help="roster file (.csv or .xlsx)")
    p.set_defaults(func=cmd_team_import)
    p = team_sub.add_parser("invite", help="create a one-time invite code",
                            description="Create a one-time invite code; the person sends /join CODE to the bot.")
    p.add_argument("--village", help="village key (from config.yaml); omit for the commune's leaders")
    p.add_argument("--role", choices=["member", "deputy", "leader"], default="member",
                   help="role (default member); leader with --village: that village's leader, without: the commune's")
    p.add_argument("--name", help="the person's name (default: their chat display name)")
    p.add_argument("--unit", help="a province: key of the commune, department or province whose leader it is for")
    p.add_argument("--person", type=int, help="roster id (from `team list`) of the person the code is for")
    p.add_argument("--days", type=int, default=7, help="days until the code expires (default 7)")
    p.set_defaults(func=cmd_team_invite)
    p = team_sub.add_parser("list", help="list the roster", description="List the roster and who has linked a chat.")
    p.set_defaults(func=cmd_team_list)

    tasks = sub.add_parser("tasks", help="a plan's task table", description="A plan's tasks with lead units.")
    tasks_sub = tasks.add_subparsers(dest="tasks_command", metavar="TASKS_COMMAND", required=True)
    p = tasks_sub.add_parser("import", help="load a plan's task table from CSV or XLSX",
                             description="Load tasks from a CSV or XLSX table with the columns of a plan's "
                                         "appendix: Nội dung, nhiệm vụ; Đơn vị chủ trì; Đơn vị phối hợp; Kết quả "
                                         "sản phẩm; Thời gian hoàn thành. Nothing is imported when a row is "
                                         "invalid (every bad row is listed); importing the same file again "
                                         "changes nothing.")
    p.add_argument("file", help="task table (.csv or .xlsx)")
    p.add_argument("--skip-bad", action="store_true", help="import the valid rows and list the bad ones")
    p.set_defaults(func=cmd_tasks_import)

    privacy = sub.add_parser("privacy", help="personal data tools", description="Personal data tools.")
    privacy_sub = privacy.add_subparsers(dest="privacy_command", metavar="PRIVACY_COMMAND", required=True)
    p = privacy_sub.add_parser("purge", help="delete what is older than privacy.retention_days",
                               description="Delete the question log, sessions, tickets and other per-person traces "
                                           "older than privacy.retention_days (default 180); `run` does it daily. "
                                           "Team reports are official records and are kept.")
    p.add_argument("--days", type=int, help="keep this many days instead of privacy.retention_days")
    p.set_defaults(func=cmd_privacy_purge)

    p = sub.add_parser("doctor", help="check that this installation is ready to run",
                       description="Check the config, channel settings, tokens (getMe), the Telegram webhook, the "
                                   "database (writable, WAL, integrity, size), the model cache, free disk and the "
                                   "clock's time zone: one line each, with a fix for each failure; exit 1 on any.")
    p.set_defaults(func=cmd_doctor)
    p = sub.add_parser("backup", help="copy the database to FILE (safe while the bot runs)",
                       description="Copy the SQLite database with SQLite's online backup: consistent, and safe "
                                   "while `run` is answering (writers are not blocked).")
    p.add_argument("file", help="the backup file to write, e.g. backups/troly06-2026-12-01.db")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="put a backup back (stop the bot first)",
                       description="Check FILE (integrity, the bot's tables), keep a copy of the current database "
                                   "beside it, then replace the database's content with FILE and migrate it. Stop "
                                   "`python -m bot run` first and start it again afterwards.")
    p.add_argument("file", help="a file written by `python -m bot backup`")
    p.set_defaults(func=cmd_restore)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    for noisy in ("httpx", "apscheduler", "telegram.ext.Updater"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as exc:
        print(f"Configuration error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
