"""Cue lexicon: which words cue an attribution, and in which syntactic frame.

Counted on the *train* split of PolNeAR (Newell, Margolin and Ruths 2018, "An
Attribution Relations Corpus for Political News", LREC), one annotator per
document (the alphabetically first, as in ``benchmarks/polnear.py``), parsed with
en_core_web_sm 3.8. For every word outside quotation marks and outside the gold
content of another attribution (PolNeAR attributions do not nest) we took each
frame the word heads, built its content span the way :mod:`.frames` does, and
counted

- ``n``: occurrences of the (lemma, frame) pair;
- ``m``: occurrences where the word lies in a gold cue *and* the frame's content
  matches a gold content (overlap at least half of the longer span, the
  benchmark's rule).

Listed: pairs with ``n >= 4`` and ``m >= 1``, and the pairs of the hand-written
verb lists of :mod:`.frames` with ``n >= 4`` (so that the counts overrule them). Frames (see
:func:`.frames.verb_frame`): ``ccomp`` "said (that) ..."; ``xcomp`` "vowed to
..."; ``object`` a direct object plus a directly following of/for/as/to/with/
over/about phrase ("accused X of Y"); ``prep:P`` the object of preposition P
("called for ..."); ``noun that`` a noun with a that-clause ("the claim that
..."). (Nouns with a prepositional object, "concern about ...", were counted
too but are not used: under 30% right on PolNeAR dev.)
Lemmas are spaCy's, errors included ("hoped" -> "hop"). Refinements
made to the frame rules after counting (pronoun objects, "urged X to ...", the
bare-document object rule) were checked on dev only, without a recount. The counts, not the
annotated text, are kept here; regenerate them with a throwaway script after
changing the frame rules or the model.

Only the dev split was used to choose :data:`MIN_PRECISION` and
:data:`MIN_COUNT`.
"""

from __future__ import annotations

#: Lowest train precision (``m / n``) for a (lemma, frame) pair to cue. Adding a
#: prediction raises F1 when it is right more often than F1 / 2 (content F1 is
#: about 0.7); on PolNeAR dev content F1 peaked at 0.35 (0.30: -0.001, 0.50:
#: -0.008, 0.60: -0.025).
MIN_PRECISION = 0.35

#: Fewest train occurrences for the counts to decide; rarer lemmas fall back to
#: the hand-written verb lists of :mod:`.frames`.
MIN_COUNT = 4

