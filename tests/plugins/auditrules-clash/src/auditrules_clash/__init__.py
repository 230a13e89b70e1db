"""An auditrules plugin that adds a function with the same name as a built-in one."""
