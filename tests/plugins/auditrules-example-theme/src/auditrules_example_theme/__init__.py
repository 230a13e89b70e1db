"""An example auditrules plugin: a school-involvement theme."""
