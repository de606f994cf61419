"""The printable follow-up report per municipality: data, HTML through print CSS, tagged PDF."""
