"""The /stats chart: a text sparkline always, and a PNG when the optional `charts` extra (matplotlib) is installed."""

from __future__ import annotations

import importlib.util
import io

from app.question_log import Stats

__all__ = ["has_matplotlib", "sparkline", "stats_chart"]

_BARS = "▁▂▃▄▅▆▇█"


def has_matplotlib() -> bool:
    """Whether the `charts` extra is installed."""
    return importlib.util.find_spec("matplotlib") is not None


def sparkline(values: list[int]) -> str:
    """One block character per value, scaled to the largest."""
    top = max(values, default=0)
    if top <= 0:
        return _BARS[0] * len(values)
    return "".join(_BARS[min(len(_BARS) - 1, round(v / top * (len(_BARS) - 1)))] for v in values)


def stats_chart(stats: Stats) -> bytes | None:
    """Bars of questions per day with the answered rate as a line on a second axis; None without matplotlib."""
    if not has_matplotlib():
        return None
    import matplotlib  # 0.45 s of imports: only when an admin asks for the chart

    matplotlib.use("Agg")  # no display on a server
    import matplotlib.pyplot as plt

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
