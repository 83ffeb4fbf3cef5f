#!/usr/bin/env python3
"""Extracts groups of other words for the same term from all of JMdict, common or not, into
data/jmdict-terms/terms.tsv, which faqbook embeds (src/search/synonyms.rs) beside Sudachi's
groups as loose groups (their expansions score below Sudachi's):

    pip download jamdict-data==1.5 --no-deps -d /tmp/jd
    cd /tmp/jd && tar xzf jamdict_data-1.5.tar.gz && xz -dk jamdict_data-1.5/jamdict_data/jamdict.db.xz
    python3 scripts/jmdict-terms.py /tmp/jd/jamdict_data-1.5/jamdict_data

Why: the terms a helpdesk page and its reader name differently (無線LAN / Wi-Fi, ショートメール /
SMS, 二段階認証 / 二要素認証, 在宅勤務 / テレワーク) are mostly JMdict entries without a mark of a
common word, which data/jmdict-english/ leaves out, and not in Sudachi's dictionary at all.

Kept, from each entry's first sense (its main meaning; not archaic, rare, slang, nor of a special
field a helpdesk seldom means: Buddhism, sumo, mahjong ...):
- a term gloss: of TERM_WORDS words (wireless LAN, two-factor authentication, working at home),
  or an abbreviation written with two capitals or more (SMS, WLAN, Wi-Fi). Entries that share a
  term gloss are one group, when at most MAX_ENTRIES do (a gloss shared by more names a broad
  sense, not one thing); a word gloss alone (change, stop) never groups words: two words glossed
  alike are as often not the same thing (lead's measurement, session 27).
- an entry's own forms, when they cross scripts (Wi-Fi / ワイファイ, ショートメール / SMS): its
  kanji and Latin forms without a mark of irregular or search-only use, its katakana forms, and
  its abbreviation glosses.
Only groups with a loanword or a Latin word (katakana, an abbreviation, an English name, alone or
in a compound: ツーファクター認証):
IT vocabulary is mostly written so, while a group of kanji and hiragana words alone is most often
one word's other spellings (受ける / 請ける) or a broad sense. Each entry gives a group at most
MAX_FORMS_PER_SCRIPT forms of each script (kanji, katakana, Latin), the first JMdict lists, so a
group names each thing a few times, not in every spelling. Forms are folded as the index folds
text (NFKC: Ｗｉ‐Ｆｉ is Wi-Fi, with the hyphen U+2010 as '-'). Readings are left out: the kana
forms of an entry written with kanji (むせんラン, アク for 灰汁: a query that types a reading finds
the kanji no better, and a short kana spelling is found inside other words), and of any entry its
forms in hiragana alone (a hiragana word is as often a grammatical word: ため / タメ). One group per line, words tab-separated.
"""
import os
import re
import shutil
import sqlite3
import sys
import unicodedata

TERM_WORDS = (2, 4)
MAX_ENTRIES = 4
MAX_FORM_CHARS = 12
MAX_FORMS_PER_SCRIPT = 2
SKIP_MISC = {"archaism", "obsolete term", "obscure term", "rare term", "slang", "vulgar expression or word",
             "derogatory", "proverb", "idiomatic expression", "children's language", "manga slang",
             "male slang", "female term or language", "poetical term", "dated term", "humble (kenjougo) language",
             "honorific or respectful (sonkeigo) language", "jocular, humorous term"}
# Special fields whose terms a helpdesk may mean; a first sense of any other field is skipped.
KEEP_FIELDS = {"computing", "business", "telecommunications", "printing", "electronics", "engineering",
               "electricity, elec. eng.", "audio-visual", "photography", "finance", "economics", "statistics"}
SKIP_FORM_INFO = {"irregular kanji usage", "rarely-used kanji form", "search-only kanji form",
                  "search-only kana form", "irregular kana usage", "out-dated or obsolete kana usage",
                  "word containing out-dated kanji or kanji usage", "irregular okurigana usage", "ateji (phonetic) reading",
                  "rarely used kana form", "out-dated kanji or kanji usage", "obsolete kana usage"}
# Three letters or more: a two-letter abbreviation (IS, US, ID, IP) stands for too many things.
ABBREVIATION = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})(?=(?:[^A-Za-z]*[A-Za-z]){3})[A-Za-z][A-Za-z0-9\-]*[A-Za-z0-9]$")
FUNCTION = {"a", "an", "the", "to", "be", "one's", "someone", "something", "oneself", "etc", "of", "or", "and"}
KATAKANA = re.compile(r"^[\u30a1-\u30fa\u30fc\u30fb]+$")
IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")
HIRAGANA_ONLY = re.compile(r"^[\u3041-\u309f\u30fc]+$")
LATIN = re.compile(r"[A-Za-z]")
# A loanword or a name, alone or in a compound (ワイファイ, 無線LAN, ツーファクター認証).
LOANWORD = re.compile(r"[A-Za-z]|[\u30a1-\u30fa\u30fc]{2}")
HYPHENS = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2212\uff0d]")


def fold(form):
    """A form as the index writes it: NFKC (full-width letters), dashes as '-'."""
    return HYPHENS.sub("-", unicodedata.normalize("NFKC", form)).strip()


