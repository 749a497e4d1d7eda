"""Exports: the summary workbook and the details CSV, built in the request or, when large, as a job."""
