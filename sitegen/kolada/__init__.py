"""Kolada (RKA): reading its API answers and importing values into follow-up files."""
