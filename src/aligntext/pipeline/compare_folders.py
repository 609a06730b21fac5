"""Compare whole folders of statements: ``aligntext compare DIR_A DIR_B [DIR_C ...] --out R/``.

Files are paired by their path relative to each folder (``en/2024/x.txt`` with
``az/2024/x.txt``); each statement is compared as :func:`~aligntext.pipeline.compare
.compare_versions` compares it one by one, and gets its own reports, one per format asked
(``R/<path>.html``, ``R/<path>.json``, ``R/<path>.txt``: the very output of ``compare
--format html|json|text``; html and json by default). ``R/index.jsonl`` (always) and
``R/index.html`` (with html reports, which it links) list every statement with its counts
of errors, warnings and notes, worst first. A file with no counterpart in another folder
is a finding of that statement (an error), not a crash; so is a statement that cannot be
read.

The statements run in a pool of worker processes started once (no start-up per file), or as
Ray tasks. Reports are written here, atomically, never over an input, and never inside an
input folder (a report would be read as a statement by the next run).

Library code only: it never prints.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from aligntext.errors import AligntextError, InputError
from aligntext.types import SEVERITIES, same_messages, severity_rank

INDEX_JSONL = "index.jsonl"
INDEX_HTML = "index.html"
#: The report formats a statement can get, and the suffix each adds to its path.
REPORT_SUFFIXES = {"html": "html", "json": "json", "text": "txt"}
#: The reports each statement gets when no format is asked for.
DEFAULT_FORMATS: tuple[str, ...] = ("html", "json")
#: Findings per statement the index shows (the report has them all).
TOP_FINDINGS = 3


@dataclass(frozen=True)
class StatementResult:
    """One statement of a folder comparison, as the index lists it.

    Args:
        statement: its path relative to the folders, with ``/`` separators.
        files: the file in each folder (``None`` where it is missing).
        errors: findings of severity error (a missing counterpart or an unreadable
            statement counts as one).
        warnings: findings of severity warning.
        infos: findings of severity info.
        worst: the highest severity of any finding (``""`` when none), what ``--fail-on``
            is compared with; it covers every finding, as ``compare --fail-on`` does.
        missing: the folders without this statement.
        message: why it could not be compared (``""`` when it was).
        reports: the report files written, relative to the output folder.
        notes: the comparison's warnings (a version in another language ...).
        title: the statement's headline, in the first version (``""`` when not compared).
        title_lang: the language of that version.
        top: the most serious findings, up to three: ``(severity, type, message, count)``,
            ``count`` the findings of that very message.
        more: how many of its findings ``top`` leaves out.
    """

    statement: str
    files: tuple[str | None, ...]
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    worst: str = ""
    missing: tuple[str, ...] = ()
    message: str = ""
    reports: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    title: str = ""
    title_lang: str = ""
    top: tuple[tuple[str, str, str, int], ...] = ()
    more: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The index line of this statement."""
        return {
            "statement": self.statement,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
            "worst": self.worst or None,
            "missing": list(self.missing),
            "message": self.message or None,
            "reports": list(self.reports),
            "files": list(self.files),
            "notes": list(self.notes),
            "title": self.title or None,
            "top_findings": [
                {"severity": sev, "type": kind, "message": message, "count": n}
                for sev, kind, message, n in self.top
            ],
        }


@dataclass(frozen=True)
class FolderComparison:
    """The result of :func:`compare_folders`.

    Args:
        out_dir: the output folder.
        statements: one result per statement, worst first (as in the index).
        warnings: notes about the inputs, such as symlinks left out.
    """

    out_dir: str
    statements: tuple[StatementResult, ...]
    warnings: tuple[str, ...] = field(default=())

    def fails(self, fail_on: str) -> bool:
        """Whether any statement has a finding at or above ``fail_on`` (``never``: no)."""
        if fail_on == "never":
            return False
        rank = severity_rank(fail_on)
        return any(s.worst and severity_rank(s.worst) >= rank for s in self.statements)


