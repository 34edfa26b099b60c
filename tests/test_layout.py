"""The house rules a reviewer would otherwise check by hand: small modules."""

from __future__ import annotations

from tests.conftest import PACKAGES, ROOT

MAX_LINES = 300  # a module longer than this is doing two jobs


def test_no_module_is_over_300_lines() -> None:
    files = [p for package in (*PACKAGES, "scripts") for p in (ROOT / package).rglob("*.py")]
    assert len(files) > 100
    lines = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines()) for p in files}
    assert {name: n for name, n in lines.items() if n > MAX_LINES} == {}
