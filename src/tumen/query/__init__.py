"""Questions asked of a loaded knowledge base: filters, ranked search, statistics, the
plain-data form of records and their linked details. It imports from tumen.core and tumen.kb."""
