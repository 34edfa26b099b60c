"""Question sets written blind to the bot (from the documents alone), held to floors on both splits."""

from __future__ import annotations

import pytest

from app.asking import Ask, ask
from retrieval.engine import SearchEngine
from retrieval.evaluate import evaluate, load_questions
from tests.conftest import DATA


@pytest.fixture(scope="module")
def engine(shipped_engine: SearchEngine) -> SearchEngine:
    return shipped_engine  # built once per run (conftest): these tests only ask it questions


# Helper sessions wrote these sets from the knowledge documents without seeing the bot, its code or the other sets;
# each was split once. Floors sit just below what is measured now (see the notes of issues 9 and 10).
FLOORS = [  # (file, split, top-1, recall@3, confidently wrong, off-topic questions answered)
    ("fresh_vi3.json", "dev", 0.88, 0.94, 0.03, 0),
    ("fresh_vi3.json", "test", 0.84, 0.95, 0.06, 0),
    ("fresh_vi4.json", "dev", 0.82, 0.93, 0.08, 0),
    ("fresh_vi4.json", "test", 0.80, 0.87, 0.07, 0),
    ("fresh_vi5.json", "dev", 0.88, 0.95, 0.04, 0),
    ("fresh_vi5.json", "test", 0.89, 0.95, 0.04, 0),
    ("fresh_en4.json", "dev", 0.85, 0.94, 0.04, 0),
    ("fresh_en4.json", "test", 0.65, 0.88, 0.15, 0),
    ("fresh_en5.json", "dev", 0.82, 0.90, 0.09, 0),
    # One off-topic test question is answered: how long a foreign-invested firm may lease land (Law 04 Art. 11);
    # "lease land" on the off-topic list refused it, but also an SME asking to lease land at a reduced rent.
    ("fresh_en5.json", "test", 0.73, 0.87, 0.16, 1),
    ("fresh_vi6.json", "dev", 0.81, 0.89, 0.05, 0),
    ("fresh_vi6.json", "test", 0.77, 0.86, 0.03, 0),
    ("fresh_en6.json", "dev", 0.67, 0.89, 0.11, 0),
    ("fresh_en6.json", "test", 0.56, 0.78, 0.14, 0),
    ("fresh_vi7.json", "dev", 0.86, 0.96, 0.03, 0),
    ("fresh_vi7.json", "test", 0.88, 0.91, 0.05, 0),
    ("fresh_en7.json", "dev", 0.70, 0.89, 0.10, 0),
    ("fresh_en7.json", "test", 0.85, 0.89, 0.10, 0),
    # Nine more sets written the same way in a later stop (see its closing note); each was measured on both
    # splits before any change was tuned on its dev split.
    ("fresh_vi8.json", "dev", 0.94, 0.95, 0.04, 0),
    ("fresh_vi8.json", "test", 0.86, 0.91, 0.03, 0),
    ("fresh_vi9.json", "dev", 0.89, 0.94, 0.04, 0),
    ("fresh_vi9.json", "test", 0.92, 0.94, 0.08, 0),
    ("fresh_vi10.json", "dev", 0.75, 0.87, 0.08, 0),
    ("fresh_vi10.json", "test", 0.71, 0.89, 0.10, 0),
    ("fresh_vi11.json", "dev", 0.77, 0.89, 0.07, 0),
    # One off-topic test question is answered (not looked at, to keep the split blind).
    ("fresh_vi11.json", "test", 0.77, 0.88, 0.06, 1),
    ("fresh_en8.json", "dev", 0.81, 0.93, 0.07, 0),
    ("fresh_en8.json", "test", 0.74, 0.90, 0.19, 1),
    ("fresh_en9.json", "dev", 0.70, 0.82, 0.08, 0),
    ("fresh_en9.json", "test", 0.71, 0.82, 0.09, 0),
    ("fresh_en10.json", "dev", 0.81, 0.91, 0.10, 0),
    ("fresh_en10.json", "test", 0.68, 0.80, 0.13, 0),
    ("fresh_vi12.json", "dev", 0.82, 0.89, 0.12, 0),
    ("fresh_vi12.json", "test", 0.85, 0.91, 0.08, 0),
    ("fresh_en11.json", "dev", 0.62, 0.87, 0.10, 0),
    ("fresh_en11.json", "test", 0.47, 0.83, 0.09, 0),
    # Two more, measured the same way before any tuning on their dev splits. One off-topic question of each
    # fresh_en12 split is answered (the dev one: customs valuation, from the IP Law's border measures).
    ("fresh_vi13.json", "dev", 0.83, 0.95, 0.09, 0),
    ("fresh_vi13.json", "test", 0.75, 0.95, 0.16, 0),
    ("fresh_en12.json", "dev", 0.65, 0.94, 0.14, 1),
    ("fresh_en12.json", "test", 0.65, 0.91, 0.17, 1),
    ("fresh_en13.json", "dev", 0.82, 0.94, 0.06, 1),
    ("fresh_en13.json", "test", 0.77, 0.96, 0.12, 0),
    ("fresh_vi14.json", "dev", 0.71, 0.93, 0.13, 1),
    ("fresh_vi14.json", "test", 0.78, 0.86, 0.03, 0),
    ("fresh_en14.json", "dev", 0.88, 0.96, 0.04, 1),
    ("fresh_en14.json", "test", 0.80, 0.89, 0.10, 0),
    ("fresh_vi15.json", "dev", 0.82, 0.90, 0.08, 0),
    ("fresh_vi15.json", "test", 0.85, 0.92, 0.07, 0),
    ("fresh_en15.json", "dev", 0.84, 0.94, 0.10, 0),
    # Searching the Vietnamese terms typed in English questions as typed made one more test answer confidently
    # wrong (not looked at): 0.09 -> 0.10.
    ("fresh_en15.json", "test", 0.78, 0.97, 0.10, 0),
    ("fresh_vi16.json", "dev", 0.90, 0.96, 0.05, 0),
    ("fresh_vi16.json", "test", 0.89, 0.97, 0.05, 0),
    ("fresh_en16.json", "dev", 0.82, 0.98, 0.10, 0),
    ("fresh_en16.json", "test", 0.77, 0.93, 0.06, 0),
    ("fresh_vi17.json", "dev", 0.87, 0.94, 0.07, 0),
    ("fresh_vi17.json", "test", 0.79, 0.97, 0.03, 0),
    # Two more, measured on both splits at 692bb9f before any change was tuned on their dev splits.
    ("fresh_vi18.json", "dev", 0.81, 0.92, 0.10, 0),
    ("fresh_vi18.json", "test", 0.82, 0.87, 0.06, 0),
    ("fresh_en17.json", "dev", 0.78, 0.89, 0.10, 0),
    ("fresh_en17.json", "test", 0.82, 0.91, 0.10, 0),
    # Written at the end of the next stop, after its last change to answering; measured on that stop's start
    # commit (692bb9f) and on its end with the same figures.
    ("fresh_en18.json", "dev", 0.74, 0.96, 0.06, 0),
    ("fresh_en18.json", "test", 0.79, 0.90, 0.12, 0),
    ("fresh_vi19.json", "dev", 0.83, 0.94, 0.07, 0),
    ("fresh_vi19.json", "test", 0.94, 0.94, 0.03, 0),
    # Written blind at the start of the stop after that, measured before any change was tuned on their dev splits.
    ("fresh_vi20.json", "dev", 0.94, 0.99, 0.04, 0),
    ("fresh_vi20.json", "test", 0.84, 0.94, 0.08, 0),
    ("fresh_en19.json", "dev", 0.79, 0.95, 0.09, 0),
    ("fresh_en19.json", "test", 0.87, 0.96, 0.07, 0),
    # Written blind later in that stop and measured at dddd0e9, before anything was tuned on them: vi21 dev 0.967 /
    # 0.983 / 0.017, test 0.917 / 0.972 / 0.028; en20 dev 0.761 / 0.913 / 0.065, test 0.844 / 0.969 / 0.125. The
    # English dev split was then tuned on (the lexicon), so its floor is what it reaches after that.
    ("fresh_vi21.json", "dev", 0.96, 0.98, 0.02, 0),
    ("fresh_vi21.json", "test", 0.91, 0.97, 0.03, 0),
    ("fresh_en20.json", "dev", 0.86, 0.99, 0.01, 0),
    ("fresh_en20.json", "test", 0.84, 0.96, 0.13, 0),
    # Written blind at the start of the stop after that and measured at 3fa7307, before anything was tuned on them
    # (see its closing note); the dev splits' floors are what they reach after that stop's changes.
    ("fresh_vi22.json", "dev", 0.89, 0.98, 0.06, 0),
    ("fresh_vi22.json", "test", 0.92, 0.99, 0.03, 0),
    ("fresh_vi23.json", "dev", 0.88, 0.96, 0.04, 0),
    ("fresh_vi23.json", "test", 0.91, 0.94, 0.06, 0),
    ("fresh_en21.json", "dev", 0.76, 0.95, 0.16, 0),
    ("fresh_en21.json", "test", 0.81, 0.90, 0.01, 0),
    ("fresh_en22.json", "dev", 0.78, 0.97, 0.09, 0),
    ("fresh_en22.json", "test", 0.87, 0.96, 0.04, 0),
    # Written blind at the end of that stop and measured at 7460dd4, after its changes to answering.
    ("fresh_vi24.json", "dev", 0.85, 0.99, 0.08, 0),
    ("fresh_vi24.json", "test", 0.92, 0.94, 0.01, 0),
    ("fresh_en23.json", "dev", 0.71, 0.95, 0.11, 0),
    ("fresh_en23.json", "test", 0.81, 0.96, 0.16, 0),
]


@pytest.mark.parametrize(("name", "split", "top1", "recall3", "wrong", "off_topic_answered"), FLOORS)
def test_blind_set_floors(
    engine: SearchEngine, name: str, split: str, top1: float, recall3: float, wrong: float, off_topic_answered: int
) -> None:
    questions = load_questions(DATA / name, split)
    report = evaluate(engine, questions, 10, lambda q, k: ask(engine, Ask(q, top=k)))
    gate = report.gate["all"].to_json_dict()
    assert gate["top1"] >= top1 and report.recall[3] >= recall3, (gate, report.recall)
    assert gate["confidently_wrong_rate"] <= wrong, gate
    off_topic = report.gate["out_of_scope"]
    assert off_topic.out_of_scope_answered <= off_topic_answered and off_topic.out_of_scope_refused >= 2
