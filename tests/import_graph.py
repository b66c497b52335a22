"""course_lib's own imports, read from the source (nothing is imported): who imports whom, and where.

Imports under ``if TYPE_CHECKING:`` are left out: they never run. Imports inside functions count: they run when
the function does, so they tie modules together just the same.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "course_lib"


@dataclass(frozen=True)
class Edge:
    source: str  # the importing module
    target: str  # the imported module (a package means its __init__)
    line: int
    text: str  # the import's source line, comment included


def module_name(path: Path, root: Path = PACKAGE_DIR) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path = PACKAGE_DIR) -> dict[str, Path]:
    return {module_name(path, root): path for path in sorted(root.rglob("*.py"))}


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def edges(root: Path = PACKAGE_DIR) -> list[Edge]:
    known = modules(root)
    found = []
    for name, path in known.items():
        text = path.read_text()
        source_lines = text.splitlines()
        tree = ast.parse(text)
        skipped = _type_checking_lines(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom) or node.lineno in skipped:
                continue
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                targets = [f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in known else node.module
                           for alias in node.names]
            for target in targets:
                if target in known and target != name:
                    found.append(Edge(name, target, node.lineno, source_lines[node.lineno - 1].strip()))
    return found


def cycles(found: list[Edge]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan's algorithm), sorted."""
    graph: dict[str, set[str]] = {}
    for edge in found:
        graph.setdefault(edge.source, set()).add(edge.target)
        graph.setdefault(edge.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)
