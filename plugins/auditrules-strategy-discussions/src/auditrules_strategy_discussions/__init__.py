"""auditrules theme plugin: audits that take the strategy discussion theme."""
