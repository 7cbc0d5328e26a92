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

Editions as analysts write them (issue 6): :mod:`.spec` and :mod:`.folder` read an
editions folder (edition.yml, risks.yml, resolutions.yml) with line numbers;
:mod:`.proposals` and :mod:`.compose` join the store's proposals with the analysts'
judgments; :mod:`.forecasts` scores the calls (Brier, calibration); :mod:`.diff`
compares two editions; :mod:`.check` and :mod:`.scaffold` serve ``edition check`` and
``edition new``; :mod:`.build` writes HTML, PDF (:mod:`.pdf`), Markdown, JSON
(:mod:`.jsonout`), iCalendar and charts, and :mod:`.feed` the site index and Atom feed;
:mod:`.publish` freezes an edition and checks that rebuilds reproduce it.

Rendering never judges and never reads the database: the edition arrives complete. Text
from documents is untrusted and always escaped; output is byte-stable, so a published
edition can be rebuilt and compared.
"""

from .render import render_html, render_markdown, write_edition

__all__ = ["render_html", "render_markdown", "write_edition"]
