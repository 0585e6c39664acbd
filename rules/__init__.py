"""pimlint's built-in rule pack: one rule per module, folders by catalog category.

Loaded by path through ``pimlint.engine.registry`` (the same loader as custom packs); not meant to be
imported as a package.
"""
