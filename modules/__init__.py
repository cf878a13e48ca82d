"""Medled: companion app for "Leda utan chefskap" programs."""
