"""Cross-municipality comparison: by theme, by Agenda 2030 goal, matrix, shared indicators,
side by side, and how measurable the goals are (målkvalitet)."""
