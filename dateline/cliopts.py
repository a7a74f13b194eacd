"""What the ``dateline`` commands share: one-line errors and warnings, and the pipeline options of
``extract`` and ``ingest`` (one decorator; defaults from the pipeline, the stages' own options
from their specs)."""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import typer

from .pipeline import (
    DEFAULT_BATCH,
    DEFAULT_MODEL,
    DEFAULT_TIMEOUT,
    Option,
    Pipeline,
    PipelineError,
    StageSpec,
    available_stages,
    get_stage,
    known_stages,
)
from .readers import MAX_CHARS


def fail(message: str, code: int = 2):
    """One line on stderr, no traceback."""
    typer.echo(f"dateline: error: {message}", err=True)
    raise typer.Exit(code)


def problem(item) -> None:
    typer.echo(f"dateline: error: {item}", err=True)


def warn(message: str) -> None:
    typer.echo(f"dateline: warning: {message}", err=True)


def check_language(language: str | None) -> str | None:
    if language is not None and not (language.isalpha() and language.islower() and len(language) in (2, 3)):
        fail(f"--language {language!r} is not a language code such as en, fr or es")
    return language


PathsArg = typer.Argument(..., help="Files, directories, globs, or - for stdin.")
DateOpt = typer.Option(None, "--date", help="Article date YYYY-MM-DD where the input gives none.")
StagesOpt = typer.Option(None, "--stages", help="Comma-separated stages to run (default: all available).")
ModelOpt = typer.Option(DEFAULT_MODEL, "--model", help="spaCy pipeline to load.")


@dataclass
class PipelineArgs:
    """The options ``extract`` and ``ingest`` share, as the command received them."""

    date: str | None
    stages: str | None
    model: str
    workers: int
    batch_size: int
    timeout: float
    max_chars: int
    language: str | None
    stage_options: dict[str, Any] = field(default_factory=dict)  # parameter name -> value

    def build(self) -> Pipeline:
        # --stages "" runs the spaCy base layer alone.
        names = available_stages() if self.stages is None else [s.strip() for s in self.stages.split(",")
                                                                  if s.strip()]
        config: dict[str, dict] = {}
        for spec, opt in _stage_options():
            value = self.stage_options.get(_param(opt))
            if value is None or value == []:
                continue
            if spec.name not in names:
                warn(f"{opt.flag} is for the {spec.name} stage, which this run leaves out")
                continue
            as_config = str if opt.type is Path else opt.type
            config.setdefault(spec.name, {})[opt.key] = [as_config(v) for v in value] if opt.many else as_config(value)
        try:
            pipe = Pipeline(names, config=config, model=self.model, batch_size=self.batch_size,
                            n_process=self.workers, timeout=self.timeout or None,
                            language=check_language(self.language))
            pipe.nlp  # noqa: B018  load now, so a missing model is reported before any work
        except (PipelineError, OSError, ValueError) as exc:
            fail(str(exc))
        for name, field_ in pipe.missing_optional:
            warn(f"stage {name} reads {field_} when an earlier stage gives it; none in this run does")
        pipe.progress = long_progress
        return pipe


def _stage_options() -> list[tuple[StageSpec, Option]]:
    return [(spec, opt) for spec in map(get_stage, known_stages()) for opt in spec.options]


def _param(opt: Option) -> str:
    return "stage_" + opt.flag.lstrip("-").replace("-", "_")


def _shared_params() -> list[inspect.Parameter]:
    """The options extract and ingest share, then every stage's own (from its spec)."""
    kw = inspect.Parameter.KEYWORD_ONLY
    shared = [
        ("date", str | None, DateOpt),
        ("stages", str | None, StagesOpt),
        ("model", str, ModelOpt),
        ("workers", int, typer.Option(1, "--workers", min=1,
                                      help="Worker processes (each parses and runs the stages).")),
        ("batch_size", int, typer.Option(DEFAULT_BATCH, "--batch-size", min=1,
                                         help="Articles per parsing batch and per store commit.")),
        ("timeout", float, typer.Option(DEFAULT_TIMEOUT, "--timeout", min=0,
                                        help="Seconds a stage may spend on an article (on each 100 KB window of a "
                                             "longer one) before that stage's output is dropped (0: no limit).")),
        ("max_chars", int, typer.Option(MAX_CHARS, "--max-chars", min=1,
                                        help="Refuse articles longer than this many characters (a clear error, "
                                             "not a swap).")),
        ("language", str | None, typer.Option(None, "--language", help="Language of every article (ISO 639-1, "
                                                                        "e.g. en, fr): no detection.")),
    ]
    params = [inspect.Parameter(n, kw, default=d, annotation=t) for n, t, d in shared]
    for _spec, opt in _stage_options():
        typ = list[opt.type] | None if opt.many else opt.type | None
        lo, hi = opt.bounds or (None, None)
        params.append(inspect.Parameter(_param(opt), kw, annotation=typ,
                                        default=typer.Option(None, opt.flag, help=opt.help, min=lo, max=hi)))
    return params


class pipeline_options:  # noqa: N801  (used as a decorator)
    """Give a command the options ``extract`` and ``ingest`` share, and the stages' own; the
    command receives them as one ``run: PipelineArgs``. The stages' options are read from their
    specs when the CLI is built (``__signature__``), so merely importing this module imports no stage."""

    _SHARED = ("date", "stages", "model", "workers", "batch_size", "timeout", "max_chars", "language")

    def __init__(self, func):
        self.func = func
        self.__name__, self.__doc__, self.__module__ = func.__name__, func.__doc__, func.__module__
        self.__qualname__ = func.__qualname__

    @cached_property
    def __signature__(self) -> inspect.Signature:
        own = [p for p in inspect.signature(self.func, eval_str=True).parameters.values() if p.name != "run"]
        return inspect.Signature(own + _shared_params())

    @property
    def __annotations__(self) -> dict:
        return {p.name: p.annotation for p in self.__signature__.parameters.values()}

    def __call__(self, **kwargs):
        shared = {k: kwargs.pop(k) for k in self._SHARED}
        stage_opts = {k: kwargs.pop(k) for k in list(kwargs) if k.startswith("stage_")}
        return self.func(**kwargs, run=PipelineArgs(**shared, stage_options=stage_opts))


def long_progress(article, message: str) -> None:
    """The pipeline's progress on a long article, a line on stderr at each step."""
    typer.echo(f"dateline: article {article.id}: {message}", err=True)
