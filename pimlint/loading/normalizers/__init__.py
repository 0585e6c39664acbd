"""Per-section normalizers: raw records (``Rec``) to model objects. The only code that knows raw shapes."""
