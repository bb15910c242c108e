"""Package discovery for the one import name ``cchc``.

Each top-level folder of the repository installs as a subpackage of ``cchc``
(``extractors/`` as ``cchc.extractors`` and so on), so the design's folders stay
where they are while site-packages gains only ``cchc``. Subpackages (and data folders
such as ``service/templates``) are found, not listed, so a new folder inside one of
these cannot be left out of the wheel.
Everything else about the distribution is in pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

# The folders that make up the package: import name -> folder.
FOLDERS = {
    "cchc": "cchc",
    "cchc.schemas": "schemas",
    "cchc.templates": "templates",
    "cchc.examples": "examples",
    "cchc.generator": "generator",
    "cchc.extractors": "extractors",
    "cchc.checker": "checker",
    "cchc.archive": "archive",
    "cchc.commands": "commands",
    "cchc.service": "service",
}


def _packages() -> list[str]:
    names = []
    for name, folder in FOLDERS.items():
        names.append(name)
        subs = find_namespace_packages(folder, exclude=["*__pycache__*"])
        names += [f"{name}.{sub}" for sub in subs]
    return names


setup(packages=_packages(), package_dir=FOLDERS)
