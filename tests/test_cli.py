"""The real CLI: contracts and every error path (one line, exit code 2, no traceback); starting the bot in a process."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from cli.kb_common import STORE_FILE
from tests.cli_runner import assert_one_line_error, run_cli, run_cli_process
from tests.conftest import SAMPLE_QUESTIONS


def test_ask_json_contract_and_accentless_parity(tmp_path: Path) -> None:
    proc = run_cli(
        "ask",
        "--json",
        "Hà Nội có kế hoạch xây dựng sàn giao dịch công nghệ không?",
        "Ha Noi co ke hoach xay dung san giao dich cong nghe khong?",
        data=tmp_path / "data",
    )
    assert proc.returncode == 0, proc.stderr
    first, second = (json.loads(line) for line in proc.stdout.splitlines())
    assert first["answered"] is True
    assert first["results"][0]["document_number"] == "33/KH-UBND"
    assert first["results"][0]["passage_id"] == second["results"][0]["passage_id"]


def test_ask_top_limits_results(tmp_path: Path) -> None:
    proc = run_cli("ask", "--json", "--top", "2", "thời hạn bảo hộ nhãn hiệu", data=tmp_path / "data")
    assert len(json.loads(proc.stdout)["results"]) == 2


def test_ask_text_output_shows_citation_and_link(tmp_path: Path) -> None:
    proc = run_cli("ask", "Điều 5 Nghị định 80/2021", data=tmp_path / "data")
    assert proc.returncode == 0
    assert "Điều 5 Nghị định 80/2021/NĐ-CP" in proc.stdout and "https://" in proc.stdout


def test_chat_answers_until_exit(tmp_path: Path) -> None:
    proc = run_cli("chat", data=tmp_path / "data", stdin="evfta co hieu luc khi nao\nexit\n")
    assert proc.returncode == 0 and "EVFTA" in proc.stdout


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (("ask", "   "), ("empty question",)),
        (("ask", "--top", "0", "x"), ("--top",)),
        (("eval", "--questions", "missing.json"), ("missing.json",)),
        (("kb", "validate", "nowhere.md"), ("nowhere.md",)),
        (("frobnicate",), ("invalid choice",)),
        (("kb", "discard", "--stage", "99999999999999999999999"), ("--stage", "stage number")),
        (("kb", "publish", "--stage", "-1"), ("--stage",)),
        (("kb", "backup", ""), ("directory",)),
        (("eval", "--questions", "q.json", "--top", "-5"), ("--top",)),
    ],
)
def test_bad_input_gives_one_line_and_exit_2(tmp_path: Path, args: tuple[str, ...], needles: tuple[str, ...]) -> None:
    assert_one_line_error(run_cli(*args, data=tmp_path / "data"), *needles)


def test_a_dot_env_that_is_not_utf8_is_named_in_one_line(tmp_path: Path) -> None:
    (tmp_path / ".env").write_bytes(b"LOG_LEVEL=INFO\n\xff\xfe bad\n")
    assert_one_line_error(run_cli("kb", "status", data=tmp_path / "data"), ".env", "UTF-8")


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (("run",), ("TELEGRAM_BOT_TOKEN", "chat")),
        ((), ("TELEGRAM_BOT_TOKEN",)),
    ],
)
def test_the_bot_without_a_token_refuses_to_start(
    tmp_path: Path, args: tuple[str, ...], needles: tuple[str, ...]
) -> None:
    assert_one_line_error(run_cli_process(*args, data=tmp_path / "data"), *needles)


def test_malformed_question_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"question": "x", "expected": [}', encoding="utf-8")
    assert_one_line_error(run_cli("eval", "--questions", str(bad), data=tmp_path / "data"), "bad.json:1", "malformed")
    wrong = tmp_path / "wrong.json"
    wrong.write_text('[{"q": "x"}]', encoding="utf-8")
    assert_one_line_error(run_cli("eval", "--questions", str(wrong), data=tmp_path / "data"), "question #1")


def test_malformed_corpus_file(tmp_path: Path) -> None:
    questions = tmp_path / "q.json"
    questions.write_text('[{"question": "x", "expected": [{"document": "A"}]}]', encoding="utf-8")
    corpus = tmp_path / "law.json"
    corpus.write_text('{"not": "a list"}', encoding="utf-8")
    proc = run_cli("eval", "--questions", str(questions), "--corpus", str(corpus), data=tmp_path / "data")
    assert_one_line_error(proc, "law.json")


def test_bad_admin_ids_configuration(tmp_path: Path) -> None:
    proc = run_cli("ask", "x", data=tmp_path / "data", env={"ADMIN_IDS": "12,abc"})
    assert_one_line_error(proc, "ADMIN_IDS")


def test_token_is_never_printed(tmp_path: Path) -> None:
    secret = "123456:SECRET-token-value"
    proc = run_cli_process("run", "--webhook", data=tmp_path / "data", env={"TELEGRAM_BOT_TOKEN": secret})
    assert proc.returncode == 2 and "WEBHOOK_URL" in proc.stderr
    assert secret not in proc.stderr + proc.stdout


def test_eval_json_on_own_questions(tmp_path: Path) -> None:
    proc = run_cli("eval", "--questions", str(SAMPLE_QUESTIONS), "--json", data=tmp_path / "data")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) >= {"n", "recall@1", "recall@3", "recall@5", "recall@10", "mrr@10", "latency_ms", "index_build_s"}
    assert set(data["latency_ms"]) == {"p50", "p95"}


def test_bench_runs_the_real_bot_and_reports_figures(tmp_path: Path) -> None:
    proc = run_cli(
        "bench",
        "--users",
        "3",
        "--per-user",
        "2",
        "--json",
        "--questions",
        str(SAMPLE_QUESTIONS),
        data=tmp_path / "data",
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.splitlines()[-1])
    assert result["updates"] == 6 and result["updates_per_s"] > 0 and result["latency_ms"]["p95"] > 0


def test_a_damaged_document_in_the_store_is_named_as_data_not_configuration(data_dir: Path) -> None:
    with closing(sqlite3.connect(data_dir / STORE_FILE)) as db, db:
        db.execute("""UPDATE blobs SET body = '{"meta": 1}' WHERE rowid = 1""")
    assert_one_line_error(run_cli("ask", "nhãn hiệu", data=data_dir), "does not load", "kb restore")
