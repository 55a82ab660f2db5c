"""An import-linter contract type of this project's own (configured in .importlinter).

import-linter's module expressions match whole module names only, but "a test module" is a
name pattern (``test_*``, beside the test helpers that tests may share). This contract
forbids any direct import of a module whose last name part matches one of the patterns.
"""

from fnmatch import fnmatchcase

from importlinter import Contract, ContractCheck, fields, output
from importlinter.application import contract_utils


class ForbiddenByNameContract(Contract):
    """No module directly imports a module whose final name part matches ``forbidden_names``."""

    forbidden_names = fields.ListField(subfield=fields.StringField())
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)

    def check(self, graph, verbose):
        removal = contract_utils.remove_ignored_imports_and_report(
            graph=graph,
            ignore_imports=self.ignore_imports,
            unmatched_alerting=contract_utils.AlertLevel.ERROR,
        )
        links = []
        for imported in sorted(graph.modules):
            if any(fnmatchcase(imported.rsplit(".", 1)[-1], name) for name in self.forbidden_names):
                for importer in sorted(graph.find_modules_that_directly_import(imported)):
                    details = graph.get_import_details(importer=importer, imported=imported)
                    lines = ", ".join(str(detail["line_number"]) for detail in details)
                    links.append(f"{importer} -> {imported} (l. {lines})")
        return ContractCheck(kept=not links, warnings=list(removal.warnings), metadata={"links": links})

    def render_broken_contract(self, check):
        for link in check.metadata["links"]:
            output.print_error(link, bold=False)
        output.new_line()
