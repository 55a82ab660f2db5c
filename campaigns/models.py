"""Campaign pages and signatures."""
