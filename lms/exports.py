"""Tables as CSV or XLSX downloads, for every report that offers an export."""

import csv
import datetime
import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_response(filename: str, header: list, rows, *, file_format: str = "csv"):
    """A download of `header` and `rows`. CSV starts with a byte-order mark so spreadsheet
    programs read Sinhala or Khmer names as UTF-8; XLSX keeps numbers and dates typed."""
    file_format = "xlsx" if file_format == "xlsx" else "csv"
    buffer = io.BytesIO()
    write_table(buffer, header, rows, file_format=file_format)
    response = HttpResponse(
        buffer.getvalue(),
        content_type=XLSX if file_format == "xlsx" else "text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response


def write_table(binary_file, header: list, rows, *, file_format: str = "csv") -> None:
    """Write the table to an open binary file (for downloads made by background jobs)."""
    if file_format == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet()
        sheet.append([str(column) for column in header])
        for row in rows:
            sheet.append([_cell(value) for value in row])
        book.save(binary_file)
        return
    text = io.TextIOWrapper(binary_file, encoding="utf-8", newline="")
    text.write("\ufeff")
    writer = csv.writer(text)
    writer.writerow([str(column) for column in header])
    for row in rows:
        writer.writerow([_text(value) for value in row])
    text.flush()
    text.detach()


def _safe(text: str) -> str:
    """Text that a spreadsheet would run as a formula (=, +, -, @) is kept as text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _cell(value):
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        return _safe(value)
    if value is None or isinstance(value, int | float | datetime.date):
        return value
    return _safe(str(value))


def _text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, str):
        return _safe(value)
    return value
