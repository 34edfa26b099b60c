"""`sme`: SME size by Điều 5 Nghị định 80/2021/NĐ-CP and the supports that size can get (DESIGN §2, §3b)."""

from __future__ import annotations

import argparse
import json
import math

from app.services import build_services
from app.settings import Settings
from app.sme import SECTOR_LABELS, SECTORS, SIZE_LABELS, SmeFlags, SmeInputError, SmeResult, assess, validate_input
from app.sme_rules import fmt_number
from cli.errors import Subcommands, UsageError

__all__ = ["format_result", "register"]

_FLAGS = (
    ("--ho-kinh-doanh", "converted from a household business (Điều 15–19)"),
    ("--khoi-nghiep", "an innovative start-up (Điều 20–22, 26–27)"),
    ("--cum-lien-ket", "in an industry cluster (Điều 23, 25–27)"),
    ("--chuoi-gia-tri", "in a value chain (Điều 24–27)"),
    ("--nu-lam-chu", "women-owned, employs many women, or a social enterprise (higher caps in Điều 13, 14)"),
)


def register(sub: Subcommands) -> None:
    """Add the `sme` command."""
    sme = sub.add_parser("sme", help="SME size by Điều 5 Nghị định 80/2021/NĐ-CP and the supports it can get")
    sme.add_argument("--sector", required=True, metavar="S", help=f"one of {', '.join(SECTORS)}")
    sme.add_argument("--employees", required=True, type=_number, metavar="N", help="insured workers, yearly average")
    sme.add_argument("--revenue", type=_number, metavar="TỶ", help="last year's revenue in billion VND")
    sme.add_argument("--capital", type=_number, metavar="TỶ", help="total capital (tổng nguồn vốn) in billion VND")
    sme.add_argument("--json", action="store_true", help="one JSON object on one line (DESIGN §3b)")
    for flag, text in _FLAGS:
        sme.add_argument(flag, action="store_true", help=text)
    sme.set_defaults(handler=run_sme)


def _number(text: str) -> float:
    """A decimal with '.' or ',' ('1,5'); anything else is a one-line argument error."""
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got '{text}'") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"expected a number, got '{text}'")
    return value


def format_result(result: SmeResult) -> str:
    """A readable Vietnamese summary: size, reasons, citations, supports with their amounts."""
    lines = [f"Quy mô: {SIZE_LABELS[result.size]} (lĩnh vực {SECTOR_LABELS[result.sector]})"]
    figures = [f"{fmt_number(result.employees)} lao động"]
    if result.revenue is not None:
        figures.append(f"doanh thu {fmt_number(result.revenue)} tỷ đồng")
    if result.capital is not None:
        figures.append(f"tổng nguồn vốn {fmt_number(result.capital)} tỷ đồng")
    lines.append("Số liệu: " + ", ".join(figures))
    lines.append("Vì sao:")
    lines += [f"  - {reason}" for reason in result.reasons]
    lines.append("Căn cứ: " + "; ".join(result.citations))
    if result.supports:
        lines.append("Hỗ trợ có thể nhận:")
    for support in result.supports:
        prefix = f"[Nếu là {support.applies_if}] " if support.applies_if else ""
        what = f": {support.conditions}" if support.conditions and support.conditions != support.amount else ""
        lines.append(f"  - {prefix}{support.title}{what}")
        if support.amount:
            lines.append(f"    Mức: {support.amount}")
        lines.append(f"    ({support.citation})")
    return "\n".join(lines)


def run_sme(args: argparse.Namespace, settings: Settings) -> int:
    """Check the figures first (a bad one fails fast), then judge them against the live knowledge base."""
    flags = SmeFlags(args.ho_kinh_doanh, args.khoi_nghiep, args.cum_lien_ket, args.chuoi_gia_tri, args.nu_lam_chu)
    try:
        validate_input(args.sector, args.employees, args.revenue, args.capital)
        kb = build_services(settings).live.engine.kb
        result = assess(kb, args.sector, args.employees, args.revenue, args.capital, flags=flags)
    except SmeInputError as exc:
        raise UsageError(str(exc)) from None
    print(json.dumps(result.to_json_dict(), ensure_ascii=False) if args.json else format_result(result))
    return 0
