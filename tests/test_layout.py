"""Dependencies point one way: extractors know nothing of Dagster or DuckDB, the warehouse
nothing of Dagster. Each package is imported whole in a fresh interpreter."""
import subprocess
import sys

import pytest

IMPORT_ALL = """
import importlib, pkgutil, sys
package = importlib.import_module({package!r})
for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    importlib.import_module(module.name)
print(" ".join(sorted({{m.split(".")[0] for m in sys.modules}})))
"""


@pytest.mark.parametrize("package, forbidden", [
    ("extractors", {"dagster", "duckdb", "dagster_duckdb"}),
    ("warehouse", {"dagster", "dagster_duckdb"}),
])
def test_package_does_not_import(package, forbidden):
    done = subprocess.run([sys.executable, "-c", IMPORT_ALL.format(package=package)],
                          capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    assert package in loaded
    assert not loaded & forbidden


def test_dask_workers_import_the_extraction_engine_without_dagster_or_duckdb():
    """A worker machine unpickles `pipeline.engines.extract_chunk`: only the extractor comes with it."""
    done = subprocess.run([sys.executable, "-c", "import sys, pipeline.engines; print(' '.join(sys.modules))"],
                          capture_output=True, text=True, check=True)
    loaded = {name.split(".")[0] for name in done.stdout.split()}
    assert {"pipeline", "extractors", "spacy"} <= loaded
    assert not loaded & {"dagster", "duckdb", "dagster_duckdb", "warehouse"}
