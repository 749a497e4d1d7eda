"""Excel 批量填报, report input: a unit's fill-in template for a period (template.py), read back and
checked (upload.py), written all or nothing through the report services (imports.py), kept between
preview and confirmation (pending.py)."""
