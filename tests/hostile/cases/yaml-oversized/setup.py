def setup(content):
    path = content / "kommuner/exempelby/omraden/trygg-kommun.yaml"
    text = path.read_text(encoding="utf-8")
    padding = "# " + "x" * 98 + "\n"
    path.write_text(text + padding * 10_100, encoding="utf-8")
