# Remake the documentation's figures with the commands their captions give (README.md, docs/network.md).
# tests/test_network.py checks that the caption, this file and the committed picture agree.

.PHONY: figures
figures:
	kg build data/articles/rferl-2006-03-03-hamas-moscow.txt -o seed.ttl
	kg network seed.ttl -o docs/figures/seed-network.png --title "Seed article (RFE/RL, 3 March 2006)"
