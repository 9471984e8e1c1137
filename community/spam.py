"""A small multinomial naive Bayes spam score, written here rather than taken from a library.

Why not a library: scikit-learn (or similar) would add some 100 MB of NumPy/SciPy to every
web process to count words in two classes; the whole model is a word count per class, a
few dozen lines, trained in milliseconds from the moderators' decisions and stored as JSON
in one row (``SpamModel``). It is only one signal among several (trust levels, links,
reports, rate limits, duplicates), so simple and explainable beats clever.

Training data: the seed examples (``SpamExample``, Dutch and English, including the loan
spam of the programme's own sources: "Lening nodig? Snelle lening zonder BKR…"), plus every
moderator decision on a post: approve and restore count as ham, hide and delete as spam.
``community.tasks.retrain_spam_model`` retrains on a schedule (beat) and after decisions.
"""

import math
import re
from collections import Counter

_WORD = re.compile(r"[a-zà-ÿ0-9€$]+", re.I)

# A post scoring at least this is held for a moderator.
HOLD_AT = 0.85


def tokens(text: str) -> list[str]:
    words = [w.lower() for w in _WORD.findall(text or "") if len(w) > 1]
    if re.search(r"https?://", text or "", re.I):
        words.append("__link__")
    if re.search(r"\+?\d[\d\s\-]{8,}", text or ""):
        words.append("__phone__")
    return words


def train(examples) -> dict:
    """Counts for ``examples``, an iterable of ``(text, is_spam)``."""
    counts = {"spam": Counter(), "ham": Counter()}
    docs = {"spam": 0, "ham": 0}
    for text, is_spam in examples:
        label = "spam" if is_spam else "ham"
        docs[label] += 1
        counts[label].update(tokens(text))
    return {"docs": docs, "spam": dict(counts["spam"]), "ham": dict(counts["ham"])}


def score(model: dict, text: str) -> float:
    """The probability (0…1) that ``text`` is spam under ``model``; 0 for an untrained model."""
    docs = model.get("docs") or {}
    if not docs.get("spam") or not docs.get("ham"):
        return 0.0
    spam, ham = model["spam"], model["ham"]
    vocabulary = len(set(spam) | set(ham)) or 1
    spam_total, ham_total = sum(spam.values()), sum(ham.values())
    log_spam = math.log(docs["spam"] / (docs["spam"] + docs["ham"]))
    log_ham = math.log(docs["ham"] / (docs["spam"] + docs["ham"]))
    for word in tokens(text):
        if word not in spam and word not in ham:
            continue
        log_spam += math.log((spam.get(word, 0) + 1) / (spam_total + vocabulary))
        log_ham += math.log((ham.get(word, 0) + 1) / (ham_total + vocabulary))
    diff = max(min(log_ham - log_spam, 700), -700)
    return 1 / (1 + math.exp(diff))
