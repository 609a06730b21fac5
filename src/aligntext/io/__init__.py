"""Reading and writing documents and bitexts, with encoding detection; line-aligned files
(:mod:`.lines`) and the one folder walker (:mod:`.walk`)."""
