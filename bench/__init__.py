"""National-scale benchmark of the organization tree (`make bench`, `python -m bench`).

`bench.generate` writes a national-like tree straight into the database (bulk inserts, the same
rows the services would write); `bench.__main__` sets up a throw-away database, generates, and
times the reads every screen of the tree starts from. See bench/README.md.
"""
