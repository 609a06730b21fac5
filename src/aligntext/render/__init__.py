"""Results to text, JSON, JSON Lines and HTML; results never format themselves."""
