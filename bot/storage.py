"""The one SQLite file behind the bot (sqlite-utils, WAL mode). The only module that imports sqlite-utils.

Usage::

    store = Store.open(data_dir)                 # creates and migrates the schema
    qid = store.log_question("telegram", "42", "dang ky tam tru", "dvc04_tam_tru", 0.93, fallback=False)
    store.set_feedback(qid, helpful=True)
    store.first_seen("telegram:update:17")       # True once, False afterwards: idempotent update handling

Every write that confirms something to a user is committed before the method returns.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import sqlite_utils
from sqlite_utils import Migrations

from bot.privacy import redact

DB_NAME = "troly06.db"
migrations = Migrations("troly06")


class NotFoundError(Exception):
    """The requested row does not exist."""


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


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def user_key(channel: str, user_id: str) -> str:
    """A stable pseudonym for a chat account, so logs never hold raw platform ids."""
    return hashlib.sha256(f"{channel}:{user_id}".encode()).hexdigest()[:16]


class Store:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.db.enable_wal()
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA busy_timeout=5000")
        migrations.apply(self.db)

    @classmethod
    def open(cls, data_dir: Path | str) -> Store:
        data_dir = Path(data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        return cls(sqlite_utils.Database(data_dir / DB_NAME))

    @classmethod
    def memory(cls) -> Store:
        return cls(sqlite_utils.Database(memory=True))

    def close(self) -> None:
        self.db.close()

    # -- question log -------------------------------------------------------------------------------------------
    def log_question(self, channel: str, user_id: str, text: str, topic: str | None, confidence: float,
                     fallback: bool) -> int:
        """Record a citizen question with ID and phone numbers redacted; return its id."""
        cursor = self.db.execute(
            "insert into questions (ts, channel, user_key, text, topic, confidence, fallback) values (?,?,?,?,?,?,?)",
            [_now(), channel, user_key(channel, user_id), redact(text), topic, round(confidence, 4), int(fallback)])
        self.db.conn.commit()
        return cursor.lastrowid

    def set_feedback(self, question_id: int, helpful: bool) -> None:
        """Store 👍 (True) or 👎 (False) for a logged question."""
        try:
            self.db["questions"].update(question_id, {"feedback": 1 if helpful else -1})
        except sqlite_utils.db.NotFoundError:
            raise NotFoundError(f"question {question_id}") from None

    def question(self, question_id: int) -> dict:
        try:
            return self.db["questions"].get(question_id)
        except sqlite_utils.db.NotFoundError:
            raise NotFoundError(f"question {question_id}") from None

    def questions(self) -> list[dict]:
        return list(self.db["questions"].rows_where(order_by="id"))

    def unanswered(self, limit: int = 50) -> list[dict]:
        """Most frequent fallback or 👎 questions, for curators."""
        return list(self.db.query(
            "select text, count(*) as n from questions where fallback = 1 or feedback = -1 "
            "group by text order by n desc, text limit ?", [limit]))

    # -- idempotency and sessions -------------------------------------------------------------------------------
    def first_seen(self, key: str) -> bool:
        """Remember ``key``; True the first time it is seen, False after that (also across restarts)."""
        cursor = self.db.execute("insert or ignore into seen (key, ts) values (?, ?)", [key, _now()])
        self.db.conn.commit()
        return cursor.rowcount == 1

    def session(self, key: str) -> dict:
        row = self.db.execute("select state from sessions where key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else {}

    def save_session(self, key: str, state: dict) -> None:
        if state:
            self.db.execute("insert or replace into sessions (key, state, updated) values (?, ?, ?)",
                            [key, json.dumps(state, ensure_ascii=False), _now()])
        else:
            self.db.execute("delete from sessions where key = ?", [key])
        self.db.conn.commit()
