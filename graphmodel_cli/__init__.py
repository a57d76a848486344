"""The ``graphmodel`` command: a thin click shell over graphmodel and loaders. Nothing imports it."""
