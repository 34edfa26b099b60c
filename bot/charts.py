"""The /stats chart: questions per day and the answered rate, as a PNG."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # no display on a server
import matplotlib.pyplot as plt

from knowledge.analytics import Stats

__all__ = ["stats_chart"]


def stats_chart(stats: Stats) -> bytes:
    """Bars of questions per day with the answered rate as a line on a second axis."""
    days = [d[5:] for d, _, _ in stats.per_day]
    counts = [n for _, n, _ in stats.per_day]
    rates = [100 * a / n if n else 0 for _, n, a in stats.per_day]
    fig, ax = plt.subplots(figsize=(6, 3), dpi=100)
    try:
        ax.bar(days, counts, color="#4c78a8")
        ax.set_ylabel("câu hỏi/ngày")
        rate_axis = ax.twinx()
        rate_axis.plot(days, rates, color="#f58518", marker="o")
        rate_axis.set_ylim(0, 100)
        rate_axis.set_ylabel("% trả lời được")
        ax.tick_params(axis="x", labelrotation=45, labelsize=7)
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format="png")
        return out.getvalue()
    finally:
        plt.close(fig)