def script_of(word):
    """The script a form is written in, for the per-entry cap: latin, kana (katakana) or kanji."""
    return "latin" if LATIN.search(word) else "kana" if KATAKANA.match(word) else "kanji"


def first_senses(db):
    """Each entry's first sense id, unless the sense is one a query seldom means."""
    skipped = {sid for (sid, text) in db.execute("select sid, text from misc") if text in SKIP_MISC}
    skipped |= {sid for (sid, text) in db.execute("select sid, text from field") if text not in KEEP_FIELDS}
    first = {}
    for sid, idseq in db.execute("select ID, idseq from Sense order by ID"):
        first.setdefault(idseq, sid)
    return {idseq: sid for idseq, sid in first.items() if sid not in skipped}


def forms_of(db):
    """Each entry's written forms worth a search: regular kanji (and Latin) forms, katakana forms."""
    bad_k = {kid for (kid, text) in db.execute("select kid, text from KJI") if text in SKIP_FORM_INFO}
    bad_r = {rid for (rid, text) in db.execute("select kid, text from KNI") if text in SKIP_FORM_INFO}
    forms = {}
    for fid, idseq, text in db.execute("select ID, idseq, text from Kanji order by ID"):
        if fid not in bad_k and len(text) <= MAX_FORM_CHARS:
            forms.setdefault(idseq, []).append(fold(text))
    ideographic = {idseq for idseq, words in forms.items() if any(IDEOGRAPH.search(w) for w in words)}
    for fid, idseq, text in db.execute("select ID, idseq, text from Kana order by ID"):
        if fid in bad_r or len(text) > MAX_FORM_CHARS or "・" in text:
            continue
        if idseq not in ideographic and not HIRAGANA_ONLY.match(text):
            forms.setdefault(idseq, []).append(fold(text))
    return {idseq: capped(dedup(words)) for idseq, words in forms.items()}


def capped(words):
    """An entry's first MAX_FORMS_PER_SCRIPT forms of each script, in JMdict's order."""
    count, out = {}, []
    for w in words:
        s = script_of(w)
        count[s] = count.get(s, 0) + 1
        if count[s] <= MAX_FORMS_PER_SCRIPT:
            out.append(w)
    return out


def clean(gloss):
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", gloss)
    return fold(re.sub(r"\s+", " ", text))


def term_key(gloss):
    """The gloss as a key that names one thing (a term or an abbreviation), or None."""
    if ABBREVIATION.match(gloss):
        return gloss.lower()
    words = gloss.lower().split(" ")
    if words and words[0] in ("to", "a", "an", "the"):
        words = words[1:]
    if not TERM_WORDS[0] <= len(words) <= TERM_WORDS[1] or any(w in FUNCTION for w in words[:1] + words[-1:]):
        return None
    return " ".join(words) if all(re.match(r"^[a-z][a-z0-9\-]*$", w) for w in words) else None


def groups_of(db):
    senses, forms = first_senses(db), forms_of(db)
    glosses = {}
    wanted = {sid: idseq for idseq, sid in senses.items() if idseq in forms}
    for sid, text in db.execute("select sid, text from SenseGloss where lang = 'eng' or lang is null order by rowid"):
        if sid in wanted:
            glosses.setdefault(wanted[sid], []).append(clean(text))
    by_key, groups = {}, []
    for idseq in sorted(glosses):
        own = list(forms[idseq])
        own += [g for g in glosses[idseq] if ABBREVIATION.match(g)][:MAX_FORMS_PER_SCRIPT]
        if len({script_of(w) for w in own}) >= 2:
            groups.append(own)
        for key in {k for k in map(term_key, glosses[idseq]) if k}:
            by_key.setdefault(key, []).append(idseq)
    for key in sorted(by_key):
        entries = by_key[key]
        if 2 <= len(entries) <= MAX_ENTRIES:
            words = [w for idseq in entries for w in forms[idseq]]
            words += [key.upper() if key.isalpha() and len(key) <= 5 else key] if ABBREVIATION.match(key.upper()) else []
            groups.append(words)
    groups = [dedup(g) for g in groups]
    return [g for g in groups if len(g) >= 2 and any(LOANWORD.search(w) for w in g)]


def dedup(words):
    seen, out = set(), []
    for w in words:
        key = w.lower()
        if key not in seen and len(w) >= 2:
            seen.add(key)
            out.append(w)
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: python3 scripts/jmdict-terms.py PATH/TO/jamdict_data")
    src = sys.argv[1]
    db = sqlite3.connect(os.path.join(src, "jamdict.db"))
    groups = groups_of(db)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "jmdict-terms")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "terms.tsv"), "w", encoding="utf-8") as f:
        f.writelines("\t".join(g) + "\n" for g in groups)
    english = os.path.join(os.path.dirname(out), "jmdict-english")
    shutil.copyfile(os.path.join(english, "LICENSE"), os.path.join(out, "LICENSE"))
    print(f"{len(groups)} groups written to data/jmdict-terms/terms.tsv")


if __name__ == "__main__":
    main()
