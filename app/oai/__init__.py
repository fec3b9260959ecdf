"""OAI-PMH 2.0 at /oai: harvesters (Europeana, the French Collections portal) copy the public records from here."""
