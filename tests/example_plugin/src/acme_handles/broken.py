"""A plugin module that fails on import, on purpose: ontherecord must name the plugin and its
entry point in the error, and other plugins must keep working."""

raise RuntimeError("acme.broken.v1 is broken on purpose (it tests how failing plugins are reported)")