#: frame -> lemma -> (m, n), see the module docstring.
TRAIN_COUNTS: dict[str, dict[str, tuple[int, int]]] = {
    'ccomp': {
        'say': (3620, 4983), 'tell': (310, 436), 'be': (45, 406), 'add': (190, 266),
        'write': (150, 216), 'make': (34, 192), 'suggest': (148, 176), 'show': (127, 167),
        'note': (122, 138), 'ask': (101, 128), 'argue': (110, 126), 'think': (74, 98),
        'report': (81, 97), 'find': (62, 82), 'believe': (48, 70), 'announce': (53, 67),
        'have': (2, 62), 'see': (20, 60), 'know': (34, 59), 'explain': (44, 58),
        'insist': (50, 58), 'mean': (5, 57), 'claim': (50, 55), 'allow': (17, 51),
        'acknowledge': (46, 50), 'continue': (17, 47), 'declare': (34, 47), 'state': (35, 42),
        'indicate': (32, 39), 'point': (31, 39), 'conclude': (28, 37), 'reveal': (28, 36),
        'tweet': (30, 35), 'warn': (33, 35), 'let': (3, 34), 'want': (20, 33),
        'admit': (24, 30), 'agree': (24, 29), 'hop': (23, 27), 'predict': (20, 27),
        'respond': (16, 22), 'determine': (11, 21), 'question': (20, 20), 'reply': (11, 20),
        'recall': (13, 19), 'call': (7, 17), 'decide': (7, 17), 'fear': (13, 17),
        'learn': (13, 17), 'consider': (10, 16), 'expect': (10, 16), 'assert': (15, 15),
        'assure': (10, 15), 'seem': (8, 15), 'wonder': (13, 15), 'worry': (14, 15),
        'appear': (5, 14), 'complain': (11, 14), 'concede': (13, 14), 'estimate': (12, 14),
        'go': (4, 14), 'confirm': (10, 13), 'convince': (11, 13), 'deny': (10, 13),
        'feel': (6, 13), 'hope': (11, 13), 'imply': (11, 13), 'read': (10, 13),
        'remember': (4, 13), 'allege': (11, 12), 'recognize': (9, 12), 'promise': (8, 11),
        'assume': (7, 10), 'become': (1, 10), 'hear': (3, 10), 'prove': (2, 10),
        'come': (1, 9), 'demonstrate': (7, 9), 'emphasize': (7, 9), 'joke': (9, 9),
        'maintain': (4, 9), 'post': (6, 9), 'remark': (7, 9), 'watch': (1, 9),
        'charge': (5, 8), 'remind': (7, 8), 'understand': (6, 8), 'contend': (7, 7),
        'describe': (6, 7), 'discuss': (6, 7), 'guess': (4, 7), 'need': (1, 7),
        'boast': (6, 6), 'highlight': (3, 6), 'hold': (1, 6), 'imagine': (4, 6),
        'mention': (2, 6), 'pledge': (4, 6), 'realize': (5, 6), 'reiterate': (5, 6),
        'address': (3, 5), 'caution': (5, 5), 'endorse': (1, 5), 'forget': (3, 5),
        'leave': (1, 5), 'order': (3, 5), 'prefer': (1, 5), 'propose': (4, 5),
        'remain': (1, 5), 'require': (3, 5), 'rule': (4, 5), 'share': (2, 5), 'shoot': (3, 5),
        'signal': (5, 5), 'stress': (3, 5), 'suspect': (4, 5), 'use': (1, 5), 'adopt': (2, 4),
        'answer': (0, 4), 'change': (1, 4), 'cite': (3, 4), 'demand': (4, 4), 'doubt': (3, 4),
        'express': (3, 4), 'figure': (2, 4), 'include': (1, 4), 'join': (1, 4),
        'lament': (3, 4), 'notice': (3, 4), 'offer': (1, 4), 'oppose': (1, 4),
        'proclaim': (3, 4), 'recommend': (3, 4), 'speak': (0, 4), 'speculate': (4, 4),
        'start': (2, 4), 'urge': (1, 4), 'vow': (4, 4),
    },
    'xcomp': {
        'try': (31, 188), 'be': (15, 146), 'have': (13, 116), 'continue': (28, 107),
        'help': (5, 103), 'seem': (56, 100), 'appear': (51, 97), 'expect': (68, 94),
        'want': (54, 94), 'begin': (13, 89), 'seek': (49, 86), 'use': (11, 85),
        'need': (7, 77), 'ask': (47, 66), 'decline': (52, 65), 'refuse': (41, 58),
        'go': (7, 55), 'call': (39, 54), 'urge': (42, 53), 'pledge': (25, 49), 'vow': (38, 43),
        'plan': (29, 42), 'say': (23, 41), 'promise': (33, 39), 'fail': (6, 37),
        'spend': (6, 36), 'start': (4, 35), 'take': (1, 33), 'decide': (19, 32),
        'hop': (20, 32), 'require': (10, 32), 'struggle': (9, 32), 'force': (1, 27),
        'tend': (4, 27), 'threaten': (16, 25), 'mean': (4, 23), 'set': (2, 23),
        'attempt': (5, 21), 'keep': (3, 20), 'schedule': (2, 20), 'tell': (12, 20),
        'agree': (16, 19), 'leave': (2, 19), 'like': (13, 19), 'look': (11, 19),
        'manage': (2, 18), 'poise': (2, 17), 'choose': (4, 16), 'design': (5, 16),
        'propose': (11, 16), 'report': (12, 16), 'encourage': (9, 15), 'aim': (9, 14),
        'avoid': (1, 14), 'prove': (4, 13), 'stop': (2, 13), 'intend': (6, 12),
        'invite': (3, 12), 'support': (7, 12), 'vote': (8, 12), 'end': (2, 11),
        'persuade': (4, 11), 'push': (6, 11), 'show': (5, 11), 'scramble': (2, 10),
        'authorize': (1, 9), 'move': (2, 9), 'order': (6, 9), 'consider': (6, 8),
        'hire': (1, 8), 'figure': (2, 7), 'hope': (3, 7), 'include': (3, 7), 'see': (3, 7),
        'allow': (1, 6), 'claim': (6, 6), 'know': (4, 6), 'offer': (4, 6), 'prefer': (5, 6),
        'request': (2, 6), 'advise': (3, 5), 'favor': (1, 5), 'press': (2, 5),
        'suggest': (4, 5), 'argue': (3, 4), 'believe': (3, 4), 'chant': (4, 4),
        'describe': (2, 4), 'determine': (2, 4), 'do': (1, 4), 'pressure': (1, 4),
        'shout': (2, 4), 'write': (1, 4),
    },
    'object': {
        'have': (33, 664), 'tell': (20, 473), 'win': (1, 398), 'take': (15, 367),
        'make': (48, 330), 'call': (189, 305), 'give': (17, 194), 'hold': (12, 176),
        'get': (2, 155), 'support': (82, 155), 'face': (2, 139), 'include': (14, 137),
        'raise': (13, 136), 'offer': (56, 119), 'show': (58, 117), 'ask': (22, 116),
        'use': (6, 113), 'see': (52, 112), 'put': (4, 110), 'leave': (3, 109),
        'spend': (2, 103), 'find': (15, 97), 'draw': (9, 94), 'endorse': (68, 94),
        'provide': (12, 94), 'turn': (5, 82), 'lead': (2, 80), 'back': (37, 74),
        'cite': (56, 72), 'run': (6, 72), 'say': (42, 72), 'enter': (2, 71), 'pay': (2, 71),
        'represent': (7, 70), 'criticize': (58, 69), 'bring': (3, 68), 'follow': (5, 68),
        'keep': (4, 67), 'release': (28, 67), 'announce': (56, 66), 'play': (5, 65),
        'accuse': (49, 63), 'defend': (44, 63), 'send': (7, 63), 'describe': (41, 61),
        'express': (47, 60), 'seem': (18, 58), 'deliver': (16, 54), 'attack': (35, 53),
        'earn': (1, 53), 'seek': (22, 52), 'join': (1, 51), 'urge': (6, 51),
        'address': (20, 50), 'discuss': (34, 50), 'praise': (39, 48), 'set': (4, 47),
        'carry': (1, 46), 'cast': (10, 46), 'create': (2, 46), 'push': (8, 46),
        'tweet': (20, 46), 'write': (12, 44), 'launch': (5, 43), 'mention': (28, 43),
        'oppose': (32, 42), 'pick': (5, 42), 'change': (2, 41), 'pass': (12, 41),
        'end': (4, 40), 'need': (3, 40), 'hit': (5, 37), 'issue': (21, 37), 'name': (15, 37),
        'reject': (29, 37), 'share': (16, 37), 'watch': (5, 37), 'consider': (13, 36),
        'challenge': (12, 35), 'blame': (23, 34), 'prompt': (1, 34), 'require': (1, 34),
        'lay': (13, 33), 'start': (2, 33), 'add': (2, 32), 'post': (16, 32), 'reach': (6, 32),
        'buy': (3, 31), 'claim': (14, 31), 'denounce': (24, 31), 'question': (27, 31),
        'reflect': (4, 31), 'dismiss': (23, 30), 'hire': (4, 30), 'meet': (1, 30),
        'blast': (20, 29), 'embrace': (13, 29), 'highlight': (18, 29), 'accept': (12, 28),
        'beat': (1, 28), 'capture': (1, 28), 'cover': (4, 28), 'increase': (1, 28),
        'recall': (15, 28), 'declare': (16, 27), 'propose': (19, 27), 'read': (6, 27),
        'open': (1, 26), 'want': (18, 26), 'block': (6, 25), 'echo': (12, 25),
        'introduce': (10, 25), 'advise': (0, 24), 'encourage': (4, 24), 'nominate': (8, 24),
        'promote': (11, 24), 'report': (10, 24), 'sign': (8, 24), 'throw': (2, 24),
        'answer': (12, 23), 'break': (1, 23), 'choose': (4, 23), 'cut': (1, 23),
        'feature': (2, 23), 'file': (7, 23), 'maintain': (1, 23), 'mock': (19, 23),
        'produce': (1, 23), 'sell': (1, 23), 'shift': (2, 23), 'slam': (20, 23),
        'avoid': (2, 22), 'ban': (3, 22), 'tout': (17, 22), 'appear': (8, 21),
        'deny': (11, 21), 'drive': (1, 21), 'note': (18, 21), 'present': (6, 21),
        'promise': (6, 21), 'pursue': (4, 21), 'rally': (1, 21), 'remind': (8, 21),
        'target': (4, 21), 'favor': (9, 20), 'know': (6, 20), 'publish': (7, 20),
        'reduce': (1, 20), 'return': (2, 20), 'reveal': (11, 20), 'serve': (1, 20),
        'strike': (2, 20), 'underscore': (6, 20), 'celebrate': (3, 19), 'compare': (9, 19),
        'condemn': (13, 19), 'generate': (1, 19), 'mark': (2, 19), 'continue': (1, 18),
        'enjoy': (5, 18), 'explain': (13, 18), 'portray': (12, 18), 'prevent': (1, 18),
        'replace': (1, 18), 'suspend': (2, 18), 'acknowledge': (12, 17), 'award': (2, 17),
        'elect': (1, 17), 'fight': (1, 17), 'hand': (1, 17), 'limit': (2, 17),
        'place': (3, 17), 'pull': (1, 17), 'repeat': (11, 17), 'identify': (7, 16),
        'incite': (1, 16), 'interview': (1, 16), 'list': (10, 16), 'press': (2, 16),
        'tie': (3, 16), 'adopt': (2, 15), 'confirm': (9, 15), 'demonstrate': (2, 15),
        'emphasize': (10, 15), 'hear': (3, 15), 'ignore': (7, 15), 'order': (4, 15),
        'speak': (2, 15), 'thank': (10, 15), 'assure': (0, 14), 'confront': (2, 14),
        'expose': (7, 14), 'involve': (1, 14), 'persuade': (2, 14), 'pledge': (6, 14),
        'understand': (5, 14), 'charge': (7, 13), 'deem': (9, 13), 'invoke': (6, 13),
        'miss': (1, 13), 'point': (6, 13), 'quote': (7, 13), 'reference': (10, 13),
        'reverse': (3, 13), 'roll': (2, 13), 'suggest': (6, 13), 'voice': (7, 13),
        'welcome': (5, 13), 'boost': (1, 12), 'eliminate': (1, 12), 'email': (8, 12),
        'feel': (5, 12), 'investigate': (1, 12), 'prefer': (11, 12), 'reiterate': (7, 12),
        'signal': (5, 12), 'step': (1, 12), 'convince': (2, 11), 'decry': (8, 11),
        'demand': (5, 11), 'detail': (6, 11), 'disclose': (7, 11), 'drop': (1, 11),
        'recognize': (7, 11), 'contrast': (4, 10), 'determine': (1, 10), 'establish': (3, 10),
        'fire': (3, 10), 'like': (4, 10), 'monitor': (2, 10), 'mount': (2, 10),
        'request': (3, 10), 'spread': (2, 10), 'stress': (8, 10), 'sue': (4, 10),
        'title': (5, 10), 'track': (1, 10), 'trade': (3, 10), 'unveil': (3, 10),
        'view': (4, 10), 'walk': (3, 10), 'air': (2, 9), 'applaud': (8, 9), 'appoint': (4, 9),
        'bear': (2, 9), 'complete': (1, 9), 'contain': (1, 9), 'define': (1, 9),
        'expect': (5, 9), 'experience': (3, 9), 'knock': (3, 9), 'lift': (1, 9),
        'predict': (5, 9), 'project': (5, 9), 'renew': (2, 9), 'unleash': (1, 9),
        'advocate': (2, 8), 'argue': (3, 8), 'champion': (3, 8), 'decide': (2, 8),
        'devote': (4, 8), 'display': (4, 8), 'frame': (3, 8), 'grant': (2, 8),
        'lament': (5, 8), 'outline': (7, 8), 'paint': (4, 8), 'select': (1, 8),
        'spark': (1, 8), 'vote': (2, 8), 'credit': (7, 7), 'debate': (1, 7), 'examine': (1, 7),
        'exploit': (3, 7), 'fear': (3, 7), 'hammer': (3, 7), 'pose': (1, 7), 'rebut': (5, 7),
        'recount': (6, 7), 'resist': (3, 7), 'restrict': (6, 7), 'state': (5, 7),
        'threaten': (2, 7), 'warn': (0, 7), 'withhold': (3, 7), 'admit': (2, 6),
        'allow': (1, 6), 'anger': (1, 6), 'approve': (3, 6), 'bar': (1, 6), 'believe': (3, 6),
        'chant': (5, 6), 'congratulate': (6, 6), 'connect': (1, 6), 'disavow': (6, 6),
        'downplay': (3, 6), 'draft': (1, 6), 'explore': (3, 6), 'hail': (5, 6),
        'impose': (1, 6), 'negotiate': (2, 6), 'prohibit': (2, 6), 'protest': (2, 6),
        'rebuff': (2, 6), 'recite': (4, 6), 'recommend': (4, 6), 'register': (1, 6),
        'remove': (1, 6), 'sound': (2, 6), 'sponsor': (2, 6), 'talk': (4, 6), 'agree': (1, 5),
        'articulate': (2, 5), 'assume': (0, 5), 'authorize': (3, 5), 'broadcast': (3, 5),
        'brush': (4, 5), 'cheer': (1, 5), 'chide': (4, 5), 'coin': (2, 5), 'compile': (1, 5),
        'craft': (2, 5), 'distribute': (1, 5), 'escalate': (1, 5), 'implement': (1, 5),
        'indicate': (2, 5), 'label': (5, 5), 'link': (1, 5), 'rank': (2, 5), 'rebuke': (4, 5),
        'remember': (4, 5), 'retweete': (4, 5), 'review': (1, 5), 'revisit': (2, 5),
        'rip': (4, 5), 'shrug': (3, 5), 'single': (3, 5), 'slap': (1, 5), 'spearhead': (1, 5),
        'spot': (2, 5), 'wag': (1, 5), 'worry': (2, 5), 'aim': (0, 4), 'allege': (2, 4),
        'amplify': (1, 4), 'append': (2, 4), 'assert': (2, 4), 'attribute': (3, 4),
        'bash': (3, 4), 'bemoan': (4, 4), 'boast': (0, 4), 'care': (2, 4), 'circulate': (2, 4),
        'concede': (2, 4), 'contemplate': (3, 4), 'contradict': (2, 4), 'correct': (1, 4),
        'counter': (2, 4), 'crown': (1, 4), 'decline': (3, 4), 'defy': (1, 4),
        'dislike': (1, 4), 'dispute': (3, 4), 'dub': (3, 4), 'illustrate': (2, 4),
        'insult': (3, 4), 'justify': (3, 4), 'legalize': (1, 4), 'love': (3, 4),
        'mind': (1, 4), 'moderate': (1, 4), 'poll': (1, 4), 'rattle': (1, 4), 'refer': (1, 4),
        'refuse': (3, 4), 'reinstate': (1, 4), 'repudiate': (2, 4), 'revise': (1, 4),
        'rule': (2, 4), 'rush': (1, 4), 'shut': (1, 4), 'solicit': (1, 4), 'withdraw': (4, 4),
        'witness': (3, 4),
    },
    'noun that': {
        'fact': (2, 34), 'claim': (9, 14), 'idea': (5, 12), 'suggestion': (11, 11),
        'case': (5, 10), 'complaint': (8, 8), 'statement': (8, 8), 'assertion': (7, 7),
        'concern': (6, 7), 'notion': (4, 7), 'sign': (2, 7), 'belief': (5, 6),
        'evidence': (2, 6), 'hope': (5, 6), 'reminder': (1, 6), 'accusation': (2, 5),
        'confidence': (4, 5), 'doubt': (4, 5), 'news': (1, 5), 'allegation': (1, 4),
        'assumption': (2, 4),
    },
    'prep:about': {
        'talk': (61, 83), 'ask': (28, 50), 'speak': (29, 33), 'say': (10, 27), 'be': (5, 15),
        'care': (6, 11), 'worry': (6, 10), 'think': (8, 9), 'write': (5, 8),
        'interview': (1, 7), 'complain': (4, 6), 'boast': (3, 5), 'brag': (4, 5),
        'know': (3, 5), 'open': (4, 5), 'question': (1, 5), 'press': (3, 4), 'tell': (1, 4),
    },
    'prep:after': {
        'go': (3, 16), 'say': (0, 11), 'tell': (1, 5), 'ask': (0, 4),
    },
    'prep:against': {
        'vote': (6, 12), 'rail': (8, 11), 'go': (1, 9), 'campaign': (4, 7), 'warn': (5, 6),
        'come': (4, 5), 'turn': (2, 5), 'be': (3, 4), 'make': (2, 4), 'push': (2, 4),
        'speak': (2, 4),
    },
    'prep:among': {
        'be': (1, 46),
    },
    'prep:around': {
        'build': (1, 6),
    },
    'prep:as': {
        'see': (31, 64), 'serve': (1, 62), 'know': (18, 45), 'describe': (28, 39),
        'cast': (11, 23), 'identify': (7, 17), 'use': (1, 16), 'cite': (10, 15),
        'portray': (12, 15), 'refer': (6, 15), 'view': (9, 15), 'take': (1, 11),
        'present': (3, 10), 'dismiss': (7, 9), 'list': (4, 8), 'mention': (4, 7),
        'regard': (5, 7), 'paint': (3, 6), 'point': (4, 6), 'quote': (4, 6),
        'characterize': (3, 5), 'criticize': (4, 5), 'defend': (3, 5), 'hire': (2, 5),
        'name': (3, 5), 'attack': (2, 4), 'frame': (4, 4), 'have': (1, 4), 'praise': (3, 4),
        'treat': (1, 4),
    },
    'prep:at': {
        'say': (1, 63), 'take': (13, 37), 'speak': (1, 30), 'look': (2, 26), 'aim': (7, 23),
        'tell': (1, 14), 'hint': (5, 8), 'have': (2, 7), 'show': (1, 7), 'direct': (1, 6),
        'fire': (1, 6), 'lash': (4, 6), 'write': (0, 6), 'balk': (5, 5), 'land': (1, 5),
        'remain': (1, 5), 'vote': (1, 5), 'call': (1, 4), 'point': (2, 4), 'talk': (2, 4),
    },
    'prep:before': {
        'say': (2, 11), 'tell': (1, 6), 'speak': (1, 5), 'testify': (0, 4),
    },
    'prep:behind': {
        'throw': (4, 5),
    },
    'prep:by': {
        'win': (2, 25), 'be': (1, 21), 'respond': (9, 17), 'mention': (0, 9), 'say': (0, 7),
        'stand': (3, 7), 'begin': (2, 6), 'follow': (1, 6), 'go': (1, 4), 'report': (0, 4),
        'show': (1, 4),
    },
    'prep:during': {
        'say': (1, 27), 'ask': (0, 6), 'tell': (1, 4),
    },
    'prep:following': {
        'call': (1, 4),
    },
    'prep:for': {
        'be': (3, 82), 'call': (48, 74), 'vote': (29, 64), 'criticize': (25, 33),
        'know': (14, 26), 'look': (8, 24), 'blame': (13, 21), 'prepare': (2, 18),
        'push': (11, 17), 'go': (2, 15), 'make': (1, 15), 'ask': (10, 14), 'say': (3, 12),
        'advocate': (6, 10), 'apologize': (6, 10), 'cast': (3, 10), 'come': (1, 10),
        'praise': (9, 10), 'speak': (1, 10), 'take': (3, 10), 'blast': (7, 9), 'thank': (5, 9),
        'attack': (6, 8), 'campaign': (6, 8), 'hit': (4, 8), 'need': (1, 8),
        'nominate': (2, 8), 'brace': (1, 7), 'give': (1, 7), 'hop': (6, 7), 'mean': (1, 7),
        'slam': (5, 6), 'stump': (1, 6), 'support': (1, 6), 'vie': (1, 6), 'vouch': (6, 6),
        'argue': (3, 5), 'fall': (1, 5), 'fundraise': (1, 5), 'see': (1, 5), 'chide': (3, 4),
        'declare': (1, 4), 'endorse': (0, 4), 'face': (1, 4), 'investigate': (1, 4),
        'plan': (0, 4), 'press': (2, 4),
    },
    'prep:from': {
        'prevent': (1, 13), 'distance': (6, 10), 'report': (0, 10), 'speak': (0, 8),
        'bar': (1, 6), 'say': (1, 5), 'learn': (0, 4), 'prohibit': (2, 4), 'refrain': (1, 4),
        'resign': (1, 4), 'seek': (2, 4),
    },
    'prep:in': {
        'be': (4, 279), 'say': (10, 265), 'write': (2, 62), 'tell': (2, 54), 'take': (4, 50),
        'do': (1, 43), 'make': (3, 41), 'vote': (3, 37), 'hold': (1, 30), 'speak': (2, 29),
        'find': (1, 26), 'put': (1, 25), 'show': (3, 25), 'go': (1, 22), 'remain': (1, 22),
        'get': (1, 21), 'join': (2, 20), 'engage': (3, 18), 'stand': (1, 18),
        'endorse': (1, 17), 'lead': (1, 17), 'stay': (1, 17), 'follow': (1, 13),
        'report': (0, 13), 'see': (2, 13), 'shoot': (1, 13), 'call': (1, 12), 'back': (2, 11),
        'describe': (2, 11), 'declare': (0, 9), 'push': (0, 9), 'issue': (1, 8),
        'cite': (0, 7), 'offer': (1, 7), 'release': (1, 7), 'argue': (2, 6), 'ask': (0, 6),
        'believe': (4, 6), 'lay': (1, 6), 'note': (0, 6), 'announce': (1, 5), 'hire': (1, 5),
        'mention': (0, 5), 'point': (0, 5), 'suggest': (1, 5), 'advise': (0, 4),
        'charge': (0, 4), 'consider': (0, 4), 'decline': (1, 4), 'expect': (1, 4),
        'explain': (1, 4), 'invoke': (1, 4), 'list': (1, 4), 'oppose': (1, 4), 'seek': (2, 4),
    },
    'prep:into': {
        'call': (0, 6), 'look': (1, 5),
    },
    'prep:like': {
        'seem': (8, 14), 'look': (4, 12),
    },
    'prep:of': {
        'accuse': (55, 73), 'say': (4, 64), 'be': (1, 16), 'speak': (9, 15), 'think': (3, 8),
        'assure': (4, 7), 'boast': (4, 6), 'warn': (6, 6), 'convict': (1, 4), 'talk': (3, 4),
    },
    'prep:on': {
        'be': (4, 112), 'focus': (38, 92), 'say': (1, 91), 'speak': (0, 46), 'call': (8, 42),
        'put': (5, 39), 'go': (1, 29), 'write': (2, 28), 'tell': (0, 27), 'rely': (2, 26),
        'hold': (3, 22), 'post': (1, 19), 'comment': (11, 17), 'announce': (0, 16),
        'take': (2, 16), 'seize': (2, 15), 'turn': (1, 15), 'report': (0, 14),
        'campaign': (1, 13), 'run': (1, 13), 'agree': (5, 10), 'reflect': (2, 10),
        'count': (2, 9), 'advise': (2, 8), 'brief': (1, 8), 'cast': (3, 8), 'hit': (3, 8),
        'weigh': (4, 8), 'double': (5, 7), 'see': (0, 7), 'show': (0, 7), 'talk': (0, 7),
        'tweet': (0, 7), 'blame': (2, 6), 'center': (2, 6), 'criticize': (1, 6),
        'defend': (0, 5), 'include': (1, 5), 'insist': (1, 5), 'push': (4, 5), 'split': (3, 5),
        'stand': (2, 5), 'touch': (4, 5), 'zero': (1, 5), 'ask': (0, 4), 'bank': (2, 4),
        'cheer': (1, 4), 'continue': (2, 4), 'debate': (1, 4), 'dwell': (1, 4),
        'remain': (1, 4), 'state': (0, 4),
    },
    'prep:over': {
        'be': (1, 7), 'challenge': (1, 5), 'come': (1, 5), 'clash': (1, 4), 'hang': (1, 4),
        'spend': (1, 4),
    },
    'prep:since': {
        'see': (0, 7),
    },
    'prep:to': {
        'accord': (3, 418), 'respond': (31, 78), 'refer': (34, 73), 'come': (1, 64),
        'point': (24, 53), 'speak': (1, 43), 'return': (2, 37), 'turn': (9, 35),
        'add': (1, 32), 'make': (3, 28), 'be': (1, 27), 'take': (1, 27), 'say': (4, 24),
        'compare': (6, 22), 'look': (9, 21), 'bring': (1, 20), 'tie': (2, 20),
        'write': (0, 17), 'draw': (3, 16), 'give': (1, 16), 'devote': (4, 14), 'link': (2, 14),
        'appeal': (1, 13), 'shift': (3, 13), 'stick': (3, 13), 'talk': (1, 13),
        'relate': (1, 12), 'attribute': (1, 11), 'elect': (2, 10), 'react': (1, 10),
        'pivot': (3, 9), 'raise': (1, 9), 'pay': (2, 8), 'agree': (2, 7), 'dedicate': (1, 7),
        'know': (0, 7), 'sentence': (1, 7), 'switch': (1, 7), 'assign': (1, 6), 'call': (1, 6),
        'deliver': (1, 6), 'elevate': (1, 6), 'liken': (5, 6), 'challenge': (1, 5),
        'commit': (2, 5), 'offer': (1, 5), 'push': (0, 5), 'report': (0, 5), 'throw': (2, 5),
        'apologize': (0, 4), 'appoint': (2, 4), 'attract': (1, 4), 'decline': (1, 4),
        'explain': (0, 4), 'pander': (1, 4), 'pledge': (2, 4), 'post': (0, 4), 'see': (0, 4),
    },
    'prep:with': {
        'be': (1, 46), 'come': (3, 24), 'speak': (2, 20), 'charge': (9, 19), 'show': (11, 19),
        'take': (5, 19), 'say': (1, 18), 'start': (2, 17), 'lead': (1, 15), 'go': (1, 14),
        'have': (1, 13), 'agree': (8, 12), 'begin': (3, 10), 'end': (1, 10),
        'respond': (4, 10), 'align': (3, 9), 'side': (5, 9), 'grapple': (2, 8),
        'contrast': (2, 7), 'find': (4, 7), 'identify': (3, 7), 'provide': (2, 7),
        'call': (4, 5), 'disagree': (4, 4), 'discuss': (0, 4), 'greet': (1, 4), 'push': (0, 4),
        'set': (1, 4), 'use': (2, 4),
    },
}


def cues(frame: str, *, min_precision: float = MIN_PRECISION,
         min_count: int = MIN_COUNT) -> frozenset[str]:
    """Lemmas whose train counts make them cues in ``frame``."""
    return frozenset(lemma for lemma, (m, n) in TRAIN_COUNTS.get(frame, {}).items()
                     if n >= min_count and m / n >= min_precision)


def counted(frame: str, *, min_count: int = MIN_COUNT) -> frozenset[str]:
    """Lemmas with enough train occurrences in ``frame`` for the counts to decide,
    whether they made the cut or not."""
    return frozenset(lemma for lemma, (_m, n) in TRAIN_COUNTS.get(frame, {}).items()
                     if n >= min_count)
