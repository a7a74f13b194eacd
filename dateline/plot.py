"""Plots of a store for a report: a dyad timeline, the actor network, a country's activity.

Every plot draws the rows of a ``dateline.store.queries`` function, so what the picture shows
is what ``dateline query`` prints. matplotlib draws off-screen (the Agg backend: no display
needed); the file's extension (.png or .svg) chooses the format.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from .store import queries

# QuadClass colours: cooperation in blues, conflict in reds (verbal light, material dark).
QUAD_COLOURS = {"verbal_coop": "#74a9cf", "material_coop": "#045a8d", "verbal_conflict": "#fc9272",
                "material_conflict": "#cb181d"}
QUAD_LABELS = {"verbal_coop": "verbal cooperation", "material_coop": "material cooperation",
               "verbal_conflict": "verbal conflict", "material_conflict": "material conflict"}
FORMATS = (".png", ".svg")
BAR_DAYS = {"day": 0.8, "week": 5.6, "month": 24, "year": 300}  # a bar's width: most of its period


def _figure(width: float = 10, height: float = 5):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.fonttype"] = "none"  # an SVG's words stay text: searchable and editable in a report

    return plt.subplots(figsize=(width, height), dpi=100)


def _save(fig, out: str | Path) -> Path:
    import matplotlib.pyplot as plt

    out = Path(out)
    if out.suffix.lower() not in FORMATS:
        raise ValueError(f"--out {out}: the file must end in .png or .svg")
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    return out


def _timeline(ax, rows: list[dict], by: str) -> None:
    """Stacked bars per period, one colour per QuadClass, and dates on the axis."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import MaxNLocator

    width = BAR_DAYS[by]
    periods = [r["period"] for r in rows]
    bottom = [0] * len(rows)
    for key, colour in QUAD_COLOURS.items():
        counts = [r[key] for r in rows]
        if not any(counts):
            continue
        ax.bar(periods, counts, width=width, bottom=bottom, color=colour, label=QUAD_LABELS[key], align="edge")
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    other = [r["events"] - b for r, b in zip(rows, bottom, strict=True)]  # events without a QuadClass
    if any(other):
        ax.bar(periods, other, width=width, bottom=bottom, color="#bdbdbd", label="no QuadClass", align="edge")
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("events")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=5, fontsize="small", frameon=False)
    ax.grid(axis="y", alpha=0.3)


def dyad(store, source: str, target: str, out, *, by: str = "month", date_from=None, date_to=None,
         unit: str = "occurrences") -> Path:
    """SOURCE's events towards TARGET over time, by QuadClass, with the Goldstein sum as a line."""
    rows = queries.dyad(store, source, target, by=by, date_from=date_from, date_to=date_to, unit=unit)
    fig, ax = _figure()
    title = f"{source.upper()} towards {target.upper()}: {unit} per {by}"
    if not rows:
        ax.text(0.5, 0.5, "no events", ha="center", va="center", transform=ax.transAxes)
    else:
        _timeline(ax, rows, by)
        g = ax.twinx()
        middle = timedelta(days=BAR_DAYS[by] / 2)
        g.plot([r["period"] + middle for r in rows], [r["goldstein_sum"] for r in rows], color="black", marker="o",
               linewidth=1, markersize=3)
        g.axhline(0, color="grey", linewidth=0.5)
        g.set_ylabel("Goldstein sum")
    ax.set_title(title)
    ax.set_xlabel(by)
    return _save(fig, out)


def activity(store, country: str, out, *, by: str = "month", date_from=None, date_to=None,
             unit: str = "occurrences") -> Path:
    """A country's events as source and as target over time, by QuadClass."""
    fig, axes = _figure(10, 7)
    fig.delaxes(axes)
    code = country.upper()
    for i, (label, src, tgt) in enumerate(((f"{code} as source", code, None), (f"{code} as target", None, code))):
        ax = fig.add_subplot(2, 1, i + 1)
        rows = queries.dyad(store, src, tgt, by=by, date_from=date_from, date_to=date_to, unit=unit)
        if rows:
            _timeline(ax, rows, by)
        else:
            ax.text(0.5, 0.5, "no events", ha="center", va="center", transform=ax.transAxes)
        ax.set_title(f"{label}: {unit} per {by}")
    ax.set_xlabel(by)
    return _save(fig, out)


def network(store, out, *, date_from=None, date_to=None, min_weight: int = 1, top: int = 40,
            unit: str = "occurrences") -> Path:
    """The country network: node size by events, edge width by weight, edge colour by mean
    Goldstein (red conflict, yellow neutral, blue cooperation). At most ``top`` countries, the most active."""
    import matplotlib.pyplot as plt
    import networkx as nx

    edges = queries.network(store, date_from=date_from, date_to=date_to, min_weight=min_weight, unit=unit)
    g = nx.DiGraph()
    for e in edges:
        g.add_edge(e["source"], e["target"], weight=e["weight"], goldstein=e["goldstein_mean"] or 0.0)
    keep = sorted(g.nodes, key=lambda n: -g.degree(n, weight="weight"))[:top]
    g = g.subgraph(keep).copy()
    fig, ax = _figure(9, 9)
    ax.set_title(f"Country network: {unit}" + (f", edges of {min_weight} or more" if min_weight > 1 else ""))
    ax.axis("off")
    if not g.number_of_edges():
        ax.text(0.5, 0.5, "no events between countries", ha="center", va="center", transform=ax.transAxes)
        return _save(fig, out)
    pos = nx.spring_layout(g, seed=7, weight="weight")
    size = [700 + 80 * g.degree(n, weight="weight") for n in g.nodes]
    weights = [g[u][v]["weight"] for u, v in g.edges]
    top_w = max(weights)
    nx.draw_networkx_nodes(g, pos, node_size=size, node_color="#f0f0f0", edgecolors="#636363", ax=ax)
    nx.draw_networkx_labels(g, pos, font_size=9, ax=ax)
    nx.draw_networkx_edges(g, pos, width=[0.5 + 4 * w / top_w for w in weights],
                           edge_color=[g[u][v]["goldstein"] for u, v in g.edges], edge_cmap=plt.cm.RdYlBu,
                           edge_vmin=-10, edge_vmax=10, arrows=True, arrowsize=12,
                           connectionstyle="arc3,rad=0.1", node_size=size, ax=ax)
    sm = plt.cm.ScalarMappable(cmap=plt.cm.RdYlBu, norm=plt.Normalize(-10, 10))
    fig.colorbar(sm, ax=ax, shrink=0.6, label="mean Goldstein of the edge")
    return _save(fig, out)
