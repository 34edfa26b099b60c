"""`sme`: SME size by Điều 5 Nghị định 80/2021/NĐ-CP and the supports that size can get (DESIGN §2, §3b)."""

from __future__ import annotations

import argparse
import json

from app.services import build_services
from app.settings import Settings
from app.sme import SECTOR_LABELS, SIZE_LABELS, SmeFlags, SmeInputError, SmeResult, assess, validate_input
from app.sme_rules import fmt_number
from cli.errors import UsageError

__all__ = ["format_result", "run_sme"]


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
