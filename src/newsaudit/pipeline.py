"""Stages, their registry, and the pipeline that runs them in a checked order.

A stage is a plain function ``fn(article, options) -> None`` or a class built as
``cls(options)`` whose instances are called as ``obj(article)`` (for stages that
hold a loaded resource). Each is registered by a versioned name with what it
needs and what it adds, as spaCy's ``@Language.component`` does::

    @stage("analysis.entities", version="1", requires=("doc",), assigns=("entities",))
    def entities(article, options): ...

Users add stages through the ``newsaudit.stages`` entry point group: the entry
point's module is imported, and its ``@stage`` decorators register the stages.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any, cast

from .article import Article
from .deadline import Deadline
from .errors import NewsauditError, PipelineError, StageInterrupted
from .options import Options

log = logging.getLogger(__name__)

#: Attributes an Article has before any stage runs.
BASE_ATTRIBUTES = frozenset({"text", "meta", "html"})

#: Modules whose import registers the built-in stages.
BUILTIN_MODULES = (
    "newsaudit.parse",
    "newsaudit.nlp",
    "newsaudit.analysis",
    "newsaudit.judge",
)

#: The default pipeline, in order. Stages not registered (for example because an
#: optional module is missing) make ``Pipeline.default()`` fail loudly.
DEFAULT_PIPELINE: tuple[str, ...] = (
    "parse.furniture",
    "nlp",
    "analysis.provenance",
    "analysis.sourcing",
    "analysis.entities",
    "analysis.claims",
    "analysis.signals",
    "judge.reputation",
    "judge.credibility",
)

StageFn = Callable[[Article], None]


@dataclass(frozen=True, slots=True)
class StageInfo:
    """A registered stage: its name, version, contract and how to build it."""

    name: str
    version: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    factory: Callable[[Options], StageFn]
    doc: str
    reads: tuple[str, ...] = ()

    @property
    def ident(self) -> str:
        """``name@version``, as written into reports."""
        return f"{self.name}@{self.version}"


_REGISTRY: dict[str, StageInfo] = {}
_loaded_builtins = False


def stage(
    name: str,
    *,
    version: str = "1",
    requires: Iterable[str] = (),
    assigns: Iterable[str] = (),
    reads: Iterable[str] = (),
) -> Callable[[Any], Any]:
    """Register a function or class as a pipeline stage.

    Args:
        name: Unique stage name, dotted by flow step (``"analysis.sourcing"``).
        version: Bumped whenever the stage's output changes for the same input.
        requires: Article attributes the stage reads, which earlier stages must assign.
        assigns: Article attributes the stage sets.
        reads: Article attributes the stage reads when an earlier stage assigned them
            and does without otherwise (a stage that assigns one must not come later).

    Returns:
        The decorator; the decorated object is returned unchanged.
    """

    def decorate(obj: Any) -> Any:
        factory: Callable[[Options], StageFn]
        if inspect.isclass(obj):
            factory = cast(Callable[[Options], StageFn], obj)  # the class is its own factory
        else:

            def factory(options: Options, fn: Any = obj) -> StageFn:
                return lambda article: fn(article, options)

        doc = inspect.getdoc(obj) or ""
        _REGISTRY[name] = StageInfo(
            name=name,
            version=version,
            requires=tuple(requires),
            assigns=tuple(assigns),
            factory=factory,
            doc=doc.splitlines()[0] if doc else "",
            reads=tuple(reads),
        )
        return obj

    return decorate


def _load_stages() -> None:
    global _loaded_builtins
    if _loaded_builtins:
        return
    for module in BUILTIN_MODULES:
        importlib.import_module(module)
    for ep in entry_points(group="newsaudit.stages"):
        try:
            ep.load()
        except Exception as exc:  # a broken plug-in must not take the tool down
            log.warning("could not load stage plug-in %s: %s", ep.name, exc)
    _loaded_builtins = True


def registered() -> dict[str, StageInfo]:
    """All registered stages by name."""
    _load_stages()
    return dict(_REGISTRY)


def check_order(names: Iterable[str]) -> list[StageInfo]:
    """Look up stages and check every requirement is met by an earlier stage, and
    that no stage assigns what an earlier one reads.

    Raises:
        PipelineError: For an unknown or repeated stage, an unmet requirement, or a
            stage that assigns what an earlier stage reads.
    """
    reg = registered()
    available = set(BASE_ATTRIBUTES)
    infos: list[StageInfo] = []
    seen: set[str] = set()
    for name in names:
        if name not in reg:
            known = ", ".join(sorted(reg))
            raise PipelineError(f"unknown stage {name!r}; known stages: {known}")
        if name in seen:
            raise PipelineError(f"stage {name!r} appears twice")
        info = reg[name]
        missing = [need for need in info.requires if need not in available]
        if missing:
            raise PipelineError(
                f"stage {name!r} needs {', '.join(missing)}, which no earlier stage assigns"
            )
        early = [(i.name, a) for i in infos for a in i.reads if a in info.assigns]
        if early:
            raise PipelineError(f"stage {early[0][0]!r} reads {early[0][1]}, which the later "
                                f"stage {name!r} assigns: put {name!r} first")
        available.update(info.assigns)
        infos.append(info)
        seen.add(name)
    return infos


def full_name(name: str) -> str:
    """A stage's registered name from its full name or its unique last part.

    ``"entities"`` is ``"analysis.entities"``, ``"reputation"`` is ``"judge.reputation"``.

    Raises:
        PipelineError: If no stage, or more than one, has that name.
    """
    reg = registered()
    if name in reg:
        return name
    matches = [full for full in reg if full.rsplit(".", 1)[-1] == name]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(sorted(reg))
    if matches:
        raise PipelineError(f"stage {name!r} is ambiguous: {', '.join(sorted(matches))}")
    raise PipelineError(f"unknown stage {name!r}; known stages: {known}")


def with_prerequisites(names: Iterable[str]) -> list[str]:
    """The stages asked for, each preceded by the stages it needs that are not asked for.

    A need is met by the first stage of the default pipeline that assigns it (else by
    any registered stage that does), added just before the stage that needs it, so
    ``["analysis.claims"]`` becomes ``["parse.furniture", "nlp", "analysis.claims"]``.
    An order that already meets every need is returned unchanged.

    Raises:
        PipelineError: For an unknown or ambiguous name, or a need no stage assigns.
    """
    reg = registered()
    providers = [*DEFAULT_PIPELINE, *(n for n in reg if n not in DEFAULT_PIPELINE)]
    out: list[str] = []
    available = set(BASE_ATTRIBUTES)

    def add(name: str, chain: tuple[str, ...]) -> None:
        for need in reg[name].requires:
            if need in available:
                continue
            provider = next((p for p in providers if p in reg and need in reg[p].assigns
                             and p not in chain), None)
            if provider is None:
                raise PipelineError(f"stage {name!r} needs {need}, which no stage assigns")
            add(provider, (*chain, provider))
        if name not in out:
            out.append(name)
            available.update(reg[name].assigns)

    for name in names:
        full = full_name(name)
        add(full, (full,))
    return out


class Pipeline:
    """Stages built once and run in order over articles.

    Args:
        names: Stage names in order; ``None`` for the default pipeline.
        options: Options handed to every stage factory.

    Raises:
        PipelineError: If a stage is unknown or the order leaves a need unmet.
    """

    def __init__(self, names: Iterable[str] | None = None, options: Options | None = None):
        self.options = options or Options()
        if names is None:
            names = self.options.stages or DEFAULT_PIPELINE
        self.infos = check_order(with_prerequisites(names))
        self._stages: list[StageFn] = [info.factory(self.options) for info in self.infos]

    @property
    def names(self) -> list[str]:
        """The stage names, in order."""
        return [info.name for info in self.infos]

    def __call__(self, article: Article, deadline: Deadline | None = None) -> Article:
        """Run every stage over ``article`` and record the time each took (ms).

        Args:
            article: The article; stages add their findings to it.
            deadline: When the run must end; by default ``Options.deadline``
                seconds from now. Stages it stops (the one running, and every one
                after it) are listed in ``article.unfinished`` with a note, and
                the findings of the others are kept: a partial report.

        A stage that fails in an unexpected way on this article (any exception
        but newsaudit's own) does not take the report down: what it assigns is
        left empty, ``article.failures`` records the stage with its reason (the
        report's ``pipeline`` entry carries it as ``error``, and ``notes`` says
        so), and the stages after it run, as spaCy's error handler records a bad
        document and goes on.

        Raises:
            NewsauditError: A stage's own error (missing data or model, unreadable
                input...), which is the installation's or the input's fault.
        """
        if deadline is None:
            deadline = Deadline(self.options.deadline)
        steps = list(zip(self.infos, self._stages, strict=True))
        for k, (info, run) in enumerate(steps):
            if deadline.expired():
                self._stop(article, [i.name for i, _ in steps[k:]], deadline)
                break
            t0 = time.perf_counter()
            try:
                with deadline.interrupting():
                    run(article)
            except StageInterrupted:
                article.timings[info.name] = round((time.perf_counter() - t0) * 1000, 3)
                self._stop(article, [i.name for i, _ in steps[k:]], deadline)
                break
            except NewsauditError:
                raise
            except Exception as exc:  # one odd article must not stop the run: record it
                log.warning("stage %s failed on %r: %s", info.name, article, exc, exc_info=True)
                _clear(article, info.assigns)
                reason = f"{type(exc).__name__}: {exc}"
                article.failures[info.name] = reason
                article.note(info.name, "failed", f"stage {info.name} failed on this article "
                             f"({reason}); its findings are left empty")
            article.timings[info.name] = round((time.perf_counter() - t0) * 1000, 3)
            article.stages_run.append((info.name, info.version))
        return article

    @staticmethod
    def _stop(article: Article, names: list[str], deadline: Deadline) -> None:
        article.unfinished.extend(names)
        article.note("pipeline", "deadline",
                     f"the {deadline.seconds:g} s deadline passed; stages not finished: "
                     f"{', '.join(names)} (their findings are missing or incomplete)")


def _clear(article: Article, assigns: tuple[str, ...]) -> None:
    """Set what a failed stage assigns back to empty; shared dicts (``signals``, which
    several stages fill) keep what the other stages put in them."""
    empty = Article("")
    for name in assigns:
        if not isinstance(getattr(article, name, None), dict):
            setattr(article, name, getattr(empty, name, None))
