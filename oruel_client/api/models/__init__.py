# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
"""Contains endpoint functions for accessing the API"""
