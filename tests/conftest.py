"""Shared fixtures: the tests' own configuration, the real knowledge base and matcher (built once per session),
a store on a real SQLite file, ``testbot`` and ``cli``.

- Every test runs with ``BOT_CONFIG=tests/data/config.yaml`` (also in the subprocesses it starts, which inherit the
  environment), ``BOT_DATA_DIR`` and ``XDG_CACHE_HOME`` pointing at scratch directories and no channel token, so
  the bundled ``config.yaml`` and the developer's ``data/`` and tokens never change a result.
- A handler error is never an answer: ``testbot`` re-raises it, and any test during which the core logs one (it
  answers such messages with ``texts.ERROR`` in production) fails — unless the test is marked
  ``@pytest.mark.error_reply``: the error reply itself is what it checks.
- Matchers trained on a test's own knowledge base (``trained_matcher``) are kept between sessions in pytest's cache
  directory, under a hash of the training code. Models are copied into a test's data directory with their
  modification time, so the commands a test runs in this process reuse the matcher the app built before from the
  same inputs (``bot.app.BuiltMatchers``) instead of loading the model again.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import fcntl
import hashlib
import importlib.metadata
import io
import logging
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import pytest_asyncio

from bot.config import Settings, load_config
from bot.core import Core
from bot.deps import Deps
from bot.messages import Incoming, Kind, Outgoing
from bot.storage import DB_NAME, Store
from knowledge.loader import KnowledgeBase, load_knowledge
from nlu.matcher import Matcher
from tests.fakes.clock import SimClock

TESTS_DIR = Path(__file__).resolve().parent
PROJECT_DIR = TESTS_DIR.parent
TEST_CONFIG = TESTS_DIR / "data" / "config.yaml"
CORE_LOG = logging.getLogger(Core.__module__)
DEVELOPER_DATA_DIR = Settings().data_dir  # read before the tests' environment replaces it (see _environment)
# pytest caches test modules rewritten for assertions only where bytecode may be written; compiling them again in
# every worker costs ~2.5 s of CPU each. `kb build` does the same for the bot's own packages (bot/cli.py).
sys.dont_write_bytecode = False


def pytest_configure(config):
    config.addinivalue_line("markers", "error_reply: the test checks the core's error reply to a handler error "
                                       "(testbot returns it instead of raising; the test does not fail on it)")
    _temporary_directories_on_tmpfs(config)


def _temporary_directories_on_tmpfs(config):
    """Temporary directories on tmpfs where there is one: each new SQLite database costs about nine fsyncs (5-10 ms
    each on this machine's disk) and the suite makes hundreds; the tests kill processes, never the power, so
    the page cache is all they need."""
    shm = Path("/dev/shm")
    if config.option.basetemp is None and shm.is_dir() and os.access(shm, os.W_OK):
        tempfile.tempdir = str(shm)


# -- longest files first ------------------------------------------------------------------------------------------
# `make test` hands whole files to the pytest-xdist workers (`--dist loadfile`), each next file to the first worker
# free, in collection order (`--no-loadscope-reorder`; xdist would otherwise put the files with most tests first,
# and a file of one test that runs a real bot process for 20 s last). Collected longest first, by their time in
# the last run (pytest's cache; a run stopped early or of some tests, by -k, -m, --lf or node ids, is not recorded), the
# files even out across the workers; files not timed yet go first.
FILE_SECONDS = "troly06/file-seconds"


def pytest_collection_modifyitems(config, items):
    seconds = config.cache.get(FILE_SECONDS, {}) if config.cache is not None else {}
    if seconds:
        items.sort(key=lambda item: -seconds.get(item.nodeid.partition("::")[0], float("inf")))


class _FileTimes:
    """Sums each file's test durations (setup, call, teardown) as the reports arrive (from the xdist workers too)."""

    def __init__(self):
        self.seconds: dict[str, float] = {}

    def pytest_runtest_logreport(self, report):
        path = report.nodeid.partition("::")[0]
        self.seconds[path] = self.seconds.get(path, 0.0) + report.duration

    def pytest_sessionfinish(self, session, exitstatus):
        config = session.config
        whole = not (config.option.keyword or config.option.markexpr or config.getoption("lf", False)
                     or any("::" in arg for arg in config.args))  # each file's every test
        ran = exitstatus in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED) and not session.shouldstop  # -x
        if ran and whole and self.seconds and config.cache is not None:
            config.cache.set(FILE_SECONDS, {**config.cache.get(FILE_SECONDS, {}), **self.seconds})


