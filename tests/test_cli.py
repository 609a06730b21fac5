"""CLI-wide behaviour: help texts, version, start-up cost, one-line errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from aligntext import __version__
from aligntext.cli import cli


def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _all_commands(command, (*prefix, name))


COMMANDS = list(_all_commands(cli))


def test_the_four_jobs_have_commands():
    names = {path[0] for path, _ in COMMANDS}
    assert {
        "segment",
        "detect",
        "translate",
        "models",
        "align",
        "check",
        "compare",
        "evaluate",
    } <= names


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=" ".join)
def test_every_command_has_help(cli_runner, path):
    command = dict(COMMANDS)[path]
    assert command.help and command.help.strip(), f"{' '.join(path)} has no help text"
    result = cli_runner.invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"option {param.opts} of {' '.join(path)} has no help"


def test_version(cli_runner):
    result = cli_runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_python_dash_m_runs():
    proc = subprocess.run(
        [sys.executable, "-m", "aligntext", "--help"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    assert "translate" in proc.stdout


def test_import_and_help_leave_heavy_libraries_out():
    code = (
        "import sys, aligntext, aligntext.cli\n"
        "from aligntext.cli import cli\n"
        "try:\n    cli.main(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('torch', 'transformers', 'ctranslate2', 'sacrebleu', 'numpy', "
        "'babel', 'py3langid', 'num2words', 'rapidfuzz', 'lxml') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip().splitlines()[-1] == "HEAVY=", proc.stdout


def test_unknown_command_is_usage_error(cli_runner):
    result = cli_runner.invoke(cli, ["frobnicate"])
    assert result.exit_code == 2


def test_usage_errors_are_one_line_naming_the_fix(cli_runner, tmp_path):
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("One.\tBir.\n", encoding="utf-8")
    extra = cli_runner.invoke(cli, ["check", str(pairs), "second.tsv"])
    assert extra.exit_code == 2
    # The stray argument stays in its parenthesis (it once read "argument. second.tsv").
    assert "unexpected extra argument (second.tsv) (see 'aligntext check --help')" in (
        extra.output
    ), extra.output
    typo = cli_runner.invoke(cli, ["check", "--fromat", "json", str(pairs)])
    assert typo.exit_code == 2
    assert "no such option '--fromat'; did you mean" in typo.output, typo.output
    assert len(typo.output.strip().splitlines()) == 1


# --- conventions (docs/cli.md) -----------------------------------------------------------

LEAVES = [(path, cmd) for path, cmd in COMMANDS if not isinstance(cmd, click.Group)]
#: Commands that read documents or bitexts: each has --input-format.
READERS = {"segment", "detect", "translate", "align", "check", "compare", "evaluate"}
#: The one spelling of each shared option: parameter name -> its flags.
SHARED = {
    "output": ["-o", "--output"],
    "quiet": ["-q", "--quiet"],
    "fmt": ["--format"],
    "input_format": ["--input-format"],
    "strict": ["--strict"],
    "glossary": ["--glossary"],
    "fail_on": ["--fail-on"],
}
LANG_FLAGS = {"--lang", "--src", "--tgt", "--langs"}
HIDDEN_ALIASES = {"--src-lang": "--src", "--tgt-lang": "--tgt"}


def _flags(command: click.Command, hidden: bool | None = False) -> set[str]:
    return {
        flag
        for p in command.params
        if isinstance(p, click.Option) and (hidden is None or p.hidden == hidden)
        for flag in p.opts
    }


@pytest.mark.parametrize(("path", "command"), LEAVES, ids=[" ".join(p) for p, _ in LEAVES])
def test_same_names_for_the_same_things(cli_runner, path, command):
    name = " ".join(path)
    # What --help shows: language flags from the one scheme, no hidden alias.
    shown = cli_runner.invoke(cli, [*path, "--help"]).stdout
    flags = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", shown))
    assert {f for f in flags if "lang" in f or f in ("--src", "--tgt")} <= LANG_FLAGS, name
    assert not flags & set(HIDDEN_ALIASES), name
    for param in command.params:
        if not isinstance(param, click.Option) or param.hidden:
            continue
        if param.name in SHARED:
            assert param.opts == SHARED[param.name], f"{name}: {param.opts}"
        long = [o for o in param.opts if o.startswith("--")]
        if any("lang" in o for o in long) or param.name in ("src", "tgt", "tgts"):
            assert set(long) <= LANG_FLAGS, (
                f"{name}: {param.opts} is not --lang/--src/--tgt/--langs"
            )
            assert param.metavar and param.metavar.startswith("LANG"), name
    hidden = _flags(command, hidden=True)
    assert hidden <= set(HIDDEN_ALIASES), f"{name}: unexpected hidden options {hidden}"
    visible = _flags(command)
    for alias, flag in HIDDEN_ALIASES.items():
        assert (alias in hidden) == (flag in visible), f"{name}: {alias} goes with {flag}"
    if path[0] in READERS:
        assert "--input-format" in visible, f"{name} reads input but has no --input-format"
    if "--format" in visible:
        assert {"-o", "--output"} <= visible or path == ("translate",), f"{name}: no -o"
        assert {"-q", "--quiet"} <= visible or path[0] == "models", f"{name}: no -q"


def _one_line_error(result, *needles: str) -> str:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("aligntext: error: "), lines[0]
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=" ".join)
def test_unknown_option_is_one_line_exit_2(cli_runner, path):
    result = cli_runner.invoke(cli, [*path, "--no-such-option"])
    _one_line_error(result, "--no-such-option", f"see 'aligntext {' '.join(path)} --help'")


@pytest.mark.parametrize(
    ("path", "command"),
    [(p, c) for p, c in LEAVES if any(getattr(q, "required", False) for q in c.params)],
    ids=lambda x: " ".join(x) if isinstance(x, tuple) else "",
)
def test_missing_argument_is_one_line_exit_2(cli_runner, path, command):
    _one_line_error(cli_runner.invoke(cli, list(path)), "missing")


CHOICES = [
    (path, opt.opts[-1])
    for path, command in LEAVES
    for opt in command.params
    if isinstance(opt, click.Option) and isinstance(opt.type, click.Choice) and not opt.hidden
]


@pytest.mark.parametrize(("path", "flag"), CHOICES, ids=[f"{' '.join(p)} {f}" for p, f in CHOICES])
def test_bad_choice_is_one_line_exit_2(cli_runner, path, flag):
    result = cli_runner.invoke(cli, [*path, flag, "no-such-choice"])
    _one_line_error(result, flag, "no-such-choice")


def test_unknown_command_is_one_line(cli_runner):
    _one_line_error(cli_runner.invoke(cli, ["frobnicate"]), "frobnicate")


@pytest.mark.parametrize(
    ("command", "old", "new"),
    [
        ("align", ["--src-lang", "en", "--tgt-lang", "en"], ["--src", "en", "--tgt", "en"]),
        ("compare", ["--src-lang", "en", "--tgt-lang", "en"], ["--src", "en", "--tgt", "en"]),
    ],
)
def test_old_language_flags_still_work(cli_runner, tmp_path, command, old, new):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(
            "The council met on 3 May. It approved 14 new projects.\n", encoding="utf-8"
        )
    files = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    before = cli_runner.invoke(cli, [command, *files, *old])
    after = cli_runner.invoke(cli, [command, *files, *new])
    assert before.exit_code == after.exit_code == 0, before.output + after.output
    assert before.stdout == after.stdout
    help_text = cli_runner.invoke(cli, [command, "--help"]).stdout
    assert "--src-lang" not in help_text and "--src " in help_text
    clash = cli_runner.invoke(cli, [command, *files, "--src", "en", "--src-lang", "ru"])
    _one_line_error(clash, "--src", "--src-lang")


WRONG_LANGUAGE = "Министерство сообщило, что 14 новых школ откроются в сентябре этого года."


@pytest.mark.parametrize(
    "args",
    [
        ["segment", "{ru}", "--lang", "en"],
        ["align", "{ru}", "{ru}", "--langs", "en,ru"],
        ["align", "{ru}", "{ru}", "--src", "en"],
        ["compare", "{ru}", "{ru}", "--langs", "en,ru"],
        ["evaluate", "--hyp", "{ru}", "--ref", "{ru}", "--lang", "en", "--no-facts"],
    ],
    ids=lambda a: " ".join(a[:1] + a[-2:]),
)
def test_warnings_name_only_flags_the_command_has(cli_runner, tmp_path, args):
    ru = tmp_path / "ru.txt"
    ru.write_text(WRONG_LANGUAGE + "\n", encoding="utf-8")
    argv = [a.replace("{ru}", str(ru)) for a in args]
    result = cli_runner.invoke(cli, argv)
    command = dict(COMMANDS)[(argv[0],)]
    named = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", result.stderr))
    assert named <= _flags(command), f"{argv[0]} names {named - _flags(command)}: {result.stderr}"


# --- input named by language (news.en) ---------------------------------------------------

NEWS_EN = "The ministry opened 12 schools on 3 May.\n\nWork on 4 more will start in June.\n"
NEWS_RU = "Министерство открыло 12 школ 3 мая.\n\nРаботы ещё в 4 начнутся в июне.\n"


@pytest.fixture()
def news(tmp_path):
    (tmp_path / "news.en").write_text(NEWS_EN, encoding="utf-8")
    (tmp_path / "news.ru").write_text(NEWS_RU, encoding="cp1251")
    (tmp_path / "scan.en").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (tmp_path / "report.ru").write_bytes(b"PK\x03\x04\x14\x00\x06\x00")
    return tmp_path


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["segment", "{en}"], "The ministry opened 12 schools on 3 May."),
        (["detect", "{ru}"], "ru"),
        (["align", "{en}", "{ru}", "--format", "tsv"], "The ministry opened 12 schools"),
        (["compare", "{en}", "{ru}"], "news.en"),
        (["evaluate", "--hyp", "{en}", "--ref", "{en}", "--input-format", "doc"], "BLEU"),
        (["segment", "{en}", "--input-format", "md"], "Work on 4 more will start in June."),
    ],
    ids=lambda a: " ".join(a) if isinstance(a, list) else "",
)
def test_files_named_by_language_are_read_as_text(cli_runner, news, args, expected):
    argv = [a.format(en=news / "news.en", ru=news / "news.ru") for a in args]
    result = cli_runner.invoke(cli, argv)
    assert result.exit_code == 0, result.output
    assert expected in result.stdout


@pytest.mark.parametrize(
    ("command", "name", "needle"),
    [
        ("segment", "scan.en", "is a PDF file, not a text document"),
        ("detect", "scan.en", "is a PDF file"),
        ("segment", "report.ru", "--input-format docx"),
    ],
)
def test_binary_content_is_one_line_exit_2(cli_runner, news, command, name, needle):
    _one_line_error(cli_runner.invoke(cli, [command, str(news / name)]), needle)


def test_error_hints_name_options_that_exist(cli_runner, news):
    line = _one_line_error(cli_runner.invoke(cli, ["segment", str(news / "report.ru")]))
    segment = dict(COMMANDS)[("segment",)]
    assert set(re.findall(r"--[a-z][a-z-]*", line)) <= _flags(segment)


# --- detect ------------------------------------------------------------------------------


def test_detect_writes_json_to_a_file_quietly(cli_runner, news):
    out = news / "lang.json"
    result = cli_runner.invoke(
        cli, ["detect", str(news / "news.ru"), "--format", "json", "--scores", "-q", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["lang"] == "ru" and data["file"].endswith("news.ru")
    assert next(iter(data["scores"])) == "ru"
    assert set(data["scores"]) == {"en", "az", "ru", "tr"}
    plain = cli_runner.invoke(cli, ["detect", str(news / "news.en")])
    assert plain.stdout == "en\n"


def test_detect_takes_the_input_cap_its_error_names(cli_runner, news):
    # The over-the-cap error says "raise the limit with --max-input-mb": detect must have it.
    big = news / "big.txt"
    big.write_text(NEWS_EN * 400, encoding="utf-8")
    capped = cli_runner.invoke(cli, ["detect", str(big), "--max-input-mb", "0.01"])
    line = _one_line_error(capped, "--max-input-mb")
    assert set(re.findall(r"--[a-z][a-z-]*", line)) <= _flags(dict(COMMANDS)[("detect",)])
    raised = cli_runner.invoke(cli, ["detect", str(big), "--max-input-mb", "1"])
    assert raised.exit_code == 0 and raised.stdout == "en\n", raised.output


# --- the README --------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def test_readme_names_the_files_make_demo_writes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    demo = makefile[makefile.index("\ndemo:") :]
    written = re.findall(r"-o (out/\S+)", demo)
    assert written, "the demo target writes no -o file"
    patterns = [re.escape(w).replace(re.escape("$$d"), r"(?:<statement>|[\w-]+)") for w in written]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    claimed = re.findall(r"out/[\w./<>-]+\.html", readme)
    assert claimed, "the README says nothing of what make demo writes"
    for path in claimed:
        assert any(re.fullmatch(p, path) for p in patterns), (
            f"README names {path}; demo writes {written}"
        )


def _documented_command_lines() -> list[tuple[str, str]]:
    """``aligntext COMMAND ...`` lines in the README and docs: (file, line)."""
    found = []
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for line in doc.read_text(encoding="utf-8").splitlines():
            for m in re.finditer(r"aligntext ((?:models )?[a-z]+)([^`|']*)", line):
                words = m.group(0).split()
                if tuple(words[1:3]) in dict(COMMANDS) or (words[1],) in dict(COMMANDS):
                    found.append((doc.name, m.group(0)))
    return found


@pytest.mark.parametrize(("doc", "line"), _documented_command_lines())
def test_documented_flags_exist(doc, line):
    words = line.split()
    path = tuple(words[1:3]) if words[1] == "models" else (words[1],)
    command = dict(COMMANDS)[path]
    flags = set(re.findall(r"(?<![\w-])--?[a-zA-Z][\w+-]*", " ".join(words[len(path) + 1 :])))
    known = _flags(command) | {"-h", "--help"}
    assert flags <= known, f"{doc}: {line!r} uses {flags - known}"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_one_line_exit_2(tmp_path):
    root = Path(__file__).resolve().parents[1] / "corpora" / "trade-agreement"
    args = [sys.executable, "-m", "aligntext", "compare", str(root / "en.txt")]
    args.append(str(root / "ru.txt"))
    for how in ("-o", ">"):
        if how == "-o":
            proc = subprocess.run([*args, "-o", "/dev/full"], capture_output=True, text=True)
        else:
            with open("/dev/full", "w") as full:
                proc = subprocess.run(args, stdout=full, stderr=subprocess.PIPE, text=True)
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.startswith("aligntext: error: No space left on device")
        assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1


def test_a_version_in_another_language_is_named(cli_runner, tmp_path):
    root = Path(__file__).resolve().parents[1] / "corpora" / "trade-agreement"
    french = tmp_path / "déclaration.txt"
    french.write_text(
        "Le conseil s'est réuni lundi et a approuvé le budget de l'année prochaine.\n",
        encoding="utf-8",
    )
    result = cli_runner.invoke(
        cli, ["compare", str(root / "en.txt"), str(french), str(root / "ru.txt")]
    )
    assert result.exit_code == 2
    assert "déclaration.txt: the text is in none of en, az, ru, tr" in result.stderr


def test_detect_on_figures_only_asks_for_words_not_for_a_language(cli_runner):
    result = cli_runner.invoke(cli, ["detect", "-"], input="12345 678\n")
    assert result.exit_code == 2
    assert "detect needs text with words" in result.stderr
    assert "give its language" not in result.stderr  # detect takes no language
