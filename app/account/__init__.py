"""Accounts: users and their roles, login sessions, personal API tokens, password resets, permissions, CSRF."""
