"""Gamification reads one way: no import cycles between its modules, nor between the parts of
any of its packages (the layers themselves are checked by ``lint-imports``)."""

import grimp


def test_no_import_cycles_inside_gamification():
    graph = grimp.build_graph("gamification")
    for package in sorted(m for m in graph.modules if graph.find_children(m)):
        assert graph.nominate_cycle_breakers(package) == set(), package
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            assert not graph.chain_exists(importer=imported, imported=module), (module, imported)
