#!/usr/bin/env python3
"""Extracts an English -> Japanese vocabulary of common words from JMdict into
data/jmdict-english/english.tsv, which faqbook embeds (src/search/english.rs), so that an
English query word (change, forward, delete) finds the Japanese words pages use (変更, 転送, 削除).

    pip download jamdict-data==1.5 --no-deps -d /tmp/jd
    cd /tmp/jd && tar xzf jamdict_data-1.5.tar.gz && xz -dk jamdict_data-1.5/jamdict_data/jamdict.db.xz
    python3 scripts/jmdict-english.py /tmp/jd/jamdict_data-1.5/jamdict_data

Dev time only: the build never downloads anything. Kept: entries with a priority tag (JMdict's
marks of common words: news1/2, ichi1/2, spec1/2, gai1), their written forms with such a tag
(the kana form only for a word usually written in kana or without kanji), forms of two
characters or more; of each entry its first MAX_SENSES senses that are neither archaic,
obsolete, rare, slang nor of a special field other than computing, and of each sense its first
MAX_GLOSSES English glosses, without brackets, "to " and articles, of MAX_GLOSS_WORDS words or
fewer (two: a query seldom types a longer gloss whole); a short English word (line, set, run: many
senses) only as its sense's first gloss. A gloss that is a
verb's noun (deletion, expiration, installation) also gives the verb (delete, expire, install)
when JMdict glosses some verb so: a query names the action as a verb. A gloss "X of Y" gives X
too (expiration of a term). One line per English gloss: the gloss, then its Japanese words, best
first (earlier sense, earlier gloss, more common word), tab-separated.
"""
import os
import re
import shutil
import sqlite3
import sys

MAX_SENSES = 2
# Glosses of the first sense, then of each later one (JMdict orders a sense's glosses loosely:
# 作成 glosses creation seventh).
MAX_GLOSSES = (8, 2)
# Japanese words a gloss keeps, best first: the browser offers four of those a site has.
MAX_WORDS = 12
# A compound of two common words that JMdict does not mark common itself (紙詰まり, 期限切れ):
# its first sense's first glosses only.
COMPOUND_GLOSSES = 1
MAX_GLOSS_WORDS = 2
SHORT_WORD = 4
PRIORITY = {"news1": 0, "ichi1": 0, "spec1": 1, "gai1": 1, "news2": 2, "ichi2": 2, "spec2": 2}
SKIP_MISC = {"archaism", "obsolete term", "obscure term", "rare term", "slang", "vulgar expression or word",
             "derogatory", "proverb", "yojijukugo", "idiomatic expression", "children's language",
             "manga slang", "male slang", "female term or language", "poetical term", "dated term"}
KEEP_FIELDS = {"computing"}
# The priority rank of a compound (forms_of): after every common word.
COMPOUND = (9, 99)
USUALLY_KANA = "word usually written using kana alone"
ARTICLES = re.compile(r"^(to|a|an|the) ")
FUNCTION = {"a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "and", "or", "be", "do",
            "it", "one", "oneself", "someone", "something", "etc", "thing", "things", "one's"}
# A verb's noun and how its verb ends (deletion: delete, modification: modify), longest first.
NOUN_ENDINGS = [("ification", "ify"), ("ation", "e"), ("ation", ""), ("ition", "e"), ("sion", "de"),
                ("ssion", "t"), ("sion", "se"), ("ction", "ct"), ("tion", "te"), ("ion", "e"), ("ion", ""),
                ("ment", ""), ("ration", "er"), ("al", "e"), ("al", ""), ("ance", ""), ("ence", "")]


def clean(gloss):
    """A gloss as a query would type it, or None."""
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", gloss).lower()
    text = ARTICLES.sub("", re.sub(r"\s+", " ", text).strip())
    text = ARTICLES.sub("", text)
    words = text.split(" ")
    if not re.fullmatch(r"[a-z][a-z\- ]*[a-z]", text) or len(words) > MAX_GLOSS_WORDS:
        return None
    return None if all(w in FUNCTION for w in words) else text


def senses_of(db):
    """idseq -> [(sense order, [glosses], is a verb)] of the kept senses, in JMdict's order."""
    skipped = {sid for (sid,) in db.execute(
        "select sid from misc where text in (%s)" % ",".join("?" * len(SKIP_MISC)), sorted(SKIP_MISC))}
    skipped |= {sid for (sid, f) in db.execute("select sid, text from field") if f not in KEEP_FIELDS}
    verbs = {sid for (sid,) in db.execute("select sid from pos where text like '%verb%' and text not like '%suru%'")}
    senses = {}
    for sid, idseq in db.execute("select ID, idseq from Sense order by ID"):
        senses.setdefault(idseq, []).append(sid)
    glosses = {}
    for sid, text in db.execute("select sid, text from SenseGloss where lang = 'eng' or lang is null order by rowid"):
        glosses.setdefault(sid, []).append(text)
    out = {}
    for idseq, sids in senses.items():
        kept = [(n, glosses.get(sid, []), sid in verbs) for n, sid in enumerate(sids) if sid not in skipped]
        out[idseq] = kept[:MAX_SENSES]
    return out


