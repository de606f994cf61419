"""Build the site: the same as `python -m sitegen build` (with its options)."""

from sitegen.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["build", *__import__("sys").argv[1:]]))
