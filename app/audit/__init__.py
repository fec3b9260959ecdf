"""The audit log: who did what, when, from where (logins, role changes, publications, deletions...)."""
