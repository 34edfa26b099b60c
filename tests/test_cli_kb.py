"""Operating the knowledge base from the real CLI: kb rough edges, status and audit, backup and restore, eval, chat."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from app import asking, kb_admin
from app.live_engine import LiveEngine
from app.settings import Settings
from bot.messages import TOPIC_LABELS, say, topic_label
from bot.plain import to_plain
from bot.render import document_card, escape
from cli.ask import format_answer
from cli.kb_common import STORE_FILE
from knowledge.lexicon import load_lexicon
from knowledge.seed import open_store
from tests.cli_runner import assert_one_line_error, run_cli
from tests.conftest import ROOT, SAMPLE_QUESTIONS
from tests.documents import markdown

SHIPPED = ROOT / "knowledge" / "documents"
BODY = "\n### Điều 1. Hỗ trợ thuê kho lạnh\nDoanh nghiệp được hỗ trợ 30% chi phí.\n"
TOPICS = ", ".join(sorted(kb_admin.TOPICS))


def run_all(data: Path, *calls: tuple[str, ...]) -> list[subprocess.CompletedProcess[str]]:
    """Independent CLI calls, one after the other (in this process they share the standard streams)."""
    return [run_cli(*args, data=data) for args in calls]


def publish_without(data: Path, doc_id: str) -> None:
    """A second version, published in-process (a CLI publish needs a preview, which takes seconds)."""
    store = open_store(data)
    store.publish_documents(
        [d for d in store.documents() if d.meta.id != doc_id], "test", "publish", f"without {doc_id}"
    )


def test_history_prints_v_and_rollback_accepts_it(data_dir: Path) -> None:
    publish_without(data_dir, "evfta")
    history, bad, missing = run_all(data_dir, ("kb", "history"), ("kb", "rollback", "v0"), ("kb", "rollback", "v9"))
    assert history.stdout.startswith("v2 (live) ") and "\nv1 " in history.stdout
    assert_one_line_error(bad, "expected a version such as v3 or 3", "'v0'")
    assert_one_line_error(missing, "no version 9")
    assert run_cli("kb", "rollback", "v1", data=data_dir).stdout == "version 1 is live\n"
    assert run_cli("kb", "rollback", "2", data=data_dir).stdout == "version 2 is live\n"
    assert open_store(data_dir).live_version() == 2


def test_remove_takes_a_number_as_doc_does(data_dir: Path) -> None:
    removed, several, none = run_all(
        data_dir, ("kb", "remove", "80/2021"), ("kb", "remove", "0"), ("kb", "remove", "99/2099")
    )  # fmt: skip
    assert removed.returncode == 0, removed.stderr
    assert "removed: 80/2021/NĐ-CP (80-2021-nd-cp)" in removed.stdout
    questions = len(kb_admin.sample_questions())
    assert f"checking {questions} sample questions against the staged version…" in removed.stderr  # never silent
    assert_one_line_error(several, "matches 2 documents", "04-2017-qh14 (04/2017/QH14)", "09-2020-nq-hdnd")
    assert_one_line_error(none, "no document '99/2099'")
    status = run_cli("kb", "status", data=data_dir).stdout
    assert "live version: v1, published " in status and " by system (seed: " in status
    assert "pending stage: 1 by cli:" in status and "remove 80-2021-nd-cp (prepared against v1)" in status
    assert "  removed: 80/2021/NĐ-CP (80-2021-nd-cp)" in status and "stale: no" in status


def test_status_shows_a_stale_stage_then_discard_and_audit(data_dir: Path) -> None:
    store = open_store(data_dir)
    store.stage_change([], ["evfta"], "cli:someone", "remove evfta")
    publish_without(data_dir, "rcep")  # the stage's base is no longer live
    status = run_cli("kb", "status", data=data_dir).stdout
    assert "live version: v2, published " in status and "made live: " in status
    assert "pending stage: 1 by cli:someone: remove evfta (prepared against v1)" in status
    assert "stale: yes, prepared against v1 but v2 is live" in status
    assert run_cli("kb", "discard", data=data_dir).stdout == "discarded stage 1\n"
    again, audit = run_all(data_dir, ("kb", "discard"), ("kb", "audit", "--limit", "3"))
    assert_one_line_error(again, "nothing is staged")
    lines = audit.stdout.splitlines()
    assert len(lines) == 3 and " cli:" in lines[0] and " discard: stage 1" in lines[0], audit.stdout
    assert all(line[:4].isdigit() and ": " in line for line in lines)


def test_unknown_topics_and_a_missing_url_are_refused_with_their_lines(data_dir: Path, tmp_path: Path) -> None:
    topic = tmp_path / "topic.md"
    topic.write_text(markdown(BODY, topics="dnnvv, thue-tncn"), encoding="utf-8")
    no_url = tmp_path / "nourl.md"
    text = markdown(BODY + "\n### Điều 1. Lặp lại\nNội dung.\n").replace("url: https://example.org/99-2025\n", "")
    no_url.write_text(text, encoding="utf-8")
    shipped = sorted(str(p) for p in SHIPPED.glob("*.md"))
    validate, imported = run_all(
        data_dir, ("kb", "validate", *shipped, str(topic), str(no_url)), ("kb", "import", str(topic))
    )  # fmt: skip
    assert validate.returncode == 2 and validate.stdout.count("\nok ") == len(shipped) - 1  # ours all pass
    assert validate.stderr.splitlines() == [
        f"error: topic.md:11: front matter 'topics': unknown topic 'thue-tncn'; use {TOPICS}",
        "error: nourl.md:11: front matter 'url': a summary document needs 'url', a link to the official text",
        "error: nourl.md:17: duplicate Điều 1",  # the body is checked too, in the same run
    ]
    assert_one_line_error(imported, "topic.md:11", "unknown topic 'thue-tncn'")
    assert open_store(data_dir).stage() is None


def test_the_topic_list_is_the_bots() -> None:
    assert set(TOPIC_LABELS["vi"]) == kb_admin.USER_TOPICS  # app may not import bot: the two lists kept equal here
    importers = kb_admin.TOPICS - kb_admin.USER_TOPICS
    assert importers == {"phap-dien", "van-ban-goc", "alqac"}


def test_importing_the_live_version_again_stages_nothing(data_dir: Path) -> None:
    proc = run_cli("kb", "import", str(SHIPPED / "evfta.md"), data=data_dir)
    assert proc.returncode == 0, proc.stderr
    assert "no change compared with the live version" in proc.stdout
    assert open_store(data_dir).stage() is None


def test_output_into_a_closed_pipe_is_not_an_error(data_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    env.update(BOT_DATA_DIR=str(data_dir), PYTHONIOENCODING="utf-8")
    procs = [
        subprocess.Popen(
            [sys.executable, str(ROOT / "run_bot.py"), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=data_dir.parent,
        )
        for args in (("kb", "list"), ("ask", "evfta"))
    ]
    for proc in procs:
        assert proc.stdout is not None
        proc.stdout.close()  # long before the command writes (it starts Python first): `| head -1`, every time
    for proc in procs:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0 and err == "", err


def test_eval_names_the_version_it_scored(data_dir: Path, tmp_path: Path) -> None:
    questions = tmp_path / "questions.json"
    questions.write_text(json.dumps(json.loads(SAMPLE_QUESTIONS.read_text(encoding="utf-8"))[:5]), encoding="utf-8")
    live, shipped = run_all(
        data_dir,
        ("eval", "--questions", str(questions), "--json"),
        ("eval", "--questions", str(questions), "--json", "--shipped"),
    )
    assert live.returncode == 0 and shipped.returncode == 0, live.stderr + shipped.stderr
    live_data, shipped_data = json.loads(live.stdout), json.loads(shipped.stdout)
    for data in (live_data, shipped_data):
        assert set(data) >= {"n", "recall@1", "recall@3", "recall@5", "recall@10", "mrr@10", "latency_ms"}
        assert "index_build_s" in data and data["n"] == 5
    assert live_data["kb_version"] == 1 and live_data["kb_source"] == "live"
    assert "scored knowledge-base version 1 (live)" in live.stderr and "building the index" in live.stderr
    assert shipped_data["kb_version"] is None and shipped_data["kb_source"] == "shipped"
    assert "scored the shipped documents" in shipped.stderr


def test_chat_gives_the_bots_replies(data_dir: Path) -> None:
    question = "evfta co hieu luc khi nao"
    lines = ["/start", "/help", "/topics", "/doc 80/2021", "/doc", "/nope", question, "/lang en", question]
    proc = run_cli("chat", data=data_dir, stdin="\n".join(lines) + "\n")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    store = open_store(data_dir)
    docs = store.documents()
    names = escape(", ".join(sorted({d.meta.number for d in docs})))
    for html in (say("vi", "start", names=names), say("vi", "help"), say("vi", "choose_topic"), say("vi", "doc_usage")):
        assert to_plain(html) in out
    assert to_plain(document_card(next(d for d in docs if d.meta.number == "80/2021/NĐ-CP"))) in out
    assert topic_label("dnnvv", "vi") in out and "  80/2021/NĐ-CP — " in out.split(topic_label("shtt", "vi"))[0]
    assert to_plain(say("vi", "unknown_command")) in out and to_plain(say("en", "lang_set")) in out
    engine = LiveEngine(store, load_lexicon()).engine
    for reply_in in (None, "en"):
        assert format_answer(asking.ask(engine, asking.Ask(question, top=3, reply_in=reply_in))) in out
    assert out.index(say("en", "lang_set")) < out.rindex("Document:")  # the English reply comes after /lang en


def test_backup_and_restore_round_trip(data_dir: Path, tmp_path: Path) -> None:
    assert open_store(data_dir).path == data_dir / STORE_FILE
    publish_without(data_dir, "evfta")
    backup, garbage = tmp_path / "kb-backup.sqlite3", tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database " * 500)
    saved, refused = run_all(data_dir, ("kb", "backup", str(backup)), ("kb", "restore", str(garbage)))
    assert saved.returncode == 0 and "live version 2" in saved.stdout, saved.stderr
    assert_one_line_error(refused, "garbage.sqlite3", "not a usable knowledge-base store")
    assert open_store(data_dir).rollback("test") == 1  # a refused restore changed nothing; now roll back

    restored = run_cli("kb", "restore", str(backup), data=data_dir)
    assert restored.returncode == 0 and "version 2 is live" in restored.stdout, restored.stderr
    store = open_store(data_dir)
    assert store.live_version() == 2 and "evfta" not in {d.meta.id for d in store.documents()}
    assert store.audit_log(limit=1)[0].action == "restore"

    (data_dir / STORE_FILE).unlink()  # lost: the bot refuses to start and points at 'kb restore'
    again = run_cli("kb", "restore", str(backup), data=data_dir)
    assert again.returncode == 0, again.stderr
    assert open_store(data_dir).live_version() == 2


def test_a_backup_clears_what_a_killed_backup_left(data_dir: Path, tmp_path: Path) -> None:
    open_store(data_dir)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    orphan = tmp_path / f".kb.sqlite3.partial-{gone.stdout.strip()}"  # as SIGKILL leaves it: its process is gone
    running = tmp_path / f".kb.sqlite3.partial-{os.getppid()}"  # a live process: a backup under way keeps it
    orphan.write_bytes(b"half a copy")
    running.write_bytes(b"being written")
    assert run_cli("kb", "backup", str(tmp_path / "kb.sqlite3"), data=data_dir).returncode == 0
    assert not orphan.exists() and running.exists()


def test_backup_never_overwrites_and_restore_refuses_a_store_it_cannot_serve(data_dir: Path, tmp_path: Path) -> None:
    open_store(data_dir)
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes", encoding="utf-8")
    assert_one_line_error(run_cli("kb", "backup", str(notes), data=data_dir), "notes.txt", "already exists")
    assert notes.read_text(encoding="utf-8") == "my notes"
    backup = tmp_path / "kb.sqlite3"
    assert run_cli("kb", "backup", str(backup), data=data_dir).returncode == 0
    damages = {
        "drop": "DROP TABLE blobs",
        "empty": "DELETE FROM blobs",
        "json": "UPDATE blobs SET body = '{\"meta\": 1}'",
        "live": "UPDATE state SET value = 'x' WHERE key = 'live'",
    }
    for name, statement in damages.items():
        broken = tmp_path / f"{name}.sqlite3"
        broken.write_bytes(backup.read_bytes())
        with closing(sqlite3.connect(broken)) as db, db:
            db.execute(statement)
        assert_one_line_error(run_cli("kb", "restore", str(broken), data=data_dir), "not a usable knowledge-base store")
    assert asking.ask(LiveEngine(open_store(data_dir), load_lexicon()).engine, asking.Ask("EVFTA")).results


def test_env_example_lists_every_setting() -> None:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"# {name.upper()}=" in text, name
    assert "TELEGRAM_BOT_TOKEN=123456789:replace-with-the-token-from-BotFather" in text


def test_validate_checks_every_path_import_keeps_the_size_limit_and_comments_stay_one_line(
    data_dir: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.md"
    broken.write_text("---\nid: x\nnumber: [bad\ntitle: t\n---\n### Điều 1. A\nB\n", encoding="utf-8")
    checked = run_cli(
        "kb", "validate", str(tmp_path / "missing.md"), str(broken), str(SHIPPED / "evfta.md"), data=data_dir
    )
    errors = checked.stderr.splitlines()
    assert checked.returncode == 2 and "ok evfta.md" in checked.stdout, "an unreadable path does not stop the rest"
    assert len(errors) == 2 and "missing.md" in errors[0] and "broken.md:4: front matter is not valid YAML" in errors[1]
    big = tmp_path / "big.md"
    big.write_bytes(b"a" * (1024 * 1024 + 1))
    assert_one_line_error(run_cli("kb", "import", str(big), data=data_dir, env={"MAX_UPLOAD_MB": "1"}), "MAX_UPLOAD_MB")
    (tmp_path / "edit.md").write_text(markdown(BODY), encoding="utf-8")
    run_all(data_dir, ("kb", "import", str(tmp_path / "edit.md")), ("kb", "publish", "--comment", "ok\n2026 v9 forged"))
    assert (
        run_cli("kb", "history", data=data_dir)
        .stdout.splitlines()[0]
        .endswith("publish: ok 2026 v9 forged [13 documents]")
    )
