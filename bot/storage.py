"""The one SQLite file behind the bot (sqlite-utils, WAL mode). The only module that imports sqlite-utils.

Usage::

    store = Store.open(data_dir)                 # creates and migrates the schema
    qid = store.log_question("telegram", "42", "dang ky tam tru", "dvc04_tam_tru", 0.93, fallback=False)
    store.set_feedback(qid, helpful=True)
    with store.transaction():                    # one commit for everything handling one message writes
        if store.handled("telegram:17") is None:
            ...                                  # the handler's writes, the session save
            store.record_handled("telegram:17", replies)

Every write that confirms something to a user is committed before the method returns (inside
``transaction()``: before the transaction returns). Each thread gets its own connection (the core runs in worker
threads), so a thread waiting on a locked database holds up only the work that needs it. The question log (and a
citizen's menu state) is the exception: it is written off the answer's path, see :meth:`Store.log_question`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import random
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils
from sqlite_utils import Migrations

from bot.privacy import redact

DB_NAME = "troly06.db"
migrations = Migrations("troly06")
log = logging.getLogger(__name__)
BUSY_TIMEOUT_MS = 5000  # how long a write waits for another process's write to finish
LOG_BUFFER = 5000  # questions (and citizen sessions) kept in memory while the database cannot be written
LOG_WAIT_MS = 50  # how long one attempt to write the buffered log may wait for another writer
USER_KEY_CACHE = 10_000  # pseudonyms kept in memory (a dict; cleared when full)
LOG_RETRY_SECONDS = 2.0  # after a failed attempt, answers do not try again before this
LOG_BATCH = 64  # group commit: an answer writes the buffered log once this many questions wait ...
LOG_DELAY = 1.0  # ... or the oldest has waited this long (seconds); ``run`` also writes it every LOG_DELAY


class NotFoundError(Exception):
    """The requested row does not exist."""


class DatabaseBusy(Exception):
    """Another connection held the database's write lock for longer than the busy timeout; nothing was written."""


@migrations()
def m001_questions(db: sqlite_utils.Database) -> None:
    db["questions"].create(
        {"id": int, "ts": str, "channel": str, "user_key": str, "text": str, "topic": str,
         "confidence": float, "fallback": int, "feedback": int},
        pk="id",
    )
    db["questions"].create_index(["topic"])
    db["sessions"].create({"key": str, "state": str, "updated": str}, pk="key")
    db["seen"].create({"key": str, "ts": str}, pk="key")


@migrations()
def m002_team(db: sqlite_utils.Database) -> None:
    db["people"].create({"id": int, "name": str, "role": str, "village": str, "phone": str, "created": str},
                        pk="id")
    db["accounts"].create({"channel": str, "user_id": str, "person_id": int, "joined": str},
                          pk=("channel", "user_id"), foreign_keys=[("person_id", "people", "id")])
    db["invites"].create({"code": str, "person_id": int, "village": str, "role": str, "name": str,
                          "created_by": str, "expires": str, "used": str, "used_by": str}, pk="code")
    db["join_failures"].create({"id": int, "user_key": str, "ts": str}, pk="id")
    db["reports"].create({"period": str, "village": str, "data": str, "person_id": int, "confirmed": str,
                          "version": int}, pk=("period", "village"))
    db["report_history"].create({"id": int, "period": str, "village": str, "data": str, "person_id": int,
                                 "confirmed": str, "version": int}, pk="id")
    db["locks"].create({"period": str, "person_id": int, "locked": str}, pk="period")
    db["tasks"].create({"id": str, "title": str, "product": str, "due": str, "villages": str, "created_by": int,
                        "created": str}, pk="id")
    db["task_done"].create({"task_id": str, "village": str, "person_id": int, "note": str, "done": str},
                           pk=("task_id", "village"))


@migrations()
def m003_outbox(db: sqlite_utils.Database) -> None:
    db["outbox"].create({"id": int, "key": str, "channel": str, "chat_id": str, "kind": str, "period": str,
                         "village": str, "text": str, "payload": str, "status": str, "attempts": int,
                         "next_attempt": str, "created": str, "sent": str, "error": str, "broadcast_id": int},
                        pk="id", not_null={"key", "channel", "chat_id", "kind", "status"},
                        defaults={"status": "pending", "attempts": 0})
    db["outbox"].create_index(["key", "channel", "chat_id"], unique=True)
    db["outbox"].create_index(["status", "next_attempt"])
    db["subscribers"].create({"channel": str, "user_id": str, "chat_id": str, "since": str},
                             pk=("channel", "user_id"))
    db["broadcasts"].create({"id": int, "text": str, "person_id": int, "created": str, "total": int}, pk="id")


@migrations()
def m004_zalo(db: sqlite_utils.Database) -> None:
    db["secrets"].create({"name": str, "value": str, "updated": str}, pk="name")
    db["last_inbound"].create({"channel": str, "user_id": str, "ts": str}, pk=("channel", "user_id"))


@migrations()
def m005_handled_replies(db: sqlite_utils.Database) -> None:
    db["seen"].add_column("replies", str)  # replies of a handled update until they are delivered
    db["inbox"].create({"id": int, "channel": str, "payload": str, "ts": str}, pk="id")


@migrations()
def m006_team_state(db: sqlite_utils.Database) -> None:
    db["team_state"].create({"name": str, "value": str, "updated": str}, pk="name")


@migrations()
def m010_tickets(db: sqlite_utils.Database) -> None:
    db["tickets"].create({"id": int, "code": str, "channel": str, "user_id": str, "chat_id": str, "user_key": str,
                          "question": str, "bot_topic": str, "status": str, "officer_id": int, "created": str,
                          "taken": str, "answered": str, "closed": str, "rating": int},
                         pk="id", not_null={"code", "channel", "user_id", "chat_id", "status", "created"})
    db["tickets"].create_index(["code"], unique=True)
    db["tickets"].create_index(["user_key", "status"])
    db["ticket_messages"].create({"id": int, "ticket_id": int, "author": str, "person_id": int, "text": str,
                                  "ts": str}, pk="id", foreign_keys=[("ticket_id", "tickets", "id")])


@migrations()
def m011_web_messages(db: sqlite_utils.Database) -> None:
    db["web_messages"].create({"id": int, "session_key": str, "author": str, "text": str, "buttons": str,
                               "ts": str}, pk="id", not_null={"session_key", "author", "ts"})
    db["web_messages"].create_index(["session_key", "id"])


@migrations()
def m012_units(db: sqlite_utils.Database) -> None:
    # the unit of a leader above the villages (commune, department, province; NULL with no village: the root)
    db["people"].add_column("unit", str)
    db["invites"].add_column("unit", str)
    db["people"].create_index(["name"])  # a province's roster import looks each of thousands of names up


@migrations()
def m013_upward(db: sqlite_utils.Database) -> None:
    # a commune's (or department's) report to the province: the totals sent and its own commune-level figures
    db["upward"].create({"period": str, "unit": str, "data": str, "own": str, "person_id": int, "confirmed": str,
                         "version": int}, pk=("period", "unit"))
    db["upward_history"].create({"id": int, "period": str, "unit": str, "data": str, "own": str, "person_id": int,
                                 "confirmed": str, "version": int}, pk="id")


@migrations()
def m014_plan_tasks(db: sqlite_utils.Database) -> None:
    # a plan's task table (issue #15, seed 004): lead units (JSON keys), a deadline kind, per-unit progress and done
    db["plan_tasks"].create({"code": str, "title": str, "lead": str, "lead_text": str, "support": str,
                             "support_text": str, "product": str, "deadline": str, "kind": str, "due": str,
                             "day": int, "imported": str, "updated": str}, pk="code")
    db["plan_done"].create({"code": str, "unit": str, "occurrence": str, "person_id": int, "note": str,
                            "done": str}, pk=("code", "unit", "occurrence"))
    db["plan_notes"].create({"id": int, "code": str, "unit": str, "occurrence": str, "person_id": int,
                             "note": str, "ts": str}, pk="id")
    db["plan_notes"].create_index(["code", "unit", "occurrence"])


@migrations()
def m015_broadcast_scope(db: sqlite_utils.Database) -> None:
    db["broadcasts"].add_column("communes", str)  # JSON list of the communes a notice went to; NULL: everyone


