"""An example Parallax plugin (see README.md)."""
