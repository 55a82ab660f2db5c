"""Newsletter subscribers and issues: built in their own issue."""