#: Runs ``_compare_one`` over the statements and yields results as they finish.
Runner = Callable[[list[dict[str, Any]]], Iterator[dict[str, Any]]]


def compare_folders(
    folders: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    langs: Sequence[str | None] | None = None,
    glossary: str | None = None,
    strict: bool = False,
    input_format: str | None = None,
    max_input_mb: float | None = None,
    workers: int | None = None,
    follow_links: bool = False,
    runner: Runner | None = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
) -> FolderComparison:
    """Compare the statements of two or more folders, paired by relative path.

    Args:
        folders: the folders, one per language version; the first is the pivot.
        out_dir: where the reports and the index go (created; not inside an input).
        langs: one language per folder (``None`` entries are detected per file).
        glossary: a glossary file (TSV or TBX) for every statement.
        strict: a version in another language than claimed is an error, not a warning.
        input_format: read every file as ``txt``, ``md``, ``docx`` or ``html``.
        max_input_mb: the cap on one input (see :mod:`aligntext.io.encoding`); ``None``:
            the cap in force.
        workers: worker processes (default: the CPUs, at most the statements); 1 runs in
            this process.
        follow_links: read symlinks that lead out of a folder (skipped by default).
        runner: runs the statements elsewhere (``ray_runner`` for a Ray cluster).
        formats: the reports each statement gets, of ``html``, ``json`` and ``text``
            (:data:`REPORT_SUFFIXES`); ``index.html`` is written with html reports only.

    Returns:
        A :class:`FolderComparison`, statements worst first.

    Raises:
        InputError: fewer than two folders, a folder that is missing or not a folder, an
            output inside an input folder, wrong ``langs``, an unknown format, or no
            statement at all.
    """
    from aligntext.io.walk import walk_files
    from aligntext.pipeline.collect import supported_suffixes

    if len(folders) < 2:
        raise InputError(f"folder compare needs at least two folders, got {len(folders)}")
    unknown = [f for f in formats if f not in REPORT_SUFFIXES] if formats else [""]
    if unknown:
        raise InputError(f"unknown report format {unknown[0]!r}; use {', '.join(REPORT_SUFFIXES)}")
    if langs is not None and len(langs) != len(folders):
        raise InputError(
            f"{len(langs)} language(s) given for {len(folders)} folders; give one per folder"
        )
    out_root = Path(out_dir)
    if out_root.exists() and not out_root.is_dir():
        raise InputError(f"output {str(out_dir)!r} is a file; --out needs a folder")
    for folder in folders:
        if not Path(folder).is_dir():
            raise InputError(f"{str(folder)!r} is not a folder; give folders, or files to compare")
        root = Path(folder).resolve()
        out_real = out_root.resolve()
        if out_real == root or root in out_real.parents:
            raise InputError(
                f"output folder {str(out_dir)!r} is inside input folder {str(folder)!r}; its "
                "reports would be read as statements next time: choose an --out outside it"
            )
    if max_input_mb is None:
        from aligntext.io.encoding import max_input_bytes

        # The cap in force here (the CLI's --max-input-mb) goes with each statement: a
        # worker process or a Ray node has its own.
        max_input_mb = max_input_bytes() / (1024 * 1024)
    notes: list[str] = []
    found: list[dict[str, Path]] = []
    listed = [
        # An empty folder is no error: every statement is missing there.
        {
            path.relative_to(folder).as_posix(): path
            for path in walk_files(
                folder, supported_suffixes(), follow_links=follow_links, notes=notes
            )
        }
        for folder in folders
    ]
    for every in listed:
        # b.txt and B.txt would share one report on a case-blind file system: the one the
        # other folders name too is compared, the other named, and the rest goes on.
        groups: dict[str, list[str]] = {}
        for rel in every:
            groups.setdefault(rel.lower(), []).append(rel)
        files: dict[str, Path] = {}
        for same in groups.values():
            kept = max(
                same, key=lambda r: sum(r in other for other in listed if other is not every)
            )
            files[kept] = every[kept]
            notes.extend(
                f"left out {str(every[r])!r}: its name differs from {str(every[kept])!r} only "
                "in case, and their reports would be one file"
                for r in same
                if r != kept
            )
        found.append(dict(sorted(files.items())))
    names = sorted(set().union(*found), key=lambda r: PurePosixPath(r).parts)
    if not names:
        raise InputError("no statements found in the folders; point at folders of .txt/.md/.docx")
    tasks: list[dict[str, Any]] = [
        {
            "statement": name,
            "files": [str(f[name]) if name in f else None for f in found],
            "folders": [str(d) for d in folders],
            "langs": list(langs) if langs is not None else None,
            "glossary": glossary,
            "strict": strict,
            "input_format": input_format,
            "max_input_mb": max_input_mb,
            "formats": list(dict.fromkeys(formats)),
        }
        for name in names
    ]
    out_root.mkdir(parents=True, exist_ok=True)
    inputs = [p for t in tasks for p in t["files"] if p is not None]
    results: list[StatementResult] = []
    run = runner or _pool_runner(workers)
    for answer in run(tasks):
        results.append(_write_reports(out_root, answer, inputs))
    results.sort(key=_worst_first)
    _write_index(out_root, results, [str(f) for f in folders], "html" in formats)
    return FolderComparison(str(out_root), tuple(results), tuple(dict.fromkeys(notes)))


