"""Open data: the whole model as JSON, goals, indicators and values as CSV, under /data/."""

from sitegen.opendata.export import open_data, schema_json, to_json
from sitegen.opendata.step import data_pages, write_open_data
from sitegen.opendata.tables import TABLES, to_csv

__all__ = [
    "TABLES",
    "data_pages",
    "open_data",
    "schema_json",
    "to_csv",
    "to_json",
    "write_open_data",
]
