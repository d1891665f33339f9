"""Charts of the dashboard and the follow-up report as SVG drawn on the server: no script, no outside library, each
with its figures as a table beside it (for screen readers, and to copy), and printable as they are.

Two shapes cover the officer's questions: lines over time (registration and accreditation against the previous
meeting) and horizontal bars, stacked when a row has parts (the status funnel, commitments by status per theme).
"""

from dataclasses import dataclass, field

from django.utils.html import format_html
from django.utils.safestring import mark_safe

# Colour-blind safe (Okabe–Ito), with a dash pattern for the lines so that colour is never the only cue.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
DASHES = ["", "6 3", "2 3", "8 3 2 3"]
WIDTH, LINE_HEIGHT, BAR_HEIGHT = 640, 260, 22
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 48, 16, 12, 36
LABEL_WIDTH = 200


@dataclass
class Series:
    name: str
    points: list  # (x, y)
    colour: str = ""
    dash: str = ""


@dataclass
class Chart:
    """What a template needs: the SVG, and the same figures as a table (headers, rows)."""

    id: str
    title: str
    svg: str
    headers: list = field(default_factory=list)
    rows: list = field(default_factory=list)


def _scale(value, low, high, start, end):
    if high == low:
        return start
    return start + (value - low) * (end - start) / (high - low)


def _ticks(high: int, count: int = 4) -> list[int]:
    step = max(1, -(-high // count))
    return list(range(0, high + step, step))


def line_chart(*, id: str, title: str, series: list[Series], x_label: str, x_ticks: list[int]) -> str:
    """Lines over a numeric x axis (e.g. days from the opening) with a legend; returns the SVG markup."""
    xs = [x for line in series for x, _y in line.points] or [0]
    top = max([y for line in series for _x, y in line.points] or [0]) or 1
    y_ticks = _ticks(top)
    top = y_ticks[-1]
    left, right = MARGIN_LEFT, WIDTH - MARGIN_RIGHT
    bottom, upper = LINE_HEIGHT - MARGIN_BOTTOM, MARGIN_TOP + 18 * ((len(series) + 1) // 2)
    low_x, high_x = min(xs + x_ticks), max(xs + x_ticks)
    parts = []
    for tick in y_ticks:
        y = round(_scale(tick, 0, top, bottom, upper), 1)
        parts.append(format_html('<line x1="{}" x2="{}" y1="{}" y2="{}" class="grid"/>', left, right, y, y))
        parts.append(format_html('<text x="{}" y="{}" class="tick" text-anchor="end">{}</text>', left - 6, y + 4, tick))
    for tick in x_ticks:
        x = round(_scale(tick, low_x, high_x, left, right), 1)
        parts.append(format_html('<line x1="{}" x2="{}" y1="{}" y2="{}" class="axis"/>', x, x, bottom, bottom + 4))
        parts.append(
            format_html('<text x="{}" y="{}" class="tick" text-anchor="middle">{}</text>', x, bottom + 16, tick)
        )
    parts.append(
        format_html('<text x="{}" y="{}" class="label" text-anchor="end">{}</text>', right, LINE_HEIGHT - 4, x_label)
    )
    for index, line in enumerate(series):
        colour, dash = line.colour or PALETTE[index % len(PALETTE)], line.dash or DASHES[index % len(DASHES)]
        points = " ".join(
            f"{_scale(x, low_x, high_x, left, right):.1f},{_scale(y, 0, top, bottom, upper):.1f}"
            for x, y in line.points
        )
        if points:
            parts.append(
                format_html(
                    '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5" stroke-dasharray="{}"/>',
                    points,
                    colour,
                    dash,
                )
            )
        legend_x, legend_y = left + (index % 2) * 280, MARGIN_TOP + 18 * (index // 2)
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="3" stroke-dasharray="{}"/>'
                '<text x="{}" y="{}" class="legend">{}</text>',
                legend_x,
                legend_x + 28,
                legend_y,
                legend_y,
                colour,
                dash,
                legend_x + 34,
                legend_y + 4,
                line.name,
            )
        )
    parts.append(format_html('<line x1="{}" x2="{}" y1="{}" y2="{}" class="axis"/>', left, right, bottom, bottom))
    return _svg(id, title, LINE_HEIGHT, parts)


def bar_chart(*, id: str, title: str, rows: list[tuple[str, list[int]]], parts: list[str]) -> str:
    """Horizontal bars, one per row, stacked by part (the legend names the parts); returns the SVG markup."""
    top = max([sum(values) for _label, values in rows] or [0]) or 1
    legend_rows = (len(parts) + 2) // 3 if len(parts) > 1 else 0
    height = MARGIN_TOP + 18 * legend_rows + len(rows) * (BAR_HEIGHT + 8) + 8
    left, right = LABEL_WIDTH, WIDTH - MARGIN_RIGHT - 36
    shapes = []
    for index, name in enumerate(parts if len(parts) > 1 else []):
        x, y = MARGIN_LEFT + (index % 3) * 190, MARGIN_TOP + 18 * (index // 3)
        shapes.append(
            format_html(
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"/><text x="{}" y="{}" class="legend">{}</text>',
                x,
                y - 6,
                PALETTE[index % len(PALETTE)],
                x + 18,
                y + 4,
                name,
            )
        )
    y = MARGIN_TOP + 18 * legend_rows
    for label, values in rows:
        shapes.append(
            format_html('<text x="{}" y="{}" class="tick" text-anchor="end">{}</text>', left - 8, y + 15, label)
        )
        x = left
        for index, value in enumerate(values):
            width = round(_scale(value, 0, top, 0, right - left), 1)
            if width > 0:
                shapes.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>',
                        x,
                        y,
                        width,
                        BAR_HEIGHT,
                        PALETTE[index % len(PALETTE)],
                        parts[index],
                        value,
                    )
                )
            x = round(x + width, 1)
        shapes.append(format_html('<text x="{}" y="{}" class="tick">{}</text>', x + 6, y + 15, sum(values)))
        y += BAR_HEIGHT + 8
    return _svg(id, title, height, shapes)


def _svg(id: str, title: str, height: int, parts: list) -> str:
    return format_html(
        '<svg class="chart" id="{}" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title>{}</svg>',
        id,
        WIDTH,
        height,
        id,
        id,
        title,
        mark_safe("".join(str(part) for part in parts)),  # noqa: S308 - every part was built by format_html
    )


def bars(*, id: str, title: str, rows: list[tuple[str, list[int]]], parts: list[str], row_header: str) -> Chart:
    return Chart(
        id=id,
        title=title,
        svg=bar_chart(id=id, title=title, rows=rows, parts=parts),
        headers=[row_header, *parts] if len(parts) > 1 else [row_header, parts[0]],
        rows=[[label, *values] for label, values in rows],
    )


def lines(*, id: str, title: str, series: list[Series], x_label: str, x_ticks: list[int], x_header: str) -> Chart:
    """A line chart whose table gives every line's value at each tick of the x axis."""

    def value_at(line, x):
        earlier = [y for point_x, y in line.points if point_x <= x]
        return earlier[-1] if earlier else 0

    return Chart(
        id=id,
        title=title,
        svg=line_chart(id=id, title=title, series=series, x_label=x_label, x_ticks=x_ticks),
        headers=[x_header, *(line.name for line in series)],
        rows=[[tick, *(value_at(line, tick) for line in series)] for tick in x_ticks],
    )
