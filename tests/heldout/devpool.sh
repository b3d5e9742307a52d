#!/bin/bash
# The development pool: micro precision and recall of every development set, one line each, and
# with RELATION arguments those relations' rows too. Sets scored once while frozen become
# development sets afterwards (docs/rules.md, "Held-out evaluation"); the copyrighted article
# texts are read from ../heldout-cache beside the checkout (evaluate_world.py --cache).
#   tests/heldout/devpool.sh [RELATION ...]      e.g. tests/heldout/devpool.sh met visited
cd "$(dirname "$0")/../.." || exit 1
E="python tests/heldout/evaluate_world.py"
SENTENCES="sentences-6 sentences-7 sentences-8 sentences-9 sentences-10 sentences-11 sentences-12 sentences-13 sentences-14 sentences-15 sentences-16 sentences-17 sentences-18 sentences-19 dev-4"
ARTICLES="articles-6 articles-7 articles-8 articles-9 articles-10 articles-11 articles-12 articles-13 articles-14 articles-15 articles-16 articles-17 articles-18 articles-19"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for s in $SENTENCES; do $E sentences --set "tests/heldout/$s.yaml" > "$tmp/$s.txt" 2>&1 & done
wait
for a in $ARTICLES; do $E relations --articles "tests/heldout/$a" > "$tmp/$a.txt" 2>&1 & done
wait
for f in $SENTENCES $ARTICLES; do
  printf "%-13s %s\n" "$f" "$(grep -E '^all \(micro\)' "$tmp/$f.txt" | sed 's/all (micro)//')"
  for r in "$@"; do grep -E "^$r " "$tmp/$f.txt" | sed 's/^/      /'; done
done
