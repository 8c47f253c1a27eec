import pytest

from bot.privacy import redact


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("CCCD 001099012345", "CCCD [số định danh]"),
        ("cmnd 123456789 ạ", "cmnd [số định danh] ạ"),
        ("sđt 0912345678", "sđt [số điện thoại]"),
        ("sđt 0912 345 678", "sđt [số điện thoại]"),
        ("sđt 0912.345.678", "sđt [số điện thoại]"),
        ("gọi +84 912 345 678", "gọi [số điện thoại]"),
        ("số 001-099-012-345", "số [số định danh]"),
    ],
)
def test_personal_numbers_are_redacted(raw, expected):
    assert redact(raw) == expected


@pytest.mark.parametrize("text", ["hotline 1800 1096", "gọi 19000368", "năm 2024 tháng 12", "mức 2", "25 dịch vụ"])
def test_hotlines_dates_and_small_numbers_are_kept(text):
    assert redact(text) == text


@pytest.mark.parametrize("raw, expected", [
    ("sđt0912345678", "sđt[số điện thoại]"), ("CCCD_001099012345", "CCCD_[số định danh]"),
    ("0912345678a", "[số điện thoại]a"),
])
def test_numbers_glued_to_letters_are_redacted_too(raw, expected):
    assert redact(raw) == expected


# -- the forms people actually write (issue 13) -------------------------------------------------------------------
@pytest.mark.parametrize("raw, label", [
    ("0912  345 678", "[số điện thoại]"), ("(0912) 345 678", "[số điện thoại]"),
    ("0912\u00a0345\u00a0678", "[số điện thoại]"), ("0912/345/678", "[số điện thoại]"),
    ("(+84) 912 345 678", "[số điện thoại]"), ("84-912-345-678", "[số điện thoại]"),
    ("001 - 099 - 012 - 345", "[số định danh]"), ("0071000123456", "[số]"), ("1903 6789 0123 45", "[số]"),
    ("12345678", "[số]"), ("nguyen.van.a@gmail.com", "[email]"), ("a.b+c@so-tp.hanoi.gov.vn", "[email]"),
    ("0000 01.2000 00", "[số định danh]"), ("01.2000 0000 00", "[số định danh]"),  # a group that looks like 01/2000
])
def test_every_written_form_is_redacted(raw, label):
    assert redact(f"liên hệ {raw} giúp em") == f"liên hệ {label} giúp em"


@pytest.mark.parametrize("text", [
    "hẹn ngày 01/12/2026", "từ 1-12-2026 đến 31.12.2026", "hạn 2026-12-08", "kỳ 12/2026", "01/12/2026 - 31/12/2026",
    "lệ phí 20.000 đ", "phạt 1.500.000 đồng", "nộp 15.000.000 đồng", "50k", "20000đ", "định danh mức 2",
    "25 dịch vụ công thiết yếu", "giai đoạn 2022 - 2025, tầm nhìn 2030", "Nghị định 59/2022/NĐ-CP",
    "Luật 91/2025/QH15", "lúc 08:30 ngày 3/12", "cccd 12, mức 2 30, kích hoạt 25, dvc 5", "gọi 1900 0368",
    "hẹn 01/12/2026 09:00", "lúc 08:30 01/12/2026",
])
def test_dates_money_and_short_numbers_are_not_redacted(text):
    assert redact(text) == text


def test_redaction_is_linear_on_long_input():
    import time

    start = time.perf_counter()
    for text in ("x" * 5000 + "001099012345", "1" * 5000, "a@" * 2500, "1 " * 2500, "01/" * 1600):
        redact(text)
    assert time.perf_counter() - start < 1.0  # a quadratic pattern takes seconds here


# -- property-based: generate the formats ---------------------------------------------------------------------------
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

SEPARATORS = [" ", "  ", ".", "-", " - ", "/", "\u00a0", "\u202f", "\u2013", " . "]
TEMPLATES = ["số căn cước của tôi là {}, quên mật khẩu vneid", "sdt em {} không nhận được otp",
             "chuyen khoan vao {} duoc khong", "liên hệ {} giúp em", "{}", "stk:{}.", "({})"]


