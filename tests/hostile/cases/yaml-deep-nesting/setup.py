def setup(content):
    path = content / "kommuner/exempelby/omraden/trygg-kommun.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "extra: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
