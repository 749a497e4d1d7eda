"""Excel: the summary workbook (summary.py) written row by row in openpyxl's write-only mode, with
every text made safe for a cell (cells.py)."""
