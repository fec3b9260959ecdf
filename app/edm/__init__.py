"""Europeana: items as EDM (Europeana Data Model) graphs, and their Europeana Publishing Framework tiers."""