def _grouped(draw, digits: str, first_in_parens: bool = False) -> str:
    """``digits`` cut into groups of 2-5 with one separator style (as people write), or two mixed."""
    cuts, i = [], 0
    while i < len(digits):
        size = draw(st.integers(2, 5))
        cuts.append(digits[i:i + size])
        i += size
    sep = draw(st.sampled_from(SEPARATORS + [""]))
    other = draw(st.sampled_from([sep, *SEPARATORS]))
    text = cuts[0]
    for n, group in enumerate(cuts[1:]):
        text += (sep if n % 2 == 0 else other) + group
    if first_in_parens and len(cuts) > 1:
        text = f"({cuts[0]}) " + text[len(cuts[0]):].lstrip("".join(SEPARATORS))
    return text


@st.composite
def phones(draw):
    body = draw(st.sampled_from("35789")) + draw(st.text("0123456789", min_size=8, max_size=8))
    prefix = draw(st.sampled_from(["0", "+84", "+84 ", "84", "(+84) ", "0"]))
    return prefix + _grouped(draw, body, first_in_parens=False) if prefix != "0" else \
        _grouped(draw, "0" + body, first_in_parens=draw(st.booleans()))


@st.composite
def id_numbers(draw):
    digits = draw(st.text("0123456789", min_size=12, max_size=12)) if draw(st.booleans()) else \
        draw(st.text("0123456789", min_size=9, max_size=9))
    return _grouped(draw, digits)


@st.composite
def accounts(draw):
    digits = draw(st.text("0123456789", min_size=8, max_size=16).filter(lambda d: not d.startswith(("1800", "1900"))))
    return _grouped(draw, digits)


@st.composite
def emails(draw):
    word = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10)
    local = draw(word) + draw(st.sampled_from(["", ".", "_", "+", "-"])) + draw(word)
    return f"{local}@{draw(word)}.{draw(st.sampled_from(['com', 'vn', 'gov.vn', 'com.vn']))}"


@given(st.one_of(phones(), id_numbers(), accounts()), st.sampled_from(TEMPLATES))
def test_generated_personal_numbers_leave_no_digit(value, template):
    redacted = redact(template.format(value))
    assert not any(ch.isdigit() for ch in redacted), (value, redacted)


@given(emails(), st.sampled_from(TEMPLATES))
def test_generated_emails_are_redacted(value, template):
    redacted = redact(template.format(value))
    assert "@" not in redacted and "[email]" in redacted


@st.composite
def dates(draw):
    day, month = draw(st.integers(1, 28)), draw(st.integers(1, 12))
    year = draw(st.integers(1990, 2035))
    sep = draw(st.sampled_from("/-."))
    pad = draw(st.booleans())
    d, m = (f"{day:02d}", f"{month:02d}") if pad else (str(day), str(month))
    return draw(st.sampled_from([f"{d}{sep}{m}{sep}{year}", f"{year}-{month:02d}-{day:02d}", f"{m}/{year}"]))


@st.composite
def amounts(draw):
    value = draw(st.integers(1, 999_999_999))
    grouped = f"{value:,}".replace(",", ".") if draw(st.booleans()) else str(value)
    return grouped + draw(st.sampled_from([" đ", "đ", " đồng", " VNĐ", " vnd"]))


@given(st.one_of(dates(), amounts(), st.integers(0, 9_999_999).map(str)),
       st.sampled_from(["ngày {} nộp hồ sơ", "lệ phí {} phải không", "mức {}", "{} dịch vụ", "{}"]))
def test_generated_dates_amounts_and_short_numbers_are_kept(value, template):
    text = template.format(value)
    assert redact(text) == text


# -- data protection: what citizens are told, what they can delete, retention ----------------------------------------
import datetime as dt  # noqa: E402
import sqlite3  # noqa: E402

from bot import texts  # noqa: E402
from bot.privacy import purge_expired  # noqa: E402
from bot.storage import DB_NAME, LOG_DELAY  # noqa: E402


