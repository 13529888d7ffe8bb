#!/usr/bin/python3
"""Prints every sheet of an .xlsx file as JSON, read by openpyxl (Debian's python3-openpyxl): an
independent reader for the tests of the workbooks the server writes.

    xlsx_to_json.py FILE  ->  {"sheets": [{"name": "...", "rows": [[cell, ...], ...]}, ...]}

Cells are as openpyxl reads them: text, numbers, or null for empty cells.
"""
import json
import sys

import openpyxl


def main() -> None:
    workbook = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
    sheets = []
    for sheet in workbook.worksheets:
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        sheets.append({"name": sheet.title, "rows": rows})
    json.dump({"sheets": sheets}, sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
    main()