@migrations()
def m016_citizen_communes(db: sqlite_utils.Database) -> None:
    # a citizen's commune in a province (from the link they came by, or their answer): their own row, so
    # /xoadulieu deletes it; and the commune a ticket belongs to (its team answers it)
    db["citizen_communes"].create({"channel": str, "user_id": str, "commune": str, "updated": str},
                                  pk=("channel", "user_id"), not_null={"commune"})
    db["tickets"].add_column("commune", str)


class PeriodLockedError(Exception):
    """The period is locked by a leader; its figures can no longer change."""


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


EMPTY_SESSION = "{}"  # the text of a conversation state with nothing in it (no row)


def session_text(state: dict) -> str:
    """A conversation state as it is stored: JSON with sorted keys, so that two equal states have one text."""
    return json.dumps(state, ensure_ascii=False, sort_keys=True)


def _real_time() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _connect(path: Path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(sqlite3.connect(str(path), check_same_thread=False))
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA secure_delete=ON")  # deleted personal data is overwritten, not left in free pages
    return db


class Store:
    def __init__(self, db: sqlite_utils.Database, path: Path | None = None):
        self._path = path  # None: an in-memory database, one connection shared by every thread
        self._main = db
        self._local = threading.local()
        self._connections = [db]
        self._connections_lock = threading.Lock()
        self._shared = threading.RLock()  # in memory, threads share one connection: one transaction at a time
        self.clock: Callable[[], dt.datetime] = _real_time  # :class:`bot.deps.Deps` sets it to ``deps.now``
        db.enable_wal()
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA secure_delete=ON")
        self._local.db = db
        migrations.apply(db)
        salt = self.secret("user_key_salt")
        if salt is None:
            salt = secrets.token_hex(32)
            self.save_secrets({"user_key_salt": salt}, self._stamp())
        self._salt = salt.encode()
        self._user_keys: dict[str, str] = {}  # "channel:user id" -> user_key, for the salt above
        self._pending_questions: dict[int, list] = {}  # id -> row, not yet written (see log_question)
        self._pending_sessions: dict[str, tuple[str, str]] = {}  # key -> (session_text, updated), not yet written
        self._retry_at = 0.0
        self._buffered_since: float | None = None  # when the buffer last went from empty to not empty
        self._buffer_lock = threading.Lock()  # the buffers may be used from several threads
        self._flush_lock = threading.Lock()  # one flush at a time; an answer never waits for another's
        self._last_question_id = 0
        self._id_bits = random.Random()  # seeded from os.urandom: a question id's 12 random bits, no system call each
        self.log_dropped = 0  # buffered rows given up on because the buffer was full

    def _stamp(self) -> str:
        """The current time by the one clock of the bot (UTC ISO), for rows stamped here."""
        return self.clock().astimezone(dt.UTC).isoformat(timespec="seconds")

    def user_key(self, channel: str, user_id: str) -> str:
        """A stable pseudonym for a chat account (keyed hash with a per-installation secret), so logs never hold
        platform ids and a table of every possible id cannot reverse it."""
        key = f"{channel}:{user_id}"
        if (known := self._user_keys.get(key)) is None:  # a few hundred people a day: keep their pseudonyms
            if len(self._user_keys) >= USER_KEY_CACHE:
                self._user_keys.clear()
            known = self._user_keys[key] = hmac.new(self._salt, key.encode(), hashlib.sha256).hexdigest()[:20]
        return known

    @classmethod
    def open(cls, data_dir: Path | str) -> Store:
        data_dir = Path(data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        return cls(_connect(data_dir / DB_NAME), data_dir / DB_NAME)

    @classmethod
    def memory(cls) -> Store:
        return cls(sqlite_utils.Database(sqlite3.connect(":memory:", check_same_thread=False)))

    @property
    def db(self) -> sqlite_utils.Database:
        """This thread's connection (opened on first use)."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._main if self._path is None else _connect(self._path)
            self._local.db = db
            with self._connections_lock:
                self._connections.append(db)
        return db

    def close(self) -> None:
        self.flush_log(wait=True)
        with self._connections_lock:
            for db in self._connections:
                db.close()
            self._connections.clear()

    def _write(self, sql: str, params: list, durable: bool = False) -> sqlite3.Cursor:
        """Run one write, committed on return (or, inside a transaction, as part of it).

        One statement needs no savepoint of its own (``atomic()`` opens one inside a transaction: two more
        statements and a random name each time): SQLite undoes a statement that fails by itself."""
        if durable:
            with self._durable():
                return self.db.execute(sql, params)
        self._begin_enclosing()
        return self.db.execute(sql, params)  # inside a transaction it joins it; outside, sqlite-utils commits it

    @contextmanager
    def transaction(self):
        """Everything written inside commits together, or not at all (an exception rolls it all back).

        Nested writes and transactions join it. Reads before the first write take no lock; the first write
        takes the database's write lock (``BEGIN IMMEDIATE``), so a transaction never fails half-way because
        another connection wrote meanwhile. A durable write inside makes the commit durable too.
        """
        local = self._local
        depth = getattr(local, "depth", 0)
        if depth == 0 and self._path is None:
            self._shared.acquire()
        local.depth = depth + 1
        if depth == 0:
            local.sync = False
            local.staged = ({}, {})  # question log rows and deferred sessions of this transaction
            local.after = []  # what to do once it has committed
        try:
            try:
                yield self
                if depth == 0 and self.db.conn.in_transaction:
                    self.db.conn.commit()
                    if local.sync:
                        self._sync()
            except BaseException as exc:
                if depth == 0 and self.db.conn.in_transaction:
                    self.db.conn.rollback()
                if depth == 0 and isinstance(exc, sqlite3.OperationalError) and _is_busy(exc):
                    raise DatabaseBusy(str(exc)) from exc
                raise
            finally:
                local.depth = depth
            if depth == 0:
                self._unstage()
                for action in local.after:
                    action()
        finally:
            if depth == 0 and self._path is None:
                self._shared.release()

    @contextmanager
    def _atomic(self):
        """sqlite-utils' ``atomic()``, opening the write transaction of an enclosing ``transaction()`` first."""
        self._begin_enclosing()
        with self.db.atomic():
            yield

    def _begin_enclosing(self) -> None:
        """Inside ``transaction()`` whose first write this is: take the write lock now (BEGIN IMMEDIATE)."""
        if getattr(self._local, "depth", 0) and not self.db.conn.in_transaction:
            self.db.execute("BEGIN IMMEDIATE")

    @contextmanager
    def _durable(self):
        """A transaction that reaches the disk before it returns (fsync), for writes confirmed to a user.

        The connection runs with ``synchronous=NORMAL`` (WAL: safe across a crash of the process, fast enough
        for the question log); after a durable write commits, the write-ahead log is fsynced (what
        ``synchronous=FULL`` does at each commit), so confirmed reports, joins, tasks, subscriptions and
        broadcasts also survive a power cut. Inside ``transaction()`` the sync happens at its commit.
        """
        outer = getattr(self._local, "depth", 0) or self.db.conn.in_transaction
        with self._atomic():
            yield
        if getattr(self._local, "depth", 0):
            self._local.sync = True
        elif not outer:
            self._sync()

    def _sync(self) -> None:
        if self._path is None:
            return
        fd = os.open(f"{self._path}-wal", os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    # -- question log -------------------------------------------------------------------------------------------
    def log_question(self, channel: str, user_id: str, text: str, topic: str | None, confidence: float,
                     fallback: bool) -> int:
        """Record a citizen question with personal data redacted; return its id at once. Never raises, never waits.

        Answering never depends on logging: the row goes into an in-memory buffer, written in groups (one commit
        for up to ``LOG_BATCH`` answers or ``LOG_DELAY`` seconds, see :meth:`_flush_soon`) when the database is free
        (waiting at most ``LOG_WAIT_MS``) and otherwise retried — by a later question after ``LOG_RETRY_SECONDS``,
        by :meth:`flush_log` (the scheduler calls it every ``LOG_DELAY``) and on :meth:`close` — while another
        process holds the database or the disk is full. At most ``LOG_BUFFER`` rows wait; older ones are dropped.

        The id exists before the row, for the 👍/👎 buttons: milliseconds since 1970 × 4096 + 12 random bits —
        time-ordered, below 2**53 (safe in JavaScript), increasing within a process; two processes collide only in
        the same millisecond with the same 12 bits (1 in 4096), and then the later row is dropped.
        """
        row = [None, self._stamp(), channel, self.user_key(channel, user_id), redact(text), topic, round(confidence, 4),
               int(fallback), None]
        staged = self._staged()
        with self._buffer_lock:
            qid = max((time.time_ns() // 1_000_000) * 4096 + self._id_bits.getrandbits(12), self._last_question_id + 1)
            self._last_question_id = row[0] = qid
            if staged is not None:
                staged[0][qid] = row
                return qid
            if len(self._pending_questions) >= LOG_BUFFER:
                del self._pending_questions[next(iter(self._pending_questions))]
                self.log_dropped += 1
            self._pending_questions[qid] = row
            self._buffered()
        self._flush_soon()
        return qid

    @property
    def log_pending(self) -> int:
        """Questions waiting in memory for the database (see :meth:`log_question`)."""
        return len(self._pending_questions)

    @property
    def log_stuck(self) -> int:
        """Questions waiting because the last attempt could not write them (0 while only the group commit holds
        them, :meth:`_flush_soon`)."""
        return len(self._pending_questions) if self._retry_at else 0

    def _staged(self) -> tuple[dict, dict] | None:
        """Inside ``transaction()``: where the log rows and deferred sessions of this transaction wait; they join
        the buffer when it commits and vanish when it rolls back (a retried turn does not log a question twice)."""
        return self._local.staged if getattr(self._local, "depth", 0) else None

    def _unstage(self) -> None:
        questions, sessions = self._local.staged
        if not (questions or sessions):
            return
        with self._buffer_lock:
            for qid, row in questions.items():
                if len(self._pending_questions) >= LOG_BUFFER:
                    del self._pending_questions[next(iter(self._pending_questions))]
                    self.log_dropped += 1
                self._pending_questions[qid] = row
            self._pending_sessions.update(sessions)
            self._buffered()
        self._local.staged = ({}, {})
        self._flush_soon()

    def _buffered(self) -> None:
        """Rows were just added to the buffer (hold ``_buffer_lock``)."""
        if self._buffered_since is None:
            self._buffered_since = time.monotonic()

    def _flush_soon(self) -> None:
        """Group commit on the answer's path: one write for up to ``LOG_BATCH`` answers, none waiting longer than
        ``LOG_DELAY`` once another answer comes (``run`` writes a quiet buffer every ``LOG_DELAY`` seconds, an exit
        writes it too). A question log row or a deferred session is nothing anyone was told was saved; a kill -9
        loses at most the rows of the last ``LOG_DELAY`` seconds."""
        since = self._buffered_since
        if since is not None and (len(self._pending_questions) >= LOG_BATCH or time.monotonic() - since >= LOG_DELAY):
            self.flush_log()

    def flush_log(self, wait: bool = False) -> bool:
        """Write the buffered question log and citizen sessions; True when nothing is left waiting.

        ``wait=False`` (on the answer's path): one short attempt, skipped shortly after a failed one.
        """
        if not (self._pending_questions or self._pending_sessions):
            return True
        if self._staged() is not None or self.db.conn.in_transaction or \
                (not wait and time.monotonic() < self._retry_at):
            return False
        if not self._flush_lock.acquire(blocking=wait):
            return False
        try:
            return self._flush(wait)
        finally:
            self._flush_lock.release()

    def _flush(self, wait: bool) -> bool:
        with self._buffer_lock:
            questions = [list(row) for row in self._pending_questions.values()]
            sessions = dict(self._pending_sessions)
        try:
            if not wait:
                self.db.execute(f"PRAGMA busy_timeout={LOG_WAIT_MS}")
            with self.db.atomic():
                self.db.conn.executemany(
                    "insert into questions (id, ts, channel, user_key, text, topic, confidence, fallback, feedback) "
                    "values (?,?,?,?,?,?,?,?,?) on conflict (id) do update set "
                    "feedback = coalesce(excluded.feedback, feedback) where user_key = excluded.user_key", questions)
                self.db.conn.executemany("delete from sessions where key = ?",
                                         [(k,) for k, (state, _) in sessions.items() if state == EMPTY_SESSION])
                self.db.conn.executemany(
                    "insert or replace into sessions (key, state, updated) values (?, ?, ?)",
                    [(k, state, at) for k, (state, at) in sessions.items() if state != EMPTY_SESSION])
        except sqlite3.DatabaseError as exc:  # locked by another process, disk full, I/O error
            if time.monotonic() >= self._retry_at + LOG_RETRY_SECONDS:  # once per streak of failures, not per try
                log.warning("question log: %d question(s) wait in memory, the database cannot be written (%s)",
                            len(questions), exc)
            self._retry_at = time.monotonic() + LOG_RETRY_SECONDS
            return False
        finally:
            if not wait:
                self.db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        with self._buffer_lock:
            for row in questions:
                if self._pending_questions.get(row[0]) == row:  # not changed meanwhile (feedback given)
                    del self._pending_questions[row[0]]
            for key, value in sessions.items():
                if self._pending_sessions.get(key) is value:
                    del self._pending_sessions[key]
            if not (self._pending_questions or self._pending_sessions):
                self._buffered_since = None
        self._retry_at = 0.0
        return True

    def set_feedback(self, question_id: int, helpful: bool, channel: str, user_id: str) -> None:
        """Store 👍 (True) or 👎 (False) for a question — only the person who asked it may."""
        mine = False
        with self._buffer_lock:
            pending = self._pending_questions.get(question_id)
            if pending is not None and pending[3] == self.user_key(channel, user_id):
                pending[8], mine = 1 if helpful else -1, True
        if mine:
            self.flush_log()
            return
        cursor = self._write("update questions set feedback = ? where id = ? and user_key = ?",
                             [1 if helpful else -1, question_id, self.user_key(channel, user_id)])
        if cursor.rowcount != 1:
            raise NotFoundError(f"question {question_id} of this user")

    def question(self, question_id: int) -> dict:
        self.flush_log()
        try:
            return self.db["questions"].get(question_id)
        except sqlite_utils.db.NotFoundError:
            raise NotFoundError(f"question {question_id}") from None

    def questions(self) -> list[dict]:
        self.flush_log()
        return list(self.db["questions"].rows_where(order_by="id"))

    def topic_stats(self) -> list[dict]:
        """Per topic (None = fell back): questions, 👍 and 👎, most asked first."""
        self.flush_log()
        return list(self.db.query(
            "select topic, count(*) as n, sum(feedback = 1) as up, sum(feedback = -1) as down from questions "
            "group by topic order by n desc, topic"))

    def unanswered(self, limit: int = 50) -> list[dict]:
        """Most frequent fallback or 👎 questions, for curators."""
        self.flush_log()
        return list(self.db.query(
            "select text, count(*) as n from questions where fallback = 1 or feedback = -1 "
            "group by text order by n desc, text limit ?", [limit]))

    # -- idempotency and sessions -------------------------------------------------------------------------------
    def forget_seen(self, now: dt.datetime, keep: dt.timedelta) -> int:
        """Drop deduplication keys stamped more than ``keep`` before ``now`` (no platform redelivers an update that
        late). Keys within ``keep`` of the newest one stay too, so a pass played at a future ``--now`` never
        forgets what the running bot saw recently."""
        newest = self.db.execute("select max(ts) from seen").fetchone()[0]
        moment = min(now, dt.datetime.fromisoformat(newest)) if newest else now
        before = (moment - keep).astimezone(dt.UTC).isoformat(timespec="seconds")
        return self._write("delete from seen where ts < ?", [before]).rowcount

    def first_seen(self, key: str) -> bool:
        """Remember ``key``; True the first time it is seen, False after that (also across restarts)."""
        cursor = self._write("insert or ignore into seen (key, ts) values (?, ?)", [key, self._stamp()])
        return cursor.rowcount == 1

    def handled(self, key: str) -> list | None:
        """None when the update ``key`` was never handled; else its replies not yet delivered ([] when they were)."""
        row = self.db.execute("select replies from seen where key = ?", [key]).fetchone()
        if row is None:
            return None
        return json.loads(row[0]) if row[0] else []

    def record_handled(self, key: str, replies: list) -> bool:
        """Mark the update ``key`` handled, keeping its replies (JSON-ready) until :meth:`delivered`; False (and
        nothing written) if it was recorded meanwhile.

        Call it inside the ``transaction()`` that holds the effects of handling the update: the key and the
        effects are committed together.
        """
        cursor = self._write("insert or ignore into seen (key, ts, replies) values (?, ?, ?)",
                             [key, self._stamp(), json.dumps(replies, ensure_ascii=False) if replies else None])
        return cursor.rowcount == 1

    def delivered(self, key: str) -> None:
        """The replies of the update ``key`` reached the person; a redelivery of it is now ignored."""
        self._write("update seen set replies = null where key = ? and replies is not null", [key])

    def inbox_put(self, channel: str, payload: str) -> int:
        """Keep a fetched update until it is handled (platforms whose polling cannot confirm); return its id."""
        return self._write("insert into inbox (channel, payload, ts) values (?, ?, ?)",
                           [channel, payload, self._stamp()]).lastrowid

    def inbox(self, channel: str) -> list[tuple[int, object]]:
        """Updates fetched but not handled (a crash came between), oldest first: (id, parsed payload)."""
        rows = self.db.execute("select id, payload from inbox where channel = ? order by id", [channel])
        return [(row[0], json.loads(row[1])) for row in rows.fetchall()]

    def inbox_done(self, inbox_id: int) -> None:
        self._write("delete from inbox where id = ?", [inbox_id])

    # -- roster and accounts -----------------------------------------------------------------------------------
    def add_person(self, name: str, role: str, village: str | None, phone: str | None = None,
                   unit: str | None = None) -> int:
        """Insert a roster entry, or update the role and phone of the one with the same name, village and unit."""
        row = self.db.execute("select id from people where name = ? and coalesce(village, '') = ? "
                              "and coalesce(unit, '') = ?", [name, village or "", unit or ""]).fetchone()
        if row:
            self._write("update people set role = ?, phone = coalesce(?, phone) where id = ?",
                            [role, phone, row[0]])
            return row[0]
        cursor = self._write("insert into people (name, role, village, phone, created, unit) "
                             "values (?, ?, ?, ?, ?, ?)", [name, role, village, phone, self._stamp(), unit])
        return cursor.lastrowid

    def person(self, person_id: int) -> dict:
        try:
            return self.db["people"].get(person_id)
        except sqlite_utils.db.NotFoundError:
            raise NotFoundError(f"person {person_id}") from None

    def people(self, village: str | None = None) -> list[dict]:
        if village is None:
            return list(self.db["people"].rows_where(order_by="id"))
        return list(self.db["people"].rows_where("village = ?", [village], order_by="id"))

    def person_for(self, channel: str, user_id: str) -> dict | None:
        """The roster entry a chat account is tied to, or None for a citizen (asked for every message: one
        statement, not ``db.query``'s three)."""
        cursor = self.db.execute(
            "select p.* from accounts a join people p on p.id = a.person_id where a.channel = ? and a.user_id = ?",
            [channel, user_id])
        row = cursor.fetchone()
        return None if row is None else dict(zip((column[0] for column in cursor.description), row, strict=True))

    def unlinked_people(self, unit: str) -> list[dict]:
        """Roster entries of a village (or a unit above) that no chat account is tied to yet (an invite can be
        made for them)."""
        return list(self.db.query("select * from people where (village = ? or unit = ?) and id not in "
                                  "(select person_id from accounts) order by name, id", [unit, unit]))

    def unit_people(self, unit: str) -> list[dict]:
        """Roster entries of a unit above the villages (a commune's or a department's leaders)."""
        return list(self.db["people"].rows_where("unit = ? and village is null", [unit], order_by="id"))

    def remember(self, name: str, value: str) -> str:
        """Store a team setting the first time (e.g. the go-live moment) and return the stored value."""
        self._write("insert or ignore into team_state (name, value, updated) values (?, ?, ?)",
                    [name, value, self._stamp()], durable=True)
        return self.recall(name)

    def recall(self, name: str) -> str | None:
        row = self.db.execute("select value from team_state where name = ?", [name]).fetchone()
        return row[0] if row else None

    def accounts_of(self, person_id: int) -> list[dict]:
        return list(self.db["accounts"].rows_where("person_id = ?", [person_id]))

    def create_invite(self, code: str, village: str | None, role: str, expires: str, person_id: int | None = None,
                      name: str | None = None, created_by: str = "", unit: str | None = None) -> None:
        self._write("insert into invites (code, person_id, village, role, name, created_by, expires, unit) "
                    "values (?, ?, ?, ?, ?, ?, ?, ?)",
                    [code, person_id, village, role, name, created_by, expires, unit])

    def invite(self, code: str) -> dict | None:
        return next(iter(self.db.query("select * from invites where code = ?", [code])), None)

    def redeem_invite(self, code: str, channel: str, user_id: str, display_name: str, now: str) -> int:
        """Tie the chat account to the invite's roster entry (creating it if needed); one transaction."""
        with self._durable():
            invite = self.invite(code)
            if invite is None or invite["used"]:
                raise NotFoundError(f"invite {code} is unknown or already used")
            person_id = invite["person_id"]
            if person_id is None:
                cursor = self._write(
                    "insert into people (name, role, village, created, unit) values (?, ?, ?, ?, ?)",
                    [invite["name"] or display_name or "Thành viên", invite["role"], invite["village"], now,
                     invite["unit"]])
                person_id = cursor.lastrowid
            self.db.execute("insert or replace into accounts (channel, user_id, person_id, joined) values (?,?,?,?)",
                            [channel, user_id, person_id, now])
            self.db.execute("update invites set used = ?, used_by = ? where code = ?",
                            [now, self.user_key(channel, user_id), code])
        return person_id

    def record_join_failure(self, channel: str, user_id: str, now: str) -> None:
        self._write("insert into join_failures (user_key, ts) values (?, ?)", [self.user_key(channel, user_id), now])

    def join_failures_since(self, channel: str, user_id: str, since: str) -> int:
        return self.db.execute("select count(*) from join_failures where user_key = ? and ts >= ?",
                               [self.user_key(channel, user_id), since]).fetchone()[0]

    # -- reports ------------------------------------------------------------------------------------------------
    def report(self, period: str, village: str) -> dict | None:
        row = self.db.execute(
            "select data, person_id, confirmed, version from reports where period = ? and village = ?",
            [period, village]).fetchone()
        if not row:
            return None
        return {"values": json.loads(row[0]), "person_id": row[1], "confirmed": row[2], "version": row[3]}

    def reports(self, period: str) -> dict[str, dict]:
        """village -> report for one period (one query)."""
        rows = self.db.execute("select village, data, person_id, confirmed, version from reports where period = ?",
                               [period]).fetchall()
        return {v: {"values": json.loads(data), "person_id": pid, "confirmed": confirmed, "version": version}
                for v, data, pid, confirmed, version in rows}

    def save_report(self, period: str, village: str, values: dict[str, int], person_id: int, now: str) -> int:
        """Store a confirmed report (a correction replaces it, the history keeps every version); return the version.

        Committed before returning. Raises :class:`PeriodLockedError` when a leader has locked the period.
        """
        return self._save_version("reports", "report_history", period, "village", village, {
            "data": json.dumps(values, sort_keys=True), "person_id": person_id, "confirmed": now})

    def _save_version(self, table: str, history: str, period: str, column: str, name: str, row: dict) -> int:
        """The next version of the confirmed report of ``period`` and ``column`` = ``name`` in ``table`` (replaced)
        and in ``history`` (added), committed before returning; raises :class:`PeriodLockedError` on a locked
        period."""
        with self._durable():
            if self.locked(period):
                raise PeriodLockedError(period)
            last = self.db.execute(f"select version from {table} where period = ? and {column} = ?",
                                   [period, name]).fetchone()
            values = {"period": period, column: name, **row, "version": (last[0] if last else 0) + 1}
            columns, marks = ", ".join(values), ", ".join("?" * len(values))
            self.db.execute(f"insert or replace into {table} ({columns}) values ({marks})", list(values.values()))
            self.db.execute(f"insert into {history} ({columns}) values ({marks})", list(values.values()))
        return values["version"]

    def report_history(self, period: str, village: str) -> list[dict]:
        return [{**row, "values": json.loads(row["data"])} for row in self.db["report_history"].rows_where(
            "period = ? and village = ?", [period, village], order_by="version")]

    # -- upward reports (a province) ------------------------------------------------------------------------------
    def save_upward(self, period: str, unit: str, values: dict[str, int], own: dict[str, int], person_id: int,
                    now: str) -> int:
        """Store a unit's confirmed report to the province (a re-send replaces it, the history keeps every
        version); return the version. Raises :class:`PeriodLockedError` when the period is locked."""
        return self._save_version("upward", "upward_history", period, "unit", unit, {
            "data": json.dumps(values, sort_keys=True), "own": json.dumps(own, sort_keys=True),
            "person_id": person_id, "confirmed": now})

    def upward(self, period: str) -> dict[str, dict]:
        """unit -> its confirmed report to the province for one period (one query)."""
        rows = self.db.execute("select unit, data, own, person_id, confirmed, version from upward where period = ?",
                               [period]).fetchall()
        return {unit: {"values": json.loads(data), "own": json.loads(own), "person_id": pid, "confirmed": confirmed,
                       "version": version} for unit, data, own, pid, confirmed, version in rows}

    def upward_history(self, period: str, unit: str) -> list[dict]:
        return [{**row, "values": json.loads(row["data"]), "own": json.loads(row["own"])}
                for row in self.db["upward_history"].rows_where("period = ? and unit = ?", [period, unit],
                                                                order_by="version")]

    def unit_leaders(self) -> list[dict]:
        """Roster entries of leaders above the villages (one query), for the province's call lists."""
        return list(self.db.query("select * from people where unit is not null and village is null order by id"))

    def lock(self, period: str, person_id: int, now: str) -> bool:
        """Lock a period; False if it was already locked."""
        cursor = self._write("insert or ignore into locks (period, person_id, locked) values (?, ?, ?)",
                                 [period, person_id, now], durable=True)
        return cursor.rowcount == 1

    def unlock(self, period: str) -> bool:
        cursor = self._write("delete from locks where period = ?", [period], durable=True)
        return cursor.rowcount == 1

    def locked(self, period: str) -> bool:
        return self.db.execute("select 1 from locks where period = ?", [period]).fetchone() is not None

    # -- tasks --------------------------------------------------------------------------------------------------
    def add_task(self, task_id: str, title: str, due: str, villages: list[str], created_by: int,
                 product: str = "") -> None:
        self._write("insert into tasks (id, title, product, due, villages, created_by, created) "
                        "values (?, ?, ?, ?, ?, ?, ?)",
                        [task_id, title, product, due, json.dumps(villages), created_by, self._stamp()], durable=True)

    def tasks(self) -> list[dict]:
        return [{**row, "villages": json.loads(row["villages"])} for row in self.db["tasks"].rows_where(order_by="due")]

    def next_task_number(self) -> int:
        return self.db.execute("select count(*) from tasks").fetchone()[0] + 1

    def mark_done(self, task_id: str, village: str, person_id: int, note: str, now: str) -> bool:
        """Record a task done for a village; False if it was already done."""
        cursor = self._write("insert or ignore into task_done (task_id, village, person_id, note, done) "
                                 "values (?, ?, ?, ?, ?)", [task_id, village, person_id, note, now], durable=True)
        return cursor.rowcount == 1

    def done_tasks(self, village: str | None = None) -> dict[tuple[str, str], dict]:
        rows = self.db["task_done"].rows_where("village = ?", [village]) if village else self.db["task_done"].rows
        return {(r["task_id"], r["village"]): r for r in rows}

    # -- plan tasks (bot/team/plan_tasks.py) --------------------------------------------------------------------
    _PLAN_FIELDS = ("title", "lead", "lead_text", "support", "support_text", "product", "deadline", "kind", "due",
                    "day")

    def save_plan_tasks(self, records: list[dict], now: str) -> tuple[int, int]:
        """Insert new plan tasks and update those whose fields changed, in one transaction; (new, changed)."""
        new = changed = 0
        with self._durable():
            for record in records:
                values = [json.dumps(record[f], ensure_ascii=False) if f in ("lead", "support") else record[f]
                          for f in self._PLAN_FIELDS]
                cursor = self.db.execute(
                    f"insert or ignore into plan_tasks (code, {', '.join(self._PLAN_FIELDS)}, imported, updated) "
                    f"values ({', '.join('?' * (len(self._PLAN_FIELDS) + 3))})", [record["code"], *values, now, now])
                if cursor.rowcount:
                    new += 1
                    continue
                cursor = self.db.execute(
                    f"update plan_tasks set {', '.join(f'{f} = ?' for f in self._PLAN_FIELDS)}, updated = ? "
                    f"where code = ? and not ({' and '.join(f'{f} is ?' for f in self._PLAN_FIELDS)})",
                    [*values, now, record["code"], *values])
                changed += cursor.rowcount
        return new, changed

    def plan_tasks(self) -> list[dict]:
        rows = self.db.query("select * from plan_tasks order by coalesce(due, '9999'), code")
        return [{**r, "lead": json.loads(r["lead"]), "support": json.loads(r["support"])} for r in rows]

    def mark_plan_done(self, code: str, unit: str, occurrence: str, person_id: int, note: str, now: str) -> bool:
        """Record a plan task done by one lead unit (one month of a monthly task); False if it already was."""
        cursor = self._write("insert or ignore into plan_done (code, unit, occurrence, person_id, note, done) "
                             "values (?, ?, ?, ?, ?, ?)", [code, unit, occurrence, person_id, note, now], durable=True)
        return cursor.rowcount == 1

    def add_plan_note(self, code: str, unit: str, occurrence: str, person_id: int, note: str, now: str) -> None:
        self._write("insert into plan_notes (code, unit, occurrence, person_id, note, ts) values (?, ?, ?, ?, ?, ?)",
                    [code, unit, occurrence, person_id, note, now], durable=True)

    def plan_done(self) -> dict[tuple[str, str, str], dict]:
        return {(r["code"], r["unit"], r["occurrence"]): r for r in self.db.query("select * from plan_done")}

    def plan_is_done(self, code: str, unit: str, occurrence: str) -> bool:
        return self.db.execute("select 1 from plan_done where code = ? and unit = ? and occurrence = ?",
                               [code, unit, occurrence]).fetchone() is not None

    def plan_last_notes(self) -> dict[tuple[str, str, str], str]:
        """The latest progress note of each (task, unit, occurrence)."""
        rows = self.db.query("select code, unit, occurrence, note from plan_notes order by id")
        return {(r["code"], r["unit"], r["occurrence"]): r["note"] for r in rows}

    # -- outbox, subscribers, broadcasts ------------------------------------------------------------------------
    def enqueue(self, items: list[dict], now: str) -> int:
        """Add proactive messages; one already queued under the same (key, channel, chat) is left alone.

        Each item: key, channel, chat_id, kind, text and optionally period, village, payload (dict), broadcast_id.
        Returns how many were new. One transaction.
        """
        new = 0
        with self._atomic():
            for item in items:
                cursor = self.db.execute(
                    "insert or ignore into outbox (key, channel, chat_id, kind, period, village, text, payload, "
                    "status, attempts, next_attempt, created, broadcast_id) values (?,?,?,?,?,?,?,?,'pending',0,?,?,?)",
                    [item["key"], item["channel"], str(item["chat_id"]), item["kind"], item.get("period"),
                     item.get("village"), item.get("text", ""), json.dumps(item.get("payload") or {}), now, now,
                     item.get("broadcast_id")])
                new += cursor.rowcount
        return new

    def not_queued(self, items: list[dict]) -> list[dict]:
        """The items no outbox row has been made for yet (same key, channel and chat), e.g. for a dry run."""
        return [item for item in items if self.db.execute(
            "select 1 from outbox where key = ? and channel = ? and chat_id = ?",
            [item["key"], item["channel"], str(item["chat_id"])]).fetchone() is None]

    def postpone_message(self, message_id: int, until: str) -> None:
        """Leave a claimed message pending until ``until`` without counting an attempt (quiet hours)."""
        self._write("update outbox set status = 'pending', next_attempt = ? where id = ?", [until, message_id])

    def due_messages(self, now: str, limit: int = 500, channels: list[str] | None = None) -> list[dict]:
        """Messages due at ``now`` (pending, or claimed by a sender whose lease ran out), oldest first; only those
        of ``channels`` when given."""
        where = "status in ('pending', 'sending') and next_attempt <= ?"
        params: list = [now]
        if channels is not None:
            where += f" and channel in ({', '.join('?' * len(channels))})"
            params += channels
        rows = self.db.query(f"select * from outbox where {where} order by id limit ?", [*params, limit])
        return [{**row, "payload": json.loads(row["payload"] or "{}")} for row in rows]

    def count_due(self, now: str, excluding: list[str]) -> int:
        """How many messages are due at ``now`` on channels other than ``excluding`` (waiting for a channel)."""
        where = "status in ('pending', 'sending') and next_attempt <= ?"
        if excluding:
            where += f" and channel not in ({', '.join('?' * len(excluding))})"
        return self.db.execute(f"select count(*) from outbox where {where}", [now, *excluding]).fetchone()[0]

    def claim_message(self, message_id: int, now: str, lease_until: str) -> bool:
        """Take a due message for sending until ``lease_until``; False if another sender took it first.

        A sender that dies mid-send leaves the row claimed; when the lease runs out it is due again, so delivery
        stays at-least-once while two running senders (``run`` and a manual ``tick``) never send it twice.
        """
        cursor = self._write("update outbox set status = 'sending', next_attempt = ? where id = ? "
                             "and status in ('pending', 'sending') and next_attempt <= ?",
                             [lease_until, message_id, now])
        return cursor.rowcount == 1

    def mark_message(self, message_id: int, status: str, now: str, error: str | None = None,
                     next_attempt: str | None = None) -> None:
        """Record the outcome of one delivery attempt (sent, skipped, failed, or pending again with a retry time)."""
        self._write("update outbox set status = ?, attempts = attempts + (? in ('sent', 'failed', 'pending')), "
                    "sent = case when ? = 'sent' then ? else sent end, error = ?, "
                    "next_attempt = coalesce(?, next_attempt) where id = ?",
                    [status, status, status, now, error, next_attempt, message_id])

    def outbox(self, **where) -> list[dict]:
        clause = " and ".join(f"{k} = ?" for k in where) or "1"
        return list(self.db.query(f"select * from outbox where {clause} order by id", list(where.values())))

    def subscribe(self, channel: str, user_id: str, chat_id: str, now: str) -> bool:
        """Subscribe a citizen to the notices (their commune, for scoped broadcasts, is ``citizen_commune``'s);
        False if already subscribed."""
        cursor = self._write("insert or ignore into subscribers (channel, user_id, chat_id, since) "
                             "values (?,?,?,?)", [channel, user_id, chat_id, now], durable=True)
        return cursor.rowcount == 1

    def unsubscribe(self, channel: str, user_id: str) -> bool:
        cursor = self._write("delete from subscribers where channel = ? and user_id = ?", [channel, user_id],
                             durable=True)
        return cursor.rowcount == 1

    def subscribers(self) -> list[dict]:
        return list(self.db.query("select * from subscribers order by since, channel, user_id"))

    def add_broadcast(self, text: str, person_id: int, now: str, recipients: list[dict] | None = None,
                      communes: list[str] | None = None, sender: str | None = None) -> tuple[int, int]:
        """Create a broadcast and queue it for ``recipients`` (rows of :meth:`subscribers`; None: every
        subscriber), recording the ``communes`` it is for (None: everyone) and who it is from (``sender``, shown
        in its heading; None: the organisation), in one transaction; return (id, recipients)."""
        with self._durable():
            cursor = self.db.execute("insert into broadcasts (text, person_id, created, total, communes) "
                                     "values (?, ?, ?, 0, ?)",
                                     [text, person_id, now, None if communes is None else json.dumps(communes)])
            broadcast_id = cursor.lastrowid
            subscribers = self.subscribers() if recipients is None else recipients
            self.enqueue([{"key": f"broadcast:{broadcast_id}", "channel": s["channel"], "chat_id": s["chat_id"],
                           "kind": "broadcast", "text": text, "broadcast_id": broadcast_id,
                           "payload": {"from": sender} if sender else None} for s in subscribers], now)
            self.db.execute("update broadcasts set total = ? where id = ?", [len(subscribers), broadcast_id])
        return broadcast_id, len(subscribers)

    def broadcast_progress(self, broadcast_id: int) -> dict[str, int]:
        rows = self.db.execute("select status, count(*) from outbox where broadcast_id = ? and kind = 'broadcast' "
                               "group by status", [broadcast_id]).fetchall()
        return dict(rows)

    def broadcast(self, broadcast_id: int) -> dict:
        return self.db["broadcasts"].get(broadcast_id)

    def accounts(self) -> list[dict]:
        """Every linked chat account with its roster entry."""
        return list(self.db.query("select a.channel, a.user_id, p.id as person_id, p.name, p.role, p.village, p.unit "
                                  "from accounts a join people p on p.id = a.person_id order by p.id"))

    # -- rotating credentials and reply windows -----------------------------------------------------------------
    def save_secrets(self, values: dict[str, str], now: str) -> None:
        """Store several secrets in one transaction (a rotated token pair is never half-written)."""
        with self._durable():
            for name, value in values.items():
                self.db.execute("insert or replace into secrets (name, value, updated) values (?, ?, ?)",
                                [name, value, now])

    def secret(self, name: str) -> str | None:
        row = self.db.execute("select value from secrets where name = ?", [name]).fetchone()
        return row[0] if row else None

    def touch_inbound(self, channel: str, user_id: str, now: str) -> None:
        """Remember when a user last wrote to us (Zalo OA only lets us reply for a while after that)."""
        self._write("insert or replace into last_inbound (channel, user_id, ts) values (?, ?, ?)",
                    [channel, user_id, now])

    def last_inbound(self, channel: str, user_id: str) -> str | None:
        row = self.db.execute("select ts from last_inbound where channel = ? and user_id = ?",
                              [channel, user_id]).fetchone()
        return row[0] if row else None

    # -- sessions -----------------------------------------------------------------------------------------------
    def session(self, key: str) -> dict:
        return self.session_and_text(key)[0]

    def session_and_text(self, key: str) -> tuple[dict, str]:
        """A conversation state (a fresh copy: change it freely) and its stored text (``{}`` when there is none),
        to tell with :func:`session_text` whether a turn changed it."""
        staged = self._staged()
        pending = (staged[1].get(key) if staged else None) or self._pending_sessions.get(key)
        if pending is not None:
            text = pending[0]
        else:
            row = self.db.execute("select state from sessions where key = ?", [key]).fetchone()
            text = row[0] if row else EMPTY_SESSION
        return json.loads(text), text

    def save_session(self, key: str, state: dict, deferred: bool = False, text: str | None = None) -> None:
        """Store a conversation state ({} deletes it). ``deferred``: like the question log, off the answer's path
        (for a citizen's last offered choices, which nobody was told were saved); read back by :meth:`session`.
        ``text``: ``session_text(state)`` when the caller has it already."""
        text = session_text(state) if text is None else text
        staged = self._staged()
        if deferred and staged is not None:
            staged[1][key] = (text, self._stamp())
            return
        if deferred:
            with self._buffer_lock:
                if key not in self._pending_sessions and len(self._pending_sessions) >= LOG_BUFFER:
                    del self._pending_sessions[next(iter(self._pending_sessions))]
                self._pending_sessions[key] = (text, self._stamp())
                self._buffered()
            self._flush_soon()
            return
        if staged is not None:
            staged[1].pop(key, None)
        with self._buffer_lock:
            self._pending_sessions.pop(key, None)
        if state:
            self._write("insert or replace into sessions (key, state, updated) values (?, ?, ?)",
                            [key, text, self._stamp()])
        else:
            self._write("delete from sessions where key = ?", [key])

    # -- a citizen's commune (a province): which commune's offices, contact and team answer them ------------------
    def citizen_commune(self, channel: str, user_id: str) -> str | None:
        """The commune key a citizen's chat account is answered for, None when not known yet."""
        row = self.db.execute("select commune from citizen_communes where channel = ? and user_id = ?",
                              [channel, user_id]).fetchone()
        return row[0] if row else None

    def set_citizen_commune(self, channel: str, user_id: str, commune: str | None, now: str) -> None:
        """Remember (None: forget) the commune of a citizen's chat account; committed before it is confirmed."""
        if commune is None:
            self._write("delete from citizen_communes where channel = ? and user_id = ?", [channel, user_id],
                        durable=True)
            return
        self._write("insert or replace into citizen_communes (channel, user_id, commune, updated) values (?,?,?,?)",
                    [channel, user_id, commune, now], durable=True)

    def citizen_communes(self) -> dict[tuple[str, str], str]:
        """Every known citizen's commune: (channel, user_id) -> commune key (e.g. to scope a broadcast)."""
        return {(c, u): k for c, u, k in self.db.execute("select channel, user_id, commune from citizen_communes")}

    # -- personal data: what one person has here, forgetting it, retention -------------------------------------
    def _tickets(self) -> dict[str, str] | None:
        """Columns of the citizens' tickets table, if one exists (it needs ``user_key``; purged by its
        ``created``/``ts``/``updated`` column)."""
        if "tickets" not in self.db.table_names():
            return None
        columns = self.db["tickets"].columns_dict
        return columns if "user_key" in columns else None

    def _session_match(self, channel: str, user_id: str) -> tuple[str, list]:
        """SQL condition on sessions.key (``channel:chat:user``) for every chat of one account."""
        prefix, suffix = f"{channel}:", f":{user_id}"
        return ("substr(key, 1, length(?)) = ? and substr(key, -length(?)) = ?", [prefix, prefix, suffix, suffix])

    def personal_data(self, channel: str, user_id: str, recent: int = 5) -> dict:
        """What is kept about one chat account: questions (and the last few, redacted), feedback given,
        subscription, sessions, tickets."""
        self.flush_log()
        key = self.user_key(channel, user_id)
        asked = {qid: (text, feedback) for qid, text, feedback in self.db.execute(
            "select id, text, feedback from questions where user_key = ?", [key])}
        with self._buffer_lock:  # inside a turn the buffer is not written: count what still waits in it too
            asked.update((row[0], (row[4], row[8])) for row in self._pending_questions.values() if row[3] == key)
        questions, feedback = len(asked), sum(f is not None for _, f in asked.values())
        last = [asked[qid][0] for qid in sorted(asked, reverse=True)[:recent]]
        where, params = self._session_match(channel, user_id)
        sessions = self.db.execute(f"select count(*) from sessions where {where}", params).fetchone()[0]
        subscribed = self.db.execute("select count(*) from subscribers where channel = ? and user_id = ?",
                                     [channel, user_id]).fetchone()[0]
        tickets = self.db.execute("select count(*) from tickets where user_key = ?", [key]).fetchone()[0] \
            if self._tickets() else 0
        return {"questions": questions, "feedback": feedback, "recent": last, "sessions": sessions,
                "subscribed": bool(subscribed), "tickets": tickets,
                "commune": self.citizen_commune(channel, user_id)}

    def forget_person(self, channel: str, user_id: str) -> dict[str, int]:
        """Delete one chat account's questions (with their feedback), subscription, sessions, reply window,
        join attempts and tickets, in one transaction; return how many rows per kind. Team reports, the roster
        and the account link of a team member are official records and stay."""
        key = self.user_key(channel, user_id)
        where, params = self._session_match(channel, user_id)
        with self._buffer_lock:
            for qid in [q for q, row in self._pending_questions.items() if row[3] == key]:
                del self._pending_questions[qid]
            for k in [k for k in self._pending_sessions if k.startswith(params[0]) and k.endswith(params[2])]:
                del self._pending_sessions[k]
        with self._durable():
            gone = {
                "questions": self.db.execute("delete from questions where user_key = ?", [key]).rowcount,
                "subscriptions": self.db.execute("delete from subscribers where channel = ? and user_id = ?",
                                                 [channel, user_id]).rowcount,
                "sessions": self.db.execute(f"delete from sessions where {where}", params).rowcount,
                "ticket_messages": self.db.execute(
                    "delete from ticket_messages where ticket_id in (select id from tickets where user_key = ?)",
                    [key]).rowcount,
                "tickets": self.db.execute("delete from tickets where user_key = ?", [key]).rowcount
                if self._tickets() else 0,
                "web_messages": self.db.execute("delete from web_messages where session_key = ?", [key]).rowcount,
                "communes": self.db.execute("delete from citizen_communes where channel = ? and user_id = ?",
                                            [channel, user_id]).rowcount,
            }
            self.db.execute("delete from last_inbound where channel = ? and user_id = ?", [channel, user_id])
            self.db.execute("delete from join_failures where user_key = ?", [key])
        if getattr(self._local, "depth", 0):
            self._local.after.append(self._checkpoint)
        else:
            self._checkpoint()
        return gone

    def _checkpoint(self) -> None:
        """Copy the WAL into the database file and empty it, so deleted pages are gone from the disk too."""
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.DatabaseError:
            pass  # another reader keeps the WAL; it is overwritten with later writes

    def purge_before(self, cutoff: str) -> dict[str, int]:
        """Delete the question log, sessions, tickets, reply windows, join attempts and deduplication keys older
        than ``cutoff`` (ISO time); return how many rows per table. Reports, roster, tasks and outbox stay."""
        self.flush_log()
        tables = {"questions": "ts", "sessions": "updated", "last_inbound": "ts", "join_failures": "ts",
                  "seen": "ts", "web_messages": "ts"}
        tickets = self._tickets()
        if tickets:
            column = next((c for c in ("created", "ts", "updated") if c in tickets), None)
            if column:
                tables["tickets"] = column
        with self._atomic():
            messages = self.db.execute(  # with their ticket, or on their own when old
                "delete from ticket_messages where ts < ? or ticket_id in (select id from tickets where created < ?)",
                [cutoff, cutoff]).rowcount
            gone = {table: self.db.execute(f"delete from {table} where {column} < ?", [cutoff]).rowcount
                    for table, column in tables.items()}
            communes = self.db.execute(  # a subscriber's commune scopes the notices they get: kept with them
                "delete from citizen_communes where updated < ? and not exists (select 1 from subscribers s "
                "where s.channel = citizen_communes.channel and s.user_id = citizen_communes.user_id)",
                [cutoff]).rowcount
            return gone | {"ticket_messages": messages, "citizen_communes": communes}

    # -- operations: health, backup, restore, metrics ----------------------------------------------------------
    @property
    def path(self) -> Path | None:
        """The database file (None in memory)."""
        return self._path

    def health(self, integrity: bool = True) -> dict:
        """Journal mode, size in bytes (database + WAL), free pages, and the integrity check's first line."""
        page_size = self.db.execute("pragma page_size").fetchone()[0]
        pages = self.db.execute("pragma page_count").fetchone()[0]
        wal = self.path.with_name(self.path.name + "-wal") if self.path else None
        return {"journal_mode": self.db.execute("pragma journal_mode").fetchone()[0],
                "size": page_size * pages + (wal.stat().st_size if wal and wal.exists() else 0),
                "free_pages": self.db.execute("pragma freelist_count").fetchone()[0],
                "integrity": self.db.execute("pragma integrity_check").fetchone()[0] if integrity else "skipped"}

    def probe_write(self, now: str) -> None:
        """Commit one tiny write and remove it (raises sqlite3.OperationalError when locked, full or read-only)."""
        self._write("insert or replace into secrets (name, value, updated) values ('doctor_probe', '', ?)", [now])
        self._write("delete from secrets where name = 'doctor_probe'", [])

    def backup_to(self, target: Path | str) -> int:
        """Copy the whole database to ``target`` with SQLite's online backup (safe while the bot runs: writers
        are not blocked); written to a temporary file first, so ``target`` is never half a database. Returns
        the size in bytes."""
        self.flush_log()
        target = Path(target)
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)
        dest = sqlite3.connect(partial)
        try:
            self.db.conn.backup(dest)
        finally:
            dest.close()
        partial.replace(target)
        return target.stat().st_size

    def restore_from(self, source: Path | str) -> None:
        """Replace this database's content with a backup (checked first: a SQLite file that passes the
        integrity check and has the bot's tables), then bring its schema up to date."""
        src = sqlite3.connect(f"file:{Path(source)}?mode=ro", uri=True)
        try:
            try:
                check = src.execute("pragma integrity_check").fetchone()[0]
                tables = {r[0] for r in src.execute("select name from sqlite_master where type = 'table'")}
            except sqlite3.DatabaseError as exc:
                raise ValueError(f"{source} is not a SQLite database ({exc})") from None
            if check != "ok":
                raise ValueError(f"{source} fails the integrity check: {check}")
            if not {"questions", "sessions", "_sqlite_migrations"} <= tables:
                raise ValueError(f"{source} is not a Trợ lý 06 database (tables missing)")
            with self._buffer_lock:
                self._pending_questions.clear()
                self._pending_sessions.clear()
            src.backup(self.db.conn)
        finally:
            src.close()
        migrations.apply(self.db)

    def outbox_stats(self) -> tuple[dict[str, int], str | None]:
        """Outbox rows per status, and when the oldest message still waiting was queued."""
        counts = dict(self.db.execute("select status, count(*) from outbox group by status").fetchall())
        oldest = self.db.execute("select min(created) from outbox where status in ('pending', 'sending')").fetchone()
        return counts, oldest[0]

    # -- tickets: citizens' questions passed to a person («Hỏi cán bộ») ---------------------------------------------
    def open_ticket(self, code: str, channel: str, user_id: str, chat_id: str, question: str,
                    bot_topic: str | None, now: str, commune: str | None = None) -> int:
        """Create a ticket (the question redacted) and its first message; committed before returning.
        ``commune``: the citizen's commune in a province (its team answers), None for one commune."""
        with self._durable():
            ticket_id = self.db.execute(
                "insert into tickets (code, channel, user_id, chat_id, user_key, question, bot_topic, status, created,"
                " commune) values (?,?,?,?,?,?,?, 'open', ?, ?)",
                [code, channel, user_id, chat_id, self.user_key(channel, user_id), redact(question), bot_topic,
                 now, commune]).lastrowid
            self.db.execute("insert into ticket_messages (ticket_id, author, text, ts) values (?, 'citizen', ?, ?)",
                            [ticket_id, redact(question), now])
        return ticket_id

    def ticket(self, ticket_id: int) -> dict | None:
        row = self.db.execute("select * from tickets where id = ?", [ticket_id]).fetchone()
        return self._ticket_row(row)

    def ticket_by_code(self, code: str) -> dict | None:
        row = self.db.execute("select * from tickets where code = ?", [code.upper()]).fetchone()
        return self._ticket_row(row)

    def _ticket_row(self, row) -> dict | None:
        if row is None:
            return None
        return dict(zip([c.name for c in self.db["tickets"].columns], row, strict=True))

    def tickets_of(self, channel: str, user_id: str, statuses: tuple[str, ...] = ("open", "taken", "answered"),
                   since: str = "") -> list[dict]:
        """A citizen's tickets in those states created since ``since``, oldest first."""
        marks = ",".join("?" * len(statuses))
        return list(self.db.query(f"select * from tickets where user_key = ? and status in ({marks}) "
                                  "and created >= ? order by id", [self.user_key(channel, user_id), *statuses, since]))

    def open_tickets(self) -> list[dict]:
        """Tickets waiting for an officer's answer (open or taken), oldest first."""
        return list(self.db.query("select * from tickets where status in ('open', 'taken') order by id"))

    def take_ticket(self, ticket_id: int, person_id: int, now: str) -> bool:
        """The first officer to take an open ticket owns it; True if this person owns it now."""
        with self._durable():
            self.db.execute("update tickets set status = 'taken', officer_id = ?, taken = ? "
                            "where id = ? and status = 'open'", [person_id, now, ticket_id])
            row = self.db.execute("select officer_id, status from tickets where id = ?", [ticket_id]).fetchone()
        return row is not None and row[0] == person_id and row[1] in ("taken", "answered")

    def assign_ticket(self, ticket_id: int, person_id: int, now: str) -> None:
        """Hand a waiting ticket to another officer."""
        self._write("update tickets set status = 'taken', officer_id = ?, taken = ? "
                    "where id = ? and status in ('open', 'taken')", [person_id, now, ticket_id], durable=True)

    def add_ticket_message(self, ticket_id: int, author: str, text: str, now: str, person_id: int | None = None,
                           status: str | None = None, outbox: list[dict] | None = None) -> None:
        """Append a message (a citizen's is redacted), optionally move the ticket to ``status`` and queue the
        messages it causes — all in one transaction, so an answer is never recorded without being sent."""
        with self._durable():
            self.db.execute("insert into ticket_messages (ticket_id, author, person_id, text, ts) values (?,?,?,?,?)",
                            [ticket_id, author, person_id, redact(text) if author == "citizen" else text, now])
            if status == "answered":
                self.db.execute("update tickets set status = 'answered', answered = ?, officer_id = "
                                "coalesce(officer_id, ?) where id = ?", [now, person_id, ticket_id])
            elif status:
                self.db.execute("update tickets set status = ? where id = ?", [status, ticket_id])
            if outbox:
                self.enqueue(outbox, now)

    def close_ticket(self, ticket_id: int, now: str, rating: int | None = None) -> bool:
        """Close a ticket (with the citizen's 👍 = 1 / 👎 = -1); False if it was already closed."""
        cursor = self._write("update tickets set status = 'closed', closed = ?, rating = coalesce(?, rating) "
                             "where id = ? and status != 'closed'", [now, rating, ticket_id], durable=True)
        return cursor.rowcount == 1

    def ticket_messages(self, ticket_id: int) -> list[dict]:
        return list(self.db["ticket_messages"].rows_where("ticket_id = ?", [ticket_id], order_by="id"))

    def answered_tickets(self, limit: int = 100) -> list[dict]:
        """Answered or closed tickets with the officer's first answer, newest first (for curators)."""
        return list(self.db.query(
            "select t.code, t.question, t.bot_topic, t.rating, t.status, "
            "(select m.text from ticket_messages m where m.ticket_id = t.id and m.author = 'officer' "
            "order by m.id limit 1) as answer from tickets t where t.answered is not null "
            "order by t.id desc limit ?", [limit]))

    # -- web chat transcripts: what a browser shows again after a reload -------------------------------------------
    WEB_HISTORY = 60  # messages kept per web chat session

    def add_web_messages(self, session: str, messages: list[tuple[str, str, list]], now: str,
                         best_effort: bool = False) -> bool:
        """Append (author, text, buttons) rows to a web chat's transcript; the citizen's own text is redacted.

        ``best_effort`` (the conversation's own lines, on the answer's path): one short try; when the database is
        locked or the disk is full the lines are left out of the transcript (False) and the answer still goes out.
        Without it (an officer's answer from the outbox) a failure raises, so the outbox tries again.
        """
        key = self.user_key("web", session)
        try:
            if best_effort:
                self.db.execute(f"PRAGMA busy_timeout={LOG_WAIT_MS}")
            with self._atomic():
                for author, text, buttons in messages:
                    self.db.execute(
                        "insert into web_messages (session_key, author, text, buttons, ts) values (?,?,?,?,?)",
                        [key, author, redact(text) if author == "me" else text,
                         json.dumps(buttons, ensure_ascii=False), now])
                self.db.execute("delete from web_messages where session_key = ? and id not in (select id from "
                                "web_messages where session_key = ? order by id desc limit ?)",
                                [key, key, self.WEB_HISTORY])
        except sqlite3.DatabaseError as exc:
            if not best_effort:
                raise
            log.warning("web chat transcript: %d line(s) left out, the database cannot be written (%s)",
                        len(messages), exc)
            return False
        finally:
            if best_effort:
                self.db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        return True

    def last_web_message(self, session: str) -> int:
        """The id of a web chat's latest message (0 when it has none): where its page polls from."""
        row = self.db.execute("select max(id) from web_messages where session_key = ?",
                              [self.user_key("web", session)]).fetchone()
        return row[0] or 0

    def web_messages(self, session: str, after: int = 0) -> list[dict]:
        """A web chat's transcript after message ``after``, oldest first."""
        rows = self.db.execute("select id, author, text, buttons from web_messages where session_key = ? and id > ? "
                               "order by id", [self.user_key("web", session), after]).fetchall()
        return [{"id": i, "author": a, "text": t, "buttons": json.loads(b or "[]")} for i, a, t, b in rows]

