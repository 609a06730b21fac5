"""Reading and writing documents and bitexts, with encoding detection."""
