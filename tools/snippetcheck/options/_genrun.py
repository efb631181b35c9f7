"""Run oslo-config-generator, turning broken optional imports into absent
ones.

Services import optional libraries (cinder's storage drivers) with
``importutils.try_import``, which only catches ImportError. A library that
is installed but fails to import some other way (a Python it was not
written for) would stop the generator and lose every namespace. Here such
a failure becomes an ImportError, exactly as if the library were absent,
and is recorded in the file named by ``SNIPPETCHECK_FAILED_IMPORTS`` so the
data says which optional imports were missing. Namespaces are never
dropped: the generator's own errors still stop it.
"""

import contextlib
import importlib.abc
import json
import os
import sys

FAILED = {}


class _Guard(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, 'find_spec'):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is None:
                continue
            loader = spec.loader
            if loader is not None and hasattr(loader, 'exec_module'):
                original = loader.exec_module

                def exec_module(module, original=original, name=name):
                    try:
                        original(module)
                    except ImportError:
                        raise
                    except Exception as error:
                        FAILED[name] = f'{type(error).__name__}: {error}'
                        raise ImportError(
                            f'{name} failed to import: {error}') from error

                with contextlib.suppress(AttributeError, TypeError):
                    loader.exec_module = exec_module
            return spec
        return None


def main():
    sys.meta_path.insert(0, _Guard())
    from oslo_config import generator
    try:
        generator.main(sys.argv[1:])
    finally:
        target = os.environ.get('SNIPPETCHECK_FAILED_IMPORTS')
        if target:
            with open(target, 'w', encoding='utf-8') as stream:
                json.dump(FAILED, stream, sort_keys=True)


if __name__ == '__main__':
    main()