def _worst_first(r: StatementResult) -> tuple[Any, ...]:
    return (-r.errors, -r.warnings, -r.infos, PurePosixPath(r.statement).parts)


# --- one statement (in a worker) ---------------------------------------------------------


def _compare_one(task: dict[str, Any]) -> dict[str, Any]:
    """Compare one statement and render its reports; runs in a worker, returns plain data."""
    from aligntext.io.encoding import input_limit
    from aligntext.pipeline.compare import compare_versions
    from aligntext.render.report import render_report

    files: list[str | None] = task["files"]
    present = [i for i, f in enumerate(files) if f is not None]
    missing = [task["folders"][i] for i, f in enumerate(files) if f is None]
    answer: dict[str, Any] = {
        "statement": task["statement"],
        "files": files,
        "missing": missing,
        "counts": dict.fromkeys(SEVERITIES, 0),
        "worst": "",
        "message": "",
        "rendered": {},
        "notes": [],
        "title": "",
        "title_lang": "",
        "top": [],
        "more": 0,
    }
    if missing:
        # A statement missing from a folder is an error of that statement: the delivery
        # is incomplete, whatever the other versions say.
        answer["counts"]["error"] += len(missing)
        answer["worst"] = "error"
    if len(present) < 2:
        answer["message"] = "fewer than two versions to compare"
        return answer
    langs = task["langs"]
    try:
        with input_limit(task["max_input_mb"]):
            report = compare_versions(
                [str(files[i]) for i in present],
                [langs[i] for i in present] if langs is not None else None,
                glossary=task["glossary"],
                strict=task["strict"],
                input_format=task["input_format"],
            )
    except AligntextError as exc:
        answer["message"] = str(exc)
        answer["counts"]["error"] += 1
        answer["worst"] = "error"
        return answer
    from aligntext.render.report import headline_findings

    headline = headline_findings(report)
    for finding in headline:
        answer["counts"][finding.severity] += 1
    # Worst by what the reader counts: with three or more versions, the verdict across them
    # (a pairwise warning the versions together show to be a rendering is a note).
    ranks = [severity_rank(f.severity) for f in headline]
    if answer["worst"]:
        ranks.append(severity_rank(answer["worst"]))
    answer["worst"] = SEVERITIES[max(ranks)] if ranks else ""
    # Keyed by suffix; the text has no colour (a file, not a terminal).
    answer["rendered"] = {REPORT_SUFFIXES[f]: render_report(report, f) for f in task["formats"]}
    answer["notes"] = list(report.warnings)
    from aligntext.render.report_parts import statement_title

    answer["title"] = statement_title(report)
    answer["title_lang"] = report.versions[0].lang
    # Most serious first; the same message (ten sentences left untranslated) once.
    top = same_messages(headline)[:TOP_FINDINGS]
    answer["top"] = [list(item) for item in top]
    answer["more"] = len(headline) - sum(item[3] for item in top)
    return answer


