"""Template parts that are constant for one language, worked out once when a template compiles.

Each Jinja2 environment serves one language (sitegen/render/batch.py), so `_("Sök")`,
`url('om/')` and `content_lang` give the same text on every page. Rendering them at every use
went through Jinja's context call, the gettext wrapper and Markup escaping about a hundred and
fifty times a page. The environment below replaces them by their value when it parses a
template, and Jinja's optimiser then joins them with the surrounding template text. The output is
byte for byte the same: a literal is translated exactly as the newstyle gettext does it
(`Markup(text) % {}`), and a Markup constant stays unescaped.

Only calls with one string literal and nothing else are folded, and nothing in a template that
assigns one of these names itself (a `set`, a loop or a macro argument). Page contexts must not
use the names of the constants (`lang`, `content_lang`): templates no longer look them up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping
from types import MappingProxyType
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.visitor import NodeTransformer
from markupsafe import Markup


class FoldingEnvironment(jinja2.Environment):
    """An environment whose templates have `_("…")`, `url("…")` and the per-language constants
    worked out in advance."""

    #: `_()`'s lookup without Jinja's wrapper, `url()`, and globals that are plain text (str or
    #: Markup) for the language; set by `make_environment`.
    translate: Callable[[str], str] | None = None
    url: Callable[[str], str] | None = None
    constants: Mapping[str, str] = MappingProxyType({})

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        assigned = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
        if assigned.intersection(["_", "url", *self.constants]):
            return tree
        folded = _Constants(self).visit(tree)
        assert isinstance(folded, nodes.Template)
        return folded

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """A template's globals as a plain dict rather than Jinja's ChainMap: every render copies
        them and every `import` compares their keys, which a ChainMap makes slow. Our globals are
        complete before the first template loads (`make_environment`), as Jinja asks anyway."""
        return {**self.globals, **(d or {})}


class _Constants(NodeTransformer):
    def __init__(self, env: FoldingEnvironment) -> None:
        self.env = env

    def visit_Name(self, node: nodes.Name) -> nodes.Node:
        if node.ctx != "load" or node.name not in self.env.constants:
            return node
        return _constant(self.env.constants[node.name], node.lineno)

    def visit_Call(self, node: nodes.Call) -> nodes.Node:
        node = self.generic_visit(node)
        literal = _literal_argument(node)
        if literal is None or not isinstance(node.node, nodes.Name):
            return node
        if node.node.name == "_" and self.env.translate is not None:
            try:
                text = Markup(self.env.translate(literal)) % {}
            except (TypeError, ValueError, KeyError):
                return node  # e.g. a stray '%': leave the error to rendering, as before
            return _constant(text, node.lineno)
        if node.node.name == "url" and self.env.url is not None:
            return _constant(self.env.url(literal), node.lineno)
        return node


def _constant(value: str, lineno: int) -> nodes.Expr:
    """A constant node that renders as `value` does: Markup as it is, other text escaped."""
    if isinstance(value, Markup):
        return nodes.MarkSafe(nodes.Const(str(value), lineno=lineno), lineno=lineno)
    return nodes.Const(value, lineno=lineno)


def _literal_argument(node: nodes.Call) -> str | None:
    """The call's only argument when it is a string literal, else None."""
    if node.kwargs or node.dyn_args or node.dyn_kwargs or len(node.args) != 1:
        return None
    arg: Any = node.args[0]
    if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
        return arg.value
    return None
