import os


def setup(content):
    outside = content.parent / "utanfor.yaml"
    outside.write_text("id: lank\n", encoding="utf-8")
    os.symlink(outside, content / "kommuner" / "exempelby" / "mal" / "lank.yaml")