def _write_reports(out_root: Path, answer: dict[str, Any], inputs: list[str]) -> StatementResult:
    from aligntext.io.atomic import atomic_write_text, guard_output

    written: list[str] = []
    for suffix, text in answer["rendered"].items():
        rel = f"{answer['statement']}.{suffix}"
        target = out_root / Path(*PurePosixPath(rel).parts)
        guard_output(target, inputs)
        atomic_write_text(target, text)
        written.append(rel)
    counts = answer["counts"]
    return StatementResult(
        statement=answer["statement"],
        files=tuple(answer["files"]),
        errors=counts["error"],
        warnings=counts["warning"],
        infos=counts["info"],
        worst=answer["worst"],
        missing=tuple(answer["missing"]),
        message=answer["message"],
        reports=tuple(written),
        notes=tuple(answer["notes"]),
        title=answer["title"],
        title_lang=answer["title_lang"],
        top=tuple((sev, kind, message, n) for sev, kind, message, n in answer["top"]),
        more=answer["more"],
    )


# --- runners ---------------------------------------------------------------------------


def _pool_runner(workers: int | None) -> Runner:
    """Statements in a pool of processes started once; ``workers=1`` in this process."""

    def run(tasks: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        count = workers or os.cpu_count() or 1
        count = max(1, min(count, len(tasks)))
        if count == 1:
            yield from map(_compare_one, tasks)
            return
        import multiprocessing

        # fork: the workers start with this process's modules already imported; where
        # there is no fork, spawn pays the imports once per worker, still not per file.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
            futures: list[Future[dict[str, Any]]] = [pool.submit(_compare_one, t) for t in tasks]
            for future in futures:
                yield future.result()

    return run


def ray_runner(engine: Any) -> Runner:
    """Statements as Ray Data tasks on ``engine``'s cluster (a :class:`RayEngine`); the
    input files must be on a path every node sees."""

    def run(tasks: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        engine.start()
        ray = engine.ray
        rows = [{"task": json.dumps(t)} for t in tasks]
        data = ray.data.from_items(rows, override_num_blocks=len(rows))
        mapped = data.map(
            _compare_row,
            num_cpus=1,
            concurrency=engine.workers,
            runtime_env=engine._runtime_env(),
        )
        try:
            for row in mapped.iter_rows():
                yield json.loads(row["answer"])
        except ray.exceptions.RayError as exc:
            from aligntext.pipeline.ray_engine import error_cause

            raise AligntextError(f"the Ray job failed: {error_cause(exc)}") from None

    return run


def _compare_row(row: dict[str, Any]) -> dict[str, Any]:
    """One Ray Data row: a statement's task in, its answer out (as JSON text)."""
    return {"answer": json.dumps(_compare_one(json.loads(row["task"])))}


# --- the index -------------------------------------------------------------------------


def _write_index(
    out_root: Path, results: list[StatementResult], folders: list[str], page: bool
) -> None:
    from aligntext.io.atomic import atomic_write_text

    lines = [json.dumps(r.to_dict(), ensure_ascii=False) for r in results]
    atomic_write_text(out_root / INDEX_JSONL, "".join(line + "\n" for line in lines))
    if not page:
        # The page links each statement's HTML report; without them it has nothing to open.
        return
    from aligntext.render.folder_index import index_html

    atomic_write_text(out_root / INDEX_HTML, index_html(results, folders))
