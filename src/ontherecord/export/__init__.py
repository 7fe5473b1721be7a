"""Export: the versioned JSON / JSON Lines schema (``ontherecord/1``) and its readers.

.. versionadded:: 0.1.0
"""

from ontherecord.export._schema import SCHEMA, register_type

__all__ = ["SCHEMA", "register_type"]