def test_start_says_briefly_what_is_kept_and_for_how_long(testbot):
    text = testbot.say("/start")[0].text
    assert "lưu câu hỏi của bạn" in text and "180 ngày" in text and "/quyenriengtu" in text and "/xoadulieu" in text


def test_privacy_command_says_it_in_full_with_the_configured_retention(deps, testbot):
    deps.config = deps.config.model_copy(update={"privacy": deps.config.privacy.model_copy(
        update={"retention_days": 30})})
    text = testbot.say("/quyenriengtu")[0].text
    assert "30 ngày" in text and "91/2025/QH15" in text and deps.config.organisation.contact in text
    assert "/xoadulieu" in text and "OTP" in text
    assert "30 ngày" in testbot.say("/start")[0].text


def test_forget_me_with_nothing_kept(testbot, store):
    assert testbot.say("/xoadulieu", user="new")[0].text == texts.FORGET_NOTHING


def _ask_and_subscribe(testbot, user):
    qid = testbot.say("quên mật khẩu vneid, sđt 0912 345 678", user=user)[0].meta.question_id
    testbot.press(f"f:{qid}:1", user=user)
    testbot.say("hotline", user=user)
    testbot.say("định danh mức 2 làm ở đâu", user=user)
    testbot.core.deps.store.subscribe("test", user, user, "2026-12-01T08:00:00+07:00")


def test_forget_me_shows_what_is_kept_and_deletes_only_after_confirmation(testbot, store):
    _ask_and_subscribe(testbot, "a")
    _ask_and_subscribe(testbot, "b")
    summary = testbot.say("/xoadulieu", user="a")[0]
    assert "2 câu hỏi" in summary.text and "1 đánh giá" in summary.text and "đăng ký nhận thông báo" in summary.text
    assert "[số điện thoại]" in summary.text and "0912" not in summary.text  # shown as kept: redacted
    assert [b.payload for b in summary.buttons] == ["x:ok", "x:no"]
    kept = testbot.press("x:no", user="a")[0].text
    assert "không xóa" in kept.lower() and store.personal_data("test", "a")["questions"] == 2
    done = testbot.press("x:ok", user="a")[0].text
    assert "Đã xóa: 2 câu hỏi" in done and "1 đăng ký" in done
    mine = store.personal_data("test", "a")
    assert (mine["questions"], mine["feedback"], mine["subscribed"], mine["sessions"]) == (0, 0, False, 0)
    other = store.personal_data("test", "b")
    assert (other["questions"], other["feedback"], other["subscribed"]) == (2, 1, True)
    assert testbot.say("/xoadulieu", user="a")[0].text == texts.FORGET_NOTHING


def test_forget_me_never_deletes_a_team_members_reports(testbot, store):
    from tests.test_team import VILLAGE, join

    join(testbot, store, "m1", "member", VILLAGE, "Nguyễn Văn An")
    testbot.say("cccd 12, mức 2 30, kích hoạt 25, dvc 5", user="m1")
    assert "Đã lưu" in testbot.press("r:ok", user="m1")[0].text
    testbot.say("hotline có số nào", user="m1")
    summary = testbot.say("/xoadulieu", user="m1")[0].text
    assert texts.FORGET_TEAM_NOTE.strip() in summary
    testbot.press("x:ok", user="m1")
    assert store.report("2026-11", VILLAGE)["values"]["cccd"] == 12
    assert store.person_for("test", "m1")["village"] == VILLAGE  # still a member
    assert store.personal_data("test", "m1")["questions"] == 0


def test_forgotten_questions_are_gone_from_the_files_too(testbot, store, tmp_path):
    testbot.say("thủ tục zyxwvutsr cho người cao tuổi", user="a")
    testbot.press("x:ok", user="a")
    store.close()
    blobs = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith(DB_NAME))
    assert b"zyxwvutsr" not in blobs


