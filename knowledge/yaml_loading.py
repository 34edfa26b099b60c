"""Safe YAML loading, with libyaml's C parser when PyYAML was built with it (about ten times faster)."""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["load_yaml"]

_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """Parse YAML with a safe loader: plain data only, never Python objects.

    A malformed file is parsed again by the pure-Python loader, whose error marks the line people look at.
    """
    try:
        return yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError:
        return yaml.safe_load(text)