def forms_of(db):
    """idseq -> [(written form, priority rank)] of the common forms (module doc)."""
    def ranked(table, tags):
        forms = {}
        for fid, idseq, text in db.execute(f"select ID, idseq, text from {table} order by ID"):
            ranks = [PRIORITY[t] for t in tags.get(fid, []) if t in PRIORITY]
            nf = [int(t[2:]) for t in tags.get(fid, []) if t.startswith("nf")]
            if ranks:
                forms.setdefault(idseq, []).append((text, (min(ranks), min(nf, default=99))))
        return forms

    def tags(table):
        out = {}
        for kid, text in db.execute(f"select kid, text from {table}"):
            out.setdefault(kid, []).append(text)
        return out

    kanji = ranked("Kanji", tags("KJP"))
    kana = ranked("Kana", tags("KNP"))
    has_kanji = {idseq for (idseq,) in db.execute("select distinct idseq from Kanji")}
    kana_first = {idseq for (idseq,) in db.execute(
        "select distinct s.idseq from Sense s join misc m on m.sid = s.ID where m.text = ?", (USUALLY_KANA,))}
    out = {}
    for idseq in set(kanji) | set(kana):
        forms = list(kanji.get(idseq, []))
        if idseq not in has_kanji or idseq in kana_first:
            forms += kana.get(idseq, [])
        forms = [(t, r) for t, r in forms if len(t) >= 2 and not re.fullmatch(r"[\u3041-\u309f]{2}", t)]
        if forms:
            out[idseq] = forms
    common = {t for forms in out.values() for t, _ in forms} | {t for forms in kanji.values() for t, _ in forms}
    for idseq, text in db.execute("select idseq, text from Kanji order by ID"):
        two = any(text[:i] in common and text[i:] in common for i in range(1, len(text)))
        if idseq not in out and len(text) >= 3 and two:
            out[idseq] = [(text, COMPOUND)]
    return out


def verb_forms(noun, verbs):
    """The verbs a gloss's head noun names (deletion: delete), as JMdict glosses them."""
    words = noun.split(" ")
    found = []
    for ending, verb_end in NOUN_ENDINGS:
        if words[0].endswith(ending) and len(words[0]) > len(ending) + 2:
            verb = " ".join([words[0][: -len(ending)] + verb_end] + words[1:])
            if verb in verbs and verb not in found:
                found.append(verb)
    return found[:1]


def glosses_of(raw, verbs):
    """A gloss cleaned, with its head before "of" and the verbs their nouns name."""
    out = []
    for head in [clean(raw), clean(raw.split(" of ")[0])]:
        for g in [head] + verb_forms(head, verbs) if head else []:
            if g not in out:
                out.append(g)
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: python3 scripts/jmdict-english.py PATH/TO/jamdict_data")
    src = sys.argv[1]
    db = sqlite3.connect(os.path.join(src, "jamdict.db"))
    senses = senses_of(db)
    forms = forms_of(db)
    verbs = {clean(g) for entry in senses.values() for _, gs, verb in entry if verb for g in gs} - {None}
    # (gloss, japanese) -> best key; a lower key is a better translation.
    best = {}
    dropped_long = 0
    for idseq, written in forms.items():
        compound = written[0][1] == COMPOUND
        kept = senses.get(idseq, [])[: 1 if compound else MAX_SENSES]
        for order, (n, gs, _) in enumerate(kept):
            for g_at, raw in enumerate(gs[: COMPOUND_GLOSSES if compound else MAX_GLOSSES[min(order, 1)]]):
                found = glosses_of(raw, verbs)
                # A short English word has many senses (line, set, run): it names the Japanese
                # word only as its sense's first gloss.
                if g_at > 0:
                    found = [g for g in found if " " in g or len(g) > SHORT_WORD]
                dropped_long += not found
                for gloss in found:
                    for word, rank in written:
                        key = (order, g_at, rank, idseq)
                        if best.get((gloss, word), key) >= key:
                            best[(gloss, word)] = key
    # A compound's gloss in words common words' glosses use: the English a query types.
    common = {w for (gloss, _), key in best.items() if key[2] != COMPOUND for w in gloss.split(" ")}
    plain = {pair: key for pair, key in best.items() if key[2] != COMPOUND or set(pair[0].split(" ")) <= common}
    print(f"{len(best) - len(plain)} compound pairs dropped (an English word no common word's gloss has)")
    lines = {}
    for (gloss, word), key in plain.items():
        lines.setdefault(gloss, []).append((key, word))
    out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "jmdict-english")
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "english.tsv"), "w", encoding="utf-8") as f:
        for gloss in sorted(lines):
            f.write(gloss + "\t" + "\t".join(w for _, w in sorted(lines[gloss])[:MAX_WORDS]) + "\n")
    shutil.copyfile(os.path.join(src, "LICENSE.md"), os.path.join(out_dir, "LICENSE"))
    version = dict(db.execute("select key, value from meta")).get("jmdict.version", "?")
    with open(os.path.join(out_dir, "NOTICE"), "w", encoding="utf-8") as f:
        f.write(NOTICE.format(version=version))
    print(f"{len(lines)} glosses, {len(best)} pairs, {len(forms)} entries; {dropped_long} glosses dropped (long or not plain English)")


NOTICE = """english.tsv is extracted from JMdict (the Japanese-Multilingual Dictionary, JMdict
version {version} as packaged in the Python package jamdict-data 1.5, April 2021), the property of
the Electronic Dictionary Research and Development Group (EDRDG), https://www.edrdg.org/,
used in conformance with the Group's licence (LICENSE in this folder): the dictionary files are
made available under a Creative Commons Attribution-ShareAlike Licence. english.tsv is
therefore under the same licence (CC BY-SA). See
https://www.edrdg.org/wiki/index.php/JMdict-EDICT_Dictionary_Project

What was extracted (scripts/jmdict-english.py says how): of the entries JMdict marks as common
words, their common written forms and the first English glosses of their first senses, as one
line per English gloss with its Japanese words, best first. A verb named by a gloss's noun
(delete for deletion) is added where JMdict glosses that verb.
"""

if __name__ == "__main__":
    main()
