"""Donation pages and pledges: built in their own issue."""
