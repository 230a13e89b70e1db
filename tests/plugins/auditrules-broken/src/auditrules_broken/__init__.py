"""An auditrules plugin that fails at import, to test that the failure is reported."""
