"""The public strategies of bassin_minier.testing."""