def test_forget_me_and_the_purge_cover_tickets_and_their_messages(testbot, store):
    for n, (user, created) in enumerate([("a", "2026-11-30T00:00:00+00:00"), ("b", "2026-11-30T00:00:00+00:00"),
                                         ("b", "2026-01-01T00:00:00+00:00")]):
        store.open_ticket(f"H-{1000 + n}", "test", user, user, "Câu hỏi gửi cán bộ", None, created)
    store.add_web_messages("a" * 20, [("me", "xin chào", [])], "2026-01-01T00:00:00+00:00")
    assert "1 yêu cầu hỗ trợ" in testbot.say("/xoadulieu", user="a")[0].text
    assert "1 yêu cầu hỗ trợ" in testbot.press("x:ok", user="a")[0].text
    gone = purge_expired(store, dt.datetime(2026, 12, 1, tzinfo=dt.UTC), 180)
    assert gone["tickets"] == 1 and gone["ticket_messages"] == 1 and gone["web_messages"] == 1
    assert [r[0] for r in store.db.execute("select user_key from tickets")] == [store.user_key("test", "b")]
    assert store.db.execute("select count(*) from ticket_messages").fetchone()[0] == 1


def test_retention_purge_deletes_old_questions_and_sessions_and_keeps_reports(testbot, store):
    from tests.test_team import VILLAGE, join

    join(testbot, store, "m1", "member", VILLAGE, "Nguyễn Văn An")
    testbot.say("cccd 12, mức 2 30, kích hoạt 25, dvc 5", user="m1")
    testbot.press("r:ok", user="m1")
    testbot.say("câu hỏi cũ về vneid", user="old")
    testbot.say("menu", user="old")
    assert store.flush_log(wait=True)  # the group commit's buffer reaches the table before it is aged
    store.db.execute("update questions set ts = '2026-01-01T00:00:00+00:00'")
    store.db.execute("update sessions set updated = '2026-01-01T00:00:00+00:00' where key like '%:old'")
    store.db.conn.commit()
    testbot.say("câu hỏi mới về vneid", user="new")
    gone = purge_expired(store, dt.datetime(2026, 12, 1, tzinfo=dt.UTC), 180)
    assert gone["questions"] == 1 and gone["sessions"] == 1
    assert [q["text"] for q in store.questions()] == ["câu hỏi mới về vneid"]
    assert store.report("2026-11", VILLAGE) is not None and len(store.report_history("2026-11", VILLAGE)) == 1


def test_purge_on_the_command_line(tmp_path, cli):
    from bot.storage import Store

    store = Store.open(tmp_path)
    store.log_question("test", "u", "một câu hỏi cũ", None, 0.1, True)
    assert store.flush_log(wait=True)
    store.db.execute("update questions set ts = '2020-01-01T00:00:00+00:00'")
    store.db.conn.commit()
    store.close()
    result = cli("privacy", "purge")
    assert result.returncode == 0, result.stderr
    assert "older than 180 days: 1 questions" in result.stdout
    assert sqlite3.connect(tmp_path / DB_NAME).execute("select count(*) from questions").fetchone()[0] == 0


async def test_run_purges_daily_and_retries_the_buffered_log(deps, store):
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    from bot import privacy

    scheduler = AsyncIOScheduler(timezone="Asia/Ho_Chi_Minh")
    privacy.schedule(scheduler, deps)
    purge, flush = scheduler.get_job("privacy_purge"), scheduler.get_job("question_log")
    assert purge.trigger.interval.total_seconds() == 24 * 3600 and flush.trigger.interval.total_seconds() == LOG_DELAY
    store.log_question("test", "u", "câu hỏi cũ", None, 0.1, True)
    assert store.log_pending == 1  # held by the group commit, written by the job
    await flush.func()
    assert store.log_pending == 0
    store.db.execute("update questions set ts = '2020-01-01T00:00:00+00:00'")
    store.db.conn.commit()
    await purge.func()
    assert store.questions() == []


def test_a_question_left_unanswered_is_remembered_only_redacted(testbot, store, tmp_path):
    """The conversation keeps the question it could not answer (a bare follow-up is read with it): in the session,
    like everywhere else, its personal numbers are redacted before anything is written."""
    testbot.say("số của tôi là 0912 345 678, căn cước 001203004567, tôi cần hỏi cái thủ tục kia", user="a")
    store.close()
    blobs = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith(DB_NAME))
    assert b"345 678" not in blobs and b"912345678" not in blobs and b"001203004567" not in blobs
