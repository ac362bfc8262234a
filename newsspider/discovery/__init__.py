"""Generic-mode discovery: from a home page to listings, feeds and sitemaps, with URL shapes learned per site."""
