"""auditrules theme plugin: audits that take the domestic abuse theme."""
