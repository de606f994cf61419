"""The only code that touches the output folder."""

from sitegen.write.output import Output, OutputError

__all__ = ["Output", "OutputError"]
