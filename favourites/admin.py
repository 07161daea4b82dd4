"""Favourites are not in the admin: a list is its owner's alone, and an admin list of them
would tell staff who saved what and how many saved each thing, which no page may tell."""