# -- files that run on one worker ---------------------------------------------------------------------------------
# `--dist loadfile` hands each file to one worker; a file named here goes with the file it names, as if they were
# one: the Chromium tests (`in_chromium`, tests/test_web.py) then start one browser in all (~2 s of CPU and 1-2 s
# of wall time for each start) instead of one in each worker.
SAME_WORKER = {"tests/test_citizen_commune.py": "tests/test_web.py"}


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class LoadFilesTogether(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = super()._split_scope(nodeid)
            return SAME_WORKER.get(path, path)

    return LoadFilesTogether(config, log)


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session):
    if not hasattr(session.config, "workerinput"):  # the process that reports: alone, or xdist's controller
        session.config.pluginmanager.register(_FileTimes(), "troly06-file-times")


@pytest.fixture(scope="session", autouse=True)
def _environment(tmp_path_factory):
    """The environment of every test and of the processes it starts (see the module docstring)."""
    with pytest.MonkeyPatch.context() as mp:
        for name in list(os.environ):
            if name.startswith(("TELEGRAM_", "ZALO_")):
                mp.delenv(name)
        mp.setenv("BOT_CONFIG", str(TEST_CONFIG))
        mp.setenv("BOT_DATA_DIR", str(tmp_path_factory.mktemp("default-data")))
        # models shared between data directories (nlu.matcher.shared_model_dir) stay out of the developer's home
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield


class CoreErrors(logging.Handler):
    """Collects the exceptions the core logs while handling messages (``with CoreErrors() as errors: ...``)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.exceptions: list[BaseException] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[1] is not None:
            self.exceptions.append(record.exc_info[1])

    def __enter__(self) -> CoreErrors:
        CORE_LOG.addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        CORE_LOG.removeHandler(self)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail a test during which the core answered a message with its error reply (channels, web, scheduler...)."""
    with CoreErrors() as errors:
        result = yield
    if errors.exceptions and item.get_closest_marker("error_reply") is None:
        raise AssertionError(f"the core hit {len(errors.exceptions)} handler error(s) and answered with its "
                             "error reply; the first is chained above") from errors.exceptions[0]
    return result


@dataclass
class BuiltModel:
    directory: Path  # holds the one matcher-*.npz that `kb build` wrote
    output: str  # what `kb build` printed


@pytest.fixture(scope="session")
def built_model(request, _environment) -> BuiltModel:
    """The matcher model, built by ``python -m bot kb build`` (in this process) in a directory of pytest's cache
    that all xdist workers and later sessions share, one worker at a time (a file lock).

    When that directory has no model yet, the one ``make test`` has just built in the developer's data directory
    is copied in: the cache file is named after a hash of all the training data, so ``kb build`` reuses it only
    when it was trained on exactly this knowledge base, and trains (replacing it) otherwise — once, not per worker.
    The matcher ``kb build`` made is the session's ``matcher`` (``bot.app.BuiltMatchers`` keeps it)."""
    from bot.cli import main

    root = request.config.cache.mkdir("matcher-models")
    directory, stamp = root / "bundled", root / "bundled.inputs"
    inputs = _model_inputs_digest()
    out = io.StringIO()
    # The lock keeps two workers from training at once; with the model of these very inputs already there (the
    # stamp the last build left), `kb build` only loads it, so the workers build their matchers side by side
    # instead of one waiting ~1.5 s for the other's.
    current = stamp.is_file() and stamp.read_text().split() == [inputs, *_model_names(directory)]
    with (contextlib.nullcontext() if current else _file_lock(root / "bundled.lock")), \
            pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(out):
        directory.mkdir(exist_ok=True)
        if not any(directory.glob("matcher-*.npz")):
            for model in sorted(DEVELOPER_DATA_DIR.glob("matcher-*.npz"), key=lambda p: p.stat().st_mtime)[-1:]:
                shutil.copy(model, directory / model.name)
        mp.setenv("BOT_DATA_DIR", str(directory))
        assert main(["kb", "build"]) == 0
        if not current:
            stamp.write_text(" ".join([inputs, *_model_names(directory)]))
    return BuiltModel(directory, out.getvalue())


def _model_names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.glob("matcher-*.npz"))


def _model_inputs_digest() -> str:
    """Everything the bundled model could depend on, generously: the knowledge base and nlu packages (data and
    code) and the numeric libraries' versions. Equal digests mean `kb build` finds its model and trains nothing."""
    digest = hashlib.sha256(" ".join(importlib.metadata.version(p) for p in ("scikit-learn", "numpy")).encode())
    for path in sorted([*(PROJECT_DIR / "knowledge").glob("*.*"), *(PROJECT_DIR / "nlu").glob("*.*")]):
        if path.suffix in (".py", ".yaml"):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="session")
def kb():
    return load_knowledge()


