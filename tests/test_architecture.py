"""The package's structure: no import circle, counting imports inside functions too."""

import ast
import os

PACKAGE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                       "keras_gans")


def _modules():
    found = {}
    for folder, _, names in os.walk(PACKAGE):
        for name in names:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                dotted = os.path.relpath(path[:-3], os.path.dirname(PACKAGE)).replace(
                    os.sep, ".")
                found[dotted.removesuffix(".__init__")] = path
    return found


def import_graph():
    """``{module: {modules it imports}}`` over keras_gans, from every import statement."""
    modules = _modules()

    def owner(name):  # the module a dotted name lives in
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name

    graph = {m: set() for m in modules}
    for module, path in modules.items():
        package = module if path.endswith("__init__.py") else module.rpartition(".")[0]
        with open(path, encoding="utf-8") as f:
            tree = ast.parse(f.read(), path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(parts + ([base] if base else []))
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                           for a in node.names]
            else:
                continue
            for target in targets:
                if target.split(".")[0] == "keras_gans" and owner(target) != module:
                    graph[module].add(owner(target))
    return graph


def circles(graph):
    """The strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_package_has_no_import_circle():
    graph = import_graph()
    assert len(graph) > 40 and "keras_gans.registry" in graph["keras_gans.variants"]
    assert circles(graph) == [], "\n".join(
        " ⇄ ".join(group) + "\n    " + "; ".join(
            f"{m} → {sorted(graph[m] & set(group))}" for m in group)
        for group in circles(graph))


def test_the_finder_sees_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_the_registry_and_declarations_import_no_model():
    graph = import_graph()
    models = {"keras_gans.engine", "keras_gans.variants", "keras_gans.structured",
              "keras_gans.translation"}
    for module in ("keras_gans.registry", "keras_gans.zoo.presets",
                   "keras_gans.gan_presets", "keras_gans.structured.structured_presets",
                   "keras_gans.translation.translation_presets"):
        assert not graph[module] & models, (module, graph[module] & models)
