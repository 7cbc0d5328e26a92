"""Publishing an edition: from an assembled :class:`~risktracker.models.Edition` to files.

Public API:

* :func:`render_html(edition, names=None) <risktracker.editions.render.render_html>` returns
  one self-contained HTML page: header, focus topic, graphic of the quarter (inline SVG),
  top risks per domain, what to watch, and numbered evidence footnotes.
* :func:`render_markdown(edition) <risktracker.editions.render.render_markdown>` returns the
  same edition as Markdown with ``[^N]`` footnotes, the chart referenced as ``attention.svg``.
* :func:`write_edition(edition, out_dir) <risktracker.editions.render.write_edition>` writes
  ``edition-<number>.html``, ``edition-<number>.md``, ``attention.svg`` and ``index.html``
  and returns their paths in that order.
* :mod:`risktracker.editions.charts` draws the attention chart as hand-written SVG
  (:func:`~risktracker.editions.charts.attention_svg`) and as a Vega-Lite specification
  (:func:`~risktracker.editions.charts.attention_vega_lite`) for the dashboard.

Rendering never judges and never reads the database: the edition arrives complete. Text
from documents is untrusted and always escaped; output is byte-stable, so a published
edition can be rebuilt and compared.
"""

from .render import render_html, render_markdown, write_edition

__all__ = ["render_html", "render_markdown", "write_edition"]
