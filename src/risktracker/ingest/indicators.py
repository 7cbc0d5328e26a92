"""External indicator series from CSV: the Geopolitical Risk (GPR) export and any
``date,value`` file.

The first column holds the dates; every other column whose header is not a codebook
column (the GPR export's ``var_name`` and ``var_label``) is a series named by its header
(a two-column file may be named by the caller instead). Dates are read as ISO dates
(``2021-07-01``), ISO months (``2021-07``, the first day) or day/month/year with slashes
(``01/07/2021``, the GPR export's form). An empty cell is a missing value, not an error;
a row whose date or value cannot be read is reported with its line and skipped, and the
rest of the file is imported.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import InputError

CODEBOOK_COLUMNS = {"var_name", "var_label"}
_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(text: str) -> date:
    value = text.strip()
    for pattern, order in ((_ISO_DAY, "ymd"), (_ISO_MONTH, "ym"), (_DMY, "dmy")):
        match = pattern.match(value)
        if match:
            parts = dict(zip(order, map(int, match.groups()), strict=True))
            return date(parts["y"], parts["m"], parts.get("d", 1))
    raise ValueError(f"not a date: {value!r} (write YYYY-MM-DD, YYYY-MM or DD/MM/YYYY)")


@dataclass
class IndicatorFile:
    source: str
    series: dict[str, list[tuple[date, float]]] = field(default_factory=dict)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    rows: int = 0  # data rows with a readable date

    @property
    def values(self) -> int:
        return sum(len(v) for v in self.series.values())


def read_indicators(
    path: Path, name: str | None = None, max_bytes: int = 50_000_000
) -> IndicatorFile:
    """Read every series of a CSV file; ``name`` renames the only value column."""
    try:
        if path.stat().st_size > max_bytes:
            raise InputError(f"{path}: larger than {max_bytes} bytes")
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}", "Give a UTF-8 CSV file.") from None
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if not header or len(header) < 2:
        raise InputError(
            f"{path}: no header with a date column and at least one value column",
            "The first line should read like: date,value",
        )
    columns = [
        (i, h.strip())
        for i, h in enumerate(header[1:], 1)
        if h.strip() and h.strip() not in CODEBOOK_COLUMNS
    ]
    if name:
        if len(columns) != 1:
            raise InputError(f"{path}: --name needs a file with one value column")
        columns = [(columns[0][0], name)]
    result = IndicatorFile(str(path), {h: [] for _, h in columns})
    seen: set[date] = set()
    for line, row in enumerate(rows, 2):
        if not row or not any(cell.strip() for cell in row):
            continue
        try:
            day = parse_date(row[0])
        except ValueError as exc:
            result.errors.append((line, str(exc)))
            continue
        if day in seen:
            result.errors.append((line, f"date {day} repeated; the first row is kept"))
            continue
        seen.add(day)
        result.rows += 1
        for index, header_name in columns:
            cell = row[index].strip() if index < len(row) else ""
            if not cell:
                continue
            try:
                value = float(cell)
            except ValueError:
                result.errors.append((line, f"{header_name}: not a number: {cell!r}"))
                continue
            if not math.isfinite(value):
                result.errors.append((line, f"{header_name}: not a finite number: {cell!r}"))
                continue
            result.series[header_name].append((day, value))
    result.series = {k: v for k, v in result.series.items() if v}
    return result