@pytest.fixture(scope="session")
def matcher(kb, built_model):
    from bot.app import build_matcher

    return build_matcher(kb, cache_dir=built_model.directory)


def _training_code_digest() -> str:
    """What a trained model depends on besides its training data (which names the model file, nlu/matcher.py)."""
    digest = hashlib.sha256(importlib.metadata.version("scikit-learn").encode())
    for path in sorted((PROJECT_DIR / "nlu").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


class TrainedMatchers:
    """Matchers trained on a test's own data, their models kept between sessions in pytest's cache directory.

    Each ``name`` has a directory named after it and a hash of the training code (``nlu/*.py``, scikit-learn's
    version), so a change to either trains again; a model file is named after a hash of its training data (as in
    the bot's data directory). xdist workers build one name in turn (a file lock): it is trained at most once."""

    def __init__(self, root: Path):
        self.root = root
        self.code = _training_code_digest()

    def directory(self, name: str) -> Path:
        """Where the models of ``name`` are kept (the one ``trained_matcher(kb, name)`` built, for example)."""
        return self.root / f"{name}-{self.code}"

    @contextlib.contextmanager
    def _directory(self, name: str):
        directory = self.directory(name)
        with _file_lock(self.root / f"{name}.lock"):
            for stale in self.root.glob(f"{name}-*"):
                if stale != directory:
                    shutil.rmtree(stale, ignore_errors=True)
            directory.mkdir(exist_ok=True)
            for model in directory.glob("matcher-*.npz"):  # trained on data since changed (a model used is touched)
                if time.time() - model.stat().st_mtime > 7 * 86400:
                    model.unlink()
            yield directory

    def __call__(self, kb, name: str):
        """The app's matcher of ``kb`` (``bot.app.build_matcher``: the bundled out-of-scope examples)."""
        from bot.app import build_matcher

        with self._directory(name) as directory:
            matcher = build_matcher(kb, directory)
            for model in directory.glob("matcher-*.npz"):
                os.utime(model)
            return matcher

    def from_examples(self, normalizer, texts: list[str], labels: list[str], name: str):
        """``Matcher.train(normalizer, texts, labels)``, or the same model loaded when it was trained before."""
        from nlu.matcher import Matcher, Model

        key = hashlib.sha256(repr(([normalizer(t) for t in texts], labels)).encode()).hexdigest()[:16]
        with self._directory(name) as directory:
            path = directory / f"matcher-{key}.npz"
            if path.exists():
                os.utime(path)
                return Matcher(normalizer, Model.load(path))
            matcher = Matcher.train(normalizer, texts, labels)
            matcher.model.save(path)
            return matcher


@pytest.fixture(scope="session")
def trained_matcher(request) -> TrainedMatchers:
    """``trained_matcher(kb, "dialogue")``, ``trained_matcher.from_examples(normalizer, texts, labels, "folds")``
    (see ``TrainedMatchers``)."""
    return TrainedMatchers(request.config.cache.mkdir("matcher-models"))


@dataclass
class OwnKnowledge:
    """A test module's own small knowledge base and the matcher trained on it (``own_knowledge``)."""

    kb: KnowledgeBase
    matcher: Matcher

    def deps(self, store: Store, clock: SimClock) -> Deps:
        """``deps`` on this knowledge base and matcher (the tests' configuration)."""
        return Deps(config=load_config(TEST_CONFIG), store=store, kb=self.kb, matcher=self.matcher, clock=clock)

    def testbot(self, store: Store, clock: SimClock) -> TestBot:
        """``testbot`` on this knowledge base and matcher."""
        return TestBot(Core(self.deps(store, clock)))


@pytest.fixture(scope="module")
def own_knowledge(tmp_path_factory, trained_matcher):
    """``own_knowledge("dialogue", {"cu_tru.yaml": TOPICS})``: the knowledge base of those YAML files (written to a
    temporary directory) and its matcher, trained once and kept between sessions under ``name``
    (``trained_matcher``)."""

    def build(name: str, files: dict[str, str]) -> OwnKnowledge:
        directory = tmp_path_factory.mktemp(name)
        for file, text in files.items():
            (directory / file).write_text(text, encoding="utf-8")
        kb = load_knowledge(directory)
        return OwnKnowledge(kb, trained_matcher(kb, name))

    return build


@contextlib.contextmanager
def _file_lock(path: Path):
    with open(path, "a") as file:
        fcntl.flock(file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(file, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def _test_config():
    return load_config(TEST_CONFIG)


@pytest.fixture
def config(_test_config):
    """The tests' configuration (``tests/data/config.yaml``), a fresh copy per test."""
    return _test_config.model_copy(deep=True)


@pytest.fixture(scope="session")
def _new_database(tmp_path_factory) -> Path:
    """A database file exactly as ``Store.open`` creates it (migrated, its salt drawn), made once per session: a
    new database costs ~14 ms of CPU in migrations, a copy of this one ~2 ms, and the suite opens hundreds."""
    directory = tmp_path_factory.mktemp("new-database")
    Store.open(directory).close()
    return directory / DB_NAME


@pytest.fixture
def store(tmp_path, _new_database):
    """The bot's store on a real SQLite file in ``tmp_path`` (a copy of a new database, see ``_new_database``)."""
    shutil.copyfile(_new_database, tmp_path / DB_NAME)
    store = Store.open(tmp_path)
    yield store
    store.close()


@pytest.fixture
def clock():
    """The bot's current time: 03/12/2026 10:00 in Hà Nội, so members report for November (due 08/12)."""
    return SimClock(dt.datetime(2026, 12, 3, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))


@pytest.fixture
def deps(store, config, kb, matcher, clock):
    return Deps(config=config, store=store, kb=kb, matcher=matcher, clock=clock)


class TestBot:
    """The whole core on a collecting channel: ``testbot.say("dang ky tam tru")`` returns the replies.

    A handler error is raised here instead of being answered with the core's error reply (``reraise=False``: the
    reply is returned, for tests marked ``error_reply``)."""

    __test__ = False

    def __init__(self, core: Core, channel: str = "test", reraise: bool = True):
        self.core = core
        self.channel = channel
        self.reraise = reraise

    def handle(self, msg: Incoming) -> list[Outgoing]:
        with CoreErrors() as errors:
            replies = self.core.handle(msg)
        if errors.exceptions and self.reraise:
            raise errors.exceptions[0]
        return replies

    def say(self, text: str, user: str = "u1") -> list[Outgoing]:
        return self.handle(Incoming(channel=self.channel, user_id=user, chat_id=user, text=text))

    def press(self, payload: str, user: str = "u1") -> list[Outgoing]:
        return self.handle(Incoming(channel=self.channel, user_id=user, chat_id=user, kind=Kind.BUTTON,
                                    payload=payload))

    def send(self, kind: Kind, user: str = "u1") -> list[Outgoing]:
        return self.handle(Incoming(channel=self.channel, user_id=user, chat_id=user, kind=kind))


@pytest.fixture
def testbot(deps, request):
    return TestBot(Core(deps), reraise=request.node.get_closest_marker("error_reply") is None)


def chromium_path() -> str | None:
    """The system's Chromium (the browser tests are skipped without one; ``make browser`` installs it)."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def browser():
    """One headless Chromium for the worker's browser tests (each opens its own page, a fresh browsing context):
    tests marked with ``in_chromium`` (tests/test_web.py, also used by tests/test_citizen_commune.py)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                                   "--disable-background-networking", "--no-first-run"])
        yield browser
        await browser.close()


@pytest.fixture
def data_dir(tmp_path, built_model) -> Path:
    """A data directory (the same as ``store``'s) that already holds the session's matcher model (copied with its
    modification time: see ``copy_models``)."""
    copy_models(built_model.directory, tmp_path)
    return tmp_path


def copy_models(source: Path, data_dir: Path) -> None:
    """Copy the model files of ``source`` into ``data_dir`` with their modification times, as a backup would:
    ``bot.app.build_matcher`` then reuses the matcher it built from them (``BuiltMatchers``) instead of loading
    the model again (~0.8 s of CPU for each command a test runs in this process)."""
    for model in source.glob("matcher-*.npz"):
        shutil.copy2(model, data_dir / model.name)


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(data_dir, monkeypatch, capsys):
    """``cli("ask", "hotline", stdin=None)``: ``python -m bot ...`` in this process on ``data_dir`` (``stdin``: text, or
    bytes as a pipe carries them), ending as the
    process would: what the command registered with ``atexit`` (e.g. writing the buffered question log) runs when
    it returns. The matcher a command builds is the session's while the data directory's model is unchanged
    (``bot.app.BuiltMatchers``)."""
    from bot.cli import main

    monkeypatch.setenv("BOT_DATA_DIR", str(data_dir))

    def run(*args: str, stdin: str | bytes | None = None) -> CliResult:
        raw = stdin.encode() if isinstance(stdin, str) else stdin or b""  # bytes: exactly what the pipe carries
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
        at_exit: list = []
        monkeypatch.setattr(atexit, "register", lambda func, *a, **kw: at_exit.append((func, a, kw)) or func)
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: --help, usage errors
            code = exc.code if isinstance(exc.code, int) else 1
        finally:
            for func, a, kw in reversed(at_exit):
                func(*a, **kw)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
